/** The backend on loopback against the fake banq, on the shared test store, and an SSE client. */
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBanqBackend, type BanqBackendOptions } from '../../server/src/backend.js';
import type { OrderTerms } from '../../server/src/store/index.js';
import { after, before, beforeEach } from 'node:test';
import { fakeBanqSettings, startFakeBanq, type FakeBanq } from '../../testing/fake-banq.js';
import { closeTestStore, resetStore, testStore } from './store.js';

type Terms = Omit<OrderTerms, 'comment'> & { comment?: string };

export interface StartOptions extends Partial<BanqBackendOptions> {
  /** Keep what the store holds (a restart); by default every table is emptied first. */
  keepStore?: boolean;
  /** The merchant's orders, shared with a backend this one replaces. */
  orders?: Map<string, Terms>;
}

export async function startBackend(fake: FakeBanq, options: StartOptions = {}) {
  const { keepStore = false, orders = new Map<string, Terms>(), ...rest } = options;
  if (!keepStore) await resetStore();
  const steps: { step: string; detail?: Record<string, unknown>; level?: string }[] = [];
  /** The `Request`s resolveOrder was handed. */
  const lookups: Request[] = [];
  const backend = createBanqBackend({
    banq: { ...fakeBanqSettings(fake), merchantGuid: 'guid-1' },
    store: await testStore(),
    resolveOrder: async (orderId, request) => {
      lookups.push(request);
      return orders.get(orderId) ?? null;
    },
    logger: (step, detail, level) => steps.push({ step, detail, ...(level && { level }) }),
    reconcileIntervalMs: 0,
    // Every test's requests come from 127.0.0.1: the limit's own tests turn it on.
    linkRateLimit: 0,
    ...rest,
  });
  const server = serve({ fetch: backend.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    return {
      status: response.status,
      body: json as Record<string, any>,
      headers: response.headers,
    };
  };

  const link = (body: Record<string, unknown>, { known = true } = {}) => {
    const orderId = body.orderId;
    if (
      known &&
      typeof orderId === 'string' &&
      !orders.has(orderId) &&
      typeof body.funds === 'number'
    )
      orders.set(orderId, {
        funds: body.funds,
        ...(typeof body.comment === 'string' && { comment: body.comment }),
        ...(typeof body.frequency === 'string' && { frequency: body.frequency }),
        ...(typeof body.startDate === 'string' && { startDate: body.startDate }),
        ...(typeof body.endDate === 'string' && { endDate: body.endDate }),
      });
    return post('/generate-payment-link', body);
  };

  return {
    url,
    backend,
    steps,
    orders,
    lookups,
    post,
    /**
     * Asks for the order's link. An order the merchant does not have yet is added with the
     * body's terms first (pass `{known: false}` to ask for one the merchant does not have).
     */
    link,
    /** An order of `funds` with its link made: its ids and its events token. */
    async openOrder(orderId: string, funds = 20) {
      const { status, body } = await link({ orderId, funds });
      if (status !== 200) throw new Error(`the link for ${orderId} answered ${status}`);
      return {
        orderId,
        paymentId: String(body.data.url).split('/').pop()!,
        token: String(body.data.eventsToken),
      };
    },
    webhook: (event: Record<string, unknown>, query = '') =>
      post(`/your-web-hooks/payment-status${query}`, event),
    /** The order's events stream, with the token its link answer carried. */
    events: (orderId: string, token: string, headers?: Record<string, string>) =>
      openStream(
        `${url}/payment-events?orderId=${encodeURIComponent(orderId)}&token=${encodeURIComponent(token)}`,
        headers,
      ),
    async close() {
      const closed = backend.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await closed;
    },
  };
}

export type TestBackend = Awaited<ReturnType<typeof startBackend>>;

/**
 * A test file's set-up: one fake banq for the file, and for each test a backend on the reset
 * store (after `reset` readied the fake); everything closed after the file. A test may replace
 * `t.server` (a restart); the replacement is closed too.
 */
export function backendForEachTest(
  options: StartOptions = {},
  reset: (fake: FakeBanq) => void = () => {},
) {
  const t = {} as { fake: FakeBanq; server: TestBackend };
  // As the hooks find it: empty before the first test, or after a hook failed.
  const made: Partial<typeof t> = t;
  before(async () => {
    t.fake = await startFakeBanq();
  });
  beforeEach(async () => {
    await made.server?.close();
    reset(t.fake);
    t.server = await startBackend(t.fake, options);
  });
  after(async () => {
    await made.server?.close();
    await made.fake?.close();
    await closeTestStore();
  });
  return t;
}

export interface SseEvent {
  id?: string;
  data?: string;
  comment?: string;
  retry?: string;
}

/** Reads a Server-Sent Events stream event by event. */
export async function openStream(url: string, headers: Record<string, string> = {}) {
  const abort = new AbortController();
  const response = await fetch(url, { headers, signal: abort.signal });
  const queue: SseEvent[] = [];
  const waiting: ((event: SseEvent | undefined) => void)[] = [];
  let buffer = '';
  let ended = false;
  const pump = async () => {
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: SseEvent = {};
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) event.comment = line.slice(1).trim();
            else if (line.startsWith('id:')) event.id = line.slice(3).trim();
            else if (line.startsWith('data:')) event.data = line.slice(5).trim();
            else if (line.startsWith('retry:')) event.retry = line.slice(6).trim();
          }
          const taker = waiting.shift();
          if (taker) taker(event);
          else queue.push(event);
        }
      }
    } catch {
      // Closed by the test.
    } finally {
      ended = true;
      for (const taker of waiting.splice(0)) taker(undefined);
    }
  };
  void pump();
  return {
    status: response.status,
    headers: response.headers,
    /** Resolves once the server has ended the stream. */
    get ended() {
      return ended;
    },
    /**
     * The next event with data (or any event, with `comments`), within `ms`. A `retry:`
     * block counts as a comment.
     */
    async next({ ms = 2000, comments = false } = {}): Promise<SseEvent> {
      const deadline = Date.now() + ms;
      for (;;) {
        const event =
          queue.shift() ??
          (ended
            ? undefined
            : await new Promise<SseEvent | undefined>((resolve) => {
                const taker = (e: SseEvent | undefined) => {
                  clearTimeout(timer);
                  resolve(e);
                };
                const timer = setTimeout(
                  () => {
                    waiting.splice(waiting.indexOf(taker), 1);
                    resolve(undefined);
                  },
                  Math.max(0, deadline - Date.now()),
                );
                waiting.push(taker);
              }));
        if (!event) throw new Error(ended ? 'the stream ended' : `no event within ${ms} ms`);
        if (comments || event.data !== undefined) return event;
      }
    },
    /** Resolves when the server ends the stream, within `ms`. */
    async closedByServer(ms = 2000): Promise<void> {
      const deadline = Date.now() + ms;
      while (!ended) {
        if (Date.now() > deadline) throw new Error(`the stream was still open after ${ms} ms`);
        await sleep(10);
      }
    },
    close: () => abort.abort(),
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
