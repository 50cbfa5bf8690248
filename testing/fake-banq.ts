/**
 * A scriptable stand-in for banq on loopback, for the backend's tests: it counts
 * what it is asked, and fails on cue. (The demo's mock banq is the friendly one;
 * this one is for faults.)
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { DEFAULT_AUDIENCE, type BanqSettings } from '../server/src/config.js';

export interface FakePayment {
  id: string;
  status: string;
  funds: number;
  externalOrderCode: string;
  comment?: string;
}

/** What the fake banq counts and what the tests script, all in one object the tests read. */
function newFakeState() {
  return {
    tokenRequests: 0,
    /** Tokens banq accepts; `revokeTokens()` empties it, as banq expiring them early would. */
    liveTokens: new Set<string>(),
    expiresIn: 3600,
    tokenDelayMs: 0,
    rejectCredentials: false,
    /** Answers for the next API calls, in order, before the normal ones. */
    scriptedApiStatuses: [] as number[],
    linkRequests: [] as { body: Record<string, unknown>; authorization?: string }[],
    paymentLookups: 0,
    payments: new Map<string, FakePayment>(),
    /** Answer GET /payments/:id bare instead of wrapped in `data`. */
    barePayments: false,
    webhookConfigs: [] as { accountSpaceId: string; body: Record<string, unknown> }[],
  };
}

type FakeState = ReturnType<typeof newFakeState>;

/** Auth0's token endpoint: the password grant, with the credentials fakeBanqSettings gives. */
function tokenRoute(app: Hono, state: FakeState, nextId: () => number) {
  app.post('/oauth/token', async (c) => {
    state.tokenRequests++;
    const body = await c.req.json();
    if (state.tokenDelayMs) await new Promise((resolve) => setTimeout(resolve, state.tokenDelayMs));
    if (state.rejectCredentials || body.grant_type !== 'password' || body.password !== 'secret')
      return c.json({ error: 'invalid_grant', error_description: 'Wrong email or password.' }, 403);
    const token = `tok-${nextId()}`;
    state.liveTokens.add(token);
    return c.json({ access_token: token, token_type: 'Bearer', expires_in: state.expiresIn });
  });
}

/** banq's API under `/api/v1`, behind the token check and the scripted failures. */
function apiRoutes(app: Hono, state: FakeState, nextId: () => number) {
  app.use('/api/v1/*', async (c, next) => {
    const scripted = state.scriptedApiStatuses.shift();
    if (scripted)
      return c.json({ error: { code: 'scripted', message: 'scripted failure' } }, scripted as 500);
    const token = c.req.header('authorization')?.replace(/^Bearer /, '');
    if (!token || !state.liveTokens.has(token))
      return c.json({ error: { code: 'unauthorized' } }, 401);
    return next();
  });
  app.post('/api/v1/payments/get-paid-link', async (c) => {
    const body = await c.req.json();
    state.linkRequests.push({ body, authorization: c.req.header('authorization') });
    const id = `pay-${nextId()}`;
    state.payments.set(id, {
      id,
      status: 'pending',
      funds: body.funds,
      externalOrderCode: body.externalOrderCode,
      comment: body.comment,
    });
    return c.json({ data: { id, url: `https://banq.test/pay/${id}` } });
  });
  app.get('/api/v1/payments/:id', (c) => {
    state.paymentLookups++;
    const payment = state.payments.get(c.req.param('id'));
    if (!payment) return c.json({ error: { code: 'not_found' } }, 404);
    return c.json(state.barePayments ? payment : { data: payment });
  });
  app.get('/api/v1/users/me', (c) =>
    c.json({
      data: {
        id: 'user-1',
        accountSpaces: [{ id: 'space-1' }],
        banqAccounts: [{ guid: 'guid-1', accountSpaceId: 'space-1' }],
      },
    }),
  );
  app.post('/api/v1/account-spaces/:id/webhook-config', async (c) => {
    state.webhookConfigs.push({ accountSpaceId: c.req.param('id'), body: await c.req.json() });
    return c.json({ data: { ok: true } });
  });
}

export async function startFakeBanq() {
  const state = newFakeState();
  let counter = 0;
  const nextId = () => ++counter;
  const app = new Hono();
  tokenRoute(app, state, nextId);
  apiRoutes(app, state, nextId);

  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    state,
    authUrl: `${url}/oauth/token`,
    apiUrl: `${url}/api/v1`,
    /** Marks a payment completed on banq's side, as the shopper paying would. */
    complete(paymentId: string) {
      const payment = state.payments.get(paymentId);
      if (!payment) throw new Error(`no payment ${paymentId}`);
      payment.status = 'completed';
    },
    revokeTokens() {
      state.liveTokens.clear();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FakeBanq = Awaited<ReturnType<typeof startFakeBanq>>;

/** The backend's settings for a fake banq at these URLs: the credentials it accepts. */
export function fakeBanqSettings({
  authUrl,
  apiUrl,
}: {
  authUrl: string;
  apiUrl: string;
}): BanqSettings {
  return {
    authUrl,
    apiUrl,
    clientId: 'client-1',
    username: 'merchant@example.com',
    password: 'secret',
    audience: DEFAULT_AUDIENCE,
    merchantGuid: 'guid-1',
    widgetUrl: 'https://banq.test/widget/ecommerce.js',
  };
}

/** The production entry's BANQ_* variables for the fake banq (its URLs and credentials). */
export function fakeBanqEnv(fake: { authUrl: string; apiUrl: string }): Record<string, string> {
  const banq = fakeBanqSettings(fake);
  return {
    BANQ_AUTH_URL: banq.authUrl,
    BANQ_API_URL: banq.apiUrl,
    BANQ_CLIENT_ID: banq.clientId,
    BANQ_USERNAME: banq.username,
    BANQ_PASSWORD: banq.password,
    BANQ_MERCHANT_GUID: banq.merchantGuid ?? '',
    BANQ_WIDGET_URL: banq.widgetUrl,
  };
}
