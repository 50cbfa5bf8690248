/**
 * `GET /_mock/state`, NOT banq's API: everything the mock holds (merchant, tokens issued,
 * payments, webhook configs, deliveries), copied, for tests and the demo to look at.
 */
import { Hono } from 'hono';
import { USERS_ME_INCLUDE } from '../server/src/banq-contract.js';
import { userOf, type MockBanqState } from './state.js';

export function introspectionRoutes(state: MockBanqState): Hono {
  const app = new Hono();
  app.get('/_mock/state', (c) =>
    c.json(
      {
        merchant: userOf(state, new Set(USERS_ME_INCLUDE)),
        tokensIssued: state.tokensIssued,
        payments: [...state.payments.values()].map((r) => ({
          ...r.payment,
          url: r.url,
          ...(r.paidVia ? { paidVia: r.paidVia } : {}),
        })),
        webhookConfigs: [...state.webhookConfigs.values()].map((config) => ({ ...config })),
        deliveries: state.deliveries.map((d) => ({ ...d })),
      },
      200,
      { 'cache-control': 'no-store' },
    ),
  );
  return app;
}
