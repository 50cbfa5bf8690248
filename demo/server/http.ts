/** Small pieces every step's route shares: reading a JSON body within a limit, and error answers. */

/** What each step reports, for the demo's live server log (and any logger in production). */
export type StepLog = (step: string, detail?: Record<string, unknown>) => void;

/** Every error answer has this shape: a stable `code` for programs, a `message` for people. */
export const errorBody = (code: string, message: string) => ({ error: { code, message } });

type JsonBody =
  { ok: true; value: unknown } | { ok: false; status: 400 | 413; code: string; message: string };

/**
 * Reads the request body as a stream, stopping at `limit` bytes, and parses it as JSON.
 * The guide sends webhooks "as a stream": this is where the stream becomes JSON.
 */
export async function readJson(request: Request, limit: number): Promise<JsonBody> {
  // Web-standard streams and TextDecoder only: the backend runs wherever Hono does.
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        return {
          ok: false,
          status: 413,
          code: 'too_large',
          message: `the body must be at most ${limit} bytes`,
        };
      }
      text += decoder.decode(value, { stream: true });
    }
  }
  text += decoder.decode();
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return {
      ok: false,
      status: 400,
      code: 'invalid_json',
      message: 'the body is not well-formed JSON',
    };
  }
}
