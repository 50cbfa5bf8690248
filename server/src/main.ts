#!/usr/bin/env node
/**
 * The production entry (`npm run server`; under a process manager, which passes signals on,
 * `node server/dist/server/src/main.js` after `npm run build:server`, or the package's
 * `banq-checkout-server` bin): the reference backend alone, on real banq, with
 * the merchant's orders service (ORDERS_URL) and the configured store. Nothing of the demo.
 *
 * The port is bound only once the store is open and migrated, so no request ever waits on
 * start-up. SIGTERM/SIGINT: stop accepting, end the event streams (browsers reconnect to
 * another instance), close every connection with no request in flight, let requests in
 * flight finish within 10 s, close the store, exit 0.
 */
import { realpathSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { getRequestListener } from '@hono/node-server';
import { createBanqBackend, type BanqBackend } from './backend.js';
import { ConfigError, readConfig, type Config } from './config.js';
import type { StepLog } from './http.js';
import { ordersFromUrl } from './resolve-order.js';
import { STEP } from './steps.js';
import { openStore, type Store } from './store/index.js';

/** Requests in flight at shutdown get this long to finish. */
const SHUTDOWN_GRACE_MS = 10_000;
/** After the connections are closed, work still under way gets this long to finish. */
const WORK_GRACE_MS = 5_000;
/** /readyz answers 503 when the store has not answered within this: a probe must not hang. */
const READY_TIMEOUT_MS = 2_000;
/** While stopping, connections with no request in flight are closed this often. */
const QUIET_SWEEP_MS = 50;

/** Resolves as `promise` does, or rejects once `ms` have passed. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** One JSON line per step on stdout. The steps' details carry ids and amounts, never credentials. */
const jsonLines: StepLog = (step, detail, level = 'info') =>
  process.stdout.write(
    `${JSON.stringify({ at: new Date().toISOString(), level, step, ...detail })}\n`,
  );

export interface RunningServer {
  url: string;
  server: Server;
  /** Stops as SIGTERM does; resolves once the store is closed. */
  shutdown(): Promise<void>;
}

async function startProductionServer(
  config: Config,
  log: StepLog = jsonLines,
): Promise<RunningServer> {
  const { store, backend } = await openBackend(config, log);
  let stopping = false;
  const { answer, inFlight } = answerRequests(backend, store, () => stopping);
  const { server, unused } = httpServer(answer);
  // Streams opened from the first request hear of every event: the relay knows where the log
  // ends (should it fail, it tries again and says so in the log).
  await backend.listening.catch(() => {});
  try {
    await listen(server, config);
  } catch (error) {
    // The port is taken, say: leave the store as it was found.
    await backend.close();
    await store.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  log(STEP.listening, { port });

  let stopped: Promise<void> | undefined;
  const shutdown = () => {
    stopping = true;
    return (stopped ??= stopServing({ server, unused, inFlight, backend, store, log }));
  };
  return { url, server, shutdown };
}

/** The store, open and migrated, and the backend on it, as configured. */
async function openBackend(config: Config, log: StepLog) {
  const { banq } = config;
  if (!banq.merchantGuid) throw new ConfigError('BANQ_MERCHANT_GUID is required');
  const store: Store = await openStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
  });
  log(STEP.storeReady, { driver: config.databaseUrl ? 'postgres' : 'pglite' });
  const backend = createBanqBackend({
    banq: { ...banq, merchantGuid: banq.merchantGuid },
    store,
    resolveOrder: ordersFromUrl(config.ordersUrl),
    webhookSecret: config.webhookSecret,
    eventsSecret: config.eventsSecret,
    allowedOrigins: config.allowedOrigins,
    publicUrl: config.publicUrl,
    ...config.limits,
    trustProxy: config.trustProxy,
    logger: log,
    reconcileIntervalMs: config.reconcileIntervalMs,
  });
  return { store, backend };
}

/**
 * Answers the probes here (/healthz; /readyz, 503 once `stopping()`) and hands every other
 * request to the backend, keeping it in `inFlight` until the backend is done with it.
 */
function answerRequests(backend: BanqBackend, store: Store, stopping: () => boolean) {
  /** Requests the backend is still working on: the store stays open until they are done. */
  const inFlight = new Set<Promise<Response>>();
  const answer = getRequestListener(async (request, env) => {
    const { pathname } = new URL(request.url);
    if (pathname === '/healthz') return Response.json({ status: 'up' });
    if (pathname === '/readyz') {
      if (stopping()) return Response.json({ status: 'stopping' }, { status: 503 });
      try {
        await within(store.ping(), READY_TIMEOUT_MS);
        return Response.json({ status: 'ready' });
      } catch {
        return Response.json({ status: 'store unreachable' }, { status: 503 });
      }
    }
    const work = backend.fetch(request, env);
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work)).catch(() => {});
    return work;
  });
  return { answer, inFlight };
}

/** The HTTP server, not yet listening, and the connections that have not sent a request yet. */
function httpServer(answer: ReturnType<typeof getRequestListener>) {
  /** Connections that have not sent a request yet (a browser's spare ones, say). */
  const unused = new Set<Socket>();
  // The handler is attached before the port is bound: a request is answered from the first.
  const server = createServer((request, response) => {
    unused.delete(request.socket);
    void answer(request, response);
  });
  server.on('connection', (socket: Socket) => {
    unused.add(socket);
    socket.once('close', () => unused.delete(socket));
  });
  return { server, unused };
}

/** Binds the configured port; rejects when it cannot (the port is taken, say). */
function listen(server: Server, { port, host }: Config): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** What a running server holds that its shutdown stops or closes. */
interface Serving {
  server: Server;
  unused: Set<Socket>;
  inFlight: Set<Promise<Response>>;
  backend: BanqBackend;
  store: Store;
  log: StepLog;
}

/**
 * The shutdown: stops accepting, ends the event streams, closes the connections, lets requests
 * in flight finish within the graces, then closes the store.
 */
async function stopServing({ server, unused, inFlight, backend, store, log }: Serving) {
  log(STEP.shuttingDown);
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Ends the event streams. Their connections, kept alive, would hold the exit until the
  // client drops them, and so would a connection that never sent a request (Node counts
  // it as busy): every connection with no request in flight is closed, until none is left.
  const backendClosed = backend.close();
  const closeQuiet = () => {
    server.closeIdleConnections();
    for (const socket of unused) socket.destroy();
  };
  closeQuiet();
  const sweep = setInterval(closeQuiet, QUIET_SWEEP_MS);
  const grace = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
  await closed;
  clearInterval(sweep);
  clearTimeout(grace);
  // A handler whose connection was cut may still be writing (a link banq just made):
  // the store closes once it is done, or once the work grace is over too.
  const settled = await within(
    Promise.allSettled([backendClosed, ...inFlight]).then(() => true),
    WORK_GRACE_MS,
  ).catch(() => false);
  if (!settled) log(STEP.stoppedWaitingForWork, { requests: inFlight.size }, 'error');
  await store.close();
  log(STEP.stopped);
}

// Run, not imported; through the bin's symlink too.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let config: Config;
  try {
    config = readConfig();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
  try {
    const running = await startProductionServer(config);
    const stop = () =>
      void running.shutdown().then(
        () => process.exit(0),
        (error: unknown) => {
          jsonLines(STEP.shutdownFailed, { error: (error as Error).message }, 'error');
          process.exit(1);
        },
      );
    // `on`, not `once`: a second signal (`npm run` passes on the terminal's SIGINT, which the
    // process gets as well) joins the shutdown under way instead of killing the process.
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  } catch (error) {
    jsonLines(STEP.startFailed, { error: (error as Error).message }, 'error');
    process.exit(1);
  }
}
