/**
 * The production entry (`node --import tsx server/src/main.ts`) as a real child process on
 * loopback, against the fake banq, a stand-in orders service (ORDERS_URL) and the test store
 * (TEST_STORE): start-up, restarts (SIGTERM and SIGKILL), graceful shutdown, configuration
 * errors, its logs, and the ORDERS_URL contract.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { WEBHOOK_PATH } from '../../server/src/webhooks.js';
import {
  fakeBanqEnv,
  fakeBanqSettings,
  startFakeBanq,
  type FakeBanq,
} from '../../testing/fake-banq.js';
import { openStream, sleep } from './harness.js';
import { startOrdersService, type OrdersService } from '../../testing/orders-service.js';
import {
  accepts,
  call,
  freePort,
  killEntries,
  spawnEntry,
  startEntry,
  within,
  type Entry,
} from './process.js';
import {
  closeTestStore,
  resetStore,
  TEST_DATABASE_URL,
  TEST_DRIVER,
  testStoreEnv,
} from './store.js';

const WEBHOOK_SECRET = 'whsec-7f3a9c';
const EVENTS_SECRET = 'evsec-2b8d41';

let fake: FakeBanq;
let orders: OrdersService;
let orderCount = 0;

before(async () => {
  fake = await startFakeBanq();
  orders = await startOrdersService();
});
// Never a child left running, whatever a test did.
afterEach(() => killEntries());
after(async () => {
  await killEntries();
  await orders.close();
  await fake.close();
  await closeTestStore();
});

/** Empties the test store, then lets go of it: the child is the only one to open it. */
async function freshStore() {
  await resetStore();
  await closeTestStore();
}

beforeEach(() => {
  fake.state.scriptedApiStatuses.length = 0;
  fake.state.rejectCredentials = false;
  fake.state.tokenDelayMs = 0;
  orders.state.status = undefined;
  orders.state.delayMs = 0;
  orders.state.onLookup = undefined;
});

/** The entry's environment: the fake banq's URLs and credentials, the orders service, the test store. */
function entryEnv(
  extra: Record<string, string | undefined> = {},
): Record<string, string | undefined> {
  return {
    ...fakeBanqEnv(fake),
    ORDERS_URL: orders.url,
    WEBHOOK_SECRET,
    RECONCILE_INTERVAL_MS: '0',
    ...testStoreEnv(),
    ...extra,
  };
}

const link = (entry: Entry, body: Record<string, unknown>, ms?: number) =>
  call(entry.url, '/generate-payment-link', { method: 'POST', body, ms });

const completed = (paymentId: string) => ({
  id: `evt-${paymentId}`,
  action: 'completed',
  resourceType: 'Payment',
  resourceId: paymentId,
});

const webhook = (entry: Entry, event: Record<string, unknown>, secret = WEBHOOK_SECRET) =>
  call(entry.url, `${WEBHOOK_PATH}?secret=${encodeURIComponent(secret)}`, {
    method: 'POST',
    body: event,
  });

/** The order's events stream, its headers within 5 s. */
const events = (entry: Entry, orderId: string, token: string) =>
  within(
    openStream(
      `${entry.url}/payment-events?orderId=${encodeURIComponent(orderId)}&token=${encodeURIComponent(token)}`,
    ),
    5000,
    'the events stream did not answer',
  );

/** A new order the merchant has, for `funds`. */
function newOrder(funds = 12.5) {
  const orderId = `pe-${process.pid}-${++orderCount}`;
  orders.state.orders.set(orderId, { funds });
  return orderId;
}

/** Asks for the order's link; 200 expected. */
async function linkOf(entry: Entry, orderId: string) {
  const answer = await link(entry, { orderId });
  assert.equal(answer.status, 200, answer.text);
  const { url, eventsToken } = answer.body.data as { url: string; eventsToken: string };
  return { url, eventsToken, paymentId: url.split('/').pop()! };
}

/** Pays the order on the fake banq and delivers banq's webhook; answers the link's ids. */
async function pay(entry: Entry, orderId: string) {
  const made = await linkOf(entry, orderId);
  fake.complete(made.paymentId);
  const hook = await webhook(entry, completed(made.paymentId));
  assert.equal(hook.status, 200, hook.text);
  assert.deepEqual(hook.body, { paid: orderId });
  return made;
}

/** The first event with data on the order's stream: its `id:` and data. */
async function firstEvent(entry: Entry, orderId: string, token: string) {
  const stream = await events(entry, orderId, token);
  try {
    assert.equal(stream.status, 200);
    const event = await stream.next({ ms: 3000 });
    return { id: Number(event.id), data: JSON.parse(event.data!) as Record<string, unknown> };
  } finally {
    stream.close();
  }
}

/**
 * A raw HTTP GET on a fresh connection: `undefined` when the port refuses the connection,
 * the answer's status line when it answers, and a rejection when it accepts but does not
 * answer within `ms` (a request that hangs).
 */
function rawGet(port: number, path: string, ms: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' });
    let text = '';
    let timer: NodeJS.Timeout | undefined;
    socket.setEncoding('utf8');
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (error.code === 'ECONNREFUSED') resolve(undefined);
      else reject(error);
    });
    socket.once('connect', () => {
      timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`port ${port} accepted the connection but did not answer ${path}`));
      }, ms);
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
    });
    socket.on('data', (chunk: string) => {
      text += chunk;
      if (text.includes('\r\n')) {
        clearTimeout(timer);
        socket.destroy();
        resolve(text.slice(0, text.indexOf('\r\n')));
      }
    });
  });
}

/**
 * An events stream on a raw, kept-alive connection, as a browser holds it: resolves `closed`
 * once the server has closed the connection itself (not only ended the answer).
 */
async function rawStream(port: number, path: string) {
  const socket = connect({ port, host: '127.0.0.1' });
  socket.setEncoding('utf8');
  socket.on('error', () => {});
  let text = '';
  socket.on('data', (chunk: string) => (text += chunk));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await within(new Promise((resolve) => socket.once('connect', resolve)), 2000, 'no connection');
  socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
  return {
    get text() {
      return text;
    },
    closed,
    destroy: () => socket.destroy(),
  };
}

/** A TCP server that accepts and never answers: a database that does not respond. */
async function blackHole() {
  const sockets = new Set<Socket>();
  let connected = () => {};
  const touched = new Promise<void>((resolve) => (connected = resolve));
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    connected();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  assert.ok(address && typeof address === 'object');
  return {
    port: address.port,
    /** Resolves once something connected. */
    touched,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Whether the child is still running. */
const alive = (entry: Entry) => entry.child.exitCode === null && entry.child.signalCode === null;

describe('the production entry, as a child process', () => {
  it('answers the first request on its port during start-up, and is ready with its store', async () => {
    await freshStore();
    const port = await freePort();
    // Polled from before the child exists: whatever the port first accepts must be answered.
    let spawned: Entry | undefined;
    const first = (async () => {
      for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(5)) {
        const status = await rawGet(port, '/healthz', 2000);
        if (status !== undefined) return status;
        if (spawned && !alive(spawned))
          throw new Error(`the entry ended: ${spawned.lines.join('\n')}\n${spawned.stderr}`);
      }
      throw new Error(`nothing listened on ${port} within 30 s`);
    })();
    const entry = (spawned = await spawnEntry(entryEnv(), { port }));
    assert.equal(await first, 'HTTP/1.1 200 OK', 'the first connection is answered: healthz 200');
    const ready = await call(entry.url, '/readyz');
    assert.equal(ready.status, 200);
    assert.deepEqual(ready.body, { status: 'ready' });
    assert.deepEqual((await call(entry.url, '/healthz')).body, { status: 'up' });
    const steps = entry.logs().map((line) => line.step);
    assert.ok(
      steps.indexOf('store ready') >= 0 &&
        steps.indexOf('store ready') < steps.indexOf('listening'),
      `the store is ready before the port is bound: ${steps.join(', ')}`,
    );
    const listening = entry.logs().find((line) => line.step === 'listening');
    assert.equal(listening?.port, port, 'the port is PORT');
  });

  it('is never ready (nor hangs a request) while its store does not answer', async () => {
    const hole = await blackHole();
    try {
      const entry = await spawnEntry(
        entryEnv({
          DATABASE_URL: `postgres://banq:banq@127.0.0.1:${hole.port}/none`,
          DATA_DIR: undefined,
        }),
      );
      await within(hole.touched, 15_000, 'the entry did not open its store');
      const until = Date.now() + 1000;
      let tries = 0;
      while (Date.now() < until) {
        // Refused, or answered not-ready: either way promptly, never 200.
        const status = await rawGet(entry.port, '/readyz', 1000);
        if (status !== undefined) assert.doesNotMatch(status, / 200 /, 'ready without a store');
        tries++;
        await sleep(50);
      }
      assert.ok(tries > 5);
      assert.ok(alive(entry), 'still starting: waiting for its store');
      assert.ok(!entry.logs().some((line) => line.step === 'listening'));
      await entry.stop('SIGKILL');
    } finally {
      await hole.close();
    }
  });

  // Only with PostgreSQL: PGlite is inside the process, it cannot become unreachable.
  if (TEST_DRIVER === 'postgres')
    it('answers /readyz 503 while its PostgreSQL is unreachable, promptly, and 200 once it is back', async () => {
      await freshStore();
      const proxy = await tcpProxy(new URL(TEST_DATABASE_URL));
      try {
        const database = new URL(TEST_DATABASE_URL);
        database.host = `127.0.0.1:${proxy.port}`;
        const entry = await startEntry(entryEnv({ DATABASE_URL: database.href }));
        assert.equal((await call(entry.url, '/readyz')).status, 200);
        proxy.cut();
        const cut = await call(entry.url, '/readyz', { ms: 4000 });
        assert.equal(cut.status, 503, cut.text);
        assert.equal((await call(entry.url, '/healthz')).status, 200, 'still up: only not ready');
        proxy.restore();
        let back = 0;
        const deadline = Date.now() + 5000;
        while ((back = (await call(entry.url, '/readyz')).status) !== 200 && Date.now() < deadline)
          await sleep(50);
        assert.equal(back, 200, 'ready again once its database is');
        proxy.stall();
        const started = Date.now();
        const stalled = await call(entry.url, '/readyz', { ms: 8000 });
        assert.equal(stalled.status, 503, 'a database that does not answer is not ready');
        assert.ok(Date.now() - started < 4000, `answered in ${Date.now() - started} ms`);
        await entry.stop('SIGKILL');
      } finally {
        await proxy.close();
      }
    });
});

describe('restarts', () => {
  beforeEach(freshStore);

  it('answers the same link for an order after SIGTERM and after SIGKILL, without asking banq again', async () => {
    const orderId = newOrder(12.5);
    const first = await startEntry(entryEnv());
    const made = await linkOf(first, orderId);
    const asked = fake.state.linkRequests.length;
    assert.equal(fake.state.linkRequests.at(-1)?.body.externalOrderCode, orderId);
    assert.deepEqual(await first.stop('SIGTERM'), { code: 0, signal: null });
    assert.equal(first.logs().at(-1)?.step, 'stopped', 'its last line says it stopped');

    const second = await startEntry(entryEnv());
    const again = await linkOf(second, orderId);
    assert.equal(again.url, made.url, 'the same link after SIGTERM');
    assert.equal(again.eventsToken, made.eventsToken, 'the same events token');
    assert.deepEqual(await second.stop('SIGKILL'), { code: null, signal: 'SIGKILL' });

    const third = await startEntry(entryEnv());
    const still = await linkOf(third, orderId);
    assert.equal(still.url, made.url, 'the same link after SIGKILL');
    assert.equal(still.eventsToken, made.eventsToken);
    assert.equal(fake.state.linkRequests.length, asked, 'banq was not asked again');
    assert.equal((await third.stop('SIGTERM')).code, 0);
  });
});

describe('graceful shutdown', () => {
  beforeEach(freshStore);

  it('SIGTERM (twice) ends an open events stream at once, lets a request in flight finish, exits 0', async (t) => {
    const entry = await startEntry(entryEnv());
    const listened = newOrder();
    const { eventsToken } = await linkOf(entry, listened);
    const stream = await events(entry, listened, eventsToken);
    assert.equal(stream.status, 200);
    assert.deepEqual(await stream.next({ comments: true }), { retry: '1000' });
    // A link request held by a slow orders service: in flight when the signal comes.
    const slow = newOrder(30);
    orders.state.delayMs = 3000;
    const lookedUp = new Promise<void>((resolve) => (orders.state.onLookup = resolve));
    const inFlight = link(entry, { orderId: slow }, 9000);
    await within(lookedUp, 5000, 'the link request did not reach the orders service');
    // The same stream on a kept-alive connection of its own, to see the connection closed.
    const held = await rawStream(
      entry.port,
      `/payment-events?orderId=${listened}&token=${encodeURIComponent(eventsToken)}`,
    );
    t.after(() => held.destroy());
    for (const deadline = Date.now() + 2000; !held.text.includes('retry: 1000'); await sleep(10))
      assert.ok(Date.now() < deadline, `the raw stream did not start: ${held.text}`);
    // And a connection that never sent a request (a browser's spare one): Node counts it busy.
    const spare = connect({ port: entry.port, host: '127.0.0.1' });
    spare.on('error', () => {});
    t.after(() => spare.destroy());
    await within(new Promise((resolve) => spare.once('connect', resolve)), 2000, 'no connection');

    const started = Date.now();
    entry.child.kill('SIGTERM');
    await entry.waitForStep('shutting down', 3000);
    // A second signal (npm run passes on the terminal's) joins the shutdown under way.
    entry.child.kill('SIGTERM');
    await stream.closedByServer(1500);
    await within(held.closed, 1500, 'the stream’s kept-alive connection stayed open');
    const streamEnded = Date.now() - started;
    assert.ok(alive(entry), 'still running: the request in flight is not done');
    assert.match(held.text, /\r\n0\r\n\r\n$/, 'the stream was ended, not cut');
    let refused = false;
    for (const deadline = Date.now() + 1000; !refused && Date.now() < deadline; await sleep(20))
      refused = !(await accepts(entry.port, 500));
    assert.ok(refused, 'new connections are refused once stopping');

    const answer = await inFlight;
    assert.equal(answer.status, 200, `the request in flight is answered: ${answer.text}`);
    assert.match(answer.body.data.url, /^https:\/\/banq\.test\/pay\//);
    const exit = await entry.waitForExit(10_000);
    const took = Date.now() - started;
    assert.deepEqual(exit, { code: 0, signal: null });
    assert.ok(streamEnded < 1500, `the stream ended ${streamEnded} ms after SIGTERM`);
    assert.ok(took < 6000, `exited ${took} ms after SIGTERM (the request took 3 s of it)`);
    const steps = entry.logs().map((line) => line.step);
    assert.deepEqual(steps.slice(-3), ['shutting down', 'link made', 'stopped']);
  });
});

/** The events token an EVENTS_SECRET gives an order: HMAC-SHA-256, base64url. */
const tokenUnder = (secret: string, orderId: string) =>
  createHmac('sha256', secret).update(orderId).digest('base64url');

describe('paid orders and event ids across a restart', () => {
  beforeEach(freshStore);

  it('keeps the paid state and replays the event with its id: with EVENTS_SECRET after SIGTERM, without it (kept in the store) after SIGKILL', async () => {
    const variants = [
      { name: 'EVENTS_SECRET, SIGTERM', env: { EVENTS_SECRET }, signal: 'SIGTERM' },
      { name: 'no EVENTS_SECRET, SIGKILL', env: {}, signal: 'SIGKILL' },
    ] as const;
    for (const { name, env, signal } of variants) {
      const first = await startEntry(entryEnv(env));
      const orderId = newOrder(42);
      const paid = await pay(first, orderId);
      if ('EVENTS_SECRET' in env)
        assert.equal(paid.eventsToken, tokenUnder(EVENTS_SECRET, orderId), `${name}: its key`);
      else assert.notEqual(paid.eventsToken, tokenUnder(EVENTS_SECRET, orderId), name);
      const before = await firstEvent(first, orderId, paid.eventsToken);
      assert.deepEqual(before.data, { orderId, status: 'completed', paymentId: paid.paymentId });
      assert.ok(Number.isInteger(before.id) && before.id > 0, `${name}: an id: ${before.id}`);
      await first.stop(signal);

      const second = await startEntry(entryEnv(env));
      const asked = fake.state.linkRequests.length;
      const again = await link(second, { orderId });
      assert.equal(again.status, 409, `${name}: ${again.text}`);
      assert.equal(again.body.error.code, 'order_paid', name);
      assert.equal(fake.state.linkRequests.length, asked, `${name}: banq was not asked`);
      const lookups = fake.state.paymentLookups;
      const redelivered = await webhook(second, completed(paid.paymentId));
      assert.deepEqual(redelivered.body, { duplicate: true }, name);
      assert.equal(fake.state.paymentLookups, lookups, `${name}: a delivery is processed once`);

      const forged = await within(
        openStream(
          `${second.url}/payment-events?orderId=${orderId}&token=${tokenUnder('guess', orderId)}`,
        ),
        5000,
        'the events stream did not answer',
      );
      assert.equal(forged.status, 403, `${name}: another key’s token is refused`);
      forged.close();
      const after = await firstEvent(second, orderId, paid.eventsToken);
      assert.deepEqual(after, before, `${name}: the same event and id, for the token made before`);

      const next = newOrder(43);
      const paidNext = await pay(second, next);
      const later = await firstEvent(second, next, paidNext.eventsToken);
      assert.ok(
        later.id > before.id,
        `${name}: ids rise across the restart: ${later.id} after ${before.id}`,
      );
      assert.equal((await second.stop('SIGTERM')).code, 0, name);
    }
  });
});

describe('no demo in the production entry', () => {
  beforeEach(freshStore);

  it('answers 404 for the demo’s and the mock banq’s routes, and serves /openapi.json', async () => {
    const entry = await startEntry(entryEnv());
    for (const [method, path] of [
      ['GET', '/demo-api/backend-down'],
      ['POST', '/demo-api/backend-down'],
      ['GET', '/demo-api/server-log'],
      ['POST', '/mock-banq/oauth/token'],
      ['GET', '/mock-banq/api/v1/users/me'],
      ['GET', '/mock-banq/widget/ecommerce.js'],
      ['GET', '/mock-banq/pay/pay-1'],
      ['GET', '/mock-banq/_mock/state'],
      ['GET', '/'],
      ['GET', '/index.html'],
    ] as const) {
      const answer = await call(entry.url, path, {
        method,
        ...(method === 'POST' && { body: {} }),
      });
      assert.equal(answer.status, 404, `${method} ${path}: ${answer.text}`);
      assert.equal(answer.body.error?.code, 'not_found', `${method} ${path}`);
    }
    const openapi = await call(entry.url, '/openapi.json');
    assert.equal(openapi.status, 200);
    assert.equal(openapi.body.openapi, '3.0.0');
    for (const path of ['/generate-payment-link', WEBHOOK_PATH, '/payment-events'])
      assert.ok(path in openapi.body.paths, `documents ${path}`);
    assert.ok(!Object.keys(openapi.body.paths).some((path) => /demo|mock/.test(path)));
    const config = await call(entry.url, '/checkout-config');
    assert.equal(
      config.body.scriptSrc,
      fakeBanqSettings(fake).widgetUrl,
      'banq’s widget, not the mock’s',
    );
  });
});

describe('configuration errors', () => {
  /** Spawns the entry with `env`; it must exit 1, and nothing may listen on its port meanwhile. */
  async function refused(env: Record<string, string | undefined>) {
    const entry = await spawnEntry(env);
    let listened = false;
    for (const deadline = Date.now() + 15_000; alive(entry) && Date.now() < deadline;) {
      if (await accepts(entry.port, 200)) listened = true;
      await sleep(20);
    }
    const exit = await entry.waitForExit(15_000);
    assert.equal(listened || (await accepts(entry.port, 200)), false, 'nothing listened');
    assert.deepEqual(exit, { code: 1, signal: null }, entry.stderr);
    return entry;
  }

  it('exits 1 naming every variable to fix when ORDERS_URL and BANQ_* are missing', async () => {
    const entry = await refused({ ...testStoreEnv() });
    for (const name of [
      'BANQ_AUTH_URL',
      'BANQ_API_URL',
      'BANQ_CLIENT_ID',
      'BANQ_USERNAME',
      'BANQ_PASSWORD',
      'BANQ_MERCHANT_GUID',
      'BANQ_WIDGET_URL',
      'ORDERS_URL',
    ])
      assert.match(
        entry.stderr,
        new RegExp(`${name} is required`),
        `names ${name}:\n${entry.stderr}`,
      );
    assert.doesNotMatch(entry.stderr, /^\s+at /m, 'a message, not a stack trace');
    assert.deepEqual(entry.lines, [], 'nothing on stdout');
  });

  it('names only what is wrong, and echoes no credential', async () => {
    const entry = await refused(
      entryEnv({ ORDERS_URL: undefined, BANQ_API_URL: 'not a url', DATABASE_URL: 'mysql://x' }),
    );
    assert.match(entry.stderr, /ORDERS_URL is required/);
    assert.match(entry.stderr, /BANQ_API_URL must be an absolute URL/);
    assert.match(entry.stderr, /DATABASE_URL must be a postgres:\/\/ URL/);
    assert.doesNotMatch(
      entry.stderr,
      /BANQ_(AUTH_URL|CLIENT_ID|USERNAME|PASSWORD|MERCHANT_GUID|WIDGET_URL)/,
    );
    assert.doesNotMatch(entry.stderr, /secret/);
  });

  it('exits 1 with a "start failed" line when its store cannot be opened, and nothing listens', async () => {
    const closedPort = await freePort();
    const entry = await refused(
      entryEnv({ DATABASE_URL: `postgres://banq:pw-${closedPort}@127.0.0.1:${closedPort}/none` }),
    );
    const failed = entry.logs().find((line) => line.step === 'start failed');
    assert.ok(failed, entry.lines.join('\n'));
    assert.equal(failed.level, 'error');
    assert.ok(!entry.logs().some((line) => line.step === 'listening'));
    assert.doesNotMatch(entry.lines.join('\n') + entry.stderr, new RegExp(`pw-${closedPort}`));
  });
});

describe('logs', () => {
  beforeEach(freshStore);

  it('writes one JSON line with a step per step on stdout, and never a credential or token', async () => {
    const entry = await startEntry(entryEnv({ EVENTS_SECRET }));
    const tokens: string[] = [];
    // A payment, told to a listening page.
    const orderId = newOrder(18);
    const made = await linkOf(entry, orderId);
    tokens.push(made.eventsToken);
    const stream = await events(entry, orderId, made.eventsToken);
    fake.complete(made.paymentId);
    assert.equal((await webhook(entry, completed(made.paymentId), 'wrong')).status, 401);
    assert.deepEqual((await webhook(entry, completed(made.paymentId))).body, { paid: orderId });
    await stream.next();
    stream.close();
    // The failures: the orders service, banq's API, banq refusing the credentials.
    orders.state.status = 500;
    assert.equal((await link(entry, { orderId: newOrder() })).status, 502);
    orders.state.status = undefined;
    fake.state.scriptedApiStatuses.push(500);
    assert.equal((await link(entry, { orderId: newOrder() })).status, 502);
    const other = await linkOf(entry, newOrder(19));
    tokens.push(other.eventsToken);
    fake.complete(other.paymentId);
    fake.state.scriptedApiStatuses.push(500);
    assert.equal((await webhook(entry, completed(other.paymentId))).status, 503);
    fake.revokeTokens();
    fake.state.rejectCredentials = true;
    assert.equal((await link(entry, { orderId: newOrder() })).status, 502);
    assert.equal((await entry.stop('SIGTERM')).code, 0);

    const steps = new Set(entry.logs().map((line) => line.step));
    for (const step of [
      'store ready',
      'listening',
      'link made',
      'webhook received',
      'payment verified',
      'browser told',
      'order lookup failed',
      'link failed',
      'payment not verified',
      'shutting down',
      'stopped',
    ])
      assert.ok(steps.has(step), `logs "${step}": ${[...steps].join(', ')}`);
    const forbidden = [
      fakeBanqSettings(fake).password,
      'tok-',
      WEBHOOK_SECRET,
      EVENTS_SECRET,
      ...tokens,
    ];
    assert.ok(fake.state.tokenRequests > 0 && tokens.length === 2);
    for (const line of entry.lines) {
      let parsed: unknown;
      assert.doesNotThrow(() => (parsed = JSON.parse(line)), `not JSON: ${line}`);
      assert.ok(parsed && typeof parsed === 'object' && !Array.isArray(parsed), line);
      const { step, at, level } = parsed as Record<string, unknown>;
      assert.equal(typeof step, 'string', `no step: ${line}`);
      assert.ok(typeof at === 'string' && !Number.isNaN(Date.parse(at)), `no time: ${line}`);
      assert.ok(level === 'info' || level === 'error', `no level: ${line}`);
      for (const secret of forbidden)
        assert.ok(!line.includes(secret), `a line carries "${secret}": ${line}`);
    }
    for (const secret of forbidden)
      assert.ok(!entry.stderr.includes(secret), `stderr carries "${secret}": ${entry.stderr}`);
  });
});

describe('ORDERS_URL', () => {
  beforeEach(freshStore);

  it('404 is unknown_order, 500 or unreachable is orders_unavailable, other funds are amount_mismatch: banq not called', async () => {
    const own = await startOrdersService();
    try {
      const entry = await startEntry(entryEnv({ ORDERS_URL: own.url }));
      const banqCalls = () => [fake.state.tokenRequests, fake.state.linkRequests.length];
      const before = banqCalls();
      const refusal = async (body: Record<string, unknown>, status: number, code: string) => {
        const answer = await link(entry, body);
        assert.equal(answer.status, status, answer.text);
        assert.equal(answer.body.error?.code, code, answer.text);
        assert.deepEqual(banqCalls(), before, `banq not called for ${code}`);
      };

      await refusal({ orderId: 'no-such-order' }, 404, 'unknown_order');
      assert.deepEqual(own.state.lookups, ['no-such-order'], 'GET {ORDERS_URL}/{orderId}');
      own.state.orders.set('ord-1', { funds: 20, comment: 'Two mugs' });
      for (const status of [500, 503, 403]) {
        own.state.status = status;
        await refusal({ orderId: 'ord-1' }, 502, 'orders_unavailable');
      }
      own.state.status = undefined;
      own.state.orders.set('ord-bad', { funds: 'twenty' });
      await refusal({ orderId: 'ord-bad' }, 502, 'orders_unavailable');
      await refusal({ orderId: 'ord-1', funds: 25 }, 409, 'amount_mismatch');

      const made = await link(entry, { orderId: 'ord-1', funds: 20 });
      assert.equal(made.status, 200, made.text);
      assert.equal(fake.state.linkRequests.length, before[1] + 1);
      assert.deepEqual(
        { ...fake.state.linkRequests.at(-1)?.body },
        {
          destination: { banqGuid: fakeBanqSettings(fake).merchantGuid },
          comment: 'Two mugs',
          funds: 20,
          externalOrderCode: 'ord-1',
          frequency: 'once',
        },
        'the merchant’s terms, from ORDERS_URL',
      );

      await own.close();
      const down = await link(entry, { orderId: 'ord-1' });
      assert.equal(down.status, 502, down.text);
      assert.equal(down.body.error.code, 'orders_unavailable', 'unreachable');
      assert.equal(fake.state.linkRequests.length, before[1] + 1);
    } finally {
      await own.close();
    }
  });
});

/**
 * A TCP proxy on loopback in front of the test's PostgreSQL: `cut()` drops every connection
 * and refuses new ones (resets them), `stall()` stops passing bytes either way (a database
 * that does not answer), `restore()` passes them again.
 */
async function tcpProxy(target: URL) {
  let mode: 'open' | 'cut' | 'stall' = 'open';
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.once('close', () => sockets.delete(socket));
  };
  const server = createServer((client) => {
    track(client);
    if (mode === 'cut') return void client.destroy();
    if (mode === 'stall') return;
    const upstream = connect({ host: target.hostname, port: Number(target.port || 5432) });
    track(upstream);
    const relay = (from: Socket, to: Socket) => {
      from.on('data', (chunk) => {
        if (mode === 'open') to.write(chunk);
      });
      from.once('close', () => to.destroy());
    };
    relay(client, upstream);
    relay(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  assert.ok(address && typeof address === 'object');
  return {
    port: address.port,
    cut() {
      mode = 'cut';
      for (const socket of sockets) socket.destroy();
    },
    stall() {
      mode = 'stall';
    },
    restore() {
      mode = 'open';
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
