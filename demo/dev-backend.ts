/**
 * The demo's stand-in for the merchant backend that banq's guide asks for, served by
 * `vite` (dev server only) until a real one exists:
 *
 * - `POST /api/generate-payment-link` — the "intermediary endpoint": takes
 *   `{orderId, comment, funds, frequency?, startDate?, endDate?, metadata?}` and answers
 *   `{data: {url}}`, the shape `getPaymentInfo` reads in the guide (`data.data.url`). A real
 *   one would call banq's `/payments/get-paid-link`; this one makes up a link.
 * - `GET /api/payment-events?orderId=X` — Server-Sent Events pushing banq's webhook
 *   ("payment completed") to the page, for payments made by scanning the QR code in the
 *   banq app, which the widget never learns of.
 * - `POST /api/simulate-app-payment?orderId=X` — pretends banq's webhook arrived for order X:
 *   every `/api/payment-events` subscriber of X gets
 *   `data: {"orderId":X,"status":"completed","paymentId":"pay_…"}`.
 * - `GET /mock-banq/pay/:id` — a placeholder for banq's hosted payment page (the link the
 *   pop-up shows).
 * - `POST /mock-banq/pay/:id/scan?order=X` — the stand-in popup's simulated banq app: the
 *   payment completes on banq's side and the webhook reaches the page as above.
 *
 * Errors are `{error: {code, message}}`; any other `/api/*` path is a 404.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'vite';

/** Delay before answering `generate-payment-link`, so the loading state is visible. */
const LINK_DELAY_MS = 300;
const MAX_BODY_BYTES = 64 * 1024;
const HEARTBEAT_MS = 15_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONEY = /^\d+(\.\d{1,2})?$/;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function randomId(bytes = 9): string {
  return randomBytes(bytes).toString('base64url');
}

function sendJson(res: ServerResponse, status: number, body: Json): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, error: HttpError): void {
  sendJson(res, error.status, { error: { code: error.code, message: error.message } });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, 'payload_too_large', `Body is over ${MAX_BODY_BYTES} bytes.`));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface PaymentLinkRequest {
  orderId: string;
  comment: string;
  funds: number;
  frequency?: string;
  startDate?: string;
  endDate?: string;
}

function invalid(code: string, message: string): HttpError {
  return new HttpError(400, code, message);
}

function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(`invalid_${key}`, `"${key}" must be a string.`);
  return value;
}

function parsePaymentLinkRequest(text: string): PaymentLinkRequest {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw invalid('invalid_json', 'The request body is not valid JSON.');
  }
  if (!isObject(body)) throw invalid('invalid_body', 'The request body must be a JSON object.');

  const { orderId, funds } = body;
  if (typeof orderId !== 'string' || orderId.trim() === '') {
    throw invalid('invalid_order_id', '"orderId" must be a non-empty string.');
  }
  if (typeof funds !== 'number' || !Number.isFinite(funds) || funds <= 0) {
    throw invalid('invalid_funds', '"funds" must be a number greater than 0.');
  }
  // String(n) is the shortest decimal that round-trips, so this counts the decimals as written.
  if (!MONEY.test(String(funds))) {
    throw invalid('invalid_funds', '"funds" must have at most two decimals.');
  }
  const comment = optionalString(body, 'comment') ?? '';
  const frequency = optionalString(body, 'frequency');
  const startDate = optionalString(body, 'startDate');
  const endDate = optionalString(body, 'endDate');
  for (const [key, value] of [
    ['startDate', startDate],
    ['endDate', endDate],
  ] as const) {
    if (value !== undefined && (!DATE.test(value) || Number.isNaN(Date.parse(value)))) {
      throw invalid(`invalid_${key}`, `"${key}" must be a date as YYYY-MM-DD.`);
    }
  }
  if (startDate !== undefined && endDate !== undefined && endDate < startDate) {
    throw invalid('invalid_endDate', '"endDate" must not be before "startDate".');
  }
  if (body.metadata !== undefined && body.metadata !== null && !isObject(body.metadata)) {
    throw invalid('invalid_metadata', '"metadata" must be a JSON object.');
  }
  return { orderId, comment, funds, frequency, startDate, endDate };
}

function isJsonContentType(req: IncomingMessage): boolean {
  const type = req.headers['content-type'];
  return type !== undefined && /^application\/(.+\+)?json\s*(;|$)/i.test(type);
}

function placeholderPayPage(url: URL): string {
  const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const order = escape(url.searchParams.get('order') ?? '—');
  const funds = escape(url.searchParams.get('funds') ?? '—');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>banq payment (stand-in)</title>
<style>body{margin:0;min-height:100vh;display:grid;place-items:center;background:#0a1f3d;
font:15px/1.5 system-ui,sans-serif;color:#0a1f3d}main{background:#fff;border-radius:18px;padding:28px;
max-width:380px;margin:16px}h1{font-size:18px;margin:0 0 8px}p{margin:0 0 8px;color:#3d4d66}
code{background:#eef2f7;border-radius:6px;padding:1px 6px}</style></head>
<body><main><h1>banq payment page (stand-in)</h1>
<p>Order <code>${order}</code>, amount <code>${funds}</code>.</p>
<p>banq's hosted payment page is not available in this demo. Use <b>Pay now</b> in the widget's
pop-up, or the demo's <b>Simulate paying with the banq app</b> button.</p></main></body></html>`;
}

export function demoBackend(): Plugin {
  /** Open `/api/payment-events` streams, by order id. */
  const subscribers = new Map<string, Set<ServerResponse>>();

  function subscribe(orderId: string, req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    // A comment first, so the browser's EventSource opens at once.
    res.write(`: subscribed to order ${JSON.stringify(orderId)}\n\n`);

    let streams = subscribers.get(orderId);
    if (!streams) subscribers.set(orderId, (streams = new Set()));
    streams.add(res);

    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    req.on('close', () => {
      clearInterval(heartbeat);
      const set = subscribers.get(orderId);
      set?.delete(res);
      if (set?.size === 0) subscribers.delete(orderId);
    });
  }

  function publish(orderId: string): number {
    const streams = subscribers.get(orderId);
    if (!streams) return 0;
    const event = { orderId, status: 'completed', paymentId: `pay_${randomId()}` };
    const frame = `data: ${JSON.stringify(event)}\n\n`;
    let delivered = 0;
    for (const res of streams) {
      if (res.writableEnded || res.destroyed) continue;
      res.write(frame);
      delivered++;
    }
    return delivered;
  }

  async function generatePaymentLink(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let result: PaymentLinkRequest | HttpError;
    try {
      if (!isJsonContentType(req)) {
        throw new HttpError(415, 'unsupported_media_type', 'Send the body as application/json.');
      }
      result = parsePaymentLinkRequest(await readBody(req));
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      result = error;
    }
    await new Promise((resolve) => setTimeout(resolve, LINK_DELAY_MS));
    if (result instanceof HttpError) {
      sendError(res, result);
      return;
    }
    const host = req.headers.host ?? 'localhost';
    const url = new URL(`http://${host}/mock-banq/pay/${randomId()}`);
    url.searchParams.set('order', result.orderId);
    url.searchParams.set('funds', String(result.funds));
    sendJson(res, 200, { data: { url: url.href } });
  }

  function requireOrderId(url: URL, parameter = 'orderId'): string {
    const orderId = url.searchParams.get(parameter);
    if (!orderId)
      throw invalid('missing_order_id', `The "${parameter}" query parameter is required.`);
    return orderId;
  }

  function methodNotAllowed(res: ServerResponse, allow: string): void {
    res.setHeader('allow', allow);
    sendError(res, new HttpError(405, 'method_not_allowed', `Use ${allow}.`));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const { pathname } = url;
    const method = req.method ?? 'GET';

    if (pathname.startsWith('/mock-banq/pay/') && pathname.endsWith('/scan')) {
      // The shopper paid by scanning the QR code in the banq app: banq's webhook follows.
      if (method !== 'POST') methodNotAllowed(res, 'POST');
      else sendJson(res, 202, { delivered: publish(requireOrderId(url, 'order')) });
      return true;
    }
    if (pathname.startsWith('/mock-banq/pay/')) {
      if (method !== 'GET' && method !== 'HEAD') return false;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(method === 'HEAD' ? undefined : placeholderPayPage(url));
      return true;
    }
    if (pathname !== '/api' && !pathname.startsWith('/api/')) return false;

    switch (pathname) {
      case '/api/generate-payment-link':
        if (method !== 'POST') methodNotAllowed(res, 'POST');
        else await generatePaymentLink(req, res);
        return true;
      case '/api/payment-events':
        if (method !== 'GET') methodNotAllowed(res, 'GET');
        else subscribe(requireOrderId(url), req, res);
        return true;
      case '/api/simulate-app-payment':
        if (method !== 'POST') methodNotAllowed(res, 'POST');
        else sendJson(res, 202, { delivered: publish(requireOrderId(url)) });
        return true;
      default:
        sendError(res, new HttpError(404, 'not_found', `No endpoint ${method} ${pathname}.`));
        return true;
    }
  }

  return {
    name: 'banq-demo-backend',
    apply: 'serve',
    configureServer(server) {
      server.httpServer?.on('close', () => {
        for (const streams of subscribers.values()) for (const res of streams) res.end();
        subscribers.clear();
      });
      server.middlewares.use((req, res, next) => {
        handle(req, res).then(
          (handled) => {
            if (!handled) next();
          },
          (error: unknown) => {
            if (error instanceof HttpError) {
              sendError(res, error);
              return;
            }
            server.config.logger.error(`[banq-demo-backend] ${String(error)}`);
            sendError(res, new HttpError(500, 'internal', 'The demo backend failed.'));
          },
        );
      });
    },
  };
}
