/**
 * The browser benchmarks' own server, on 127.0.0.1 only, so they depend on neither Vite nor
 * the demo: the built element, the stand-in widget (counting its requests), the pages the
 * benchmarks write, and a tiny backend (a payment-link endpoint, an events stream, the page
 * a payment link opens) that counts what it is asked.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const file = (path: string) => readFileSync(fileURLToPath(new URL(path, import.meta.url)));

/** Cacheable, as a CDN would serve them: a page that asks twice gets the browser's copy. */
const CACHEABLE = 'public, max-age=600';

export interface Counts {
  /** Requests for the stand-in widget, `/ecommerce.js`. */
  widget: number;
  /** Requests for `/banq-checkout.standalone.js`. */
  bundle: number;
  /** `POST /link` requests. */
  links: number;
  /** `GET /events` streams opened, and still open now. */
  streamsOpened: number;
  streamsOpen: number;
}

export interface PageServer {
  url: string;
  counts: Counts;
  /** Serves `html` at `path` (no caching). */
  page(path: string, html: string): void;
  /** Zeroes the counters (open streams are not forgotten). */
  reset(): void;
  close(): Promise<void>;
}

/** The merchant's endpoint: once the request's body is read, `{data: {url}}`. */
function answerLink(req: IncomingMessage, res: ServerResponse, url: string) {
  req.resume();
  req.on('end', () =>
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ data: { url } })),
  );
}

/** An events stream that says nothing, held open and counted until the page closes it. */
function holdStream(res: ServerResponse, streams: Set<ServerResponse>, counts: Counts) {
  counts.streamsOpened++;
  counts.streamsOpen++;
  streams.add(res);
  res.on('close', () => {
    streams.delete(res);
    counts.streamsOpen--;
  });
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.write(': open\n\n');
}

export async function startPageServer(): Promise<PageServer> {
  const bundle = file('../dist/banq-checkout.standalone.js');
  const widget = file('../mock-banq/ecommerce.js');
  const scripts: Partial<Record<string, Buffer>> = {
    '/bench/count-event-sources.js': file('./pages/count-event-sources.js'),
    '/bench/churn.js': file('./pages/churn.js'),
  };
  const pages = new Map<string, string>();
  const streams = new Set<ServerResponse>();
  const counts: Counts = { widget: 0, bundle: 0, links: 0, streamsOpened: 0, streamsOpen: 0 };
  let origin = '';

  const js = (res: ServerResponse, body: Buffer, cache = CACHEABLE) =>
    res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': cache }).end(body);

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const { pathname } = new URL(req.url ?? '/', origin);
    if (pathname === '/ecommerce.js') {
      counts.widget++;
      return js(res, widget);
    }
    if (pathname === '/banq-checkout.standalone.js') {
      counts.bundle++;
      return js(res, bundle);
    }
    const script = scripts[pathname];
    if (script) return js(res, script, 'no-store');
    const html = pages.get(pathname);
    if (html !== undefined)
      return res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
        .end(html);
    if (pathname === '/link' && req.method === 'POST') {
      counts.links++;
      answerLink(req, res, `${origin}/pay`);
      return;
    }
    if (pathname === '/pay')
      return res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end('<!doctype html><title>banq payment page</title>');
    if (pathname === '/events') {
      holdStream(res, streams, counts);
      return;
    }
    if (pathname === '/favicon.ico') return res.writeHead(204).end();
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  };

  const server = createServer(handle);
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: origin,
    counts,
    page: (path, html) => void pages.set(path, html),
    reset() {
      Object.assign(counts, { widget: 0, bundle: 0, links: 0, streamsOpened: 0 });
    },
    close() {
      for (const stream of streams) stream.destroy();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
