/**
 * The reference backend on loopback against the fake banq (test/backend/fake-banq.ts):
 * (a) payment links and the token requests they cost; (b) open `/payment-events` streams,
 * what each costs in memory, and how long a webhook takes to reach the browser's stream.
 * The backend runs alone in a child process (bench/backend-server.ts, with --expose-gc) so
 * its memory is its own; the fake banq, the browsers' streams and banq's webhook deliveries
 * are this process. Only 127.0.0.1; every wait is bounded.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { Agent, request, type IncomingMessage } from 'node:http';
import { fileURLToPath } from 'node:url';
import { startFakeBanq, type FakeBanq } from '../test/backend/fake-banq.js';
import type { Memory, Reply, Request, Stats } from './backend-server.js';
import { median, percentile, sleep, until, within } from './stats.js';

export const LINKS = 1000;
export const STREAMS = 2000;
/** Webhooks a second, sent on a fixed schedule (open loop) whatever the backend's pace. */
export const WEBHOOK_RATE = 250;
/** Webhooks sent at WEBHOOK_RATE for the latency; the rest are the burst. */
export const PACED = 1000;
/** Webhook deliveries in flight at once in the burst. */
const BURST_CONCURRENCY = 32;
/** Requests in flight at once when making payment links (a busy shop's checkouts). */
const LINK_CONCURRENCY = 50;
/** Streams opened at once: under the server's listen backlog (511). */
const OPEN_BATCH = 100;
export const P99_GOAL_MS = 50;

interface Answer {
  status: number;
  body: string;
}

export interface BackendRun {
  linkMs: number[];
  linksElapsedMs: number;
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
}

export interface BackendResult {
  runs: BackendRun[];
  links: number;
  streams: number;
  webhookRate: number;
  paced: number;
  /** Medians over the runs. */
  tokenRequests: number;
  linkP50: number;
  linkP99: number;
  p50: number;
  p99: number;
  max: number;
  perStream: number;
  burstPerSecond: number;
  /** Every run delivered every webhook and every token count was 1. */
  complete: boolean;
}

class Backend {
  readonly #waiting = new Map<Reply['type'], (reply: Reply) => void>();
  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
  ) {
    child.on('message', (reply: Reply) => {
      const taker = this.#waiting.get(reply.type);
      this.#waiting.delete(reply.type);
      taker?.(reply);
    });
  }

  static async start(fake: FakeBanq): Promise<Backend> {
    const child = fork(
      fileURLToPath(new URL('./backend-server.ts', import.meta.url)),
      [fake.authUrl, fake.apiUrl],
      {
        execArgv: ['--import', 'tsx', '--expose-gc'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      },
    );
    const listening = new Promise<string>((resolve, reject) => {
      child.once('message', (reply: Reply) => {
        if (reply.type === 'listening') resolve(reply.url);
      });
      child.once('exit', (code) => reject(new Error(`the backend exited (${code})`)));
    });
    try {
      return new Backend(child, await within(listening, 20_000, 'the backend starting'));
    } catch (error) {
      child.kill();
      throw error;
    }
  }

  ask<T extends Reply['type']>(type: Request['type'] & T): Promise<Extract<Reply, { type: T }>> {
    const answer = new Promise<Extract<Reply, { type: T }>>((resolve) =>
      this.#waiting.set(type, resolve as (reply: Reply) => void),
    );
    this.child.send({ type } satisfies Request);
    return within(answer, 10_000, `the backend's ${type}`);
  }

  stats = async (): Promise<Stats> => (await this.ask('stats')).stats;
  memory = async (): Promise<Memory> => (await this.ask('memory')).memory;

  async stop() {
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    if (this.child.connected) this.child.send({ type: 'exit' } satisfies Request);
    await within(exited, 5000, 'the backend exiting').catch(() => this.child.kill('SIGKILL'));
  }
}

function post(agent: Agent, url: string, body: unknown): Promise<Answer> {
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
async function pool<T>(items: T[], concurrency: number, task: (item: T) => Promise<void>) {
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

/** A browser's EventSource, as far as the backend can tell: a GET held open, read as it comes. */
function openStream(agent: Agent, url: string, orderId: string): Promise<Stream> {
  return within(
    new Promise<Stream>((resolve, reject) => {
      const marker = `"orderId":"${orderId}","status":"completed"`;
      const req = request(
        `${url}/payment-events?orderId=${orderId}`,
        { agent },
        (res: IncomingMessage) => {
          if (res.statusCode !== 200) return reject(new Error(`events answered ${res.statusCode}`));
          const stream: Stream = { close: () => req.destroy() };
          let seen = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            const now = performance.now();
            if (stream.completedAt !== undefined) return;
            seen += chunk;
            if (seen.includes(marker)) stream.completedAt = now;
          });
          res.on('error', () => {});
          resolve(stream);
        },
      );
      req.on('error', reject);
      req.end();
    }),
    10_000,
    `the events stream of ${orderId}`,
  );
}

async function runOnce(run: number): Promise<BackendRun> {
  const fake = await startFakeBanq();
  const backend = await Backend.start(fake);
  const linkAgent = new Agent({ keepAlive: true, maxSockets: LINK_CONCURRENCY });
  const streamAgent = new Agent({ keepAlive: false, maxSockets: Infinity });
  const streams: Stream[] = [];
  try {
    const orders = Array.from({ length: STREAMS }, (_, i) => `bench-${run}-${i}`);
    const makeLink = (orderId: string) =>
      post(linkAgent, `${backend.url}/generate-payment-link`, {
        orderId,
        comment: 'Benchmark',
        funds: 2,
      }).then((answer) => {
        if (answer.status !== 200)
          throw new Error(`link for ${orderId}: ${answer.status} ${answer.body}`);
      });

    // (a) 1,000 payment links, 50 at a time from a cold start: how many tokens do they cost?
    const linkMs: number[] = [];
    let started = performance.now();
    await pool(orders.slice(0, LINKS), LINK_CONCURRENCY, async (orderId) => {
      const start = performance.now();
      await makeLink(orderId);
      linkMs.push(performance.now() - start);
    });
    const linksElapsedMs = performance.now() - started;
    const { tokenRequests: tokenRequestsBackend } = await backend.stats();
    const tokenRequestsBanq = fake.state.tokenRequests;
    const linkRequestsBanq = fake.state.linkRequests.length;
    // The orders of (b) need their links too; not measured.
    await pool(orders.slice(LINKS), LINK_CONCURRENCY, makeLink);
    const paymentOf = new Map<string, string>();
    for (const [id, payment] of fake.state.payments) paymentOf.set(payment.externalOrderCode, id);

    // (b) 2,000 open streams, one per order. First a few opened and closed, so the code is warm.
    const warm = await Promise.all(
      orders.slice(0, 20).map((o) => openStream(streamAgent, backend.url, o)),
    );
    warm.forEach((s) => s.close());
    await until(
      async () => (await backend.stats()).subscribers === 0,
      5000,
      'warm-up streams closing',
    );
    const memoryBefore = await backend.memory();
    for (let i = 0; i < orders.length; i += OPEN_BATCH)
      streams.push(
        ...(await Promise.all(
          orders.slice(i, i + OPEN_BATCH).map((o) => openStream(streamAgent, backend.url, o)),
        )),
      );
    await until(
      async () => (await backend.stats()).subscribers === STREAMS,
      10_000,
      'every stream subscribed',
    );
    const memoryOpen = await backend.memory();

    // banq completes each payment and delivers its webhook. The first PACED orders at
    // WEBHOOK_RATE a second, on a fixed schedule whatever the backend's pace: the latency.
    // The rest all at once, BURST_CONCURRENCY in flight: how many a second it can take.
    const webhookAgent = new Agent({ keepAlive: true, maxSockets: BURST_CONCURRENCY });
    const sentAt = new Array<number>(STREAMS);
    let webhookFailures = 0;
    const deliver = async (index: number) => {
      const paymentId = paymentOf.get(orders[index]);
      if (!paymentId) throw new Error(`no payment for ${orders[index]}`);
      fake.complete(paymentId);
      sentAt[index] = performance.now();
      try {
        const answer = await post(webhookAgent, `${backend.url}/your-web-hooks/payment-status`, {
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
        10_000,
        'every stream told',
      ).catch(() => {});

    const deliveries: Promise<void>[] = [];
    started = performance.now();
    for (let sent = 0; sent < PACED; await sleep(1)) {
      const due = Math.min(
        PACED,
        Math.floor(((performance.now() - started) * WEBHOOK_RATE) / 1000) + 1,
      );
      for (; sent < due; sent++) deliveries.push(deliver(sent));
    }
    await Promise.all(deliveries);
    await told(0, PACED);

    const burst = Array.from({ length: STREAMS - PACED }, (_, i) => PACED + i);
    const burstStart = performance.now();
    await pool(burst, BURST_CONCURRENCY, deliver);
    await told(PACED, STREAMS);
    const lastTold = Math.max(...streams.slice(PACED).map((s) => s.completedAt ?? Infinity));
    const burstPerSecond = (burst.length * 1000) / (lastTold - burstStart);
    webhookAgent.destroy();

    const latency = (from: number, to: number) =>
      streams
        .slice(from, to)
        .flatMap((s, i) => (s.completedAt === undefined ? [] : [s.completedAt - sentAt[from + i]]));
    const latencies = latency(0, PACED);
    const burstLatencies = latency(PACED, STREAMS);
    for (const stream of streams) stream.close();
    await until(
      async () => (await backend.stats()).subscribers === 0,
      5000,
      'streams closing',
    ).catch(() => {});
    const { subscribers: subscribersAfter } = await backend.stats();
    return {
      linkMs,
      linksElapsedMs,
      tokenRequestsBackend,
      tokenRequestsBanq,
      linkRequestsBanq,
      memoryBefore,
      memoryOpen,
      perStream:
        (memoryOpen.heapUsed +
          memoryOpen.external -
          memoryBefore.heapUsed -
          memoryBefore.external) /
        STREAMS,
      latencies,
      burstLatencies,
      burstPerSecond,
      delivered: latencies.length + burstLatencies.length,
      webhookFailures,
      subscribersAfter,
    };
  } finally {
    for (const stream of streams) stream.close();
    linkAgent.destroy();
    streamAgent.destroy();
    await backend.stop();
    await fake.close();
  }
}

export async function benchBackend(runs = 3): Promise<BackendResult> {
  const results: BackendRun[] = [];
  for (let i = 0; i < runs; i++) results.push(await runOnce(i));
  const med = (pick: (run: BackendRun) => number) => median(results.map(pick));
  return {
    runs: results,
    links: LINKS,
    streams: STREAMS,
    webhookRate: WEBHOOK_RATE,
    paced: PACED,
    tokenRequests: med((r) => r.tokenRequestsBanq),
    linkP50: med((r) => percentile(r.linkMs, 50)),
    linkP99: med((r) => percentile(r.linkMs, 99)),
    p50: med((r) => percentile(r.latencies, 50)),
    p99: med((r) => percentile(r.latencies, 99)),
    max: med((r) => Math.max(...r.latencies)),
    perStream: med((r) => r.perStream),
    burstPerSecond: med((r) => r.burstPerSecond),
    complete: results.every(
      (r) =>
        r.tokenRequestsBanq === 1 &&
        r.tokenRequestsBackend === 1 &&
        r.delivered === STREAMS &&
        r.webhookFailures === 0 &&
        r.subscribersAfter === 0,
    ),
  };
}
