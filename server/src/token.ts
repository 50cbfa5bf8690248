/**
 * Step 1a of the guide: an access token from banq's Auth0 tenant (password grant).
 * One token serves every request until shortly before it expires; requests that
 * arrive while one is being fetched wait for that one; a token banq refused (401)
 * is dropped so the next request fetches a fresh one.
 */
import {
  TOKEN_GRANT_TYPE,
  type TokenErrorResponse,
  type TokenRequest,
  type TokenResponse,
} from './banq-contract.js';
import type { BanqSettings } from './config.js';

/** Renew this long before `expires_in` runs out, so a token never expires mid-request. */
const RENEW_MARGIN_MS = 60_000;
const REQUEST_TIMEOUT_MS = 10_000;

export class TokenError extends Error {
  override name = 'TokenError';
}

interface CachedToken {
  value: string;
  expiresAt: number;
}

export class TokenSource {
  /** How many token requests went to Auth0: the benchmark's and tests' measure of caching. */
  requests = 0;
  #cached?: CachedToken;
  #inFlight?: Promise<string>;

  constructor(
    private readonly settings: Pick<
      BanqSettings,
      'authUrl' | 'clientId' | 'username' | 'password' | 'audience'
    >,
    private readonly now: () => number = Date.now,
  ) {}

  /** A token valid for at least the renewal margin. */
  get(): Promise<string> {
    const cached = this.#cached;
    if (cached && cached.expiresAt - RENEW_MARGIN_MS > this.now())
      return Promise.resolve(cached.value);
    return (this.#inFlight ??= this.#fetch().finally(() => (this.#inFlight = undefined)));
  }

  /** Forgets `token` after banq refused it, unless a newer one has replaced it already. */
  invalidate(token: string): void {
    if (this.#cached?.value === token) this.#cached = undefined;
  }

  async #fetch(): Promise<string> {
    const { authUrl, clientId, username, password, audience } = this.settings;
    this.requests++;
    let response: Response;
    try {
      response = await fetch(authUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          client_id: clientId,
          username,
          password,
          audience,
          grant_type: TOKEN_GRANT_TYPE,
        } satisfies TokenRequest),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (cause) {
      throw new TokenError(
        `could not reach banq's token endpoint ${authUrl}: ${(cause as Error).message}`,
        { cause },
      );
    }
    // The contract's field names, each value unchecked: banq's answer is not trusted.
    const body = (await response.json().catch(() => undefined)) as
      Partial<Record<keyof TokenResponse | keyof TokenErrorResponse, unknown>> | undefined;
    if (!response.ok)
      throw new TokenError(
        `banq's token endpoint answered ${response.status}` +
          (body?.error_description || body?.error
            ? `: ${String(body.error_description ?? body.error)}`
            : '') +
          ' (check BANQ_CLIENT_ID, BANQ_USERNAME, BANQ_PASSWORD and BANQ_AUDIENCE)',
      );
    const { access_token: value, expires_in: expiresIn } = body ?? {};
    if (typeof value !== 'string' || !value || typeof expiresIn !== 'number')
      throw new TokenError("banq's token endpoint answered without access_token and expires_in");
    this.#cached = { value, expiresAt: this.now() + expiresIn * 1000 };
    return value;
  }
}
