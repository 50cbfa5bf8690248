/**
 * The reference backend, assembled from the guide's steps in order: the payment
 * link (step 1, with its token, step 1a), banq's webhooks (step 2) and the browser's
 * events stream (step 3). Web-standard Request/Response through Hono, so the same
 * app runs on Node, Bun, Deno or Workers; `main.ts` runs it on Node for the demo.
 */
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { createBanqApi } from './banq-api.js';
import type { BanqSettings } from './config.js';
import type { StepLog } from './http.js';
import { OrderBook } from './orders.js';
import { paymentEventRoutes } from './payment-events.js';
import { paymentLinkRoutes } from './payment-link.js';
import { TokenSource } from './token.js';
import { webhookRoutes } from './webhooks.js';

export interface BackendOptions {
  banq: BanqSettings;
  webhookSecret?: string;
  /** Origins of pages on other sites that may call the browser-facing endpoints; none by default. */
  allowedOrigins?: string[];
  log?: StepLog;
  heartbeatMs?: number;
}

export function createBackend({
  banq,
  webhookSecret,
  allowedOrigins = [],
  log = () => {},
  heartbeatMs,
}: BackendOptions) {
  const tokens = new TokenSource(banq);
  const api = createBanqApi(banq.apiUrl, tokens);
  const orders = new OrderBook();
  let merchantGuid = banq.merchantGuid;
  const destination = () => {
    if (!merchantGuid) throw new Error('BANQ_MERCHANT_GUID is not known yet');
    return merchantGuid;
  };

  const app = new Hono();
  // Same-origin only unless origins are listed: the endpoints take no credentials, but
  // a payment link should not be made for any site that asks.
  if (allowedOrigins.length) {
    const browserFacing = cors({
      origin: allowedOrigins,
      allowMethods: ['GET', 'POST'],
      maxAge: 600,
    });
    app.use('/generate-payment-link', browserFacing);
    app.use('/payment-events', browserFacing);
  }
  app.route('/', paymentLinkRoutes(api, orders, destination, log));
  app.route('/', webhookRoutes(api, orders, webhookSecret, log));
  app.route('/', paymentEventRoutes(orders, log, heartbeatMs));
  // What a page needs to render <banq-checkout>; no secrets.
  app.get('/checkout-config', (c) =>
    c.json({
      scriptSrc: banq.widgetUrl,
      backendUrl: '/generate-payment-link',
      eventsUrl: '/payment-events',
    }),
  );

  return {
    app,
    api,
    orders,
    tokens,
    /** The destination banq account, once `registerWebhook` looked it up. */
    setMerchantGuid(guid: string) {
      merchantGuid = guid;
    },
  };
}

export type Backend = ReturnType<typeof createBackend>;
