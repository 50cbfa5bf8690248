/**
 * `npm start`: the whole payment loop on one machine and one port. The reference
 * backend, the embedded mock banq under /mock-banq/ (unless real banq is
 * configured), and the demo pages through Vite, which compiles the element.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { createMockBanq, MOCK_BANQ_DEFAULTS } from '../mock-banq/server.js';
import { createBackend } from './app.js';
import { ConfigError, readConfig, type BanqSettings, type Config } from './config.js';
import { errorBody } from './http.js';
import { registerWebhook } from './register-webhook.js';

/** Paths the backend answers; everything else is a demo page or asset, served by Vite. */
/** Server log lines a demo page that connects late still sees. */
const RECENT_LOG_LINES = 20;

const BACKEND_PATH =
  /^\/(generate-payment-link|payment-events|your-web-hooks|checkout-config|mock-banq|demo-api)(\/|\?|$)/;

export interface DemoServer {
  url: string;
  backend: ReturnType<typeof createBackend>;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Serve the demo pages (Vite); off for tests of the API alone. */
  pages?: boolean;
  /** Where each step is printed; the demo page also hears them. */
  print?: (line: string) => void;
  /** First retry delay of the mock's webhook deliveries. */
  webhookBackoffMs?: number;
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<DemoServer> {
  const { pages = true, print = () => {} } = options;
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const self = `http://127.0.0.1:${port}`;
  const url = `http://localhost:${port}`;

  // The demo page shows the server's steps live, starting with the last few before it
  // connected (such as the webhook registration at start); they are printed too.
  const logListeners = new Set<(line: string) => void>();
  const recentLines: string[] = [];
  const log = (step: string, detail?: Record<string, unknown>) => {
    const line = JSON.stringify({ at: new Date().toISOString(), step, ...detail });
    print(`${step} ${detail ? JSON.stringify(detail) : ''}`);
    recentLines.push(line);
    if (recentLines.length > RECENT_LOG_LINES) recentLines.shift();
    for (const listener of logListeners) listener(line);
  };

  if (config.banq && !config.banq.merchantGuid)
    throw new ConfigError(
      'BANQ_MERCHANT_GUID is required with real banq: `npm run register-webhook` prints it',
    );
  const banq: BanqSettings = config.banq ?? {
    ...MOCK_BANQ_DEFAULTS,
    authUrl: `${self}/mock-banq/oauth/token`,
    apiUrl: `${self}/mock-banq/api/v1`,
    widgetUrl: '/mock-banq/widget/ecommerce.js',
  };
  const backend = createBackend({
    banq,
    webhookSecret: config.webhookSecret,
    allowedOrigins: config.allowedOrigins,
    log,
  });

  const root = new Hono();
  if (config.mock)
    root.route(
      '/mock-banq',
      createMockBanq({
        ...MOCK_BANQ_DEFAULTS,
        webhookBackoffMs: options.webhookBackoffMs,
        log: (step, detail) => log(`banq: ${step}`, detail),
      }),
    );

  // Demo-only controls, not part of the reference backend.
  let backendDown = false;
  root.get('/demo-api/backend-down', (c) => c.json({ down: backendDown }));
  root.post('/demo-api/backend-down', async (c) => {
    backendDown = Boolean(((await c.req.json().catch(() => ({}))) as { down?: unknown }).down);
    log(backendDown ? 'backend switched off (demo)' : 'backend switched on (demo)');
    return c.json({ down: backendDown });
  });
  root.get('/demo-api/server-log', (c) =>
    streamSSE(c, async (stream) => {
      const listener = (line: string) => void stream.writeSSE({ data: line }).catch(() => {});
      recentLines.forEach(listener);
      logListeners.add(listener);
      await new Promise<void>((resolve) => stream.onAbort(resolve));
      logListeners.delete(listener);
    }),
  );
  root.use('/generate-payment-link', async (c, next) => {
    if (!backendDown) return next();
    return c.json(errorBody('unavailable', 'the shop backend is down (demo switch)'), 503);
  });
  root.route('/', backend.app);

  const api = getRequestListener(root.fetch);
  let vite: import('vite').ViteDevServer | undefined;
  if (pages) {
    const { createServer: createVite } = await import('vite');
    vite = await createVite({
      configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)),
      appType: 'mpa',
      server: { middlewareMode: true, hmr: { server } },
      logLevel: 'warn',
    });
  }
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (BACKEND_PATH.test(req.url ?? '/') || !vite) return void api(req, res);
    vite.middlewares(req, res, () => {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    });
  });

  if (config.mock) {
    // The guide's set-up steps, against the mock: look up the merchant, register the webhook.
    const registration = await registerWebhook(
      backend.api,
      config.publicUrl ?? self,
      config.webhookSecret,
    );
    backend.setMerchantGuid(registration.merchantGuid);
    log('webhook registered', { url: registration.webhookUrl.replace(/secret=[^&]+/, 'secret=…') });
  }

  return {
    url,
    backend,
    async close() {
      await vite?.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const config = readConfig();
    const { url } = await startServer(config, { print: (line) => console.log(`  · ${line}`) });
    console.log(
      `\nbanq-checkout demo: ${url}  (${config.mock ? 'embedded mock banq' : 'real banq'})\n`,
    );
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
}
