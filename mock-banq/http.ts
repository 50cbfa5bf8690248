/**
 * How the mock's JSON endpoints (the API and the hosted page's "complete") read a request body
 * and refuse one: a size-capped JSON read, and banq's error envelope (`{error: {code, message}}`).
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { ApiError, ApiErrorCode } from '../server/src/banq-contract.js';

const MAX_BODY_CHARS = 64 * 1024;

type JsonBody = { ok: true; value: unknown } | { ok: false; message: string };

async function readJson(c: Context): Promise<JsonBody> {
  const text = await c.req.text();
  if (text.length > MAX_BODY_CHARS) return { ok: false, message: 'The body is too large.' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, message: 'The body is not valid JSON.' };
  }
}

export function apiError(
  // Only json(): a middleware's context (its input typed any) is as welcome as a route's.
  c: Pick<Context, 'json'>,
  status: ContentfulStatusCode,
  code: ApiErrorCode,
  message: string,
  details?: { path: string; message: string }[],
) {
  const body: ApiError = { error: { code, message, ...(details ? { details } : {}) } };
  return c.json(body, status);
}

function validationError(c: Context, what: string, error: z.ZodError) {
  const details = error.issues.map((issue) => ({
    path: issue.path.join('.'),
    message: issue.message,
  }));
  const summary = details.map((d) => `${d.path || '(body)'}: ${d.message}`).join('; ');
  return apiError(c, 422, 'validation_error', `Invalid ${what}: ${summary}`, details);
}

/**
 * A JSON body that `schema` accepts, or the answer refusing it: 400 `invalid_json`, or 422
 * `validation_error` naming `what` the body should have been.
 */
export async function parseBody<T>(
  c: Context,
  schema: z.ZodType<T>,
  what: string,
): Promise<{ ok: true; value: T } | { ok: false; answer: Response }> {
  const body = await readJson(c);
  if (!body.ok) return { ok: false, answer: apiError(c, 400, 'invalid_json', body.message) };
  const parsed = schema.safeParse(body.value);
  if (!parsed.success) return { ok: false, answer: validationError(c, what, parsed.error) };
  return { ok: true, value: parsed.data };
}
