/**
 * Calls to banq's Open API with the cached token. A 401 means the token went stale
 * on banq's side: it is dropped, a fresh one fetched, and the call tried once more.
 */
import type { ApiError as ApiErrorBody } from './banq-contract.js';
import type { TokenSource } from './token.js';

const REQUEST_TIMEOUT_MS = 10_000;

/**
 * A call to banq that failed: `status` is banq's answer, 0 when banq could not be reached;
 * `reason` is banq's own message (with its details), for a refusal the caller can fix.
 */
export class BanqApiError extends Error {
  override name = 'BanqApiError';
  readonly reason: string;
  constructor(
    readonly status: number,
    message: string,
    options?: ErrorOptions & { reason?: string },
  ) {
    super(message, options);
    this.reason = options?.reason ?? message;
  }
}

/** banq's reason from its error envelope (`{error: {message, details}}`), or the text's start. */
function reasonOf(text: string): string {
  try {
    const { error } = JSON.parse(text) as ApiErrorBody;
    const details = (error.details ?? []).map((d) => `${d.path} ${d.message}`).join('; ');
    if (typeof error.message === 'string')
      return details ? `${error.message} (${details})` : error.message;
  } catch {
    // Not banq's envelope: its first characters say what they can.
  }
  return text.slice(0, 300);
}

export interface BanqApi {
  request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T>;
}

export function createBanqApi(apiUrl: string, tokens: TokenSource): BanqApi {
  async function attempt(method: string, path: string, body: unknown, token: string) {
    try {
      return await fetch(`${apiUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (cause) {
      throw new BanqApiError(
        0,
        `could not reach banq (${method} ${path}): ${(cause as Error).message}`,
        {
          cause,
        },
      );
    }
  }

  return {
    async request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
      let token = await tokens.get();
      let response = await attempt(method, path, body, token);
      if (response.status === 401) {
        tokens.invalidate(token);
        token = await tokens.get();
        response = await attempt(method, path, body, token);
      }
      const text = await response.text();
      if (!response.ok)
        throw new BanqApiError(
          response.status,
          `banq answered ${response.status} to ${method} ${path}: ${text.slice(0, 300)}`,
          { reason: reasonOf(text) },
        );
      try {
        return JSON.parse(text) as T;
      } catch (cause) {
        throw new BanqApiError(
          response.status,
          `banq answered ${method} ${path} with invalid JSON`,
          { cause },
        );
      }
    },
  };
}
