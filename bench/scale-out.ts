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
async function runScale(
  shared: Shared,
  instances: number,
  first: number,
  streamCount: number,
  webhooks: number,
  log: (line: string) => void,
): Promise<ScaleRun> {
  const begun = performance.now();
  const { fake, databaseUrl, tokens } = shared;
  const backends: Backend[] = [];
  const agents: Agent[] = [];
  const agent = (options: ConstructorParameters<typeof Agent>[0]) => {
    const made = new Agent(options);
    agents.push(made);
    return made;
  };
  const streams: (Stream | undefined)[] = [];
  try {
    const spec = { kind: 'postgres', databaseUrl } as const;
    // The very first instance empties the tables; every other one shares what is there.
    for (let n = 0; n < instances; n++)
      backends.push(
        await Backend.start(fake, spec, {
          reset: shared.made === 0 && n === 0,
          maxStreams: SCALE.maxStreams,
        }),
      );
    const urls = backends.map((b) => b.url);
    const last = first + streamCount;
    // Order i (j = i - first): its link made on instance j % n, its stream held by instance
    // ⌊j / 2⌋ % n, its webhook (the first `webhooks`) sent to instance j % n, where its link
    // was made. With two instances, half the streams (j % 4 of 1 or 2) use a token the other
    // instance signed, and the webhooks of those same orders are booked by the instance not
    // holding the order's stream.
    const linkOn = (i: number) => (i - first) % instances;
    const streamOn = (i: number) => Math.floor((i - first) / 2) % instances;
    const webhookTo = (i: number) => (i - first) % instances;

    // Payment links for the orders that have none, each instance SCALE.linkConcurrency at a time.
    const linkStart = performance.now();
    const newLinks = indexes(Math.max(first, shared.made), last);
    await Promise.all(
      urls.map((url, n) => {
        const linkAgent = agent({ keepAlive: true, maxSockets: SCALE.linkConcurrency });
        const mine = newLinks.filter((i) => linkOn(i) === n);
        return pool(mine, SCALE.linkConcurrency, async (i) => {
          tokens[i] = await makeLink(linkAgent, url, orderId(i));
        });
      }),
    );
    shared.made = Math.max(shared.made, last);
    const linksMs = performance.now() - linkStart;
    const paymentOf = new Map<string, string>();
    for (const [id, payment] of fake.state.payments) paymentOf.set(payment.externalOrderCode, id);

    // Every stream, each instance OPEN_BATCH at a time.
    const streamAgent = agent({ keepAlive: false, maxSockets: Infinity });
    let streamFailures = 0;
    const openStart = performance.now();
    await Promise.all(
      urls.map(async (url, n) => {
        const mine = indexes(first, last, (i) => streamOn(i) === n);
        for (let at = 0; at < mine.length; at += OPEN_BATCH)
          await Promise.all(
            mine.slice(at, at + OPEN_BATCH).map(async (i) => {
              try {
                streams[i - first] = await openStream(streamAgent, url, n, orderId(i), tokens[i]);
              } catch {
                streamFailures++;
              }
            }),
          );
      }),
    );
    const streamsOpenMs = performance.now() - openStart;
    const subscribed = async () =>
      (await Promise.all(backends.map((b) => b.stats()))).reduce(
        (sum, s) => sum + s.subscribers,
        0,
      );
    await until(
      async () => (await subscribed()) === streamCount - streamFailures,
      15_000,
      'every stream subscribed',
    );
    log(
      `  ${instances} instance${instances > 1 ? 's' : ''}: ${newLinks.length.toLocaleString('en-US')} links in ` +
        `${(linksMs / 1000).toFixed(1)} s, ${streamCount.toLocaleString('en-US')} streams open in ` +
        `${(streamsOpenMs / 1000).toFixed(1)} s`,
    );

    // The webhooks at SCALE.rate a second on a fixed schedule, order by order.
    const webhookAgents = urls.map(() =>
      agent({ keepAlive: true, maxSockets: SCALE.webhookSockets / instances }),
    );
    const webhook = (n: number, id: string, paymentId: string) => {
      fake.complete(paymentId);
      return post(webhookAgents[n], `${urls[n]}/your-web-hooks/payment-status`, {
        id,
        action: 'completed',
        resourceType: 'Payment',
        resourceId: paymentId,
      });
    };
    const paid = indexes(first, first + webhooks);
    const sentAt = new Array<number>(webhooks);
    const answeredMs: number[] = [];
    let webhookFailures = 0;
    const deliver = async (i: number) => {
      const paymentId = paymentOf.get(orderId(i));
      // Counted, not thrown: nothing awaits this task until the sending is over, and a throw
      // would be an unhandled rejection that ends the whole `npm run bench`.
      if (!paymentId) {
        webhookFailures++;
        return;
      }
      sentAt[i - first] = performance.now();
      try {
        const answer = await webhook(webhookTo(i), `evt_${i}`, paymentId);
        if (answer.status !== 200) webhookFailures++;
        else answeredMs.push(performance.now() - sentAt[i - first]);
      } catch {
        webhookFailures++;
      }
    };

    // Warm-up, not counted: SCALE.warmUp orders with no stream, linked and paid round-robin at the
    // same rate, so the first measured webhooks do not pay for a cold process (its JIT, its
    // pool's statements prepared, banq's connections opened).
    const warmLinks = agent({ keepAlive: true, maxSockets: SCALE.linkConcurrency });
    const warm = Array.from({ length: SCALE.warmUp }, (_, w) => `scale-warm-${instances}-${w}`);
    await pool(indexes(0, SCALE.warmUp), SCALE.linkConcurrency, async (w) => {
      await makeLink(warmLinks, urls[w % instances], warm[w]);
    });
    const warmPayments = new Map<string, string>();
    for (const [id, payment] of fake.state.payments)
      warmPayments.set(payment.externalOrderCode, id);
    const warming = await atRate(SCALE.warmUp, SCALE.rate, async (w) => {
      const paymentId = warmPayments.get(warm[w]) ?? '';
      await webhook(w % instances, `evt_warm_${instances}_${w}`, paymentId).catch(() => {});
    });
    await warming.done;
    await sleep(SCALE.warmUpPauseMs);

    const database = databaseName(databaseUrl);
    const waits = await sampleWaits(databaseUrl);
    const cpuBefore = postgresCpu(database);
    const loop = monitorEventLoopDelay({ resolution: 1 });
    for (const b of backends) b.phase('webhooks');
    loop.enable();
    const benchCpu = process.cpuUsage();
    const started = performance.now();
    const sending = await atRate(webhooks, SCALE.rate, (k) => deliver(paid[k]));
    const { sendingMs } = sending;
    await sending.done;
    await until(
      () => streams.slice(0, webhooks).every((s) => !s || s.told > 0),
      SCALE.toldWithinMs,
      'every paid stream told',
    ).catch(() => {});
    const webhookPhaseMs = performance.now() - started;
    const benchCpuUsed = process.cpuUsage(benchCpu);
    loop.disable();
    const cpuAfter = postgresCpu(database);
    const waited = await waits.stop();
    const phases = await Promise.all(backends.map((b) => b.timings()));
    // A second message, if any were coming, would come now.
    await sleep(SCALE.quietMs);

    const latencies: number[] = [];
    const sameLatencies: number[] = [];
    const crossLatencies: number[] = [];
    let toldOnce = 0;
    let missing = 0;
    let duplicates = 0;
    let strays = 0;
    for (let j = 0; j < streamCount; j++) {
      const stream = streams[j];
      if (!stream) {
        // A paid order's stream that never opened: a browser never told.
        if (j < webhooks) missing++;
        continue;
      }
      strays += stream.strays;
      if (j >= webhooks) {
        strays += stream.told;
        continue;
      }
      if (stream.told === 0) missing++;
      else if (stream.told === 1) toldOnce++;
      else duplicates++;
      if (stream.toldAt === undefined) continue;
      const latency = stream.toldAt - sentAt[j];
      latencies.push(latency);
      (stream.instance === webhookTo(first + j) ? sameLatencies : crossLatencies).push(latency);
    }
    for (const s of streams) s?.close();

    return {
      instances,
      streams: streamCount,
      webhooks,
      webhookRate: SCALE.rate,
      sentPerSecond: ((webhooks - 1) * 1000) / sendingMs,
      links: newLinks.length,
      linksPerSecond: (newLinks.length * 1000) / linksMs,
      streamsOpenMs,
      latencies,
      sameLatencies,
      crossLatencies,
      answeredMs,
      toldOnce,
      missing,
      duplicates,
      strays,
      webhookFailures,
      streamFailures,
      benchLoopP99: loop.percentile(99) / 1e6,
      benchLoopMax: loop.max / 1e6,
      benchCpuMs: (benchCpuUsed.user + benchCpuUsed.system) / 1000,
      ...(cpuBefore !== undefined &&
        cpuAfter !== undefined && { postgresCpuMs: cpuAfter - cpuBefore }),
      waits: waited,
      webhookPhaseMs,
      perInstance: backends.map((_, n) => ({
        streams: indexes(first, last, (i) => streamOn(i) === n).length,
        webhooks: paid.filter((i) => webhookTo(i) === n).length,
        ...(phases[n].webhooks && { phase: phases[n].webhooks }),
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
