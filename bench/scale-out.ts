/**
 * Scale-out: SCALE.streams open `/payment-events` streams split over two backend instances on
 * one PostgreSQL database (BENCH_DATABASE_URL), banq's webhooks at SCALE.rate a second
 * delivered round-robin to either instance, each for a distinct order, so half the events are
 * committed by one instance and must reach a stream held by the other (LISTEN/NOTIFY,
 * server/src/event-relay.ts); then the same load on one instance, for the ratio. Each
 * instance is a bench/backend-server.ts child (as in the backend benchmark); the fake banq,
 * the browsers' streams (plain HTTP GETs held open) and banq's deliveries are this process.
 *
 * Both configurations share the database, emptied once by the very first instance, and the
 * fake banq. With the defaults: orders 0–9,999 get their links (through the instances' link
 * endpoint) and streams on the two instances, and orders 0–4,999 are paid; then one new
 * instance holds the streams of orders 5,000–14,999 (5,000 new links; the other tokens were
 * signed by the first two, under the secret kept in the store) and orders 5,000–9,999 are
 * paid. Loopback only; every count and every wait is bounded.
 *
 * Standalone: `npx tsx bench/scale-out.ts` prints the figures (BENCH_DATABASE_URL as for
 * `npm run bench`).
 */
import { readFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { openSqlClient } from '../server/src/store/index.js';
import { startFakeBanq, type FakeBanq } from '../testing/fake-banq.js';
import {
  atRate,
  Backend,
  OPEN_BATCH,
  DEFAULT_BENCH_DATABASE_URL,
  databaseName,
  holdEventStream,
  pool,
  post,
  postgresCpu,
  probePostgres,
  redact,
  requestLink,
  type PhaseSummary,
} from './backend.js';
import type { Engine } from './backend-server.js';
import { percentile, sleep, until } from './stats.js';

/** The scale-out load and its goal, as `npm run bench` runs them. */
export const SCALE = {
  /** Open streams in all, split evenly over the instances. */
  streams: 10_000,
  /** Webhooks a second, on a fixed schedule (open loop) whatever the backends' pace. */
  rate: 500,
  /** Webhooks sent, each for a distinct order: SCALE.webhooks / SCALE.rate seconds of load. */
  webhooks: 5_000,
  /** The instances' `maxStreams`: above what one instance is asked to hold (all of them, alone). */
  maxStreams: 20_000,
  /** Payment-link requests in flight, per instance. */
  linkConcurrency: 50,
  /**
   * banq's webhook connections (keep-alive) at most, in all, split over the instances: the same
   * for one instance as for two. Far above what 500/s needs while the backends keep up (the rate
   * times the latency); only when they fall behind does it bound how many wait in the backends.
   */
  webhookSockets: 512,
  /** Webhooks for orders with no stream, at SCALE.rate, before the measured ones (not counted). */
  warmUp: 250,
  /** After the warm-up, before the measured webhooks: the queues it left drain. */
  warmUpPauseMs: 500,
  /** After every paid stream was told: how long to keep listening for a second message. */
  quietMs: 1_000,
  /** How long after the last webhook's answer every paid stream may take to be told. */
  toldWithinMs: 20_000,
  /** File descriptors this process needs beyond one per stream (webhooks, links, fake banq, Node). */
  fdHeadroom: 1_500,
  /** The webhook-to-stream latency's goal, at the 99th percentile. */
  p99GoalMs: 50,
  /** The configurations, in the order run. */
  instances: [2, 1] as const,
};

export interface ScaleInstance {
  /** Streams this instance held. */
  streams: number;
  /** Webhooks delivered to it. */
  webhooks: number;
  /** Where its time went while the webhooks were sent (backend-server.ts's phase timings). */
  phase?: PhaseSummary;
}

export interface ScaleRun {
  instances: number;
  streams: number;
  webhooks: number;
  /** The schedule's rate, and the rate the sends kept (webhooks over the sending time). */
  webhookRate: number;
  sentPerSecond: number;
  /** Payment links made for this configuration (the orders that had none), and how many a second. */
  links: number;
  linksPerSecond: number;
  /** Time to open every stream (all instances at once). */
  streamsOpenMs: number;
  /** Webhook sent → message on the order's stream, ms, of every stream told. */
  latencies: number[];
  /** The same, split: the stream on the instance the webhook went to, or on the other. */
  sameLatencies: number[];
  crossLatencies: number[];
  /** Webhook sent → banq's delivery answered 200, ms: the part of the latency before the commit. */
  answeredMs: number[];
  /** Paid orders' streams told exactly once; told never; told more than once. */
  toldOnce: number;
  missing: number;
  duplicates: number;
  /** Messages on the streams of orders not paid (should be none). */
  strays: number;
  /** Webhooks answered other than 200, or not at all. */
  webhookFailures: number;
  /** Streams refused (not 200) or failed to open. */
  streamFailures: number;
  /** This process's event-loop delay while the webhooks were sent, p99 and max, ms. */
  benchLoopP99: number;
  benchLoopMax: number;
  /** This process's CPU over the webhook phase (the fake banq, the streams, the deliveries), ms. */
  benchCpuMs: number;
  /** CPU of the PostgreSQL processes serving the database while the webhooks were sent, ms. */
  postgresCpuMs?: number;
  /** How PostgreSQL's connections waited while the webhooks were sent. */
  waits: WaitSample;
  /** Wall time of the webhook phase (first send → last stream told or given up), ms. */
  webhookPhaseMs: number;
  perInstance: ScaleInstance[];
  engine?: Engine;
  elapsedMs: number;
}

export interface ScaleOutResult {
  streams: number;
  webhooks: number;
  webhookRate: number;
  databaseUrl: string;
  runs: ScaleRun[];
  /** Why nothing was measured (PostgreSQL unreachable, or the run failed), when it was not. */
  skipped?: string;
  /** Why fewer than SCALE.streams streams were opened (the file limit), when they were. */
  capped?: string;
  /** This process's open-file limit (soft), as /proc/self/limits says. */
  fileLimit?: number;
  load: { start: number; end: number };
  seconds: number;
}

/** Two-instance figure over the one-instance figure (both measured in this run). */
export function scaleRatio(result: ScaleOutResult, pick: (run: ScaleRun) => number): number {
  const two = result.runs.find((r) => r.instances === 2);
  const one = result.runs.find((r) => r.instances === 1);
  return two && one ? pick(two) / pick(one) : NaN;
}

/** Every paid order's stream told exactly once, nothing else told, nothing failed. */
export const scaleComplete = (run: ScaleRun) =>
  run.toldOnce === run.webhooks &&
  run.missing === 0 &&
  run.duplicates === 0 &&
  run.strays === 0 &&
  run.webhookFailures === 0 &&
  run.streamFailures === 0;

/** The soft limit on this process's open files (Linux), undefined where it cannot be read. */
function openFileLimit(): number | undefined {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const soft = line?.split(/\s{2,}/)[1];
    return soft === undefined || soft === 'unlimited' ? undefined : Number(soft);
  } catch {
    return undefined;
  }
}

interface Stream {
  orderId: string;
  /** The instance holding it. */
  instance: number;
  /** Completed messages for this order, and when the first arrived (performance.now()). */
  told: number;
  toldAt?: number;
  /** Messages for another order, or unreadable (never expected). */
  strays: number;
  close(): void;
}

/**
 * A browser's EventSource (bench/backend.ts's), each message read as it comes (an SSE message
 * ends with a blank line; `data:` is the JSON): the order's completions counted, anything else
 * a stray.
 */
async function openStream(
  agent: Agent,
  url: string,
  instance: number,
  orderId: string,
  token: string,
): Promise<Stream> {
  const stream: Stream = { orderId, instance, told: 0, strays: 0, close: () => {} };
  let pending = '';
  const read = (chunk: string, now: number) => {
    pending += chunk;
    let end: number;
    while ((end = pending.indexOf('\n\n')) >= 0) {
      const message = pending.slice(0, end);
      pending = pending.slice(end + 2);
      const data = message
        .split('\n')
        .find((line) => line.startsWith('data:'))
        ?.slice(5);
      if (data === undefined) continue; // retry: and heartbeats
      try {
        const event = JSON.parse(data) as { orderId?: string; status?: string };
        if (event.orderId === orderId && event.status === 'completed') {
          stream.told++;
          stream.toldAt ??= now;
        } else stream.strays++;
      } catch {
        stream.strays++;
      }
    }
  };
  stream.close = await holdEventStream(agent, url, orderId, token, read, 20_000);
  return stream;
}

/** A payment link for the order through the instance at `url`; resolves with its events token. */
const makeLink = async (agent: Agent, url: string, order: string): Promise<string> =>
  (await requestLink(agent, url, order)).eventsToken;

/** The numbers from `from` up to `to` that `keep` keeps. */
const indexes = (from: number, to: number, keep: (i: number) => boolean = () => true) =>
  Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i).filter(keep);

/** What the configurations share: one fake banq, one database, the orders made so far. */
interface Shared {
  fake: FakeBanq;
  databaseUrl: string;
  /** Each order's events token, as its link's answer gave it (index: the order's number). */
  tokens: string[];
  /** Orders whose link is made: the first `made`. */
  made: number;
}

const orderId = (i: number) => `scale-${i}`;

/** How the database's busy connections waited, sampled while the webhooks were sent. */
export interface WaitSample {
  samples: number;
  /** Mean connections running a statement (on a CPU, waiting for one, or waiting in it). */
  active: number;
  /** Mean of those waiting for a heavyweight lock (`Lock`: the event log's advisory lock). */
  lockWaits: number;
  /** Mean of those waiting for the WAL to be written or flushed (`WAL…` wait events). */
  walWaits: number;
  /** Mean connections per wait event (`type:event`; `running` for none), for the record. */
  byEvent: Record<string, number>;
}

/**
 * Samples pg_stat_activity every few ms: how many of the database's connections (this
 * sampler's aside) are running a statement, and what they wait for. Run while the webhooks go.
 */
async function sampleWaits(databaseUrl: string): Promise<{ stop(): Promise<WaitSample> }> {
  const client = await openSqlClient({ databaseUrl });
  let samples = 0;
  const sums = new Map<string, number>();
  // `as boolean`: stop() clears it, which TypeScript's narrowing to true does not see.
  let running = true as boolean;
  const sampling = (async () => {
    while (running) {
      const rows = await client.query<{ type: string | null; event: string | null; n: string }>(
        `select wait_event_type as type, wait_event as event, count(*)::text as n
         from pg_stat_activity
         where datname = current_database() and state = 'active' and pid <> pg_backend_pid()
         group by 1, 2`,
      );
      samples++;
      for (const { type, event, n } of rows) {
        const key = type ? `${type}:${String(event)}` : 'running';
        sums.set(key, (sums.get(key) ?? 0) + Number(n));
      }
      await sleep(20);
    }
  })().catch(() => {});
  return {
    async stop() {
      running = false;
      await sampling;
      await client.close().catch(() => {});
      const byEvent = Object.fromEntries(
        [...sums].map(([key, sum]) => [key, samples ? sum / samples : NaN]),
      );
      const total = (keep: (key: string) => boolean) =>
        Object.entries(byEvent).reduce((sum, [key, mean]) => (keep(key) ? sum + mean : sum), 0);
      return {
        samples,
        active: total(() => true),
        lockWaits: total((key) => key.startsWith('Lock:')),
        walWaits: total((key) => key.includes(':WAL')),
        byEvent,
      };
    },
  };
}

/**
 * One configuration: `instances` backends on the shared database, the orders `first` to
 * `first + streamCount` with a stream each (links made for those that have none yet), the
 * webhooks for the first `webhooks` of them; then every stream closed and every backend stopped.
 */
/**
 * One configuration's run as its phases see it: the instances, the orders it covers (numbers
 * `first` to `last`, the first `webhooks` of them paid), where each order goes, and the streams.
 */
interface ScaleSetup {
  shared: Shared;
  instances: number;
  first: number;
  last: number;
  webhooks: number;
  backends: Backend[];
  urls: string[];
  /** The stream of order `first + j`, at `j`, once opened. */
  streams: (Stream | undefined)[];
  /** A new HTTP agent, destroyed when the run ends. */
  agent: (options: ConstructorParameters<typeof Agent>[0]) => Agent;
  // Order i (j = i - first): its link made on instance j % n, its stream held by instance
  // ⌊j / 2⌋ % n, its webhook (the first `webhooks`) sent to instance j % n, where its link
  // was made. With two instances, half the streams (j % 4 of 1 or 2) use a token the other
  // instance signed, and the webhooks of those same orders are booked by the instance not
  // holding the order's stream.
  linkOn: (i: number) => number;
  streamOn: (i: number) => number;
  webhookTo: (i: number) => number;
}

async function runScale(
  shared: Shared,
  instances: number,
  first: number,
  streamCount: number,
  webhooks: number,
  log: (line: string) => void,
): Promise<ScaleRun> {
  const begun = performance.now();
  const agents: Agent[] = [];
  const backends: Backend[] = [];
  const streams: (Stream | undefined)[] = [];
  try {
    await startInstances(shared, instances, backends);
    const run: ScaleSetup = {
      shared,
      instances,
      first,
      last: first + streamCount,
      webhooks,
      backends,
      urls: backends.map((b) => b.url),
      streams,
      agent: (options) => {
        const made = new Agent(options);
        agents.push(made);
        return made;
      },
      linkOn: (i) => (i - first) % instances,
      streamOn: (i) => Math.floor((i - first) / 2) % instances,
      webhookTo: (i) => (i - first) % instances,
    };
    const links = await makeLinks(run);
    const opened = await openStreams(run);
    log(
      `  ${instances} instance${instances > 1 ? 's' : ''}: ${links.count.toLocaleString('en-US')} links in ` +
        `${(links.ms / 1000).toFixed(1)} s, ${streamCount.toLocaleString('en-US')} streams open in ` +
        `${(opened.ms / 1000).toFixed(1)} s`,
    );
    const sender = webhookSender(run);
    await warmUp(run, sender.webhook);
    const measured = await sendPaced(run, sender.deliver);
    // A second message, if any were coming, would come now.
    await sleep(SCALE.quietMs);
    const told = tallyStreams(run, sender.sentAt);
    for (const s of streams) s?.close();

    return {
      instances,
      streams: streamCount,
      webhooks,
      webhookRate: SCALE.rate,
      sentPerSecond: ((webhooks - 1) * 1000) / measured.sendingMs,
      links: links.count,
      linksPerSecond: (links.count * 1000) / links.ms,
      streamsOpenMs: opened.ms,
      ...told,
      answeredMs: sender.answeredMs,
      webhookFailures: sender.failures(),
      streamFailures: opened.failures,
      benchLoopP99: measured.loop.percentile(99) / 1e6,
      benchLoopMax: measured.loop.max / 1e6,
      benchCpuMs: (measured.benchCpu.user + measured.benchCpu.system) / 1000,
      ...(measured.postgresCpuMs !== undefined && { postgresCpuMs: measured.postgresCpuMs }),
      waits: measured.waits,
      webhookPhaseMs: measured.webhookPhaseMs,
      perInstance: backends.map((_, n) => ({
        streams: indexes(first, run.last, (i) => run.streamOn(i) === n).length,
        webhooks: indexes(first, first + webhooks, (i) => run.webhookTo(i) === n).length,
        ...(measured.phases[n].webhooks && { phase: measured.phases[n].webhooks }),
      })),
      ...(backends[0]?.engine && { engine: backends[0].engine }),
      elapsedMs: performance.now() - begun,
    };
  } finally {
    for (const s of streams) s?.close();
    for (const a of agents) a.destroy();
    await Promise.all(backends.map((b) => b.stop()));
  }
}

/** Starts `instances` backends into `backends`: those started are stopped even if one fails. */
async function startInstances(shared: Shared, instances: number, backends: Backend[]) {
  const spec = { kind: 'postgres', databaseUrl: shared.databaseUrl } as const;
  // The very first instance empties the tables; every other one shares what is there.
  for (let n = 0; n < instances; n++)
    backends.push(
      await Backend.start(shared.fake, spec, {
        reset: shared.made === 0 && n === 0,
        maxStreams: SCALE.maxStreams,
      }),
    );
}

/** Payment links for the run's orders that have none, each instance SCALE.linkConcurrency at a time. */
async function makeLinks(run: ScaleSetup): Promise<{ count: number; ms: number }> {
  const { shared } = run;
  const start = performance.now();
  const newLinks = indexes(Math.max(run.first, shared.made), run.last);
  await Promise.all(
    run.urls.map((url, n) => {
      const linkAgent = run.agent({ keepAlive: true, maxSockets: SCALE.linkConcurrency });
      const mine = newLinks.filter((i) => run.linkOn(i) === n);
      return pool(mine, SCALE.linkConcurrency, async (i) => {
        shared.tokens[i] = await makeLink(linkAgent, url, orderId(i));
      });
    }),
  );
  shared.made = Math.max(shared.made, run.last);
  return { count: newLinks.length, ms: performance.now() - start };
}

/** Every stream of the run, each instance OPEN_BATCH at a time; resolves once all are subscribed. */
async function openStreams(run: ScaleSetup): Promise<{ ms: number; failures: number }> {
  const streamAgent = run.agent({ keepAlive: false, maxSockets: Infinity });
  let failures = 0;
  const start = performance.now();
  await Promise.all(
    run.urls.map(async (url, n) => {
      const mine = indexes(run.first, run.last, (i) => run.streamOn(i) === n);
      for (let at = 0; at < mine.length; at += OPEN_BATCH)
        await Promise.all(
          mine.slice(at, at + OPEN_BATCH).map(async (i) => {
            try {
              const token = run.shared.tokens[i];
              run.streams[i - run.first] = await openStream(streamAgent, url, n, orderId(i), token);
            } catch {
              failures++;
            }
          }),
        );
    }),
  );
  const ms = performance.now() - start;
  const subscribed = async () =>
    (await Promise.all(run.backends.map((b) => b.stats()))).reduce(
      (sum, s) => sum + s.subscribers,
      0,
    );
  await until(
    async () => (await subscribed()) === run.last - run.first - failures,
    15_000,
    'every stream subscribed',
  );
  return { ms, failures };
}

/**
 * banq's webhook for the run's order `i`, sent to the instance its link was made on (`deliver`),
 * with the send times and answer times it records and the failures it counts.
 */
function webhookSender(run: ScaleSetup) {
  const { fake } = run.shared;
  const paymentOf = new Map<string, string>();
  for (const [id, payment] of fake.state.payments) paymentOf.set(payment.externalOrderCode, id);
  const webhookAgents = run.urls.map(() =>
    run.agent({ keepAlive: true, maxSockets: SCALE.webhookSockets / run.instances }),
  );
  const webhook = (n: number, id: string, paymentId: string) => {
    fake.complete(paymentId);
    return post(webhookAgents[n], `${run.urls[n]}/your-web-hooks/payment-status`, {
      id,
      action: 'completed',
      resourceType: 'Payment',
      resourceId: paymentId,
    });
  };
  const sentAt = new Array<number>(run.webhooks);
  const answeredMs: number[] = [];
  let failures = 0;
  const deliver = async (i: number) => {
    const paymentId = paymentOf.get(orderId(i));
    // Counted, not thrown: nothing awaits this task until the sending is over, and a throw
    // would be an unhandled rejection that ends the whole `npm run bench`.
    if (!paymentId) {
      failures++;
      return;
    }
    const j = i - run.first;
    sentAt[j] = performance.now();
    try {
      const answer = await webhook(run.webhookTo(i), `evt_${i}`, paymentId);
      if (answer.status !== 200) failures++;
      else answeredMs.push(performance.now() - sentAt[j]);
    } catch {
      failures++;
    }
  };
  return { webhook, deliver, sentAt, answeredMs, failures: () => failures };
}

/**
 * Not counted: SCALE.warmUp orders with no stream, linked and paid round-robin at the same
 * rate, so the first measured webhooks do not pay for a cold process (its JIT, its pool's
 * statements prepared, banq's connections opened).
 */
async function warmUp(
  run: ScaleSetup,
  webhook: ReturnType<typeof webhookSender>['webhook'],
): Promise<void> {
  const { instances, urls } = run;
  const warmLinks = run.agent({ keepAlive: true, maxSockets: SCALE.linkConcurrency });
  const warm = Array.from({ length: SCALE.warmUp }, (_, w) => `scale-warm-${instances}-${w}`);
  await pool(indexes(0, SCALE.warmUp), SCALE.linkConcurrency, async (w) => {
    await makeLink(warmLinks, urls[w % instances], warm[w]);
  });
  const warmPayments = new Map<string, string>();
  for (const [id, payment] of run.shared.fake.state.payments)
    warmPayments.set(payment.externalOrderCode, id);
  const warming = await atRate(SCALE.warmUp, SCALE.rate, async (w) => {
    const paymentId = warmPayments.get(warm[w]) ?? '';
    await webhook(w % instances, `evt_warm_${instances}_${w}`, paymentId).catch(() => {});
  });
  await warming.done;
  await sleep(SCALE.warmUpPauseMs);
}

/**
 * The measured webhooks at SCALE.rate a second on a fixed schedule, order by order, until every
 * paid stream is told (or SCALE.toldWithinMs), with what the machine did meanwhile.
 */
async function sendPaced(run: ScaleSetup, deliver: (i: number) => Promise<void>) {
  const { databaseUrl } = run.shared;
  const database = databaseName(databaseUrl);
  const waits = await sampleWaits(databaseUrl);
  const cpuBefore = postgresCpu(database);
  const loop = monitorEventLoopDelay({ resolution: 1 });
  for (const b of run.backends) b.phase('webhooks');
  loop.enable();
  const benchCpuStart = process.cpuUsage();
  const started = performance.now();
  const sending = await atRate(run.webhooks, SCALE.rate, (k) => deliver(run.first + k));
  await sending.done;
  await until(
    () => run.streams.slice(0, run.webhooks).every((s) => !s || s.told > 0),
    SCALE.toldWithinMs,
    'every paid stream told',
  ).catch(() => {});
  const webhookPhaseMs = performance.now() - started;
  const benchCpu = process.cpuUsage(benchCpuStart);
  loop.disable();
  const cpuAfter = postgresCpu(database);
  return {
    sendingMs: sending.sendingMs,
    webhookPhaseMs,
    benchCpu,
    loop,
    postgresCpuMs:
      cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined,
    waits: await waits.stop(),
    phases: await Promise.all(run.backends.map((b) => b.timings())),
  };
}

/** What each stream of the run was told: the paid orders' once each, the others nothing. */
function tallyStreams(run: ScaleSetup, sentAt: number[]) {
  const latencies: number[] = [];
  const sameLatencies: number[] = [];
  const crossLatencies: number[] = [];
  let toldOnce = 0;
  let missing = 0;
  let duplicates = 0;
  let strays = 0;
  for (let j = 0; j < run.last - run.first; j++) {
    const stream = run.streams[j];
    if (!stream) {
      // A paid order's stream that never opened: a browser never told.
      if (j < run.webhooks) missing++;
      continue;
    }
    strays += stream.strays;
    if (j >= run.webhooks) {
      strays += stream.told;
      continue;
    }
    if (stream.told === 0) missing++;
    else if (stream.told === 1) toldOnce++;
    else duplicates++;
    if (stream.toldAt === undefined) continue;
    const latency = stream.toldAt - sentAt[j];
    latencies.push(latency);
    (stream.instance === run.webhookTo(run.first + j) ? sameLatencies : crossLatencies).push(
      latency,
    );
  }
  return { latencies, sameLatencies, crossLatencies, toldOnce, missing, duplicates, strays };
}

/**
 * Two instances, then one, each with SCALE.streams streams and SCALE.webhooks webhooks at
 * SCALE.rate a second. Not measured, with the reason, when PostgreSQL is not usable.
 */
export async function benchScaleOut(
  databaseUrl = process.env.BENCH_DATABASE_URL || DEFAULT_BENCH_DATABASE_URL,
  log: (line: string) => void = console.log,
): Promise<ScaleOutResult> {
  const begun = performance.now();
  const loadAtStart = loadavg()[0];
  const fileLimit = openFileLimit();
  const base = {
    webhooks: SCALE.webhooks,
    webhookRate: SCALE.rate,
    databaseUrl: redact(databaseUrl),
    ...(fileLimit !== undefined && { fileLimit }),
  };
  const problem = await probePostgres(databaseUrl);
  if (problem) {
    console.warn(`warning: ${problem} The scale-out benchmark is skipped.`);
    return {
      ...base,
      streams: SCALE.streams,
      runs: [],
      skipped: problem,
      load: { start: loadAtStart, end: loadavg()[0] },
      seconds: (performance.now() - begun) / 1000,
    };
  }
  // One socket per stream, here and in the instance holding it (which inherits this limit).
  let streams = SCALE.streams;
  let capped: string | undefined;
  if (fileLimit !== undefined && fileLimit - SCALE.fdHeadroom < streams) {
    streams = Math.max(OPEN_BATCH, Math.floor((fileLimit - SCALE.fdHeadroom) / 100) * 100);
    capped =
      `the open-file limit here is ${fileLimit} (\`ulimit -n\`): ${streams} streams, not ` +
      `${SCALE.streams}; raise it (\`ulimit -n ${SCALE.streams + 2 * SCALE.fdHeadroom}\`) for the full count`;
    console.warn(`warning: ${capped}`);
  }
  // One database and one fake banq for both configurations: the second's streams are the
  // first's unpaid orders and as many new ones, so it makes only that many links.
  const webhooks = Math.min(SCALE.webhooks, streams);
  const fake = await startFakeBanq();
  const shared: Shared = { fake, databaseUrl, tokens: [], made: 0 };
  const runs: ScaleRun[] = [];
  let failed: string | undefined;
  try {
    for (const [k, instances] of SCALE.instances.entries()) {
      const run = await runScale(shared, instances, k * webhooks, streams, webhooks, log);
      runs.push(run);
      log(
        `  ${instances} instance${instances > 1 ? 's' : ''}: ${(run.elapsedMs / 1000).toFixed(1)} s, ` +
          `webhook → browser p50 ${percentile(run.latencies, 50).toFixed(1)} ms, ` +
          `p99 ${percentile(run.latencies, 99).toFixed(1)} ms; ${run.toldOnce} told once, ` +
          `${run.missing} missing, ${run.duplicates} duplicates`,
      );
    }
  } catch (error) {
    // Said in the report rather than losing the rest of `npm run bench`.
    failed = `The run failed: ${(error as Error).message}.`;
    console.error(`scale-out: ${String((error as Error).stack)}`);
  } finally {
    await fake.close();
  }
  return {
    ...base,
    streams,
    runs,
    ...(failed && { skipped: failed }),
    ...(capped && { capped }),
    load: { start: loadAtStart, end: loadavg()[0] },
    seconds: (performance.now() - begun) / 1000,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await benchScaleOut();
  const { runs, ...rest } = result;
  console.log(JSON.stringify(rest, null, 2));
  for (const run of runs) {
    const { latencies, sameLatencies, crossLatencies, answeredMs, perInstance, ...figures } = run;
    const spread = (values: number[]) =>
      `p50 ${percentile(values, 50).toFixed(1)} ms, p99 ${percentile(values, 99).toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms (${values.length})`;
    console.log(
      JSON.stringify(
        {
          ...figures,
          all: spread(latencies),
          same: spread(sameLatencies),
          cross: spread(crossLatencies),
          answered: spread(answeredMs),
          perInstance: perInstance.map(({ phase, ...counts }) => ({
            ...counts,
            ...(phase && {
              cpu: `${Math.round((100 * phase.cpuMs) / phase.wallMs)}%`,
              loop: `p99 ${phase.loopDelayP99.toFixed(1)} ms, max ${phase.loopDelayMax.toFixed(1)} ms`,
              calls: Object.fromEntries(
                Object.entries(phase.calls).map(([name, c]) => [
                  name,
                  `${c.count}: p50 ${c.p50.toFixed(1)}, p99 ${c.p99.toFixed(1)}, max ${c.max.toFixed(1)}`,
                ]),
              ),
            }),
          })),
        },
        null,
        2,
      ),
    );
  }
}
