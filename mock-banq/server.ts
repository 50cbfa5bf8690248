/**
 * A faithful mock of banq for the demo and the tests: its Auth0 token endpoint, the Open API
 * calls of the "Dynamic Integration" guide, the widget script, the hosted payment page the
 * payment link opens, and webhook delivery with retries. A Hono sub-app, mounted by the
 * server with `app.route('/mock-banq', createMockBanq(options))`; every route below is
 * relative to that mount point.
 *
 * banq's (as the guide describes it, shapes beyond it in ../server/src/banq-contract.ts):
 *   POST /oauth/token                              Auth0 password grant → {access_token, token_type, expires_in}
 *   GET  /api/v1/users/me?include=accountSpaces,banqAccounts
 *   POST /api/v1/payments/get-paid-link            → {data: {id, url}}
 *   GET  /api/v1/payments/:id                      → {data: payment}
 *   POST /api/v1/account-spaces/:id/webhook-config → {data: config}
 *   GET  /widget/ecommerce.js                      the widget (./ecommerce.js)
 *   GET  /pay/:id?origin=…                         the hosted payment page (the payment link); `origin`
 *                                                  (HOSTED_PAGE_ORIGIN_PARAM) is the page the widget frames
 *                                                  it in: the only one allowed to frame it and told of
 *                                                  the payment; without it, the page cannot be framed
 *   POST /pay/:id/complete {via}                   the page's "pay" (mock-internal; see assumptions)
 * NOT banq's, for tests and the demo only:
 *   GET  /_mock/state                              {merchant, tokensIssued, payments, webhookConfigs, deliveries}
 *
 * State lives in memory, one merchant (one account space, one banq account) per instance.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import {
  CURRENCY,
  EVENT_ID_PREFIX,
  HOSTED_PAGE_ORIGIN_PARAM,
  PAYMENT_CHANNELS,
  PAYMENT_FREQUENCIES,
  PAYMENT_STATUS,
  TOKEN_GRANT_TYPE,
  WEBHOOK_ACTION_COMPLETED,
  WEBHOOK_RESOURCE_PAYMENT,
  WEBHOOK_TIMEOUT_MS,
  WEBHOOK_TYPES,
  type ApiError,
  type ApiErrorCode,
  type BanqPayment,
  type BanqUser,
  type BanqWebhookEvent,
  type GetPaidLinkResponse,
  type PaymentChannel,
  type StoredWebhookConfig,
  type TokenErrorCode,
  type TokenErrorResponse,
  type TokenResponse,
} from '../server/src/banq-contract.js';
import { renderNotFoundPage, renderPayPage } from './pay-page.js';

export interface MockBanqOptions {
  /** What the token endpoint accepts. */
  clientId: string;
  username: string;
  password: string;
  audience: string;
  /** `expires_in` of issued tokens, in seconds; default 3600. A fraction is allowed (tests). */
  tokenTtlSeconds?: number;
  /** First retry delay of a failed webhook delivery, doubling each retry; default 500. */
  webhookBackoffMs?: number;
  /**
   * How long after a payment banq's first webhook delivery starts; default 1500. Assumed: webhooks
   * come from a queue, a moment after the payment, so a shopper paying in the popup is told by the
   * widget first, as with real banq.
   */
  webhookDelayMs?: number;
  /**
   * The merchant's site origins (`scheme://host[:port]`) allowed to frame the hosted payment
   * page, as a merchant would register them with banq. By default any http(s) origin the widget
   * names may (the demo needs no configuration). See HOSTED_PAGE_ORIGIN_PARAM.
   */
  allowedOrigins?: readonly string[];
  /** Each thing banq does, for the demo's live server log. */
  log?: (step: string, detail?: Record<string, unknown>) => void;
}

export const MOCK_BANQ_DEFAULTS: {
  clientId: string;
  username: string;
  password: string;
  audience: string;
} = {
  clientId: 'mock-client-id',
  username: 'merchant@example.com',
  password: 'mock-password',
  audience: 'https://banq.com/open/api/',
};

/** The mock's one merchant. Not an assumption about banq: just the demo shop's name. */
const MERCHANT_NAME = 'Northwind Coffee';
const MAX_BODY_CHARS = 64 * 1024;
const MONEY = /^-?\d+(\.\d{1,2})?$/; // sign allowed: positive() reports negatives

/** A payment and what only the mock knows of it. */
interface PaymentRecord {
  payment: BanqPayment;
  url: string;
  paidVia?: PaymentChannel;
}

interface Delivery {
  eventId: string;
  paymentId: string;
  url: string;
  attempt: number;
  at: string;
  status?: number;
  error?: string;
  outcome: 'delivered' | 'retrying' | 'gave-up';
}

type JsonBody = { ok: true; value: unknown } | { ok: false; message: string };

const money = z
  .number()
  .positive()
  .refine((n) => Number.isFinite(n) && MONEY.test(String(n)), 'must have at most two decimals');
const nonBlank = z.string().regex(/\S/, 'must not be blank');

const getPaidLinkSchema = z
  .object({
    destination: z.object({ banqGuid: nonBlank }),
    comment: z.string().max(500),
    funds: money,
    externalOrderCode: nonBlank.max(100),
    frequency: z.enum(PAYMENT_FREQUENCIES),
    startDate: z.iso.date().optional(),
    endDate: z.iso.date().optional(),
  })
  .refine((b) => !b.startDate || !b.endDate || b.endDate >= b.startDate, {
    path: ['endDate'],
    error: 'must not be before startDate',
  });

const webhookConfigSchema = z.object({
  url: z.url({ protocol: /^https?$/ }),
  enabled: z.boolean(),
  retryCount: z.number().int().min(0).max(10),
  webHookTypes: z.array(z.enum(WEBHOOK_TYPES)),
});

const completeSchema = z.object({ via: z.enum(PAYMENT_CHANNELS) });

const randomToken = () => randomBytes(32).toString('base64url');

/**
 * `value` if it is a serialised http(s) origin, exactly as `window.origin` spells it
 * (`scheme://host[:port]`): safe to put in a CSP header and to use as postMessage's target.
 */
function serialisedOrigin(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  return url.origin === value ? value : undefined;
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.name}: ${error.message}${cause}`;
  }
  return String(error);
}

async function readJson(c: Context): Promise<JsonBody> {
  const text = await c.req.text();
  if (text.length > MAX_BODY_CHARS) return { ok: false, message: 'The body is too large.' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, message: 'The body is not valid JSON.' };
  }
}

function apiError(
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

export function createMockBanq(options: MockBanqOptions): Hono {
  const ttlSeconds = options.tokenTtlSeconds ?? 3600;
  const allowedOrigins = options.allowedOrigins && new Set(options.allowedOrigins);
  for (const origin of allowedOrigins ?? []) {
    if (serialisedOrigin(origin) === undefined) {
      throw new TypeError(
        `allowedOrigins: "${origin}" is not an http(s) origin (scheme://host[:port], no path)`,
      );
    }
  }
  const backoffMs = options.webhookBackoffMs ?? 500;
  const webhookDelayMs = options.webhookDelayMs ?? 1500;
  const log = (step: string, detail?: Record<string, unknown>) => {
    try {
      options.log?.(step, detail);
    } catch {
      // A failing logger must not break banq.
    }
  };

  const merchant = {
    id: randomUUID(),
    email: options.username,
    accountSpace: { id: randomUUID(), name: MERCHANT_NAME },
    banqAccount: { guid: randomUUID(), name: `${MERCHANT_NAME} · Business` },
  };
  const accountSpaces = [merchant.accountSpace];
  const banqAccounts = [
    {
      guid: merchant.banqAccount.guid,
      accountSpaceId: merchant.accountSpace.id,
      name: merchant.banqAccount.name,
    },
  ];

  /** access token → expiry (ms since epoch). */
  const tokens = new Map<string, number>();
  let tokensIssued = 0;
  const payments = new Map<string, PaymentRecord>();
  const webhookConfigs = new Map<string, StoredWebhookConfig>();
  const deliveries: Delivery[] = [];

  const user = (include: Set<string>): BanqUser => ({
    id: merchant.id,
    email: merchant.email,
    ...(include.has('accountSpaces')
      ? { accountSpaces: accountSpaces.map((s) => ({ ...s })) }
      : {}),
    ...(include.has('banqAccounts') ? { banqAccounts: banqAccounts.map((a) => ({ ...a })) } : {}),
  });

  const app = new Hono();

  /* ---------------------------------------------------------------- Auth0 */

  app.post('/oauth/token', async (c) => {
    const fail = (status: 400 | 401, error: TokenErrorCode, description: string) => {
      log('token refused', { error, description });
      const body: TokenErrorResponse = { error, error_description: description };
      return c.json(body, status);
    };
    const text = await c.req.text();
    let body: unknown;
    if (/^application\/x-www-form-urlencoded/i.test(c.req.header('content-type') ?? '')) {
      body = Object.fromEntries(new URLSearchParams(text));
    } else {
      try {
        body = JSON.parse(text);
      } catch {
        return fail(400, 'invalid_request', 'The request body is not valid JSON.');
      }
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return fail(400, 'invalid_request', 'The request body must be a JSON object.');
    }
    const fields = body as Record<string, unknown>;
    for (const name of ['grant_type', 'client_id', 'username', 'password', 'audience']) {
      if (typeof fields[name] !== 'string' || fields[name] === '') {
        return fail(400, 'invalid_request', `Missing required parameter: ${name}`);
      }
    }
    if (fields.grant_type !== TOKEN_GRANT_TYPE) {
      return fail(
        401,
        'unsupported_grant_type',
        `Grant type '${String(fields.grant_type)}' not allowed for the client.`,
      );
    }
    if (fields.client_id !== options.clientId) return fail(401, 'access_denied', 'Unauthorized');
    if (fields.audience !== options.audience) {
      return fail(401, 'access_denied', `Service not found: ${String(fields.audience)}`);
    }
    if (fields.username !== options.username || fields.password !== options.password) {
      return fail(401, 'invalid_grant', 'Wrong email or password.');
    }
    const now = Date.now();
    for (const [token, expires] of tokens) if (expires <= now) tokens.delete(token);
    const token = randomToken();
    tokens.set(token, now + ttlSeconds * 1000);
    tokensIssued++;
    log('token issued', { expiresIn: ttlSeconds });
    const answer: TokenResponse = {
      access_token: token,
      token_type: 'Bearer',
      expires_in: ttlSeconds,
    };
    return c.json(answer, 200, { 'cache-control': 'no-store' });
  });

  /* ---------------------------------------------------------------- Open API */

  app.use('/api/v1/*', async (c, next) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
    const expires = match ? tokens.get(match[1]) : undefined;
    let problem: string | undefined;
    if (!match) problem = 'Send "Authorization: Bearer <access token>" (from /oauth/token).';
    else if (expires === undefined) problem = 'The access token is not valid.';
    else if (Date.now() >= expires) {
      tokens.delete(match[1]);
      problem = 'The access token has expired.';
    }
    if (problem !== undefined) {
      c.header('www-authenticate', 'Bearer error="invalid_token"');
      log('API call refused', { method: c.req.method, path: new URL(c.req.url).pathname, problem });
      return apiError(c, 401, 'unauthorized', problem);
    }
    await next();
  });

  app.get('/api/v1/users/me', (c) => {
    const include = new Set(
      (c.req.query('include') ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );
    return c.json({ data: user(include) });
  });

  app.post('/api/v1/payments/get-paid-link', async (c) => {
    const body = await readJson(c);
    if (!body.ok) return apiError(c, 400, 'invalid_json', body.message);
    const parsed = getPaidLinkSchema.safeParse(body.value);
    if (!parsed.success) return validationError(c, 'get-paid-link request', parsed.error);
    const request = parsed.data;
    if (!banqAccounts.some((a) => a.guid === request.destination.banqGuid)) {
      return apiError(
        c,
        422,
        'unknown_destination',
        `destination.banqGuid ${request.destination.banqGuid} is not one of this merchant's banq accounts (see /users/me?include=banqAccounts).`,
      );
    }
    const id = randomUUID();
    const payment: BanqPayment = {
      id,
      status: PAYMENT_STATUS.pending,
      funds: request.funds,
      comment: request.comment,
      externalOrderCode: request.externalOrderCode,
      frequency: request.frequency,
      ...(request.startDate !== undefined ? { startDate: request.startDate } : {}),
      ...(request.endDate !== undefined ? { endDate: request.endDate } : {}),
      destination: { banqGuid: request.destination.banqGuid },
      createdAt: new Date().toISOString(),
    };
    const url = `${new URL(c.req.url).origin}/mock-banq/pay/${id}`;
    payments.set(id, { payment, url });
    log('payment link created', {
      paymentId: id,
      externalOrderCode: payment.externalOrderCode,
      funds: payment.funds,
      currency: CURRENCY,
      url,
    });
    const answer: GetPaidLinkResponse = { data: { id, url } };
    return c.json(answer);
  });

  app.get('/api/v1/payments/:id', (c) => {
    const record = payments.get(c.req.param('id'));
    if (!record) return apiError(c, 404, 'not_found', `No payment ${c.req.param('id')}.`);
    return c.json({ data: { ...record.payment } });
  });

  app.post('/api/v1/account-spaces/:id/webhook-config', async (c) => {
    const accountSpaceId = c.req.param('id');
    if (!accountSpaces.some((s) => s.id === accountSpaceId)) {
      return apiError(c, 404, 'not_found', `No account space ${accountSpaceId}.`);
    }
    const body = await readJson(c);
    if (!body.ok) return apiError(c, 400, 'invalid_json', body.message);
    const parsed = webhookConfigSchema.safeParse(body.value);
    if (!parsed.success) return validationError(c, 'webhook config', parsed.error);
    const config: StoredWebhookConfig = {
      accountSpaceId,
      url: parsed.data.url,
      enabled: parsed.data.enabled,
      retryCount: parsed.data.retryCount,
      webHookTypes: [...new Set(parsed.data.webHookTypes)],
    };
    webhookConfigs.set(accountSpaceId, config);
    log('webhook config saved', { ...config });
    return c.json({ data: { ...config } });
  });

  app.all('/api/v1/*', (c) =>
    apiError(c, 404, 'not_found', `No endpoint ${c.req.method} ${new URL(c.req.url).pathname}.`),
  );

  /* ---------------------------------------------------------------- widget and hosted page */

  app.get('/widget/ecommerce.js', async (c) => {
    const source = await readFile(new URL('./ecommerce.js', import.meta.url), 'utf8');
    return c.body(source, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'no-cache',
    });
  });

  /**
   * The page that may frame the hosted page, and be told of the payment: the origin the widget
   * named, if it is one and (with `allowedOrigins`) the merchant's. Otherwise none.
   */
  const framingOrigin = (c: Context): string | undefined => {
    const values = c.req.queries(HOSTED_PAGE_ORIGIN_PARAM);
    const named = values?.join(', ');
    // Named twice is as good as not at all: which one would the widget have meant?
    const origin = values?.length === 1 ? serialisedOrigin(values[0]) : undefined;
    if (origin !== undefined && (!allowedOrigins || allowedOrigins.has(origin))) return origin;
    if (named !== undefined) {
      log('hosted page not frameable', {
        path: new URL(c.req.url).pathname,
        origin: named.slice(0, 200),
        reason: origin === undefined ? 'not an http(s) origin' : 'not in allowedOrigins',
      });
    }
    return undefined;
  };

  const pageHeaders = (nonce: string, parentOrigin: string | undefined) => ({
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    ...(parentOrigin === undefined ? { 'x-frame-options': 'DENY' } : {}),
    'content-security-policy':
      `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; ` +
      "connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; " +
      `frame-ancestors ${parentOrigin ?? "'none'"}`,
  });

  app.get('/pay/:id', (c) => {
    const nonce = randomBytes(16).toString('base64');
    const parentOrigin = framingOrigin(c);
    const headers = pageHeaders(nonce, parentOrigin);
    const record = payments.get(c.req.param('id'));
    if (!record) return c.html(renderNotFoundPage({ nonce }), 404, headers);
    const html = renderPayPage({
      nonce,
      payment: record.payment,
      link: record.url,
      completeUrl: `${new URL(c.req.url).pathname.replace(/\/+$/, '')}/complete`,
      merchantName: MERCHANT_NAME,
      paidVia: record.paidVia,
      parentOrigin,
    });
    return c.html(html, 200, headers);
  });

  app.post('/pay/:id/complete', async (c) => {
    const record = payments.get(c.req.param('id'));
    if (!record) return apiError(c, 404, 'not_found', `No payment ${c.req.param('id')}.`);
    const body = await readJson(c);
    if (!body.ok) return apiError(c, 400, 'invalid_json', body.message);
    const parsed = completeSchema.safeParse(body.value);
    if (!parsed.success) return validationError(c, 'completion', parsed.error);
    const { payment } = record;
    if (payment.status === PAYMENT_STATUS.completed) {
      return c.json(
        {
          error: {
            code: 'already_completed' satisfies ApiErrorCode,
            message: `Payment ${payment.id} is already completed.`,
          },
          data: { ...payment },
        },
        409,
      );
    }
    payment.status = PAYMENT_STATUS.completed;
    payment.completedAt = new Date().toISOString();
    record.paidVia = parsed.data.via;
    log('payment completed', {
      paymentId: payment.id,
      externalOrderCode: payment.externalOrderCode,
      funds: payment.funds,
      via: parsed.data.via,
    });
    sendWebhook(payment);
    return c.json({ data: { ...payment } });
  });

  /* ---------------------------------------------------------------- webhooks */

  function sendWebhook(payment: BanqPayment): void {
    const banqAccount = banqAccounts.find((a) => a.guid === payment.destination.banqGuid);
    const config = banqAccount && webhookConfigs.get(banqAccount.accountSpaceId);
    if (!config || !config.enabled || !config.webHookTypes.includes('payment')) {
      log('webhook skipped', {
        paymentId: payment.id,
        reason: !config
          ? 'no webhook config for the account space'
          : !config.enabled
            ? 'webhook config disabled'
            : "webhook config has no 'payment' type",
      });
      return;
    }
    const event: BanqWebhookEvent = {
      id: `${EVENT_ID_PREFIX}${randomBytes(12).toString('hex')}`,
      action: WEBHOOK_ACTION_COMPLETED,
      resourceType: WEBHOOK_RESOURCE_PAYMENT,
      resourceId: payment.id,
      createdAt: new Date().toISOString(),
    };
    // In the background: the shopper's answer does not wait for the merchant's server.
    deliver(event, { ...config }).catch((error: unknown) =>
      log('webhook crashed', { eventId: event.id, error: describeError(error) }),
    );
  }

  async function deliver(event: BanqWebhookEvent, config: StoredWebhookConfig): Promise<void> {
    const body = JSON.stringify(event);
    await sleep(webhookDelayMs, undefined, { ref: false });
    for (let attempt = 1; ; attempt++) {
      let status: number | undefined;
      let error: string | undefined;
      try {
        const response = await fetch(config.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': 'banq-webhooks (mock)' },
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
        });
        status = response.status;
        await response.body?.cancel().catch(() => undefined);
      } catch (caught) {
        error = describeError(caught);
      }
      const ok = status !== undefined && status >= 200 && status < 300;
      const last = attempt > config.retryCount;
      const delivery: Delivery = {
        eventId: event.id,
        paymentId: event.resourceId,
        url: config.url,
        attempt,
        at: new Date().toISOString(),
        ...(status !== undefined ? { status } : { error }),
        outcome: ok ? 'delivered' : last ? 'gave-up' : 'retrying',
      };
      deliveries.push(delivery);
      const detail = { eventId: event.id, paymentId: event.resourceId, url: config.url, attempt };
      if (ok) {
        log('webhook delivered', { ...detail, status });
        return;
      }
      const why = status !== undefined ? { status } : { error };
      if (last) {
        log('webhook failed, giving up', { ...detail, ...why, retryCount: config.retryCount });
        return;
      }
      const wait = backoffMs * 2 ** (attempt - 1);
      log(`webhook failed, retrying in ${wait}ms`, { ...detail, ...why });
      // Unref'd: a pending retry alone does not keep the process alive.
      await sleep(wait, undefined, { ref: false });
    }
  }

  /* ---------------------------------------------------------------- introspection (NOT banq's API) */

  app.get('/_mock/state', (c) =>
    c.json(
      {
        merchant: user(new Set(['accountSpaces', 'banqAccounts'])),
        tokensIssued,
        payments: [...payments.values()].map((r) => ({
          ...r.payment,
          url: r.url,
          ...(r.paidVia ? { paidVia: r.paidVia } : {}),
        })),
        webhookConfigs: [...webhookConfigs.values()].map((config) => ({ ...config })),
        deliveries: deliveries.map((d) => ({ ...d })),
      },
      200,
      { 'cache-control': 'no-store' },
    ),
  );

  return app;
}
