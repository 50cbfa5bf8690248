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
 * State lives in memory (./state.ts), one merchant (one account space, one banq account) per
 * instance. Each surface is a module of its own, composed here in the guide's order:
 *   ./auth.ts              the token endpoint
 *   ./api.ts               the Open API, behind the Bearer token check
 *   ./webhook-delivery.ts  the webhook queue, retries and backoff
 *   ./widget.ts            the widget script
 *   ./hosted-page.ts       the hosted payment page (rendered by ./pay-page.ts) and its "pay"
 *   ./introspection.ts     /_mock/state
 */
import { Hono } from 'hono';
import { API_BASE_PATH, OPEN_API_AUDIENCE, TOKEN_PATH } from '../server/src/banq-contract.js';
import type { BanqSettings } from '../server/src/config.js';
import { apiRoutes } from './api.js';
import { authRoutes } from './auth.js';
import { hostedPageRoutes } from './hosted-page.js';
import { introspectionRoutes } from './introspection.js';
import { createMockState, type MockBanqOptions } from './state.js';
import { createWebhookDelivery } from './webhook-delivery.js';
import { WIDGET_SCRIPT_PATH, widgetRoutes } from './widget.js';

export type { MockBanqOptions } from './state.js';

export const MOCK_BANQ_DEFAULTS: {
  clientId: string;
  username: string;
  password: string;
  audience: string;
} = {
  clientId: 'mock-client-id',
  username: 'merchant@example.com',
  password: 'mock-password',
  audience: OPEN_API_AUDIENCE,
};

/**
 * The settings that reach a mock mounted at `base` (absolute, such as
 * `http://127.0.0.1:3000/mock-banq`): its credentials, and its token endpoint, API and widget
 * script where createMockBanq puts them. The page loads the script from `pageBase` when it is
 * another way to the same mount (the demo's page: the relative `/mock-banq`).
 */
export function mockBanqSettings(base: string, pageBase = base): BanqSettings {
  return {
    ...MOCK_BANQ_DEFAULTS,
    authUrl: `${base}${TOKEN_PATH}`,
    apiUrl: `${base}${API_BASE_PATH}`,
    widgetUrl: `${pageBase}${WIDGET_SCRIPT_PATH}`,
  };
}

export function createMockBanq(options: MockBanqOptions): Hono {
  const state = createMockState(options);
  const webhooks = createWebhookDelivery(state);
  const app = new Hono();
  app.route('/', authRoutes(state));
  app.route(API_BASE_PATH, apiRoutes(state));
  app.route('/', widgetRoutes());
  app.route('/', hostedPageRoutes(state, webhooks));
  app.route('/', introspectionRoutes(state));
  return app;
}
