/** The reconciler: a payment is recorded even when every webhook delivery failed. */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startFakeBanq, type FakeBanq } from './fake-banq.js';
import { sleep, startBackend, type TestBackend } from './harness.js';
import { closeTestStore, testSqlClient } from './store.js';

let fake: FakeBanq;
let server: TestBackend;
let orderCount = 0;

before(async () => {
  fake = await startFakeBanq();
});
after(async () => {
  await server?.close();
  await fake.close();
  await closeTestStore();
});
beforeEach(async () => {
  await server?.close();
  fake.state.paymentLookups = 0;
  fake.state.scriptedApiStatuses.length = 0;
  server = await startBackend(fake);
});

const openOrder = (funds = 20) => server.openOrder(`rc-${++orderCount}`, funds);

describe('the reconciler', () => {
  it('books a completed payment no webhook ever announced, the way a verified webhook does', async () => {
    const paid = await openOrder();
    const unpaid = await openOrder();
    const events = await server.events(paid.orderId, paid.token);
    fake.complete(paid.paymentId); // banq's webhooks all failed: none reaches the backend
    assert.deepEqual(await server.backend.reconcile(), { checked: 2, paid: 1, failed: 0 });
    assert.equal((await server.backend.store.getOrder(paid.orderId))?.status, 'paid');
    assert.equal((await server.backend.store.getOrder(unpaid.orderId))?.status, 'open');
    assert.deepEqual(JSON.parse((await events.next()).data!), {
      orderId: paid.orderId,
      status: 'completed',
      paymentId: paid.paymentId,
    });
    events.close();
    assert.ok(server.steps.some((s) => s.step === 'reconciler found a payment'));
    assert.deepEqual(
      await server.backend.reconcile(),
      { checked: 1, paid: 0, failed: 0 },
      'a paid order is not asked about again',
    );
  });

  it('runs on its own every RECONCILE_INTERVAL_MS', async () => {
    await server.close();
    server = await startBackend(fake, { reconcileIntervalMs: 50 });
    const order = await openOrder();
    fake.complete(order.paymentId);
    for (
      let i = 0;
      i < 100 && (await server.backend.store.getOrder(order.orderId))?.status !== 'paid';
      i++
    )
      await sleep(20);
    assert.equal((await server.backend.store.getOrder(order.orderId))?.status, 'paid');
  });

  it('leaves orders older than 7 days alone', async () => {
    const order = await openOrder();
    fake.complete(order.paymentId);
    await (
      await testSqlClient()
    ).query(`update orders set created_at = now() - interval '8 days' where order_id = $1`, [
      order.orderId,
    ]);
    assert.deepEqual(await server.backend.reconcile(), { checked: 0, paid: 0, failed: 0 });
    assert.equal(fake.state.paymentLookups, 0);
  });

  it('keeps a payment of another amount for review, and carries on when banq fails for one order', async () => {
    const failing = await openOrder(20);
    const wrong = await openOrder(20);
    fake.complete(failing.paymentId);
    fake.complete(wrong.paymentId);
    fake.state.payments.get(wrong.paymentId)!.funds = 1;
    fake.state.scriptedApiStatuses.push(500); // the first lookup (the older order) fails
    assert.deepEqual(await server.backend.reconcile(), { checked: 2, paid: 0, failed: 1 });
    assert.deepEqual(
      (await server.backend.store.reviews()).map((r) => r.orderId),
      [wrong.orderId],
    );
    assert.equal((await server.backend.store.getOrder(failing.orderId))?.status, 'open');
  });

  it('and a webhook arriving at the same time book the payment once', async () => {
    const order = await openOrder();
    const events = await server.events(order.orderId, order.token);
    fake.complete(order.paymentId);
    const [, webhook] = await Promise.all([
      server.backend.reconcile(),
      server.webhook({
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
