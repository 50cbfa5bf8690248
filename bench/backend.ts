/**
 * The reference backend on loopback against the fake banq (testing/fake-banq.ts), on each
 * store side by side: the in-memory baseline (bench/memory-store.ts, not durable), PGlite in a
 * fresh temporary directory, and PostgreSQL (BENCH_DATABASE_URL). (a) payment links: how many
 * a second, and the token requests they cost; (b) open `/payment-events` streams, what each
 * costs in memory, and how long a webhook takes to reach the browser's stream. The backend
 * runs alone in a child process (bench/backend-server.ts, with --expose-gc) so its memory and
 * CPU are its own; the fake banq, the browsers' streams and banq's webhook deliveries are this
 * process. The stores take turns, run by run, so all three share the machine's ups and downs.
 * Only 127.0.0.1; every wait is bounded.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request, type IncomingMessage } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSqlClient } from '../server/src/store/index.js';
import { startFakeBanq, type FakeBanq } from '../testing/fake-banq.js';
import type {
  Engine,
  Memory,
  PhaseTimings,
  Reply,
  Request,
  Stats,
  ServerOptions,
  StoreSpec,
} from './backend-server.js';
import { median, percentile, sleep, until, within } from './stats.js';

const LINKS = 1000;
const STREAMS = 2000;
/** Webhooks a second, sent on a fixed schedule (open loop) whatever the backend's pace. */
const WEBHOOK_RATE = 250;
/** Webhooks sent at WEBHOOK_RATE for the latency; the rest are the burst. */
const PACED = 1000;
/** Webhook deliveries in flight at once in the burst. */
export const BURST_CONCURRENCY = 32;
/** Requests in flight at once when making payment links (a busy shop's checkouts). */
export const LINK_CONCURRENCY = 50;
/** Streams opened at once: under the server's listen backlog (511). */
export const OPEN_BATCH = 100;
/** Linux's USER_HZ (`getconf CLK_TCK`), the unit of /proc's CPU times. */
const CLOCK_TICKS = 100;
/** Orders asked for twice at once (a double click), and how many such pairs at a time. */
export const RACES = 100;
export const RACE_CONCURRENCY = 10;
export const P99_GOAL_MS = 50;
/** What every benchmark order costs (the merchant's `resolveOrder` in the backend's process). */
export const ORDER_FUNDS = 20;
/** A durable store's webhook → browser p99 may be at most this many times the in-memory one's. */
export const MEMORY_RATIO_GOAL = 2;

export const STORES = ['memory', 'pglite', 'postgres'] as const;
export type StoreKind = (typeof STORES)[number];
export const STORE_NAMES: Record<StoreKind, string> = {
  memory: 'in-memory baseline',
  pglite: 'PGlite',
  postgres: 'PostgreSQL',
};

export const DEFAULT_BENCH_DATABASE_URL = 'postgres://banq:banq@127.0.0.1:5432/banq_bench';

interface Answer {
  status: number;
  body: string;
}

/** One method's (or request's) durations in one phase. */
export interface CallSummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
  totalMs: number;
}

export interface PhaseSummary extends Omit<PhaseTimings, 'samples'> {
  calls: Record<string, CallSummary>;
}

export interface BackendRun {
  store: StoreKind;
  /** Opening, migrating and emptying the store before the backend listened. */
  storeOpenMs: number;
  /** The durable store's database and its durability settings. */
  engine?: Engine;
  linkMs: number[];
  linksElapsedMs: number;
  linksPerSecond: number;
  tokenRequestsBackend: number;
  tokenRequestsBanq: number;
  linkRequestsBanq: number;
  memoryBefore: Memory;
  memoryOpen: Memory;
  /** Bytes of JS heap and external memory per open stream. */
  perStream: number;
  /** Webhook → stream, ms, of the paced webhooks. */
  latencies: number[];
  /** The same for the burst, and how many webhooks a second it got through. */
  burstLatencies: number[];
  burstPerSecond: number;
  delivered: number;
  webhookFailures: number;
  subscribersAfter: number;
  /** Where the backend's time went, phase by phase (`links`, `streams`, `paced`, `burst`). */
  phases: Partial<Record<string, PhaseSummary>>;
  /** CPU time of the PostgreSQL processes serving the benchmark's database, by phase (Linux). */
  postgresCpuMs: Partial<Record<string, number>>;
  /** Two requests at once for each of RACES orders: the time until both were answered. */
  racingMs: number[];
  /** Pairs whose two answers were different links (0: one link per order). */
  racingDiffer: number;
  /** banq's get-paid-link calls for those orders (RACES: banq asked once per order). */
  racingBanqCalls: number;
}

export interface StoreResult {
  store: StoreKind;
  runs: BackendRun[];
  /** Medians over the runs. */
  storeOpenMs: number;
  linksPerSecond: number;
  linkP50: number;
  linkP99: number;
  p50: number;
  p99: number;
  max: number;
  perStream: number;
  burstPerSecond: number;
  burstP50: number;
  burstP99: number;
  /** Both answers of a racing pair, p50 / p99. */
  racingP50: number;
  racingP99: number;
  /** Every run delivered every webhook and every token count was 1. */
  complete: boolean;
}

export interface BackendResult {
  links: number;
  streams: number;
  webhookRate: number;
  paced: number;
  runs: number;
  /** Where PostgreSQL was, password hidden. */
  databaseUrl: string;
  stores: StoreResult[];
  /** Stores not measured, and why (PostgreSQL unreachable). */
  skipped: { store: StoreKind; reason: string }[];
  /** The machine's 1-minute load average when the backend benchmark began and ended. */
  load: { start: number; end: number };
}

/** One backend-server.ts child process, and its answers over IPC. */
export class Backend {
  readonly #waiting = new Map<Reply['type'], (reply: Reply) => void>();
  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
    readonly storeOpenMs: number,
    readonly engine: Engine | undefined,
  ) {
    child.on('message', (reply: Reply) => {
      const taker = this.#waiting.get(reply.type);
      this.#waiting.delete(reply.type);
      taker?.(reply);
    });
  }

  static async start(
    fake: FakeBanq,
    spec: StoreSpec,
    more: Omit<ServerOptions, 'store' | 'funds'> = {},
  ): Promise<Backend> {
    const child = fork(
      fileURLToPath(new URL('./backend-server.ts', import.meta.url)),
      [
        fake.authUrl,
        fake.apiUrl,
        JSON.stringify({ store: spec, funds: ORDER_FUNDS, ...more } satisfies ServerOptions),
      ],
      {
        execArgv: ['--import', 'tsx', '--expose-gc'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      },
    );
    const listening = new Promise<Extract<Reply, { type: 'listening' }>>((resolve, reject) => {
      child.once('message', (reply: Reply) => {
        if (reply.type === 'listening') resolve(reply);
      });
      child.once('exit', (code) => reject(new Error(`the backend exited (${String(code)})`)));
    });
    try {
      // A new PGlite directory takes seconds to initialise.
      const { url, storeOpenMs, engine } = await within(listening, 60_000, 'the backend starting');
      return new Backend(child, url, storeOpenMs, engine);
    } catch (error) {
      child.kill();
      throw error;
    }
  }

  ask<T extends Reply['type']>(
    type: Exclude<Request['type'], 'phase'> & T,
  ): Promise<Extract<Reply, { type: T }>> {
    const answer = new Promise<Extract<Reply, { type: T }>>((resolve) =>
      this.#waiting.set(type, resolve as (reply: Reply) => void),
    );
    this.child.send({ type });
    return within(answer, 10_000, `the backend's ${type}`);
  }

  stats = async (): Promise<Stats> => (await this.ask('stats')).stats;
  memory = async (): Promise<Memory> => (await this.ask('memory')).memory;
  phase = (phase: string) => this.child.send({ type: 'phase', phase } satisfies Request);

  /** By phase: one the backend never entered is absent. */
  async timings(): Promise<Partial<Record<string, PhaseSummary>>> {
    const { phases } = await this.ask('timings');
    return Object.fromEntries(
      Object.entries(phases).map(([name, { samples, ...rest }]) => [
        name,
        {
          ...rest,
          calls: Object.fromEntries(
            Object.entries(samples).map(([call, values]) => [
              call,
              {
                count: values.length,
                p50: percentile(values, 50),
                p99: percentile(values, 99),
                max: Math.max(...values),
                totalMs: values.reduce((sum, value) => sum + value, 0),
              },
            ]),
          ),
        },
      ]),
    );
  }

  async stop() {
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    if (this.child.exitCode !== null) return;
    if (this.child.connected) this.child.send({ type: 'exit' } satisfies Request);
    await within(exited, 10_000, 'the backend exiting').catch(() => this.child.kill('SIGKILL'));
  }
}

export function post(agent: Agent, url: string, body: unknown): Promise<Answer> {
  return within(
    new Promise<Answer>((resolve, reject) => {
      const payload = JSON.stringify(body);
      const req = request(
        url,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    }),
    10_000,
    `POST ${url}`,
  );
}

/** Runs `task` over `items`, `concurrency` at a time. */
export async function pool<T>(
  items: T[],
  concurrency: number,
  task: (item: T) => Promise<unknown>,
) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await task(items[next++]);
    }),
  );
}

interface Stream {
  /** When the order's completion arrived (performance.now()), once it has. */
  completedAt?: number;
  close(): void;
}

/**
 * A browser's EventSource, as far as the backend can tell: a GET of the order's
 * `/payment-events` held open, each chunk handed to `read` as it comes, with when it came
 * (performance.now()). Resolves, once the stream answered 200 (within `ms`), with what closes it.
 */
export function holdEventStream(
  agent: Agent,
  url: string,
  orderId: string,
  token: string,
  read: (chunk: string, now: number) => void,
  ms = 10_000,
): Promise<() => void> {
  return within(
    new Promise<() => void>((resolve, reject) => {
      const req = request(
        `${url}/payment-events?orderId=${encodeURIComponent(orderId)}&token=${encodeURIComponent(token)}`,
        { agent },
        (res: IncomingMessage) => {
          if (res.statusCode !== 200) {
            res.resume();
            req.destroy();
            reject(new Error(`events answered ${String(res.statusCode)}`));
            return;
          }
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => read(chunk, performance.now()));
          res.on('error', () => {});
          resolve(() => req.destroy());
        },
      );
      req.on('error', reject);
      req.end();
    }),
    ms,
    `the events stream of ${orderId}`,
  );
}

/** A stream that notes when the order's completion arrived. */
async function openStream(
  agent: Agent,
  url: string,
  orderId: string,
  token: string,
): Promise<Stream> {
  const marker = `"orderId":"${orderId}","status":"completed"`;
  const stream: Stream = { close: () => {} };
  let seen = '';
  stream.close = await holdEventStream(agent, url, orderId, token, (chunk, now) => {
    if (stream.completedAt !== undefined) return;
    seen += chunk;
    if (seen.includes(marker)) stream.completedAt = now;
  });
  return stream;
}

/** The order's payment link, asked of the backend at `url` as the element would: 200 expected. */
export async function requestLink(
  agent: Agent,
  url: string,
  orderId: string,
): Promise<{ url: string; eventsToken: string }> {
  const answer = await post(agent, `${url}/generate-payment-link`, {
    orderId,
    comment: 'Benchmark',
    funds: ORDER_FUNDS,
  });
  if (answer.status !== 200)
    throw new Error(`link for ${orderId}: ${answer.status} ${answer.body}`);
  return (JSON.parse(answer.body) as { data: { url: string; eventsToken: string } }).data;
}

/**
 * Starts `task(0)` … `task(count - 1)` at `rate` a second on a fixed schedule (open loop),
 * whatever their pace; resolves once all are started, with how long that took and their ends.
 */
export async function atRate(
  count: number,
  rate: number,
  task: (k: number) => Promise<void>,
): Promise<{ sendingMs: number; done: Promise<unknown> }> {
  const started: Promise<void>[] = [];
  const start = performance.now();
  for (let sent = 0; sent < count;) {
    const due = Math.min(count, Math.floor(((performance.now() - start) * rate) / 1000) + 1);
    for (; sent < due; sent++) started.push(task(sent));
    await sleep(1);
  }
  return { sendingMs: performance.now() - start, done: Promise.all(started) };
}

/** The database a PostgreSQL URL names. */
export const databaseName = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));

/**
 * CPU time, ms, of the PostgreSQL server processes connected to `database` (their titles say
 * `postgres: … user database host(port) state`), from Linux's /proc; undefined elsewhere.
 */
export function postgresCpu(database: string): number | undefined {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  let ticks = 0;
  for (const pid of pids)
    try {
      const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!title.startsWith('postgres:') || !title.includes(` ${database} `)) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // After "(comm) ": state is field 3, utime and stime fields 14 and 15, in clock ticks.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Gone in the meantime.
    }
  return ticks * (1000 / CLOCK_TICKS);
}

/** The URL with its password hidden, for messages and the report. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(not a URL)';
  }
}

/** Undefined when the benchmark's PostgreSQL answers, else what is wrong and how to get one. */
export async function probePostgres(databaseUrl: string): Promise<string | undefined> {
  try {
    const client = await openSqlClient({ databaseUrl });
    try {
      await within(client.query('select 1'), 15_000, 'PostgreSQL');
    } finally {
      await client.close().catch(() => {});
    }
    return undefined;
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    return (
      `PostgreSQL at ${redact(databaseUrl)} is not usable (${code ? `${code}: ` : ''}${String(message)}). ` +
      'Start the local one with `bash scripts/postgres-for-tests.sh` (as root), create the ' +
      'benchmark\'s database once with `runuser -u postgres -- psql -c "create database banq_bench owner banq"`, ' +
      'or set BENCH_DATABASE_URL to a database of yours (its tables are emptied before each run).'
    );
  }
}

/** One run on one store as its phases see it: the backend, its orders and their streams. */
interface BackendSetup {
  kind: StoreSpec['kind'];
  run: number;
  fake: FakeBanq;
  live: Backend;
  /** The STREAMS orders of the run; the first LINKS are the measured links. */
  orders: string[];
  /** Each order's stream, in the orders' order, once opened. */
  streams: Stream[];
  /** Makes the order's link and keeps its events token; resolves with the link. */
  makeLink: (orderId: string) => Promise<string>;
  /** Opens the order's stream with its events token. */
  open: (orderId: string) => Promise<Stream>;
  /** Starts the named phase (ends the one before), or ends the last one. */
  phase: (name?: string) => void;
}

async function runOnce(spec: StoreSpec, run: number): Promise<BackendRun> {
  const kind = spec.kind;
  const fake = await startFakeBanq();
  let backend: Backend | undefined;
  const linkAgent = new Agent({ keepAlive: true, maxSockets: LINK_CONCURRENCY });
  const streamAgent = new Agent({ keepAlive: false, maxSockets: Infinity });
  const streams: Stream[] = [];
  try {
    const live = (backend = await Backend.start(fake, spec));
    const tokens = new Map<string, string>();
    const postgres = postgresPhases(spec, live);
    const setup: BackendSetup = {
      kind,
      run,
      fake,
      live,
      orders: Array.from({ length: STREAMS }, (_, i) => `bench-${kind}-${run}-${i}`),
      streams,
      makeLink: async (orderId) => {
        const link = await requestLink(linkAgent, live.url, orderId);
        tokens.set(orderId, link.eventsToken);
        return link.url;
      },
      open: (orderId) => openStream(streamAgent, live.url, orderId, tokens.get(orderId) ?? ''),
      phase: postgres.phase,
    };
    const links = await measureLinks(setup);
    const racing = await raceLinks(setup);
    // The orders of (b) need their links too; not measured.
    setup.phase('more links');
    await pool(setup.orders.slice(LINKS), LINK_CONCURRENCY, setup.makeLink);
    const memory = await openEveryStream(setup);
    const webhooks = await deliverWebhooks(setup);
    const phases = await live.timings();
    for (const stream of streams) stream.close();
    await until(async () => (await live.stats()).subscribers === 0, 5000, 'streams closing').catch(
      () => {},
    );
    const { subscribers: subscribersAfter } = await live.stats();
    return {
      store: kind,
      storeOpenMs: live.storeOpenMs,
      ...(live.engine && { engine: live.engine }),
      ...links,
      ...memory,
      ...webhooks,
      subscribersAfter,
      phases,
      postgresCpuMs: postgres.cpuMs,
      ...racing,
    };
  } finally {
    for (const stream of streams) stream.close();
    linkAgent.destroy();
    streamAgent.destroy();
    await backend?.stop();
    await fake.close();
  }
}

/**
 * The run's phases, told to the backend (its own timings) and measured here on PostgreSQL's
 * side: the CPU of its processes serving this database, phase by phase.
 */
function postgresPhases(spec: StoreSpec, live: Backend) {
  const database = spec.kind === 'postgres' ? databaseName(spec.databaseUrl) : undefined;
  const cpuMs: Partial<Record<string, number>> = {};
  let now: { name: string; cpu: number | undefined } | undefined;
  const phase = (name?: string) => {
    const cpu = database === undefined ? undefined : postgresCpu(database);
    if (now?.cpu !== undefined && cpu !== undefined) cpuMs[now.name] = cpu - now.cpu;
    now = name === undefined ? undefined : { name, cpu };
    if (name !== undefined) live.phase(name);
  };
  return { phase, cpuMs };
}

/** (a) LINKS payment links, LINK_CONCURRENCY at a time from a cold start: what they cost. */
async function measureLinks({ fake, live, orders, makeLink, phase }: BackendSetup) {
  const linkMs: number[] = [];
  phase('links');
  const started = performance.now();
  await pool(orders.slice(0, LINKS), LINK_CONCURRENCY, async (orderId) => {
    const start = performance.now();
    await makeLink(orderId);
    linkMs.push(performance.now() - start);
  });
  const linksElapsedMs = performance.now() - started;
  const { tokenRequests: tokenRequestsBackend } = await live.stats();
  return {
    linkMs,
    linksElapsedMs,
    linksPerSecond: (LINKS * 1000) / linksElapsedMs,
    tokenRequestsBackend,
    tokenRequestsBanq: fake.state.tokenRequests,
    linkRequestsBanq: fake.state.linkRequests.length,
  };
}

/**
 * A shopper's double click: two requests for one order at once, RACES orders. One asks banq;
 * the other waits for its claim, looking again every so often, and answers the same link.
 */
async function raceLinks({ kind, run, fake, makeLink, phase }: BackendSetup) {
  phase('racing links');
  const racing = Array.from({ length: RACES }, (_, i) => `race-${kind}-${run}-${i}`);
  const racingMs: number[] = [];
  let racingDiffer = 0;
  await pool(racing, RACE_CONCURRENCY, async (orderId) => {
    const start = performance.now();
    const [first, second] = await Promise.all([makeLink(orderId), makeLink(orderId)]);
    racingMs.push(performance.now() - start);
    if (first !== second) racingDiffer++;
  });
  const racingBanqCalls = fake.state.linkRequests.filter((r) =>
    String(r.body.externalOrderCode).startsWith('race-'),
  ).length;
  return { racingMs, racingDiffer, racingBanqCalls };
}

/**
 * (b) One stream per order, OPEN_BATCH opened at a time, after a few opened and closed so the
 * code is warm: the backend's memory before and with all of them open.
 */
async function openEveryStream({ live, orders, streams, open, phase }: BackendSetup) {
  phase('streams');
  const warm = await Promise.all(orders.slice(0, 20).map(open));
  warm.forEach((s) => s.close());
  await until(async () => (await live.stats()).subscribers === 0, 5000, 'warm-up streams closing');
  const memoryBefore = await live.memory();
  for (let i = 0; i < orders.length; i += OPEN_BATCH)
    streams.push(...(await Promise.all(orders.slice(i, i + OPEN_BATCH).map(open))));
  await until(
    async () => (await live.stats()).subscribers === STREAMS,
    10_000,
    'every stream subscribed',
  );
  const memoryOpen = await live.memory();
  const perStream =
    (memoryOpen.heapUsed + memoryOpen.external - memoryBefore.heapUsed - memoryBefore.external) /
    STREAMS;
  return { memoryBefore, memoryOpen, perStream };
}

/**
 * banq completes each payment and delivers its webhook. The first PACED orders at
 * WEBHOOK_RATE a second, on a fixed schedule whatever the backend's pace: the latency. The
 * rest all at once, BURST_CONCURRENCY in flight: how many a second it can take.
 */
async function deliverWebhooks(setup: BackendSetup) {
  const { kind, run, fake, live, orders, streams, phase } = setup;
  const paymentOf = new Map<string, string>();
  for (const [id, payment] of fake.state.payments) paymentOf.set(payment.externalOrderCode, id);
  const webhookAgent = new Agent({ keepAlive: true, maxSockets: BURST_CONCURRENCY });
  const sentAt = new Array<number>(STREAMS);
  let webhookFailures = 0;
  const deliver = async (index: number) => {
    const paymentId = paymentOf.get(orders[index]);
    // Counted, not thrown: nothing awaits this task until the sending is over, and a throw
    // would be an unhandled rejection that ends the whole `npm run bench`.
    if (!paymentId) {
      webhookFailures++;
      return;
    }
    fake.complete(paymentId);
    sentAt[index] = performance.now();
    try {
      const answer = await post(webhookAgent, `${live.url}/your-web-hooks/payment-status`, {
        // banq's event id (the same on each retry): the backend records it, so a retry changes nothing.
        id: `evt_${kind}_${run}_${index}`,
        action: 'completed',
        resourceType: 'Payment',
        resourceId: paymentId,
      });
      if (answer.status !== 200) webhookFailures++;
    } catch {
      webhookFailures++;
    }
  };
  const told = (from: number, to: number) =>
    until(
      () => streams.slice(from, to).every((s) => s.completedAt !== undefined),
      20_000,
      'every stream told',
    ).catch(() => {});

  phase('paced');
  await (
    await atRate(PACED, WEBHOOK_RATE, deliver)
  ).done;
  await told(0, PACED);

  const burst = Array.from({ length: STREAMS - PACED }, (_, i) => PACED + i);
  phase('burst');
  const burstStart = performance.now();
  await pool(burst, BURST_CONCURRENCY, deliver);
  await told(PACED, STREAMS);
  const lastTold = Math.max(...streams.slice(PACED).map((s) => s.completedAt ?? Infinity));
  webhookAgent.destroy();
  phase();

  const latency = (from: number, to: number) =>
    streams
      .slice(from, to)
      .flatMap((s, i) => (s.completedAt === undefined ? [] : [s.completedAt - sentAt[from + i]]));
  const latencies = latency(0, PACED);
  const burstLatencies = latency(PACED, STREAMS);
  return {
    latencies,
    burstLatencies,
    burstPerSecond: (burst.length * 1000) / (lastTold - burstStart),
    delivered: latencies.length + burstLatencies.length,
    webhookFailures,
  };
}

function summarise(store: StoreKind, runs: BackendRun[]): StoreResult {
  const med = (pick: (run: BackendRun) => number) => median(runs.map(pick));
  /** `${name}P50` and `${name}P99`: the medians over the runs of the samples' p50 and p99. */
  const medianPercentiles = <Name extends string>(
    name: Name,
    pick: (run: BackendRun) => number[],
  ) =>
    ({
      [`${name}P50`]: med((r) => percentile(pick(r), 50)),
      [`${name}P99`]: med((r) => percentile(pick(r), 99)),
    }) as Record<`${Name}P50` | `${Name}P99`, number>;
  return {
    store,
    runs,
    storeOpenMs: med((r) => r.storeOpenMs),
    linksPerSecond: med((r) => r.linksPerSecond),
    ...medianPercentiles('link', (r) => r.linkMs),
    p50: med((r) => percentile(r.latencies, 50)),
    p99: med((r) => percentile(r.latencies, 99)),
    max: med((r) => Math.max(...r.latencies)),
    perStream: med((r) => r.perStream),
    burstPerSecond: med((r) => r.burstPerSecond),
    ...medianPercentiles('burst', (r) => r.burstLatencies),
    ...medianPercentiles('racing', (r) => r.racingMs),
    complete: runs.every(
      (r) =>
        r.tokenRequestsBanq === 1 &&
        r.tokenRequestsBackend === 1 &&
        r.delivered === STREAMS &&
        r.webhookFailures === 0 &&
        r.subscribersAfter === 0 &&
        r.racingDiffer === 0 &&
        r.racingBanqCalls === RACES,
    ),
  };
}

/**
 * `runs` rounds; in each, one run per store (memory, PGlite, PostgreSQL), each with a fresh
 * backend, fake banq and store. PostgreSQL is skipped, with the reason, when it is not usable.
 */
export async function benchBackend(
  runs = 3,
  databaseUrl = process.env.BENCH_DATABASE_URL || DEFAULT_BENCH_DATABASE_URL,
  log: (line: string) => void = console.log,
): Promise<BackendResult> {
  const loadAtStart = loadavg()[0];
  const skipped: BackendResult['skipped'] = [];
  const problem = await probePostgres(databaseUrl);
  if (problem) {
    console.warn(`warning: ${problem} The PostgreSQL column is skipped.`);
    skipped.push({ store: 'postgres', reason: problem });
  }
  const kinds = STORES.filter((kind) => !skipped.some((s) => s.store === kind));
  // One new PGlite database for the benchmark, emptied before each run like PostgreSQL's.
  const dataDir = mkdtempSync(join(tmpdir(), 'banq-bench-pglite-'));
  const specs: Record<StoreKind, StoreSpec> = {
    memory: { kind: 'memory' },
    pglite: { kind: 'pglite', dataDir },
    postgres: { kind: 'postgres', databaseUrl },
  };
  const results = new Map<StoreKind, BackendRun[]>(kinds.map((kind) => [kind, []]));
  try {
    for (let run = 0; run < runs; run++)
      for (const kind of kinds) {
        const start = performance.now();
        const result = await runOnce(specs[kind], run);
        results.get(kind)?.push(result);
        log(
          `  ${kind} run ${run + 1}: ${((performance.now() - start) / 1000).toFixed(1)} s, ` +
            `${result.linksPerSecond.toFixed(0)} links/s, ` +
            `webhook → browser p50 ${percentile(result.latencies, 50).toFixed(1)} ms, ` +
            `p99 ${percentile(result.latencies, 99).toFixed(1)} ms`,
        );
      }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  return {
    links: LINKS,
    streams: STREAMS,
    webhookRate: WEBHOOK_RATE,
    paced: PACED,
    runs,
    databaseUrl: redact(databaseUrl),
    stores: kinds.map((kind) => summarise(kind, results.get(kind) ?? [])),
    skipped,
    load: { start: loadAtStart, end: loadavg()[0] },
  };
}
