/**
 * `npm start`: the whole payment loop on one machine and one port, with no configuration.
 * The reference backend (the library, on its embedded PGlite store), the embedded mock banq
 * under /mock-banq/, the shop's own API under /demo-api/ (orders priced here, the outage
 * switch, the live log), and the demo pages through Vite, which compiles the element.
 *
 * The store is opened first: PGlite makes a new database in WebAssembly on the main thread,
 * and a port bound then could not answer for seconds. Then the port is bound, with the
 * handler attached, so a browser opened early is answered (`503 starting`) rather than left
 * hanging while Vite and banq's set-up get ready.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { getRequestListener, type HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import type { ViteDevServer } from 'vite';
import { createMockBanq, MOCK_BANQ_DEFAULTS, mockBanqSettings } from '../../mock-banq/server.js';
import { createBanqBackend, type BanqBackend } from '../../server/src/backend.js';
import { createBanqApi } from '../../server/src/banq-api.js';
import type { BanqSettings } from '../../server/src/config.js';
import { errorBody } from '../../server/src/http.js';
import { registerWebhook } from '../../server/src/register-webhook.js';
import { TokenSource } from '../../server/src/token.js';
import { BACKEND_DOWN_PATH, BANQ_STEP_PREFIX, ORDERS_PATH, SERVER_LOG_PATH } from '../shop-api.js';
import { openDemoStore } from './demo-store.js';
import { createOrderLog, type OrderLog } from './order-log.js';
import { createShop, type Shop } from './shop.js';

/** The demo's only configuration, read once, here. */
const ENV_PORT = process.env.PORT;
const ENV_DATA_DIR = process.env.DATA_DIR;

const DEFAULT_PORT = 3000;
export const DEFAULT_DATA_DIR = '.data/demo';
/** Where the demo mounts the mock banq, on its own origin. */
const MOCK_BANQ_PATH = '/mock-banq';

/** Paths the server answers itself; everything else is a demo page or asset, served by Vite. */
const API_PATH =
  /^\/(generate-payment-link|payment-events|your-web-hooks|checkout-config|openapi\.json|mock-banq|demo-api)(\/|\?|$)/;

export interface StartOptions {
  /** 0 for any free port; default 3000. */
  port?: number;
  /** The PGlite folder (emptied at start), or `memory://`; default `.data/demo`. */
  dataDir?: string;
  /** Serve the demo pages (Vite); off for tests of the API alone. */
  pages?: boolean;
  /** Where each step is printed (redacted); the page of the order it concerns hears it too. */
  print?: (line: string) => void;
  /** First retry delay of the mock's webhook deliveries. */
  webhookBackoffMs?: number;
  /** The secret the registered webhook URL carries; a random one by default. */
  webhookSecret?: string;
}

export interface DemoServer {
  url: string;
  backend: BanqBackend;
  shop: Shop;
  log: OrderLog;
  close(): Promise<void>;
}

/** What is ready so far; the request handler answers `503 starting` for what is not. */
interface Parts {
  backend?: BanqBackend;
  vite?: ViteDevServer;
  backendDown: boolean;
}

/** The demo's own routes around the backend: the mock banq, the shop, the outage switch. */
function demoApp(parts: Parts, shop: Shop, log: OrderLog, webhookBackoffMs?: number) {
  const root = new Hono<{ Bindings: HttpBindings }>();
  root.route(
    MOCK_BANQ_PATH,
    createMockBanq({
      ...MOCK_BANQ_DEFAULTS,
      webhookBackoffMs,
      log: (step, detail) => log.write(`${BANQ_STEP_PREFIX}${step}`, detail),
    }),
  );
  root.route(ORDERS_PATH, shop.routes);
  root.route(SERVER_LOG_PATH, log.routes);
  // Demo-only: the switch that takes the payment-link endpoint down, to show banq-error.
  root.get(BACKEND_DOWN_PATH, (c) => c.json({ down: parts.backendDown }));
  root.post(BACKEND_DOWN_PATH, async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { down?: unknown };
    parts.backendDown = body.down === true;
    log.write(parts.backendDown ? 'backend switched off (demo)' : 'backend switched on (demo)');
    return c.json({ down: parts.backendDown });
  });
  root.use('/generate-payment-link', async (c, next) => {
    if (!parts.backendDown) return next();
    return c.json(errorBody('unavailable', 'the shop backend is down (demo switch)'), 503);
  });
  root.all('*', (c) =>
    parts.backend
      ? parts.backend.fetch(c.req.raw, c.env)
      : c.json(errorBody('starting', 'the server is starting; try again in a moment'), 503, {
          'retry-after': '1',
        }),
  );
  return root;
}

/** A page asked for before Vite is ready: a moment's wait, then the browser asks again. */
function startingPage(res: ServerResponse): void {
  res
    .writeHead(503, { 'content-type': 'text/html; charset=utf-8', 'retry-after': '1' })
    .end('<!doctype html><meta http-equiv="refresh" content="1"><p>The demo is starting…</p>');
}

function openVite(server: Server): Promise<ViteDevServer> {
  return import('vite').then(({ createServer: createVite }) =>
    createVite({
      configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)),
      // The config's demo mode: the pages, in their shell (demo/page-shell.ts), as they are built.
      mode: 'demo',
      appType: 'mpa',
      server: { middlewareMode: true, ws: { server } },
      logLevel: 'warn',
    }),
  );
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** The slow start-up tasks, together; when one fails, the one that opened is closed again. */
async function openParts(
  server: Server,
  banq: BanqSettings,
  options: { pages: boolean; self: string; webhookSecret: string },
): Promise<{ vite?: ViteDevServer; merchantGuid: string }> {
  const [vite, registration] = await Promise.allSettled([
    options.pages ? openVite(server) : Promise.resolve(undefined),
    // The guide's set-up, against the mock: look up the merchant, register the webhook.
    registerWebhook(
      createBanqApi(banq.apiUrl, new TokenSource(banq)),
      options.self,
      options.webhookSecret,
    ),
  ]);
  if (vite.status === 'fulfilled' && registration.status === 'fulfilled')
    return { vite: vite.value, merchantGuid: registration.value.merchantGuid };
  if (vite.status === 'fulfilled') await vite.value?.close();
  throw [vite, registration].find((result) => result.status === 'rejected')?.reason;
}

export async function startServer(options: StartOptions = {}): Promise<DemoServer> {
  const { dataDir = DEFAULT_DATA_DIR, pages = true, print = () => {} } = options;
  const webhookSecret = options.webhookSecret ?? randomBytes(24).toString('base64url');
  const shop = createShop();
  const log = createOrderLog({ print, knows: (orderId) => shop.getOrder(orderId) !== undefined });
  const parts: Parts = { backendDown: false };
  const api = getRequestListener(demoApp(parts, shop, log, options.webhookBackoffMs).fetch);
  const server = createServer((req, res) => {
    if (!pages || API_PATH.test(req.url ?? '/')) return void api(req, res);
    if (!parts.vite) {
      startingPage(res);
      return;
    }
    parts.vite.middlewares(req, res, () => {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    });
  });
  const store = await openDemoStore(dataDir);
  let port: number;
  try {
    port = await listen(server, options.port ?? DEFAULT_PORT);
  } catch (error) {
    await store.close();
    throw error;
  }
  const self = `http://127.0.0.1:${port}`;
  print(`listening on port ${port}; opening Vite, registering banq's webhook…`);
  const stopServer = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };

  // The page loads banq's script from its own origin, whichever name it was opened by.
  const banq = mockBanqSettings(`${self}${MOCK_BANQ_PATH}`, MOCK_BANQ_PATH);
  let opened: Awaited<ReturnType<typeof openParts>>;
  try {
    opened = await openParts(server, banq, { pages, self, webhookSecret });
  } catch (error) {
    await stopServer();
    await store.close();
    throw error;
  }
  const { merchantGuid } = opened;
  parts.vite = opened.vite;
  log.write('webhook registered', { merchantGuid });

  const backend = createBanqBackend({
    banq: { ...banq, merchantGuid },
    store,
    resolveOrder: shop.resolveOrder,
    webhookSecret,
    logger: log.write,
  });
  parts.backend = backend;

  return {
    url: `http://localhost:${port}`,
    backend,
    shop,
    log,
    async close() {
      await backend.close();
      await parts.vite?.close();
      await stopServer();
      await store.close();
    },
  };
}

/** PORT as a port number, or a message saying what to fix. */
function readPort(value: string | undefined): number {
  const port = value === undefined || value.trim() === '' ? DEFAULT_PORT : Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a whole number from 0 to 65535, not "${String(value)}"`);
  return port;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const dataDir = ENV_DATA_DIR?.trim() || DEFAULT_DATA_DIR;
    const demo = await startServer({
      port: readPort(ENV_PORT),
      dataDir,
      print: (line) => console.log(`  · ${line}`),
    });
    console.log(`\nbanq-checkout demo: ${demo.url}  (embedded mock banq; store in ${dataDir})\n`);
    const stop = () => void demo.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
