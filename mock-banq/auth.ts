/**
 * banq's Auth0 tenant: `POST /oauth/token`, the guide's password grant, which checks the
 * credentials the mock was made with and issues opaque Bearer tokens (kept in the state).
 */
import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import {
  TOKEN_GRANT_TYPE,
  TOKEN_PATH,
  type TokenErrorCode,
  type TokenErrorResponse,
  type TokenRequest,
  type TokenResponse,
} from '../server/src/banq-contract.js';
import type { MockBanqState } from './state.js';
import { MOCK_STEP } from './steps.js';

/** Every field the grant needs, each a non-empty string. */
const REQUIRED_FIELDS = [
  'grant_type',
  'client_id',
  'username',
  'password',
  'audience',
] as const satisfies readonly (keyof TokenRequest)[];

type Refusal = { status: 400 | 401; error: TokenErrorCode; description: string };

const refusal = (status: 400 | 401, error: TokenErrorCode, description: string): Refusal => ({
  status,
  error,
  description,
});

/** The request's fields, as JSON or (as Auth0 also takes them) form-encoded. */
async function readGrant(
  c: Context,
): Promise<{ fields: Record<string, unknown> } | { refused: Refusal }> {
  const text = await c.req.text();
  let body: unknown;
  if (/^application\/x-www-form-urlencoded/i.test(c.req.header('content-type') ?? '')) {
    body = Object.fromEntries(new URLSearchParams(text));
  } else {
    try {
      body = JSON.parse(text);
    } catch {
      return { refused: refusal(400, 'invalid_request', 'The request body is not valid JSON.') };
    }
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { refused: refusal(400, 'invalid_request', 'The request body must be a JSON object.') };
  }
  return { fields: body as Record<string, unknown> };
}

/** Why banq refuses these fields (the first reason found); undefined when it grants them. */
function refusalOf(fields: Record<string, unknown>, state: MockBanqState): Refusal | undefined {
  const { options } = state;
  for (const name of REQUIRED_FIELDS) {
    if (typeof fields[name] !== 'string' || fields[name] === '') {
      return refusal(400, 'invalid_request', `Missing required parameter: ${name}`);
    }
  }
  if (fields.grant_type !== TOKEN_GRANT_TYPE) {
    return refusal(
      401,
      'unsupported_grant_type',
      `Grant type '${String(fields.grant_type)}' not allowed for the client.`,
    );
  }
  if (fields.client_id !== options.clientId) return refusal(401, 'access_denied', 'Unauthorized');
  if (fields.audience !== options.audience) {
    return refusal(401, 'access_denied', `Service not found: ${String(fields.audience)}`);
  }
  if (fields.username !== options.username || fields.password !== options.password) {
    return refusal(401, 'invalid_grant', 'Wrong email or password.');
  }
  return undefined;
}

/** A fresh token, valid for the configured TTL; expired ones are forgotten first. */
function issueToken(state: MockBanqState, ttlSeconds: number): TokenResponse {
  const now = Date.now();
  for (const [token, expires] of state.tokens) if (expires <= now) state.tokens.delete(token);
  const token = randomBytes(32).toString('base64url');
  state.tokens.set(token, now + ttlSeconds * 1000);
  state.tokensIssued++;
  state.log(MOCK_STEP.tokenIssued, { expiresIn: ttlSeconds });
  return { access_token: token, token_type: 'Bearer', expires_in: ttlSeconds };
}

export function authRoutes(state: MockBanqState): Hono {
  const ttlSeconds = state.options.tokenTtlSeconds ?? 3600;
  const app = new Hono();
  app.post(TOKEN_PATH, async (c) => {
    const grant = await readGrant(c);
    const refused = 'refused' in grant ? grant.refused : refusalOf(grant.fields, state);
    if (refused) {
      const { status, error, description } = refused;
      state.log(MOCK_STEP.tokenRefused, { error, description });
      const body: TokenErrorResponse = { error, error_description: description };
      return c.json(body, status);
    }
    return c.json(issueToken(state, ttlSeconds), 200, { 'cache-control': 'no-store' });
  });
  return app;
}
