// @ts-check
/**
 * The scripted HTTP backend the browser tests talk to, mounted in
 * @web/test-runner's own server on loopback. Each test picks a fresh `key` so
 * what it records and counts is its own. It stands in for the merchant's
 * backend and for banq's script host, never for the element.
 *
 *   POST /api/link?key&status&delay&shape&raw  answers like a merchant's intermediary endpoint; records each request
 *   GET  /api/requests?key                     the requests /api/link recorded, and whether the browser
 *                                              hung up on them (aborted)
 *   GET  /api/widget.js?key&status&delay&empty&fail  banq's stand-in ecommerce.js (or an empty script;
 *                                              the first `fail` loads answer 500); counts loads
 *   GET  /api/widget-loads?key                 how many times /api/widget.js was fetched
 *   GET  /api/events?key&orderId&status        a Server-Sent Events stream (or a failing answer)
 *   POST /api/emit?key                         sends the raw body as one `data:` message to the key's streams
 *   GET  /api/streams?key                      the order ids of the key's open streams
 *   GET  /pay/:id                              a minimal stand-in of banq's hosted payment page (the links
 *                                              /api/link makes): a "Pay here" button that tells the widget,
 *                                              as mock-banq's page does (see server/src/banq-contract.ts)
 */
import { readFile } from 'node:fs/promises';

const widgetSource = readFile(new URL('../mock-banq/ecommerce.js', import.meta.url), 'utf8');

/** @param {import('node:http').IncomingMessage} req */
async function readBody(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** PAYMENT_SUCCESS_MESSAGE in server/src/banq-contract.ts (a .ts file Node cannot load here). */
const PAYMENT_SUCCESS_MESSAGE = 'banq:payment-success';

/**
 * banq's hosted payment page, reduced to what the widget relies on: "Pay here" posts
 * `{type: 'banq:payment-success', paymentId}` to the page framing it, the origin the widget
 * named (HOSTED_PAGE_ORIGIN_PARAM, `origin`), and to no other.
 * @param {string} paymentId
 * @param {string} parentOrigin
 */
function payPage(paymentId, parentOrigin) {
  const message = JSON.stringify({ type: PAYMENT_SUCCESS_MESSAGE, paymentId }).replace(
    /</g,
    '\\u003c',
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>banq payment (test stand-in)</title></head>
<body><button type="button" data-banq-action="pay">Pay here</button>
<script>
  document.querySelector('[data-banq-action="pay"]').addEventListener('click', () => {
    if (window.parent !== window) window.parent.postMessage(${message}, ${JSON.stringify(parentOrigin).replace(/</g, '\\u003c')});
  });
</script></body></html>`;
}

/**
 * What the routes record, by test key.
 * @typedef {{
 *   requests: Map<string, {body: unknown, headers: Record<string, unknown>, aborted: boolean}[]>,
 *   widgetLoads: Map<string, number>,
 *   streams: Map<string, Set<{orderId: string | null, token: string | null, res: import('node:http').ServerResponse}>>,
 * }} Records
 */

/**
 * One request to an `/api/` route: its context, its query and the scripted answer it asks for
 * (`key`, `status`, `delay`), and the two ways to answer.
 * @typedef {ReturnType<typeof scriptedCall>} Call
 */

/** @param {import('koa').Context} ctx */
function scriptedCall(ctx) {
  const q = new URLSearchParams(ctx.querystring);
  // Answered on the raw response: the test runner's own middleware would otherwise mark
  // these answers cacheable for a year, and a retry would never reach this server.
  const send = (
    /** @type {number} */ code,
    /** @type {string} */ type,
    /** @type {string} */ body,
  ) => {
    ctx.respond = false;
    ctx.res.writeHead(code, { 'content-type': type, 'cache-control': 'no-store' });
    ctx.res.end(body);
  };
  return {
    ctx,
    q,
    key: q.get('key') ?? '',
    status: Number(q.get('status') ?? 200),
    delay: Number(q.get('delay') ?? 0),
    send,
    json: (/** @type {unknown} */ body, code = 200) =>
      send(code, 'application/json', JSON.stringify(body)),
  };
}

/** banq's hosted page for a link `/api/link` made: framed only by the origin the widget named. */
function servePayPage(/** @type {import('koa').Context} */ ctx) {
  ctx.respond = false;
  // As banq's page is (see banq-contract.ts).
  const named = new URLSearchParams(ctx.querystring).get('origin') ?? '';
  const parentOrigin = URL.canParse(named) && new URL(named).origin === named ? named : '';
  ctx.res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': `frame-ancestors ${parentOrigin || "'none'"}`,
  });
  ctx.res.end(payPage(decodeURIComponent(ctx.path.slice('/pay/'.length)), parentOrigin));
}

/** `POST /api/link`: a merchant's intermediary endpoint, as the query scripts it; recorded. */
async function linkRoute(/** @type {Call} */ call, /** @type {Records} */ records) {
  const { ctx, q, key, status, delay, send, json } = call;
  const text = await readBody(ctx.req);
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  const list = records.requests.get(key) ?? [];
  const record = { body, headers: ctx.req.headers, aborted: false };
  list.push(record);
  records.requests.set(key, list);
  // The browser hanging up before the answer is how an aborted fetch looks from here.
  ctx.res.on('close', () => (record.aborted ||= !ctx.res.writableEnded));
  await sleep(delay);
  const url = `${ctx.origin}/pay/${encodeURIComponent(body?.orderId ?? 'unknown')}-${list.length}`;
  const raw = q.get('raw');
  if (raw !== null) return send(status, 'application/json', raw);
  if (status > 299)
    return json({ error: { code: 'scripted', message: 'scripted failure' } }, status);
  // `eventsToken=…`: the answer carries an events token, as banq-checkout-server's does.
  const eventsToken = q.get('eventsToken');
  if (q.get('shape') === 'flat') return json({ url }, status);
  return json({ data: { url, ...(eventsToken !== null && { eventsToken }) } }, status);
}

/** `GET /api/widget.js`: banq's stand-in script (or an empty one, or a failure); counted. */
async function widgetRoute(/** @type {Call} */ call, /** @type {Records} */ records) {
  const { q, key, status, delay, send } = call;
  const loads = (records.widgetLoads.get(key) ?? 0) + 1;
  records.widgetLoads.set(key, loads);
  await sleep(delay);
  const code = loads <= Number(q.get('fail') ?? 0) ? 500 : status;
  return send(
    code,
    'text/javascript',
    q.has('empty') ? '/* defines nothing */' : await widgetSource,
  );
}

/** `GET /api/events`: a Server-Sent Events stream the test writes to with `/api/emit`. */
function eventsRoute(/** @type {Call} */ call, /** @type {Records} */ records) {
  const { ctx, q, key, status, json } = call;
  if (status !== 200) return json({ error: 'scripted' }, status);
  const stream = { orderId: q.get('orderId'), token: q.get('token'), res: ctx.res };
  const set = records.streams.get(key) ?? new Set();
  records.streams.set(key, set);
  set.add(stream);
  ctx.respond = false;
  ctx.res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  ctx.res.write(': open\n\n');
  ctx.req.on('close', () => set.delete(stream));
}

/** `POST /api/emit`: the raw body as one `data:` message to the key's streams. */
async function emitRoute(/** @type {Call} */ call, /** @type {Records} */ records) {
  const text = await readBody(call.ctx.req);
  const set = records.streams.get(call.key) ?? new Set();
  for (const { res } of set) res.write(`data: ${text}\n\n`);
  return call.json({ delivered: set.size });
}

/** The `/api/` routes, by path. @type {Record<string, (call: Call, records: Records) => unknown>} */
const ROUTES = {
  '/api/link': linkRoute,
  '/api/requests': ({ key, json }, { requests }) => json(requests.get(key) ?? []),
  '/api/widget.js': widgetRoute,
  '/api/widget-loads': ({ key, json }, { widgetLoads }) => json(widgetLoads.get(key) ?? 0),
  '/api/events': eventsRoute,
  '/api/emit': emitRoute,
  '/api/streams': ({ key, json }, { streams }) =>
    json([...(streams.get(key) ?? [])].map((s) => s.orderId)),
  '/api/stream-tokens': ({ key, json }, { streams }) =>
    json([...(streams.get(key) ?? [])].map((s) => s.token)),
};

export function testBackend() {
  /** @type {Records} */
  const records = { requests: new Map(), widgetLoads: new Map(), streams: new Map() };

  /** @type {import('@web/dev-server-core').Middleware} */
  return async function testBackendMiddleware(ctx, next) {
    if (ctx.path.startsWith('/pay/') && ctx.method === 'GET') return servePayPage(ctx);
    if (!ctx.path.startsWith('/api/')) return next();
    const call = scriptedCall(ctx);
    const route = Object.hasOwn(ROUTES, ctx.path) ? ROUTES[ctx.path] : undefined;
    if (!route) return call.json({ error: `no test route ${ctx.path}` }, 404);
    return route(call, records);
  };
}
