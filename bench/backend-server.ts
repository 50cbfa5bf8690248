/**
 * The reference backend alone in its own Node process, for the backend benchmarks: started
 * by backend.ts (one instance) and scale-out.ts (two instances on one PostgreSQL) with
 * --expose-gc, against the fake banq whose URLs it is given, on 127.0.0.1, on the store it is
 * told (the in-memory baseline, PGlite in a directory, or PostgreSQL). It answers the parent's
 * questions over IPC: token requests made, open event subscriptions, memory after a full
 * garbage collection, and where its time went in each phase (each store call, each request,
 * the event loop's delay, its CPU).
 */
import { getRequestListener } from '@hono/node-server';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createBanqBackend } from '../server/src/backend.js';
import { openSqlClient, type Store, type StoreOptions } from '../server/src/store/index.js';
import { migrate, STORE_TABLES } from '../server/src/store/sql.js';
import { createSqlStore } from '../server/src/store/store.js';
import { fakeBanqSettings } from '../testing/fake-banq.js';
import { createMemoryStore } from './memory-store.js';

/** However the parent fares, this process does not outlive the benchmark. */
const LIFETIME_MS = 240_000;

/** The store to run on; a durable one is emptied before the backend starts. */
export type StoreSpec =
  | { kind: 'memory' }
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'postgres'; databaseUrl: string };

/** What the parent tells this process on its command line, as JSON. */
export interface ServerOptions {
  store: StoreSpec;
  /** What every benchmark order costs, as the merchant's `resolveOrder` says. */
  funds: number;
  /**
   * Empty the durable store's tables before listening (default true). False for the second
   * instance on a shared database, whose tables the first emptied for both.
   */
  reset?: boolean;
  /** The backend's `maxStreams` (open event streams in all); its default when unset. */
  maxStreams?: number;
}

/** The database behind a durable store, as it reports itself. */
export interface Engine {
  version: string;
  /** `on`: a commit is on disk before it is acknowledged; `off`: it survives the process, not a power cut. */
  fsync: string;
  synchronousCommit: string;
}

export type Request =
  | { type: 'stats' }
  | { type: 'memory' }
  | { type: 'phase'; phase: string }
  | { type: 'timings' }
  | { type: 'exit' };

export interface Stats {
  tokenRequests: number;
  subscribers: number;
}

export interface Memory {
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  rss: number;
}

/** One phase of the run, as the backend saw it. */
export interface PhaseTimings {
  wallMs: number;
  /** This process's CPU (user + system) over the phase. */
  cpuMs: number;
  /** Event-loop delay percentiles over the phase, ms. */
  loopDelayP50: number;
  loopDelayP99: number;
  loopDelayMax: number;
  /** Durations, ms, of each store method called in the phase (`store.markPaid`), and of each request (`POST /path`). */
  samples: Record<string, number[]>;
}

export type Reply =
  /** `storeOpenMs`: opening, migrating and emptying the store before the backend listened. */
  | { type: 'listening'; url: string; storeOpenMs: number; engine?: Engine }
  | { type: 'stats'; stats: Stats }
  | { type: 'memory'; memory: Memory }
  | { type: 'timings'; phases: Record<string, PhaseTimings> };

const [authUrl, apiUrl, optionsJson] = process.argv.slice(2);
if (!authUrl || !apiUrl || !optionsJson || !process.send) {
  console.error('backend-server.ts is started by bench/backend.ts or bench/scale-out.ts');
  process.exit(2);
}
const { store: spec, funds, reset = true, maxStreams } = JSON.parse(optionsJson) as ServerOptions;
const send = (reply: Reply) => process.send?.(reply);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('start with --expose-gc');

/* ------------------------------------------------------------ where the time goes */

const phases: Record<string, PhaseTimings> = {};
const loop = monitorEventLoopDelay({ resolution: 1 });
loop.enable();
let current:
  | { name: string; samples: Record<string, number[]>; start: number; cpu: NodeJS.CpuUsage }
  | undefined;

function endPhase() {
  if (!current) return;
  const cpu = process.cpuUsage(current.cpu);
  phases[current.name] = {
    wallMs: performance.now() - current.start,
    cpuMs: (cpu.user + cpu.system) / 1000,
    loopDelayP50: loop.percentile(50) / 1e6,
    loopDelayP99: loop.percentile(99) / 1e6,
    loopDelayMax: loop.max / 1e6,
    samples: current.samples,
  };
  current = undefined;
}

function startPhase(name: string) {
  endPhase();
  loop.reset();
  current = { name, samples: {}, start: performance.now(), cpu: process.cpuUsage() };
}

const record = (what: string, ms: number) => {
  if (current) (current.samples[what] ??= []).push(ms);
};

/** The store with each call timed; calls inside the store (claimLink's getOrder) are not counted twice. */
function timed(store: Store): Store {
  const wrapped: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(store) as [string, (...args: unknown[]) => unknown][])
    wrapped[name] = async (...args: unknown[]) => {
      const start = performance.now();
      try {
        return await method.apply(store, args);
      } finally {
        record(`store.${name}`, performance.now() - start);
      }
    };
  return wrapped as unknown as Store;
}

/* ------------------------------------------------------------ the backend */

/**
 * Opens the durable store as `openStore()` does (the driver, then the migrations), and empties
 * it unless told not to.
 */
async function openEmptied(options: StoreOptions): Promise<{ store: Store; engine: Engine }> {
  const client = await openSqlClient(options);
  await migrate(client);
  if (reset) await client.query(`truncate ${STORE_TABLES.join(', ')} restart identity`);
  const [engine] = await client.query<Engine>(
    `select current_setting('server_version') as version, current_setting('fsync') as fsync,
            current_setting('synchronous_commit') as "synchronousCommit"`,
  );
  return { store: createSqlStore(client), engine };
}

const opening = performance.now();
const { store, engine } =
  spec.kind === 'memory'
    ? { store: createMemoryStore(), engine: undefined }
    : await openEmptied(
        spec.kind === 'pglite' ? { dataDir: spec.dataDir } : { databaseUrl: spec.databaseUrl },
      );
const storeOpenMs = performance.now() - opening;

const backend = createBanqBackend({
  banq: { ...fakeBanqSettings({ authUrl, apiUrl }), merchantGuid: 'guid-1' },
  store: timed(store),
  // The merchant's rule for the benchmark's orders: every one costs the same.
  resolveOrder: async () => ({ funds, comment: 'Benchmark' }),
  reconcileIntervalMs: 0,
  // Every request comes from the benchmark's one address: the rate limit would measure itself.
  linkRateLimit: 0,
  ...(maxStreams !== undefined && { maxStreams }),
});
// Listening for the events every instance commits before the benchmark begins: a notification
// missed before would cost the relay's safety read, seconds, and look like a slow webhook.
await backend.listening;
const listener = getRequestListener(async (request) => {
  const start = performance.now();
  const answer = await backend.fetch(request);
  record(`${request.method} ${new URL(request.url).pathname}`, performance.now() - start);
  return answer;
});
// The listener answers a failure itself (a 500): its promise never rejects.
const server = createServer((request, response) => void listener(request, response));
server.listen(0, '127.0.0.1', () =>
  send({
    type: 'listening',
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    storeOpenMs,
    engine,
  }),
);

let exiting = false;
const exit = () => {
  if (exiting) return;
  exiting = true;
  // The relay stopped before the store closes: a read it has under way would fail otherwise.
  const stopped = backend
    .close()
    .then(() => store.close())
    .catch(() => {});
  server.closeAllConnections();
  server.close();
  const closed = Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, 5000))]);
  void closed.finally(() => process.exit(0));
};
setTimeout(exit, LIFETIME_MS).unref();
process.on('disconnect', exit);
process.on('message', (request: Request) => {
  if (request.type === 'stats')
    send({
      type: 'stats',
      stats: { tokenRequests: backend.tokens.requests, subscribers: backend.hub.size },
    });
  else if (request.type === 'memory') {
    // Twice, with a turn of the event loop between: what the first frees may need the second.
    gc();
    setImmediate(() => {
      gc();
      const { heapUsed, external, arrayBuffers, rss } = process.memoryUsage();
      send({ type: 'memory', memory: { heapUsed, external, arrayBuffers, rss } });
    });
  } else if (request.type === 'phase') startPhase(request.phase);
  else if (request.type === 'timings') {
    endPhase();
    send({ type: 'timings', phases });
  } else exit(); // 'exit', the one type left
});
