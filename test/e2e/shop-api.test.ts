/**
 * The demo server over HTTP alone (no pages, no browser): it answers while it starts, the
 * shop's server makes and prices the orders, the backend takes the shop's amount and no
 * other, and the live log gives each order's page that order's lines only, never a secret.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { DemoServer } from '../../demo/server/main.js';
import { E2E_WEBHOOK_SECRET, createOrder, paidOnServer, startDemoServer } from './harness.js';

let server: DemoServer;
/** What the server answered to requests made while it was starting. */
const startUpAnswers: { status: number; code?: string }[] = [];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort(): Promise<number> {
  const probe = createServer();
  return new Promise((resolve) =>
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    }),
  );
}

/** Asks for /checkout-config until the start-up resolves; a request that hangs fails the test. */
async function probeWhileStarting(port: number, starting: Promise<DemoServer>) {
  // `as boolean`: set by the callback, which TypeScript's narrowing to false does not see.
  let started = false as boolean;
  void starting.finally(() => (started = true)).catch(() => {});
  while (!started) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/checkout-config`, {
        signal: AbortSignal.timeout(2_000),
      });
      const body = (await response.json()) as { error?: { code?: string } };
      startUpAnswers.push({ status: response.status, code: body.error?.code });
    } catch (error) {
      // Refused: the port is not bound yet. Anything else (a timeout) is a hang.
      if (!/ECONNREFUSED/.test(String((error as Error).cause))) throw error;
    }
    // Briefly: without pages, the time from binding the port to a ready backend is a few
    // round trips on loopback, and a slower poll can miss it.
    await sleep(2);
  }
}

before(async () => {
  const port = await freePort();
  const starting = startDemoServer('shop-api', { port, pages: false });
  await probeWhileStarting(port, starting);
  server = await starting;
});
// Unset if before() failed.
after(() => (server as DemoServer | undefined)?.close());

const post = async (path: string, body: unknown) => {
  const response = await fetch(server.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};

/** The order's live log: the lines streamed until `enough` says so (or 3 s pass). */
async function serverLog(orderId: string, enough: (steps: string[]) => boolean = () => false) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 3_000);
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  try {
    const response = await fetch(`${server.url}/demo-api/server-log?orderId=${orderId}`, {
      signal: controller.signal,
    });
    assert.equal(response.status, 200);
    const decoder = new TextDecoder();
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      for (const data of decoder.decode(chunk).match(/^data: .*$/gm) ?? []) {
        raw.push(data);
        lines.push(JSON.parse(data.slice('data: '.length)) as Record<string, unknown>);
      }
      if (enough(lines.map((line) => String(line.step)))) break;
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return { lines, text: raw.join('\n') };
}

describe('the demo server', () => {
  it('answers while it starts: 503 starting for the backend, never a hang', () => {
    assert.ok(startUpAnswers.length > 0, 'no request was answered during start-up');
    for (const answer of startUpAnswers)
      assert.ok(
        answer.status === 200 || (answer.status === 503 && answer.code === 'starting'),
        JSON.stringify(answer),
      );
    assert.ok(startUpAnswers.some((answer) => answer.status === 503));
  });
});

describe('the shop’s orders', () => {
  it('are priced by the server from the catalog; a price in the cart is ignored', async () => {
    const { status, body } = await post('/demo-api/orders', {
      items: [
        { productId: 'yirgacheffe', quantity: 2, priceCents: 1 },
        { productId: 'dripper', quantity: 1 },
      ],
      funds: 0.01,
    });
    assert.equal(status, 201);
    assert.equal(body.funds, 65.5); // 2 × 18.00 + 29.50
    assert.equal(body.comment, 'Northwind Coffee · 3 items');
    assert.deepEqual(server.shop.getOrder(body.orderId)?.items, [
      { productId: 'yirgacheffe', quantity: 2 },
      { productId: 'dripper', quantity: 1 },
    ]);
  });

  it('refuse a cart they cannot price, saying what to fix', async () => {
    const refused: [unknown, RegExp][] = [
      [{ items: [] }, /^items must hold at least one item$/],
      [{}, /^items must be a list/],
      [[], /^body must be/],
      [{ items: [{ productId: 'tea', quantity: 1 }] }, /^items\.0\.productId must be one of /],
      [{ items: [{ productId: 'huila', quantity: 0 }] }, /^items\.0\.quantity must be a whole/],
      [{ items: [{ productId: 'huila', quantity: 1.5 }] }, /^items\.0\.quantity must be a whole/],
      [{ items: [{ productId: 'huila', quantity: 21 }] }, /from 1 to 20$/],
      [{ items: [{ productId: 'huila', quantity: '2' }] }, /^items\.0\.quantity must be a whole/],
      [
        {
          items: [
            { productId: 'huila', quantity: 1 },
            { productId: 'huila', quantity: 1 },
          ],
        },
        /^items must list each product once$/,
      ],
    ];
    for (const [cart, message] of refused) {
      const { status, body } = await post('/demo-api/orders', cart);
      assert.equal(status, 400, JSON.stringify(cart));
      assert.equal(body.error.code, 'invalid_request');
      assert.match(body.error.message, message);
    }
    const malformed = await post('/demo-api/orders', '{"items": [');
    assert.deepEqual(malformed, {
      status: 400,
      body: { error: { code: 'invalid_json', message: 'the body is not well-formed JSON' } },
    });
  });

  it('have unique ids of at least 128 random bits', async () => {
    const ids = await Promise.all(
      Array.from({ length: 200 }, () => createOrder(server).then((o) => o.orderId)),
    );
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) {
      assert.match(id, /^[A-Za-z0-9_-]{22,64}$/);
      assert.ok(Buffer.from(id, 'base64url').length >= 16, id);
    }
  });
});

describe('the payment link', () => {
  it('is for the shop’s amount only: tampered funds are 409, an invented order 404', async () => {
    const order = await createOrder(server, [{ productId: 'huila', quantity: 2 }]);
    const tampered = await post('/generate-payment-link', { orderId: order.orderId, funds: 0.01 });
    assert.equal(tampered.status, 409);
    assert.equal(tampered.body.error.code, 'amount_mismatch');

    const invented = await post('/generate-payment-link', { orderId: 'made-up-order', funds: 33 });
    assert.equal(invented.status, 404);
    assert.equal(invented.body.error.code, 'unknown_order');

    const link = await post('/generate-payment-link', { orderId: order.orderId, funds: 33 });
    assert.equal(link.status, 200);
    assert.match(link.body.data.url, /\/mock-banq\/pay\//);
    const events = (token?: string) =>
      fetch(
        `${server.url}/payment-events?orderId=${order.orderId}${token ? `&token=${token}` : ''}`,
      ).then(async (response) => {
        await response.body?.cancel();
        return response.status;
      });
    assert.equal(await events(), 403);
    assert.equal(await events(link.body.data.eventsToken), 200);
  });
});

describe('the live server log', () => {
  it('gives an order’s page that order’s lines only, and never a secret', async () => {
    const [mine, theirs] = await Promise.all([createOrder(server), createOrder(server)]);
    const [myLink, theirLink] = await Promise.all(
      [mine, theirs].map((order) => post('/generate-payment-link', order)),
    );
    // The other order is paid in the banq app: banq's webhook (its URL carries the secret) follows.
    const theirPaymentId = new URL(theirLink.body.data.url).pathname.split('/').pop()!;
    await post(`/mock-banq/pay/${theirPaymentId}/complete`, { via: 'app' });
    await paidOnServer(server, theirs.orderId);

    const their = await serverLog(theirs.orderId, (steps) =>
      steps.includes('banq: webhook delivered'),
    );
    const theirSteps = their.lines.map((line) => line.step);
    const delivered = ['banq: payment completed', 'payment verified', 'banq: webhook delivered'];
    for (const step of ['link made', ...delivered])
      assert.ok(theirSteps.includes(step), `${step} is missing from ${theirSteps.join(', ')}`);

    const myPaymentId = new URL(myLink.body.data.url).pathname.split('/').pop();
    const my = await serverLog(mine.orderId, (steps) => steps.includes('link made'));
    assert.ok(my.lines.some((line) => line.step === 'link made'));
    for (const line of my.lines)
      assert.ok(
        [line.orderId, line.externalOrderCode, line.paymentId].some(
          (id) => id === mine.orderId || id === myPaymentId,
        ),
        JSON.stringify(line),
      );
    assert.ok(!my.text.includes(theirs.orderId) && !my.text.includes(theirPaymentId));

    for (const { text } of [my, their]) {
      assert.ok(!text.includes('secret=') && !text.includes(E2E_WEBHOOK_SECRET), text);
      assert.ok(!/token issued|webhook config saved|webhook registered/.test(text), text);
    }
  });

  it('is only for an order the shop made', async () => {
    const response = await fetch(`${server.url}/demo-api/server-log?orderId=made-up-order`);
    assert.equal(response.status, 404);
    assert.equal((await response.json()).error.code, 'unknown_order');
  });
});
