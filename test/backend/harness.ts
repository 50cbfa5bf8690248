/** The backend on loopback against the fake banq, and an SSE client, for the backend's tests. */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createBackend, type BackendOptions } from '../../demo/server/app.js';
import { fakeBanqSettings, type FakeBanq } from './fake-banq.js';

export async function startBackend(fake: FakeBanq, options: Partial<BackendOptions> = {}) {
  const steps: { step: string; detail?: Record<string, unknown> }[] = [];
  const backend = createBackend({
    banq: fakeBanqSettings(fake),
    log: (step, detail) => steps.push({ step, detail }),
    ...options,
  });
  const server = serve({ fetch: backend.app.fetch, port: 0, hostname: '127.0.0.1' });
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

  return {
    url,
    backend,
    steps,
    post,
    link: (body: Record<string, unknown>) => post('/generate-payment-link', body),
    webhook: (event: Record<string, unknown>, query = '') =>
      post(`/your-web-hooks/payment-status${query}`, event),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface SseEvent {
  id?: string;
  data?: string;
  comment?: string;
}

/** Reads a Server-Sent Events stream event by event. */
export async function openStream(url: string, headers: Record<string, string> = {}) {
  const abort = new AbortController();
  const response = await fetch(url, { headers, signal: abort.signal });
  const queue: SseEvent[] = [];
  const waiting: ((event: SseEvent) => void)[] = [];
  let buffer = '';
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
          }
          const taker = waiting.shift();
          if (taker) taker(event);
          else queue.push(event);
        }
      }
    } catch {
      // Closed by the test.
    }
  };
  void pump();
  return {
    status: response.status,
    headers: response.headers,
    /** The next event that is not a comment (or one that is, with `comments`), within `ms`. */
    async next({ ms = 2000, comments = false } = {}): Promise<SseEvent> {
      const deadline = Date.now() + ms;
      for (;;) {
        const event =
          queue.shift() ??
          (await new Promise<SseEvent | undefined>((resolve) => {
            const taker = (e: SseEvent) => {
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
        if (!event) throw new Error(`no event within ${ms} ms`);
        if (comments || event.comment === undefined || event.data !== undefined) return event;
      }
    },
    close: () => abort.abort(),
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
