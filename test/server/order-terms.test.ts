/**
 * All of an order's terms are the merchant's: the page's other terms are refused, its metadata
 * is kept and handed on, and banq's own refusal of the terms is the caller's error.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backendForEachTest, startBackend } from './harness.js';
import { testSqlClient } from './store.js';

let orderCount = 0;
const nextOrderId = () => `terms-${++orderCount}`;

const t = backendForEachTest({}, (fake) => {
  fake.state.scriptedApiStatuses.length = 0;
  fake.state.linkRequests.length = 0;
});

const MONTHLY = {
  funds: 30,
  comment: 'Coffee club',
  frequency: 'monthly',
  startDate: '2027-01-01',
  endDate: '2027-12-01',
};

describe('the page’s terms must be the order’s (409 terms_mismatch)', () => {
  const squats: [string, Record<string, unknown>, string][] = [
    ['another frequency', { frequency: 'daily' }, 'frequency'],
    ['another start date', { startDate: '2026-12-01' }, 'startDate'],
    ['another end date', { endDate: '2030-12-31' }, 'endDate'],
    [
      'a daily payment until 2030',
      { frequency: 'daily', endDate: '2030-12-31' },
      'frequency, endDate',
    ],
  ];
  for (const [name, terms, fields] of squats) {
    it(`refuses ${name}, before and after the link exists, and never asks banq for it`, async () => {
      const orderId = nextOrderId();
      t.server.orders.set(orderId, MONTHLY);
      const squatter = await t.server.link({ orderId, ...terms });
      assert.equal(squatter.status, 409);
      assert.deepEqual(squatter.body.error, {
        code: 'terms_mismatch',
        message: `order ${orderId} has other terms than the page sent (${fields}): show the order's own terms`,
      });
      assert.equal(t.fake.state.linkRequests.length, 0, 'the squatter made no link');

      const shopper = await t.server.link({ orderId, funds: 30 });
      assert.equal(shopper.status, 200);
      assert.equal(t.fake.state.linkRequests[0].body.frequency, 'monthly');
      assert.equal((await t.server.link({ orderId, ...terms })).status, 409, 'nor once it exists');
    });
  }

  it('takes a page that leaves terms out, or repeats the order’s', async () => {
    const orderId = nextOrderId();
    t.server.orders.set(orderId, MONTHLY);
    assert.equal((await t.server.link({ orderId })).status, 200);
    assert.equal((await t.server.link({ orderId, ...MONTHLY })).status, 200);
    assert.equal((await t.server.link({ orderId, frequency: 'monthly' })).status, 200);
  });

  it('counts once as no frequency, on either side', async () => {
    const single = nextOrderId();
    t.server.orders.set(single, { funds: 5 });
    assert.equal((await t.server.link({ orderId: single, frequency: 'once' })).status, 200);
    const onceByMerchant = nextOrderId();
    t.server.orders.set(onceByMerchant, { funds: 5, frequency: 'once' });
    assert.equal((await t.server.link({ orderId: onceByMerchant })).status, 200);
    assert.equal((await t.server.link({ orderId: onceByMerchant, frequency: 'once' })).status, 200);
    assert.equal(
      (await t.server.link({ orderId: onceByMerchant, frequency: 'weekly' })).status,
      409,
    );
    assert.deepEqual(
      t.fake.state.linkRequests.map((r) => r.body.frequency),
      ['once', 'once'],
    );
  });

  it('refuses the merchant’s own terms when banq would (502 orders_unavailable)', async () => {
    const orderId = nextOrderId();
    t.server.orders.set(orderId, { funds: 5, frequency: 'fortnightly' });
    const answer = await t.server.link({ orderId });
    assert.equal(answer.status, 502);
    assert.equal(answer.body.error.code, 'orders_unavailable');
    assert.ok(
      t.server.steps.some((s) => /frequency must be one of/.test(String(s.detail?.error))),
      'the log says what the merchant got wrong',
    );
    assert.equal(t.fake.state.linkRequests.length, 0);
  });
});

describe('metadata', () => {
  it('is kept with the order and handed to resolveOrder, never to banq', async () => {
    const contexts: unknown[] = [];
    await t.server.close();
    t.server = await startBackend(t.fake, {
      resolveOrder: async (_orderId, _request, context) => {
        contexts.push(context);
        return { funds: 5 };
      },
    });
    const orderId = nextOrderId();
    const metadata = { customerId: 'c-7', tags: ['gift'] };
    assert.equal((await t.server.link({ orderId, metadata })).status, 200);
    assert.deepEqual(contexts, [{ metadata }]);
    assert.deepEqual((await t.server.backend.store.getOrder(orderId))?.metadata, metadata);
    assert.equal('metadata' in t.fake.state.linkRequests[0].body, false);
  });

  it('is kept as a JSON object, one the merchant’s SQL can query', async () => {
    const orderId = nextOrderId();
    assert.equal(
      (await t.server.link({ orderId, funds: 5, metadata: { customerId: 'c-9' } })).status,
      200,
    );
    const [row] = await (
      await testSqlClient()
    ).query<{ kind: string; customer: string }>(
      `select jsonb_typeof(metadata) as kind, metadata->>'customerId' as customer
       from orders where order_id = $1`,
      [orderId],
    );
    assert.deepEqual(row, { kind: 'object', customer: 'c-9' });
  });

  for (const [name, metadata] of [
    ['a NUL character', { note: 'a\u0000b' }],
    ['a NUL character in a key', { ['k\u0000']: 1 }],
    ['a lone surrogate', { note: '\ud800' }],
    ['a lone surrogate deep inside', { a: [{ b: ['x', '\udfff'] }] }],
  ] as const)
    it(`refuses metadata with ${name} (jsonb cannot keep it) with 400`, async () => {
      const answer = await t.server.link({ orderId: nextOrderId(), funds: 5, metadata });
      assert.equal(answer.status, 400);
      assert.match(answer.body.error.message, /^metadata must hold no NUL character/);
    });

  it('refuses metadata nested deeper than 16 levels (a 16 KB body nests 8,000 deep) with 400', async () => {
    const orderId = nextOrderId();
    t.server.orders.set(orderId, { funds: 5 });
    const depth = 7000;
    const body = `{"orderId":"${orderId}","metadata":{"n":${'['.repeat(depth)}1${']'.repeat(depth)}}}`;
    const answer = await t.server.post('/generate-payment-link', body);
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error.message, 'metadata must nest at most 16 levels deep');
    const shallow = { a: { b: { c: [1, [2, [3]]] } } };
    assert.equal((await t.server.link({ orderId, metadata: shallow })).status, 200);
  });
});

describe('banq’s refusal (get-paid-link 400 or 422)', () => {
  for (const status of [400, 422]) {
    it(`answers ${status} from banq as 400 banq_rejected with banq’s reason, and may be asked again`, async () => {
      const orderId = nextOrderId();
      t.fake.state.scriptedApiStatuses.push(status);
      const refused = await t.server.link({ orderId, funds: 5 });
      assert.equal(refused.status, 400);
      assert.deepEqual(refused.body.error, {
        code: 'banq_rejected',
        message: 'banq refused the payment: scripted failure',
      });
      assert.equal((await t.server.link({ orderId, funds: 5 })).status, 200, 'no claim is left');
    });
  }

  for (const status of [403, 429, 500, 503]) {
    it(`keeps ${status} from banq a 502 banq_unavailable: not the shopper’s to fix`, async () => {
      t.fake.state.scriptedApiStatuses.push(status);
      const answer = await t.server.link({ orderId: nextOrderId(), funds: 5 });
      assert.equal(answer.status, 502);
      assert.equal(answer.body.error.code, 'banq_unavailable');
    });
  }

  it('keeps a 401 after the token refresh a 502 banq_unavailable', async () => {
    t.fake.state.scriptedApiStatuses.push(401, 401);
    const answer = await t.server.link({ orderId: nextOrderId(), funds: 5 });
    assert.equal(answer.status, 502);
    assert.equal(answer.body.error.code, 'banq_unavailable');
  });
});
