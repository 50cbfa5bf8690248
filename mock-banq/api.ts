/**
 * banq's Open API, mounted at API_BASE_PATH behind a Bearer token check: users/me,
 * get-paid-link, payments/{id} and webhook-config, each on the state's merchant and payments.
 */
import { randomUUID } from 'node:crypto';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import {
  API_PATHS,
  CURRENCY,
  PAYMENT_FREQUENCIES,
  PAYMENT_STATUS,
  TOKEN_PATH,
  WEBHOOK_TYPES,
  type BanqPayment,
  type GetPaidLinkRequest,
  type GetPaidLinkResponse,
  type StoredWebhookConfig,
  type WebhookConfig,
} from '../server/src/banq-contract.js';
import { apiError, parseBody } from './http.js';
import { userOf, type MockBanqState } from './state.js';
import { MOCK_STEP } from './steps.js';

const MONEY = /^-?\d+(\.\d{1,2})?$/; // sign allowed: positive() reports negatives

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
  }) satisfies z.ZodType<GetPaidLinkRequest>;

const webhookConfigSchema = z.object({
  url: z.url({ protocol: /^https?$/ }),
  enabled: z.boolean(),
  retryCount: z.number().int().min(0).max(10),
  webHookTypes: z.array(z.enum(WEBHOOK_TYPES)),
}) satisfies z.ZodType<WebhookConfig>;

/** 401 `unauthorized` for a call without a live token from the token endpoint. */
function bearerToken(state: MockBanqState): MiddlewareHandler {
  return async (c, next) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
    const expires = match ? state.tokens.get(match[1]) : undefined;
    let problem: string | undefined;
    if (!match) problem = `Send "Authorization: Bearer <access token>" (from ${TOKEN_PATH}).`;
    else if (expires === undefined) problem = 'The access token is not valid.';
    else if (Date.now() >= expires) {
      state.tokens.delete(match[1]);
      problem = 'The access token has expired.';
    }
    if (problem !== undefined) {
      c.header('www-authenticate', 'Bearer error="invalid_token"');
      const path = new URL(c.req.url).pathname;
      state.log(MOCK_STEP.apiCallRefused, { method: c.req.method, path, problem });
      return apiError(c, 401, 'unauthorized', problem);
    }
    await next();
  };
}

function usersMe(state: MockBanqState, c: Context) {
  const include = new Set(
    (c.req.query('include') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  return c.json({ data: userOf(state, include) });
}

/** A pending payment for the request, and its link: the hosted page, on the mock's origin. */
async function getPaidLink(state: MockBanqState, c: Context) {
  const parsed = await parseBody(c, getPaidLinkSchema, 'get-paid-link request');
  if (!parsed.ok) return parsed.answer;
  const request = parsed.value;
  if (!state.banqAccounts.some((a) => a.guid === request.destination.banqGuid)) {
    return apiError(
      c,
      422,
      'unknown_destination',
      `destination.banqGuid ${request.destination.banqGuid} is not one of this merchant's banq accounts (see ${API_PATHS.usersMe}?include=banqAccounts).`,
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
  state.payments.set(id, { payment, url });
  state.log(MOCK_STEP.paymentLinkCreated, {
    paymentId: id,
    externalOrderCode: payment.externalOrderCode,
    funds: payment.funds,
    currency: CURRENCY,
    url,
  });
  const answer: GetPaidLinkResponse = { data: { id, url } };
  return c.json(answer);
}

function getPayment(state: MockBanqState, c: Context, paymentId: string) {
  const record = state.payments.get(paymentId);
  if (!record) return apiError(c, 404, 'not_found', `No payment ${paymentId}.`);
  return c.json({ data: { ...record.payment } });
}

/** The account space's webhook config, replaced: the one webhook delivery reads. */
async function saveWebhookConfig(state: MockBanqState, c: Context, accountSpaceId: string) {
  if (!state.accountSpaces.some((s) => s.id === accountSpaceId)) {
    return apiError(c, 404, 'not_found', `No account space ${accountSpaceId}.`);
  }
  const parsed = await parseBody(c, webhookConfigSchema, 'webhook config');
  if (!parsed.ok) return parsed.answer;
  const config: StoredWebhookConfig = {
    accountSpaceId,
    url: parsed.value.url,
    enabled: parsed.value.enabled,
    retryCount: parsed.value.retryCount,
    webHookTypes: [...new Set(parsed.value.webHookTypes)],
  };
  state.webhookConfigs.set(accountSpaceId, config);
  state.log(MOCK_STEP.webhookConfigSaved, { ...config });
  return c.json({ data: { ...config } });
}

/** The API, to mount at API_BASE_PATH. */
export function apiRoutes(state: MockBanqState): Hono {
  const app = new Hono();
  app.use('/*', bearerToken(state));
  app.get(API_PATHS.usersMe, (c) => usersMe(state, c));
  app.post(API_PATHS.getPaidLink, (c) => getPaidLink(state, c));
  app.get(API_PATHS.payment(':id'), (c) => getPayment(state, c, c.req.param('id')));
  app.post(API_PATHS.webhookConfig(':id'), (c) => saveWebhookConfig(state, c, c.req.param('id')));
  app.all('/*', (c) =>
    apiError(c, 404, 'not_found', `No endpoint ${c.req.method} ${new URL(c.req.url).pathname}.`),
  );
  return app;
}
