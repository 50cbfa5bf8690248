/**
 * The reference backend as a library: `createBanqBackend(options)` assembles the guide's steps
 * in order (the payment link, step 1, with its token, step 1a; banq's webhooks, step 2; the
 * browser's events stream, step 3) and answers web-standard `fetch(request)`, so a merchant
 * mounts it in Node, Bun, Deno, Workers or a Next.js route handler.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { cors } from 'hono/cors';
import { createBanqApi } from './banq-api.js';
import type { BanqSettings } from './config.js';
import { EventHub } from './event-hub.js';
import { startEventRelay } from './event-relay.js';
import { eventsTokens, randomSecret } from './events-token.js';
import { jsonOnly, LIMIT_DEFAULTS, linkRateLimit, originGuard, readBody } from './guards.js';
import { answerError, openApiRoutes, type StepLog } from './http.js';
import { createMetrics, metricsRoutes } from './metrics.js';
import { paymentEventRoutes } from './payment-events.js';
import { paymentLinkRoutes } from './payment-link.js';
import { paymentBook } from './payments.js';
import { startReconciler } from './reconciler.js';
import type { ResolveOrder } from './resolve-order.js';
import type { Store } from './store/index.js';
import { TokenSource } from './token.js';
import { WEBHOOK_PATH, webhookRoutes, webhookSecret } from './webhooks.js';

export interface BanqBackendOptions {
  /** How to reach banq and as whom, and where payments go (`merchantGuid`). */
  banq: BanqSettings & { merchantGuid: string };
  /** Where orders, the event log and webhook deliveries are kept (`openStore()`). */
  store: Store;
  /** What an order costs, from the merchant's own records; `null` for no such order. */
  resolveOrder: ResolveOrder;
  /** When set, the webhook URL registered with banq carries it, and calls without it get 401. */
  webhookSecret?: string;
  /** The key of the events tokens; by default a random one kept in the store (shared by every instance). */
  eventsSecret?: string;
  /** Origins of pages on other sites that may call the browser-facing endpoints (CORS); none by default. */
  allowedOrigins?: string[];
  /** This server's URL as browsers reach it: its origin is the site's own. By default the host asked. */
  publicUrl?: string;
  /** Payment-link requests a minute from one client address (`429 rate_limited`); 0 is none. Default 30. */
  linkRateLimit?: number;
  /** The client address is the first `X-Forwarded-For` hop (behind your proxy only). Default false. */
  trustProxy?: boolean;
  /** Open event streams for one order (`429 too_many_streams`). Default 5. */
  maxStreamsPerOrder?: number;
  /** Open event streams in all (`429 too_many_streams`). Default 10000. */
  maxStreams?: number;
  /** How long a link request's or a webhook's body may take to arrive (`408 body_timeout`). Default 10000. */
  bodyTimeoutMs?: number;
  /** Where each step is reported; nothing by default. */
  logger?: StepLog;
  /** How often unpaid orders are checked with banq; 0 turns the reconciler off. Default 60000. */
  reconcileIntervalMs?: number;
  /** Where the endpoints are mounted, e.g. `/banq` in a Next.js route `app/banq/[...path]`; none by default. */
  basePath?: string;
  heartbeatMs?: number;
  /** `GET /metrics` (Prometheus), with this instance's own registry; keep it private at your proxy. Default true. */
  metrics?: boolean;
}

/** What a page needs to render <banq-checkout>: where things are, never a credential. */
const checkoutConfigRoute = createRoute({
  method: 'get',
  path: '/checkout-config',
  summary: 'Where a page’s <banq-checkout> finds banq’s script and this backend',
  responses: {
    200: {
      content: {
        'application/json': {
          schema: z
            .object({ scriptSrc: z.string(), backendUrl: z.string(), eventsUrl: z.string() })
            .openapi('CheckoutConfig'),
        },
      },
      description: 'the element’s `script-src`, `backend-url` and `events-url`',
    },
  },
});

/** Body limits: a link request is a few hundred bytes, banq's event about the same. */
const LINK_BODY_LIMIT = 16 * 1024;
const WEBHOOK_BODY_LIMIT = 64 * 1024;

export function createBanqBackend(options: BanqBackendOptions) {
  const steps = assembleSteps(options);
  const { hub, metrics, store, tokens, api, relay, reconciler } = steps;
  const base = (options.basePath ?? '').replace(/\/+$/, '');
  const app = backendApp(base, steps.log);
  guardEndpoints(app, steps, options);
  mountEndpoints(app, steps, options, base);

  return {
    /**
     * Answers one request: mount this in any server that speaks web-standard Request/Response.
     * `env` is the server's bindings: @hono/node-server's carry the socket, whose address the
     * rate limit counts by.
     */
    fetch: (request: Request, env?: object): Promise<Response> =>
      Promise.resolve(app.fetch(request, env)),
    /**
     * Ends the open event streams, stops relaying events and the reconciler; resolves once a
     * reconciler round under way has finished. The store stays the caller's to close, after this.
     */
    async close(): Promise<void> {
      hub.endAll();
      // Both waited for, whatever the other does: the store is closed after this.
      await Promise.allSettled([relay.stop(), reconciler.stop()]);
    },
    /** Resolves once this instance listens for the events every instance commits. */
    listening: relay.ready,
    /** Runs one reconciler round now. */
    reconcile: () => reconciler.run(),
    store,
    tokens,
    api,
    hub,
    /** What `GET /metrics` shows (prom-client's Registry); undefined with `metrics: false`. */
    metrics: metrics?.registry,
  };
}

export type BanqBackend = ReturnType<typeof createBanqBackend>;

/**
 * The guide's steps, each made once, in order: the token and banq's API (1a), the events
 * relay (3), the payment book (2), the events tokens (3) and the reconciler (2a). With metrics
 * on, the logger, the store and banq's API they are handed are the counted and timed ones.
 */
function assembleSteps(options: BanqBackendOptions) {
  const { banq } = options;
  const hub = new EventHub();
  const metrics = options.metrics === false ? undefined : createMetrics(() => hub.size);
  const log = metrics ? metrics.countSteps(options.logger) : (options.logger ?? (() => {}));
  const store = metrics ? metrics.timeStore(options.store) : options.store;
  const limits = { ...LIMIT_DEFAULTS, ...definedOnly(options) };
  const tokens = new TokenSource(banq);
  const banqApi = createBanqApi(banq.apiUrl, tokens);
  const api = metrics ? metrics.timeBanq(banqApi) : banqApi;
  const relay = startEventRelay(store, hub, log);
  const book = paymentBook(api, store, log);
  const { eventsSecret } = options;
  const events = eventsTokens(async () =>
    eventsSecret ? eventsSecret : store.setting('events_secret', randomSecret),
  );
  const reconciler = startReconciler(store, book, log, options.reconcileIntervalMs);
  return { hub, metrics, log, store, limits, tokens, api, relay, book, events, reconciler };
}

type BackendSteps = ReturnType<typeof assembleSteps>;

/** The app the endpoints are mounted on, under `base`: every error in the one error shape. */
function backendApp(base: string, log: StepLog) {
  const app = openApiRoutes().basePath(base);
  app.onError(answerError(log));
  app.notFound((c) =>
    c.json(
      { error: { code: 'not_found', message: `no route ${c.req.method} ${c.req.path}` } },
      404,
    ),
  );
  return app;
}

type BackendApp = ReturnType<typeof backendApp>;

/** The guards, before the endpoints they guard (Hono runs middleware in the order it is added). */
function guardEndpoints(
  app: BackendApp,
  { metrics, log, limits }: BackendSteps,
  options: BanqBackendOptions,
): void {
  const { allowedOrigins = [] } = options;
  // First, so that it sees every answer (the others' refusals included).
  if (metrics) app.use(metrics.countResponses(() => app.routes.map((r) => r.path)));
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
  const sameSite = originGuard(allowedOrigins, options.publicUrl);
  app.use('/payment-events', sameSite);
  app.use(
    '/generate-payment-link',
    sameSite,
    linkRateLimit({
      perMinute: limits.linkRateLimit,
      trustProxy: options.trustProxy ?? false,
      log,
    }),
    jsonOnly,
    readBody({ maxBytes: LINK_BODY_LIMIT, timeoutMs: limits.bodyTimeoutMs }),
  );
  app.use(
    WEBHOOK_PATH,
    webhookSecret(options.webhookSecret),
    readBody({ maxBytes: WEBHOOK_BODY_LIMIT, timeoutMs: limits.bodyTimeoutMs }),
  );
}

/**
 * The endpoints, in the guide's order: the payment link (1), banq's webhooks (2), the events
 * stream (3); then the page's checkout config, `GET /metrics` and the OpenAPI document.
 */
function mountEndpoints(
  app: BackendApp,
  { api, store, events, log, book, hub, limits, metrics }: BackendSteps,
  options: BanqBackendOptions,
  base: string,
): void {
  const { banq, resolveOrder } = options;
  app.route(
    '/',
    paymentLinkRoutes({
      api,
      store,
      resolveOrder,
      merchantGuid: banq.merchantGuid,
      tokens: events,
      log,
    }),
  );
  app.route('/', webhookRoutes(book, store, log));
  app.route(
    '/',
    paymentEventRoutes({
      store,
      hub,
      tokens: events,
      log,
      heartbeatMs: options.heartbeatMs,
      maxStreamsPerOrder: limits.maxStreamsPerOrder,
      maxStreams: limits.maxStreams,
    }),
  );
  app.openapi(checkoutConfigRoute, (c) =>
    c.json(
      {
        scriptSrc: banq.widgetUrl,
        backendUrl: `${base}/generate-payment-link`,
        eventsUrl: `${base}/payment-events`,
      },
      200,
    ),
  );
  if (metrics) app.route('/', metricsRoutes(metrics));
  app.doc('/openapi.json', {
    openapi: '3.0.0',
    info: {
      title: 'banq-checkout-server',
      version: '0.1.0',
      description:
        'The reference backend of <banq-checkout>: banq’s Dynamic Integration, server side.',
    },
  });
}

/** The limits the caller set (an option given as undefined keeps its default). */
function definedOnly(
  options: BanqBackendOptions,
): Partial<Record<keyof typeof LIMIT_DEFAULTS, number>> {
  const given: Partial<Record<keyof typeof LIMIT_DEFAULTS, number>> = {};
  for (const name of Object.keys(LIMIT_DEFAULTS) as (keyof typeof LIMIT_DEFAULTS)[])
    if (options[name] !== undefined) given[name] = options[name];
  return given;
}
