/** Step 1: the intermediary endpoint, and the token it needs (step 1a), against a fake banq. */
import assert from 'node:assert/strict';
import { HTTPException } from 'hono/http-exception';
import { describe, it } from 'node:test';
import { backendForEachTest, startBackend } from './harness.js';

let orderCount = 0;
const nextOrderId = () => `order-${++orderCount}`;

const t = backendForEachTest({}, (fake) => {
  fake.state.linkRequests.length = 0;
  fake.state.tokenRequests = 0;
  fake.state.scriptedApiStatuses.length = 0;
  fake.state.rejectCredentials = false;
  fake.state.expiresIn = 3600;
  fake.revokeTokens();
});

describe('POST /generate-payment-link', () => {
  it('asks banq for a link with the guide’s body and answers {data: {url, eventsToken}}', async () => {
    const orderId = nextOrderId();
    const answer = await t.server.link({ orderId, comment: 'Blue mug', funds: 12.5 });
    assert.equal(answer.status, 200);
    assert.match(answer.body.data.url, /^https:\/\/banq\.test\/pay\/pay-\d+$/);
    assert.match(answer.body.data.eventsToken, /^[\w-]{43}$/);
    assert.equal(t.fake.state.linkRequests.length, 1);
    const [{ body, authorization }] = t.fake.state.linkRequests;
    assert.deepEqual(body, {
      destination: { banqGuid: 'guid-1' },
      comment: 'Blue mug',
      funds: 12.5,
      externalOrderCode: orderId,
      frequency: 'once',
    });
    assert.match(authorization ?? '', /^Bearer tok-\d+$/);
    assert.deepEqual(
      t.server.steps.map((s) => s.step),
      ['link made'],
    );
  });

  it('forwards a recurring payment’s frequency and dates', async () => {
    await t.server.link({
      orderId: nextOrderId(),
      funds: 30,
      frequency: 'monthly',
      startDate: '2026-12-01',
      endDate: '2027-06-01',
      metadata: { customerId: 'c-7' },
    });
    const [{ body }] = t.fake.state.linkRequests;
    assert.equal(body.frequency, 'monthly');
    assert.equal(body.startDate, '2026-12-01');
    assert.equal(body.endDate, '2027-06-01');
    assert.equal(body.comment, '');
    assert.equal('metadata' in body, false, 'metadata stays with the merchant');
  });

  const invalid: [string, unknown, RegExp][] = [
    ['no orderId', { funds: 1 }, /^orderId is required$/],
    ['an empty orderId', { orderId: '', funds: 1 }, /^orderId must be 1 to 64/],
    ['a 65-character orderId', { orderId: 'a'.repeat(65), funds: 1 }, /^orderId must be 1 to 64/],
    [
      'an orderId with a space',
      { orderId: 'a b', funds: 1 },
      /^orderId must be 1 to 64 letters, digits/,
    ],
    ['an orderId that is a number', { orderId: 42, funds: 1 }, /^orderId /],
    ['funds as a string', { orderId: 'o', funds: '5' }, /^funds must be a number$/],
    ['funds of 0', { orderId: 'o', funds: 0 }, /^funds must be at least 0\.01$/],
    ['negative funds', { orderId: 'o', funds: -1 }, /^funds must be at least 0\.01$/],
    [
      'funds with three decimals',
      { orderId: 'o', funds: 1.005 },
      /^funds must be whole cents \(at most two decimals\)$/,
    ],
    ['funds of 1e-9', { orderId: 'o', funds: 1e-9 }, /^funds must be at least 0\.01$/],
    ['funds of 5e-324', { orderId: 'o', funds: 5e-324 }, /^funds must be at least 0\.01$/],
    ['funds of 10.000000001', { orderId: 'o', funds: 10.000000001 }, /^funds must be whole cents/],
    ['funds of 0.1 + 0.2', { orderId: 'o', funds: 0.1 + 0.2 }, /^funds must be whole cents/],
    [
      'an unknown frequency',
      { orderId: 'o', funds: 1, frequency: 'fortnightly' },
      /^frequency must be one of once, daily, weekly/,
    ],
    [
      'a start date that does not exist',
      { orderId: 'o', funds: 1, startDate: '2024-13-45' },
      /^startDate must be a real date as YYYY-MM-DD$/,
    ],
    [
      'the 30th of February',
      { orderId: 'o', funds: 1, endDate: '2027-02-30' },
      /^endDate must be a real date/,
    ],
    [
      'an end date before the start date',
      { orderId: 'o', funds: 1, startDate: '2027-03-01', endDate: '2027-02-28' },
      /^endDate must not be before startDate$/,
    ],
    [
      'funds over the maximum',
      { orderId: 'o', funds: 1_000_000.01 },
      /^funds must be at most 1000000$/,
    ],
    [
      'a 256-character comment',
      { orderId: 'o', funds: 1, comment: 'x'.repeat(256) },
      /^comment must be at most 255/,
    ],
    [
      'a start date that is not a date',
      { orderId: 'o', funds: 1, startDate: 'June' },
      /^startDate must be a real date/,
    ],
    ['metadata that is not an object', { orderId: 'o', funds: 1, metadata: 'x' }, /^metadata /],
    ['a body that is not an object', [1, 2], /^body /],
  ];
  for (const [name, body, message] of invalid) {
    it(`refuses ${name} with 400, and never calls banq`, async () => {
      const answer = await t.server.link(body as Record<string, unknown>);
      assert.equal(answer.status, 400);
      assert.equal(answer.body.error.code, 'invalid_request');
      assert.match(answer.body.error.message, message);
      assert.equal(t.fake.state.linkRequests.length, 0);
      assert.equal(t.fake.state.tokenRequests, 0);
      assert.equal(t.server.lookups.length, 0, 'validation comes before the order lookup');
    });
  }

  it('accepts 0.29, which is 28.999999999999996 cents in binary', async () => {
    assert.equal((await t.server.link({ orderId: nextOrderId(), funds: 0.29 })).status, 200);
  });

  it('refuses a body that is not sent as JSON with 415', async () => {
    const answer = await t.server.post(
      '/generate-payment-link',
      JSON.stringify({ orderId: 'o', funds: 1 }),
      { 'content-type': 'text/plain' },
    );
    assert.equal(answer.status, 415);
    assert.deepEqual(answer.body.error, {
      code: 'unsupported_media_type',
      message: 'send the body as JSON, with content-type: application/json',
    });
    assert.equal(t.server.lookups.length, 0);
  });

  it('refuses malformed JSON and an oversized body', async () => {
    const malformed = await t.server.post('/generate-payment-link', '{"orderId":');
    assert.equal(malformed.status, 400);
    assert.deepEqual(malformed.body.error.code, 'invalid_json');
    const huge = await t.server.post('/generate-payment-link', {
      orderId: 'o',
      funds: 1,
      comment: 'x'.repeat(20_000),
    });
    assert.equal(huge.status, 413);
    assert.equal(t.fake.state.linkRequests.length, 0);
  });

  it('answers the same order with the same link, asking banq once, even for simultaneous requests', async () => {
    const orderId = nextOrderId();
    const answers = await Promise.all([1, 2, 3].map(() => t.server.link({ orderId, funds: 9 })));
    const again = await t.server.link({ orderId, funds: 9 });
    const urls = new Set([...answers, again].map((a) => a.body.data.url));
    assert.equal(urls.size, 1);
    assert.equal(t.fake.state.linkRequests.length, 1);
  });

  it('answers the same link again after a restart, without asking banq', async () => {
    const orderId = nextOrderId();
    const first = await t.server.link({ orderId, funds: 9 });
    await t.server.close();
    t.server = await startBackend(t.fake, { keepStore: true, orders: t.server.orders });
    const again = await t.server.link({ orderId, funds: 9 });
    assert.equal(again.status, 200);
    assert.deepEqual(again.body.data, first.body.data, 'the same link and the same events token');
    assert.equal(t.fake.state.linkRequests.length, 1);
  });

  it('asks banq once between two instances on one store asked at the same moment', async () => {
    const other = await startBackend(t.fake, { keepStore: true, orders: t.server.orders });
    try {
      const orderId = nextOrderId();
      t.server.orders.set(orderId, { funds: 7 });
      t.fake.state.tokenDelayMs = 50; // both are inside the race when banq is asked
      const answers = await Promise.all([
        t.server.link({ orderId, funds: 7 }),
        other.link({ orderId, funds: 7 }),
        t.server.link({ orderId }),
        other.link({ orderId }),
      ]);
      assert.deepEqual(
        answers.map((a) => a.status),
        [200, 200, 200, 200],
      );
      assert.equal(new Set(answers.map((a) => a.body.data.url)).size, 1);
      assert.equal(t.fake.state.linkRequests.length, 1);
    } finally {
      t.fake.state.tokenDelayMs = 0;
      await other.close();
    }
  });

  it('refuses a paid order (409)', async () => {
    const orderId = nextOrderId();
    const { body } = await t.server.link({ orderId, funds: 9 });
    const paymentId = body.data.url.split('/').pop();
    t.fake.complete(paymentId);
    await t.server.webhook({ action: 'completed', resourceType: 'Payment', resourceId: paymentId });
    const answer = await t.server.link({ orderId, funds: 9 });
    assert.equal(answer.status, 409);
    assert.equal(answer.body.error.code, 'order_paid');
  });

  it('answers 502 when banq fails, and a later request makes the link', async () => {
    const orderId = nextOrderId();
    t.fake.state.scriptedApiStatuses.push(500);
    const failed = await t.server.link({ orderId, funds: 9 });
    assert.equal(failed.status, 502);
    assert.equal(failed.body.error.code, 'banq_unavailable');
    // No link, so the terms are not fixed yet: the merchant may change them.
    t.server.orders.set(orderId, { funds: 9.5 });
    const retried = await t.server.link({ orderId, funds: 9.5 });
    assert.equal(retried.status, 200);
    assert.equal(t.fake.state.linkRequests.at(-1)?.body.funds, 9.5);
  });
});

describe('the amount comes from the merchant (resolveOrder)', () => {
  it('refuses an order the merchant does not have with 404, and never calls banq', async () => {
    const answer = await t.server.link({ orderId: 'invented', funds: 0.01 }, { known: false });
    assert.equal(answer.status, 404);
    assert.deepEqual(answer.body.error, {
      code: 'unknown_order',
      message: 'there is no order invented',
    });
    assert.equal(t.fake.state.linkRequests.length, 0);
  });

  it('refuses funds other than the order’s with 409 amount_mismatch, and never calls banq', async () => {
    const orderId = nextOrderId();
    t.server.orders.set(orderId, { funds: 120 });
    const answer = await t.server.link({ orderId, funds: 0.01 });
    assert.equal(answer.status, 409);
    assert.deepEqual(answer.body.error, {
      code: 'amount_mismatch',
      message: `order ${orderId} is for 120, not 0.01: show the order's own amount`,
    });
    assert.equal(t.fake.state.linkRequests.length, 0);
  });

  it('makes the link with the order’s funds, comment and recurring terms, never the browser’s', async () => {
    const orderId = nextOrderId();
    t.server.orders.set(orderId, {
      funds: 30,
      comment: 'Coffee club',
      frequency: 'monthly',
      startDate: '2027-01-01',
      endDate: '2027-12-01',
    });
    const answer = await t.server.link({ orderId, comment: 'tampered', frequency: 'monthly' });
    assert.equal(answer.status, 200, 'funds may be left out of the body');
    assert.deepEqual(t.fake.state.linkRequests[0].body, {
      destination: { banqGuid: 'guid-1' },
      comment: 'Coffee club',
      funds: 30,
      externalOrderCode: orderId,
      frequency: 'monthly',
      startDate: '2027-01-01',
      endDate: '2027-12-01',
    });
  });

  it('hands resolveOrder the shopper’s request, so the merchant can check the session', async () => {
    const orderId = nextOrderId();
    t.server.orders.set(orderId, { funds: 5 });
    await t.server.post('/generate-payment-link', { orderId }, { cookie: 'session=abc' });
    assert.equal(t.server.lookups.length, 1);
    assert.equal(t.server.lookups[0].headers.get('cookie'), 'session=abc');
  });

  it('fixes the order’s terms with its link: other terms later are 409 order_changed', async () => {
    const orderId = nextOrderId();
    await t.server.link({ orderId, funds: 9 });
    for (const changed of [
      { funds: 10 },
      { funds: 9, comment: 'more' },
      { funds: 9, frequency: 'weekly' },
    ]) {
      t.server.orders.set(orderId, changed);
      const answer = await t.server.link({ orderId });
      assert.equal(answer.status, 409);
      assert.deepEqual(answer.body.error, {
        code: 'order_changed',
        message: `order ${orderId} has a payment link for other terms; make a new order`,
      });
    }
    assert.equal(t.fake.state.linkRequests.length, 1);
  });

  it('lets resolveOrder refuse with its own status by throwing Hono’s HTTPException', async () => {
    const guarded = await startBackend(t.fake, {
      keepStore: true,
      resolveOrder: async () => {
        throw new HTTPException(401, { message: 'sign in to pay for this order' });
      },
    });
    try {
      const answer = await guarded.post('/generate-payment-link', { orderId: 'theirs' });
      assert.equal(answer.status, 401);
      assert.deepEqual(answer.body.error, {
        code: 'http_401',
        message: 'sign in to pay for this order',
      });
      assert.equal(t.fake.state.linkRequests.length, 0);
    } finally {
      await guarded.close();
    }
  });

  it('answers 502 orders_unavailable when resolveOrder fails or answers unusable terms', async () => {
    const failing = await startBackend(t.fake, {
      keepStore: true,
      resolveOrder: async (orderId) => {
        if (orderId === 'throws') throw new Error('orders database down');
        return { funds: 'ten' as unknown as number };
      },
    });
    try {
      for (const orderId of ['throws', 'garbled']) {
        const answer = await failing.post('/generate-payment-link', { orderId });
        assert.equal(answer.status, 502);
        assert.equal(answer.body.error.code, 'orders_unavailable');
      }
      assert.deepEqual(
        failing.steps.map((s) => [s.step, s.level, String(s.detail?.error)]),
        [
          ['order lookup failed', 'error', 'orders database down'],
          [
            'order lookup failed',
            'error',
            "the order's terms are not usable: funds must be a number",
          ],
        ],
      );
      assert.equal(t.fake.state.linkRequests.length, 0);
    } finally {
      await failing.close();
    }
  });
});

describe('the token (Auth0 password grant)', () => {
  it('is fetched with the guide’s grant and reused: 50 links, one token request', async () => {
    for (let i = 0; i < 50; i++)
      assert.equal((await t.server.link({ orderId: nextOrderId(), funds: 1 })).status, 200);
    assert.equal(t.fake.state.tokenRequests, 1);
  });

  it('is fetched once for simultaneous first requests', async () => {
    t.fake.state.tokenDelayMs = 100;
    try {
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => t.server.link({ orderId: nextOrderId(), funds: 1 })),
      );
      assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([200]));
      assert.equal(t.fake.state.tokenRequests, 1);
    } finally {
      t.fake.state.tokenDelayMs = 0;
    }
  });

  it('is dropped when banq answers 401: a fresh one is fetched and the call retried once', async () => {
    await t.server.link({ orderId: nextOrderId(), funds: 1 });
    t.fake.revokeTokens();
    const answer = await t.server.link({ orderId: nextOrderId(), funds: 1 });
    assert.equal(answer.status, 200);
    assert.equal(t.fake.state.tokenRequests, 2);
    assert.equal(t.fake.state.linkRequests.length, 2);
  });

  it('is not retried twice: a second 401 is a failure', async () => {
    await t.server.link({ orderId: nextOrderId(), funds: 1 });
    t.fake.state.scriptedApiStatuses.push(401, 401);
    const answer = await t.server.link({ orderId: nextOrderId(), funds: 1 });
    assert.equal(answer.status, 502);
    assert.equal(t.fake.state.tokenRequests, 2);
  });

  it('is renewed shortly before it expires', async () => {
    t.fake.state.expiresIn = 61; // the backend renews 60 s early: this one is good for 1 s
    await t.server.link({ orderId: nextOrderId(), funds: 1 });
    await t.server.link({ orderId: nextOrderId(), funds: 1 });
    assert.equal(t.fake.state.tokenRequests, 1);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await t.server.link({ orderId: nextOrderId(), funds: 1 });
    assert.equal(t.fake.state.tokenRequests, 2);
  });

  it('failing (wrong credentials) makes the link fail with 502 and says why in the log', async () => {
    t.fake.state.rejectCredentials = true;
    const answer = await t.server.link({ orderId: nextOrderId(), funds: 1 });
    assert.equal(answer.status, 502);
    const failure = t.server.steps.find((s) => s.step === 'link failed');
    assert.match(
      String(failure?.detail?.error),
      /token endpoint answered 403: Wrong email or password\. \(check BANQ_CLIENT_ID/,
    );
  });
});
