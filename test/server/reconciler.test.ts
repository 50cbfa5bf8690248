/** The reconciler: a payment is recorded even when every webhook delivery failed. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backendForEachTest, sleep, startBackend } from './harness.js';
import { testSqlClient } from './store.js';

let orderCount = 0;

const t = backendForEachTest({}, (fake) => {
  fake.state.paymentLookups = 0;
  fake.state.scriptedApiStatuses.length = 0;
});

const openOrder = (funds = 20) => t.server.openOrder(`rc-${++orderCount}`, funds);

describe('the reconciler', () => {
  it('books a completed payment no webhook ever announced, the way a verified webhook does', async () => {
    const paid = await openOrder();
    const unpaid = await openOrder();
    const events = await t.server.events(paid.orderId, paid.token);
    t.fake.complete(paid.paymentId); // banq's webhooks all failed: none reaches the backend
    assert.deepEqual(await t.server.backend.reconcile(), { checked: 2, paid: 1, failed: 0 });
    assert.equal((await t.server.backend.store.getOrder(paid.orderId))?.status, 'paid');
    assert.equal((await t.server.backend.store.getOrder(unpaid.orderId))?.status, 'open');
    assert.deepEqual(JSON.parse((await events.next()).data!), {
      orderId: paid.orderId,
      status: 'completed',
      paymentId: paid.paymentId,
    });
    events.close();
    assert.ok(t.server.steps.some((s) => s.step === 'reconciler found a payment'));
    assert.deepEqual(
      await t.server.backend.reconcile(),
      { checked: 1, paid: 0, failed: 0 },
      'a paid order is not asked about again',
    );
  });

  it('runs on its own every RECONCILE_INTERVAL_MS', async () => {
    await t.server.close();
    t.server = await startBackend(t.fake, { reconcileIntervalMs: 50 });
    const order = await openOrder();
    t.fake.complete(order.paymentId);
    for (
      let i = 0;
      i < 100 && (await t.server.backend.store.getOrder(order.orderId))?.status !== 'paid';
      i++
    )
      await sleep(20);
    assert.equal((await t.server.backend.store.getOrder(order.orderId))?.status, 'paid');
  });

  it('leaves orders older than 7 days alone', async () => {
    const order = await openOrder();
    t.fake.complete(order.paymentId);
    await (
      await testSqlClient()
    ).query(`update orders set created_at = now() - interval '8 days' where order_id = $1`, [
      order.orderId,
    ]);
    assert.deepEqual(await t.server.backend.reconcile(), { checked: 0, paid: 0, failed: 0 });
    assert.equal(t.fake.state.paymentLookups, 0);
  });

  it('keeps a payment of another amount for review, and carries on when banq fails for one order', async () => {
    const failing = await openOrder(20);
    const wrong = await openOrder(20);
    t.fake.complete(failing.paymentId);
    t.fake.complete(wrong.paymentId);
    t.fake.state.payments.get(wrong.paymentId)!.funds = 1;
    t.fake.state.scriptedApiStatuses.push(500); // the first lookup (the older order) fails
    assert.deepEqual(await t.server.backend.reconcile(), { checked: 2, paid: 0, failed: 1 });
    assert.deepEqual(
      (await t.server.backend.store.reviews()).map((r) => r.orderId),
      [wrong.orderId],
    );
    assert.equal((await t.server.backend.store.getOrder(failing.orderId))?.status, 'open');
  });

  it('and a webhook arriving at the same time book the payment once', async () => {
    const order = await openOrder();
    const events = await t.server.events(order.orderId, order.token);
    t.fake.complete(order.paymentId);
    const [, webhook] = await Promise.all([
      t.server.backend.reconcile(),
      t.server.webhook({
        id: 'evt-race',
        action: 'completed',
        resourceType: 'Payment',
        resourceId: order.paymentId,
      }),
    ]);
    assert.equal(webhook.status, 200);
    await events.next();
    await assert.rejects(events.next({ ms: 300 }), /no event/);
    events.close();
  });
});

describe('the reconciler across instances', () => {
  it('runs once per interval for the whole fleet, not once per instance', async (c) => {
    await t.server.close();
    const intervalMs = 200;
    t.server = await startBackend(t.fake, { reconcileIntervalMs: intervalMs });
    const other = await startBackend(t.fake, {
      keepStore: true,
      orders: t.server.orders,
      reconcileIntervalMs: intervalMs,
    });
    c.after(() => other.close());
    await openOrder(); // unpaid: every round asks banq about it once
    t.fake.state.paymentLookups = 0;
    const windowMs = 2000;
    await sleep(windowMs);
    const rounds = t.fake.state.paymentLookups;
    // One instance's pace is 10 rounds (up to a tenth of an interval late); two apiece, 20.
    assert.ok(rounds >= 7 && rounds <= 11, `${rounds} rounds in ${windowMs} ms`);
  });

  it('claims a run for one caller of many, then for none until the interval has passed', async () => {
    const store = t.server.backend.store;
    const claims = await Promise.all([1, 2, 3, 4].map(() => store.claimRun('job', 300)));
    assert.deepEqual(claims.filter(Boolean).length, 1, `one of four: ${claims.join(', ')}`);
    assert.equal(await store.claimRun('job', 300), false);
    await sleep(350);
    assert.equal(await store.claimRun('job', 300), true);
    assert.equal(await store.claimRun('other job', 300), true, 'each job its own schedule');
  });
});
