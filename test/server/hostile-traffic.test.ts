/**
 * The public endpoints tried as an attacker would: another site's page, a client that asks as
 * fast as it can, one that holds streams open or trickles its body, one that squats an order.
 */
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { describe, it } from 'node:test';
import { backendForEachTest, sleep, startBackend, type StartOptions } from './harness.js';

let orderCount = 0;
const nextOrderId = () => `hostile-${++orderCount}`;

const t = backendForEachTest({ heartbeatMs: 60_000 }, (fake) => {
  fake.state.scriptedApiStatuses.length = 0;
  fake.state.linkRequests.length = 0;
});

/** A backend of this file with other options, closed by the file's set-up like a restart. */
async function restartWith(options: StartOptions) {
  await t.server.close();
  t.server = await startBackend(t.fake, { heartbeatMs: 60_000, ...options });
  return t.server;
}

/** A raw HTTP/1.1 exchange: what a slow or stalled client does, byte by byte. */
function rawClient(url: string) {
  const { hostname, port } = new URL(url);
  const socket: Socket = connect(Number(port), hostname);
  let received = '';
  let closed = false;
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (received += chunk));
  socket.on('close', () => (closed = true));
  socket.on('error', () => {});
  return {
    socket,
    send: (text: string) => socket.write(text),
    get received() {
      return received;
    },
    async closedWithin(ms: number) {
      const deadline = Date.now() + ms;
      while (!closed && Date.now() < deadline) await sleep(10);
      return closed;
    },
  };
}

describe('cross-site requests', () => {
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']) {
    it(`refuses a ${type} body (one a page sends without a preflight) with 415`, async () => {
      const orderId = nextOrderId();
      t.server.orders.set(orderId, { funds: 5 });
      const answer = await t.server.post('/generate-payment-link', JSON.stringify({ orderId }), {
        'content-type': type,
      });
      assert.equal(answer.status, 415);
      assert.equal(answer.body.error.code, 'unsupported_media_type');
      assert.equal(t.fake.state.linkRequests.length, 0, 'no payment was made');
    });
  }

  it('refuses a body with no content type with 415', async () => {
    const answer = await fetch(`${t.server.url}/generate-payment-link`, {
      method: 'POST',
      body: new Blob(['{"orderId":"x"}']),
    });
    assert.equal(answer.status, 415);
    assert.equal(
      ((await answer.json()) as { error: { code: string } }).error.code,
      'unsupported_media_type',
    );
  });

  it('refuses a page of another site with 403 forbidden_origin, even as JSON', async () => {
    const orderId = nextOrderId();
    t.server.orders.set(orderId, { funds: 5 });
    const answer = await t.server.post(
      '/generate-payment-link',
      { orderId },
      { origin: 'https://evil.example' },
    );
    assert.equal(answer.status, 403);
    assert.deepEqual(answer.body.error, {
      code: 'forbidden_origin',
      message:
        'pages on https://evil.example may not use this backend: add the origin to ALLOWED_ORIGINS',
    });
    const noCors = await t.server.post('/generate-payment-link', JSON.stringify({ orderId }), {
      'content-type': 'text/plain',
      origin: 'https://evil.example',
    });
    assert.equal(noCors.status, 403, 'a no-cors text/plain request from that page too');
    assert.equal(t.fake.state.linkRequests.length, 0);
    assert.equal(t.server.lookups.length, 0);
  });

  it('refuses another site’s events stream with 403 forbidden_origin', async () => {
    const { orderId, token } = await t.server.openOrder(nextOrderId());
    const stream = await t.server.events(orderId, token, { origin: 'https://evil.example' });
    assert.equal(stream.status, 403);
    stream.close();
  });

  it('lets pages of its own host, of ALLOWED_ORIGINS, and callers without Origin through', async () => {
    await restartWith({ allowedOrigins: ['https://partner.example'] });
    const own = new URL(t.server.url);
    for (const origin of [`http://${own.host}`, `https://${own.host}`, 'https://partner.example']) {
      const orderId = nextOrderId();
      t.server.orders.set(orderId, { funds: 5 });
      const answer = await t.server.post('/generate-payment-link', { orderId }, { origin });
      assert.equal(answer.status, 200, origin);
    }
    assert.equal((await t.server.link({ orderId: nextOrderId(), funds: 5 })).status, 200);
  });

  it('takes PUBLIC_URL’s origin as its own, and then no other host', async () => {
    await restartWith({ publicUrl: 'https://shop.example/checkout' });
    const orderId = nextOrderId();
    t.server.orders.set(orderId, { funds: 5 });
    const own = `http://${new URL(t.server.url).host}`;
    const fromHost = await t.server.post('/generate-payment-link', { orderId }, { origin: own });
    assert.equal(fromHost.status, 403);
    const fromSite = await t.server.post(
      '/generate-payment-link',
      { orderId },
      { origin: 'https://shop.example' },
    );
    assert.equal(fromSite.status, 200);
  });
});

/** A payment-link request for `orderId` whose X-Forwarded-For header is `forwardedFor`. */
const linkFrom = (forwardedFor: string, orderId = 'nobody') =>
  t.server.post('/generate-payment-link', { orderId }, { 'x-forwarded-for': forwardedFor });

describe('rate limit (LINK_RATE_LIMIT)', () => {
  it('answers 429 rate_limited with Retry-After past the limit, and asks banq no more', async () => {
    await restartWith({ linkRateLimit: 3 });
    const answers = [];
    for (let i = 0; i < 5; i++)
      answers.push(await t.server.link({ orderId: nextOrderId(), funds: 1 }));
    assert.deepEqual(
      answers.map((a) => a.status),
      [200, 200, 200, 429, 429],
    );
    const refused = answers[3];
    assert.equal(refused.body.error.code, 'rate_limited');
    assert.match(refused.body.error.message, /at most 3 payment-link requests a minute/);
    const retryAfter = Number(refused.headers.get('retry-after'));
    assert.ok(retryAfter > 0 && retryAfter <= 60, `Retry-After: ${retryAfter}`);
    assert.equal(t.fake.state.linkRequests.length, 3);
  });

  it('counts by socket address, ignoring X-Forwarded-For unless the proxy is trusted', async () => {
    await restartWith({ linkRateLimit: 1 });
    const first = await linkFrom('203.0.113.1', 'a');
    const second = await linkFrom('203.0.113.2', 'b');
    assert.equal(first.status, 404, 'counted, then no such order');
    assert.equal(second.status, 429, 'a forged header is not another client');
  });

  it('counts by the first X-Forwarded-For hop with trustProxy', async () => {
    await restartWith({ linkRateLimit: 1, trustProxy: true });
    const from = (address: string) => linkFrom(`${address}, 10.0.0.1`);
    assert.equal((await from('203.0.113.1')).status, 404);
    assert.equal((await from('203.0.113.2')).status, 404, 'another shopper');
    assert.equal((await from('203.0.113.1')).status, 429, 'the first again');
  });
});

describe('rate limit keys', () => {
  it('counts an IPv6 client by its /64, and an IPv4-mapped address as the IPv4 one', async () => {
    await restartWith({ linkRateLimit: 1, trustProxy: true });
    const from = (address: string) => linkFrom(address);
    assert.equal((await from('2001:db8:1:2::1')).status, 404);
    assert.equal((await from('2001:db8:1:2:ffff::9')).status, 429, 'the same /64');
    assert.equal((await from('2001:db8:1:3::1')).status, 404, 'another /64');
    assert.equal((await from('203.0.113.7')).status, 404);
    assert.equal((await from('::ffff:203.0.113.7')).status, 429, 'the same IPv4 client');
  });
});

describe('event streams (MAX_STREAMS_PER_ORDER, MAX_STREAMS)', () => {
  it('holds at most maxStreamsPerOrder streams of one order, and frees a place when one closes', async () => {
    await restartWith({ maxStreamsPerOrder: 2 });
    const { orderId, token } = await t.server.openOrder(nextOrderId());
    const open = [await t.server.events(orderId, token), await t.server.events(orderId, token)];
    const third = await t.server.events(orderId, token);
    assert.equal(third.status, 429);
    third.close();
    open[0].close();
    for (let i = 0; i < 100 && t.server.backend.hub.sizeOf(orderId) > 1; i++) await sleep(10);
    const again = await t.server.events(orderId, token);
    assert.equal(again.status, 200);
    for (const stream of [open[1], again]) stream.close();
  });

  it('holds at most maxStreams streams in all, across orders', async () => {
    await restartWith({ maxStreams: 2 });
    const orders = [];
    for (let i = 0; i < 3; i++) orders.push(await t.server.openOrder(nextOrderId()));
    const streams = [];
    for (const { orderId, token } of orders) streams.push(await t.server.events(orderId, token));
    assert.deepEqual(
      streams.map((s) => s.status),
      [200, 200, 429],
    );
    const response = await fetch(
      `${t.server.url}/payment-events?orderId=${orders[2].orderId}&token=${orders[2].token}`,
    );
    assert.deepEqual(await response.json(), {
      error: {
        code: 'too_many_streams',
        message: 'this server has all the event streams it can hold open; try again shortly',
      },
    });
    for (const stream of streams) stream.close();
  });

  it('drops a reader that stopped reading rather than queueing for it', async () => {
    const { orderId, token } = await t.server.openOrder(nextOrderId());
    const client = rawClient(t.server.url);
    client.send(
      `GET /payment-events?orderId=${orderId}&token=${encodeURIComponent(token)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    );
    const hub = t.server.backend.hub;
    for (let i = 0; i < 100 && hub.sizeOf(orderId) === 0; i++) await sleep(10);
    assert.equal(hub.sizeOf(orderId), 1);
    client.socket.pause();
    // Far more than the socket's buffers hold: the server's queue fills, and the reader goes.
    const paymentId = 'p'.repeat(1000);
    for (let id = 1; id <= 50_000 && hub.sizeOf(orderId) > 0; id++) {
      hub.publish({ id, orderId, status: 'completed', paymentId });
      if (id % 100 === 0) await sleep(1);
    }
    assert.equal(hub.sizeOf(orderId), 0, 'the stalled stream was dropped');
    const ours = t.server.steps.filter((s) => s.detail?.orderId === orderId);
    const dropped = ours.findIndex((s) => s.step === 'stream dropped');
    assert.ok(dropped >= 0, 'the drop is logged');
    assert.deepEqual(
      ours.slice(dropped + 1).filter((s) => s.step === 'browser told'),
      [],
      'the event that found the reader gone is not logged as told',
    );
    client.socket.destroy();
  });
});

describe('slow bodies (BODY_TIMEOUT_MS)', () => {
  for (const path of ['/generate-payment-link', '/your-web-hooks/payment-status']) {
    it(`answers 408 body_timeout to a body on ${path} that stalls, and closes the connection`, async () => {
      await restartWith({ bodyTimeoutMs: 300 });
      const client = rawClient(t.server.url);
      const started = Date.now();
      client.send(
        `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"orderId":`,
      );
      assert.ok(await client.closedWithin(5000), 'the connection is closed');
      const elapsed = Date.now() - started;
      assert.match(client.received, /^HTTP\/1\.1 408 /);
      assert.match(client.received, /"code":"body_timeout"/);
      assert.ok(elapsed >= 250 && elapsed < 4000, `closed after ${elapsed} ms`);
    });
  }

  for (const path of ['/generate-payment-link', '/your-web-hooks/payment-status']) {
    it(`answers 408 to a chunked body on ${path} that stalls (no Content-Length)`, async () => {
      await restartWith({ bodyTimeoutMs: 300 });
      const client = rawClient(t.server.url);
      client.send(
        `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"ord\r\n`,
      );
      assert.ok(await client.closedWithin(5000), 'the connection is closed');
      assert.match(client.received, /^HTTP\/1\.1 408 /);
    });
  }

  it('answers 413 to a chunked body past the limit, without reading the rest', async () => {
    const client = rawClient(t.server.url);
    const chunk = 'x'.repeat(8192);
    client.send(
      `POST /generate-payment-link HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n`,
    );
    for (let i = 0; i < 3; i++) client.send(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    assert.ok(await client.closedWithin(5000));
    assert.match(client.received, /^HTTP\/1\.1 413 /);
    assert.match(client.received, /"code":"too_large"/);
  });

  it('still takes a body that arrives in pieces within the time', async () => {
    await restartWith({ bodyTimeoutMs: 2000 });
    const orderId = nextOrderId();
    t.server.orders.set(orderId, { funds: 5 });
    const body = JSON.stringify({ orderId });
    const client = rawClient(t.server.url);
    client.send(
      `POST /generate-payment-link HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.slice(0, 5)}`,
    );
    await sleep(200);
    client.send(body.slice(5));
    assert.ok(await client.closedWithin(5000));
    assert.match(client.received, /^HTTP\/1\.1 200 /);
  });
});
