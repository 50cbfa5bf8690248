/**
 * The reference backend alone in its own Node process, for the backend benchmark: started
 * by backend.ts with --expose-gc, against the fake banq whose URLs it is given, on
 * 127.0.0.1. It answers the parent's questions over IPC: token requests made, open event
 * subscriptions, and memory after a full garbage collection.
 */
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBackend } from '../demo/server/app.js';
import { fakeBanqSettings } from '../test/backend/fake-banq.js';

/** However the parent fares, this process does not outlive the benchmark. */
const LIFETIME_MS = 240_000;

export type Request = { type: 'stats' } | { type: 'memory' } | { type: 'exit' };

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

export type Reply =
  | { type: 'listening'; url: string }
  | { type: 'stats'; stats: Stats }
  | { type: 'memory'; memory: Memory };

const [authUrl, apiUrl] = process.argv.slice(2);
if (!authUrl || !apiUrl || !process.send) {
  console.error('backend-server.ts is started by bench/backend.ts');
  process.exit(2);
}
const send = (reply: Reply) => process.send?.(reply);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('start with --expose-gc');

const backend = createBackend({
  banq: fakeBanqSettings({ authUrl, apiUrl }),
});
const server = serve({ fetch: backend.app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
server.once('listening', () =>
  send({
    type: 'listening',
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  }),
);

const exit = () => {
  server.closeAllConnections();
  server.close();
  process.exit(0);
};
setTimeout(exit, LIFETIME_MS).unref();
process.on('disconnect', exit);
process.on('message', (request: Request) => {
  if (request.type === 'stats')
    send({
      type: 'stats',
      stats: { tokenRequests: backend.tokens.requests, subscribers: backend.orders.subscribers },
    });
  else if (request.type === 'memory') {
    // Twice, with a turn of the event loop between: what the first frees may need the second.
    gc();
    setImmediate(() => {
      gc();
      const { heapUsed, external, arrayBuffers, rss } = process.memoryUsage();
      send({ type: 'memory', memory: { heapUsed, external, arrayBuffers, rss } });
    });
  } else if (request.type === 'exit') exit();
});
