/** Step 2, banq's webhooks, and step 3, the browser's events stream, against a fake banq. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backendForEachTest, sleep, startBackend } from './harness.js';
import { testStore } from './store.js';

let orderCount = 0;

const t = backendForEachTest({ heartbeatMs: 100 }, (fake) => {
  fake.state.scriptedApiStatuses.length = 0;
  fake.state.barePayments = false;
  fake.state.paymentLookups = 0;
});

/** An order with a payment link; returns its ids and its events token. */
const openOrder = (funds = 20) => t.server.openOrder(`wh-${++orderCount}`, funds);

const completed = (paymentId: string, id = `evt-${paymentId}`) => ({
  id,
  action: 'completed',
  resourceType: 'Payment',
  resourceId: paymentId,
});

const statusOf = async (orderId: string) =>
  (await t.server.backend.store.getOrder(orderId))?.status;

/** Pays the order on banq's side and delivers banq's webhook. */
async function pay({ paymentId }: { paymentId: string }) {
  t.fake.complete(paymentId);
  return t.server.webhook(completed(paymentId));
}

/** Opens the order's events stream (with `headers`), reads the next event and closes it. */
async function nextEventOf(
  { orderId, token }: { orderId: string; token: string },
  headers: Record<string, string> = {},
) {
  const events = await t.server.events(orderId, token, headers);
  try {
    return await events.next();
  } finally {
    events.close();
  }
}

describe('POST /your-web-hooks/payment-status', () => {
  it('verifies a completed payment with banq, marks the order paid and tells the browser', async () => {
    const { orderId, paymentId, token } = await openOrder();
    const events = await t.server.events(orderId, token);
    t.fake.complete(paymentId);
    const answer = await t.server.webhook(completed(paymentId));
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, { paid: orderId });
    assert.equal(t.fake.state.paymentLookups, 1);
    const event = await events.next();
    assert.deepEqual(JSON.parse(event.data!), { orderId, status: 'completed', paymentId });
    assert.match(event.id!, /^\d+$/);
    events.close();
    const [received, ...after] = t.server.steps.map((s) => s.step).slice(1);
    assert.equal(received, 'webhook received');
    // The relay may tell the browser (at the commit's NOTIFY) before the booking logs its step.
    assert.deepEqual(after.sort(), ['browser told', 'payment verified']);
  });

  it('accepts the payment bare as well as wrapped in data', async () => {
    t.fake.state.barePayments = true;
    const { orderId, paymentId } = await openOrder();
    t.fake.complete(paymentId);
    assert.deepEqual((await t.server.webhook(completed(paymentId))).body, { paid: orderId });
  });

  it('does not mark the order paid when banq says the payment is not completed', async () => {
    const { orderId, paymentId } = await openOrder();
    const answer = await t.server.webhook(completed(paymentId));
    assert.equal(answer.status, 202);
    assert.deepEqual(answer.body, { ignored: 'payment is pending' });
    assert.equal(await statusOf(orderId), 'open');
  });

  it('changes nothing when banq delivers the same event again, even after a restart', async () => {
    const { orderId, paymentId, token } = await openOrder();
    const events = await t.server.events(orderId, token);
    await pay({ paymentId });
    const again = await t.server.webhook(completed(paymentId));
    assert.equal(again.status, 200);
    assert.deepEqual(again.body, { duplicate: true });
    await events.next();
    await assert.rejects(events.next({ ms: 300 }), /no event/);
    events.close();
    const lookups = t.fake.state.paymentLookups;
    await t.server.close();
    t.server = await startBackend(t.fake, { keepStore: true, orders: t.server.orders });
    assert.deepEqual((await t.server.webhook(completed(paymentId))).body, { duplicate: true });
    assert.equal(
      t.fake.state.paymentLookups,
      lookups,
      'a delivery processed already is not verified again',
    );
    assert.deepEqual(
      (await t.server.webhook(completed(paymentId, 'evt-another'))).body,
      { duplicate: true },
      'another event for the same payment changes nothing either',
    );
  });

  it('ignores other events with 2xx and never asks banq', async () => {
    for (const event of [
      { action: 'created', resourceType: 'Payment', resourceId: 'pay-1' },
      { action: 'completed', resourceType: 'Transaction', resourceId: 'tx-1' },
      {},
      null,
    ]) {
      const answer = await t.server.webhook(event as Record<string, unknown>);
      assert.equal(answer.status, 202, JSON.stringify(event));
    }
    assert.equal(t.fake.state.paymentLookups, 0);
  });

  it('refuses a malformed body (400) and a completed event without a usable resourceId', async () => {
    const malformed = await t.server.post(
      '/your-web-hooks/payment-status',
      '{"action": "completed"',
    );
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body.error.code, 'invalid_json');
    const noId = await t.server.webhook({
      action: 'completed',
      resourceType: 'Payment',
      resourceId: '../users/me',
    });
    assert.equal(noId.status, 400);
  });

  it('answers 503 when banq cannot confirm, so banq retries; the retry then marks it paid', async () => {
    const { orderId, paymentId } = await openOrder();
    t.fake.complete(paymentId);
    t.fake.state.scriptedApiStatuses.push(500);
    assert.equal((await t.server.webhook(completed(paymentId))).status, 503);
    assert.equal(await statusOf(orderId), 'open');
    assert.deepEqual((await t.server.webhook(completed(paymentId))).body, { paid: orderId });
  });

  it('ignores a payment banq does not know (404)', async () => {
    assert.equal((await t.server.webhook(completed('pay-unknown'))).status, 202);
    assert.deepEqual(await t.server.backend.store.reviews(), []);
  });

  it('keeps a completed payment whose amount is not the order’s for review: 2xx, logged, order still payable', async () => {
    const { orderId, paymentId, token } = await openOrder(20);
    const events = await t.server.events(orderId, token);
    t.fake.complete(paymentId);
    t.fake.state.payments.get(paymentId)!.funds = 2;
    const answer = await t.server.webhook(completed(paymentId));
    assert.equal(answer.status, 200, 'banq need not retry');
    assert.deepEqual(answer.body, { review: 'the amount is not the order’s' });
    assert.deepEqual(await t.server.backend.store.reviews(), [
      { paymentId, orderId, funds: 2, expected: 20, reason: 'the amount is not the order’s' },
    ]);
    const logged = t.server.steps.find((s) => s.step === 'payment needs review');
    assert.equal(logged?.level, 'error');
    assert.equal(await statusOf(orderId), 'open', 'never marked paid');
    await assert.rejects(events.next({ ms: 300 }), /no event/);
    events.close();
    const link = await t.server.link({ orderId, funds: 20 });
    assert.equal(link.status, 200, 'the order stays payable, with its own link');
    assert.equal(link.body.data.url.split('/').pop(), paymentId);
  });

  it('keeps a second payment for a paid order for review: money taken twice', async () => {
    const order = await openOrder(20);
    await pay(order);
    t.fake.state.payments.set('pay-twice', {
      id: 'pay-twice',
      status: 'completed',
      funds: 20,
      externalOrderCode: order.orderId,
    });
    const answer = await t.server.webhook(completed('pay-twice'));
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, { review: 'the order is paid already, by another payment' });
    assert.deepEqual(await t.server.backend.store.reviews(), [
      {
        paymentId: 'pay-twice',
        orderId: order.orderId,
        funds: 20,
        reason: 'the order is paid already, by another payment',
      },
    ]);
    assert.equal(
      (await t.server.backend.store.getOrder(order.orderId))?.paidPaymentId,
      order.paymentId,
    );
  });

  it('records a delivery only once its payment is kept: a failure in between is retried, not lost', async () => {
    await t.server.close();
    const store = await testStore();
    let failures = 1;
    t.server = await startBackend(t.fake, {
      store: {
        ...store,
        addReview: (review) =>
          failures-- > 0 ? Promise.reject(new Error('database hiccup')) : store.addReview(review),
      },
    });
    t.fake.state.payments.set('pay-lost', {
      id: 'pay-lost',
      status: 'completed',
      funds: 15,
      externalOrderCode: 'no-such-order',
    });
    assert.equal((await t.server.webhook(completed('pay-lost'))).status, 500);
    const retry = await t.server.webhook(completed('pay-lost'));
    assert.deepEqual(retry.body, { review: 'no such order' }, 'banq’s retry is processed');
    assert.equal((await t.server.backend.store.reviews()).length, 1);
  });

  it('keeps a completed payment that matches no order for review', async () => {
    t.fake.state.payments.set('pay-stray', {
      id: 'pay-stray',
      status: 'completed',
      funds: 15,
      externalOrderCode: 'no-such-order',
    });
    const answer = await t.server.webhook(completed('pay-stray'));
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, { review: 'no such order' });
    assert.deepEqual(await t.server.backend.store.reviews(), [
      { paymentId: 'pay-stray', orderId: 'no-such-order', funds: 15, reason: 'no such order' },
    ]);
    assert.deepEqual(
      (await t.server.webhook(completed('pay-stray', 'evt-retry'))).body,
      { review: 'no such order' },
      'kept once',
    );
    assert.equal((await t.server.backend.store.reviews()).length, 1);
  });

  it('with WEBHOOK_SECRET, refuses calls without the secret the registered URL carries', async () => {
    await t.server.close();
    t.server = await startBackend(t.fake, { webhookSecret: 's3cret', orders: t.server.orders });
    const { orderId, paymentId } = await openOrder();
    t.fake.complete(paymentId);
    assert.equal((await t.server.webhook(completed(paymentId))).status, 401);
    assert.equal((await t.server.webhook(completed(paymentId), '?secret=wrong')).status, 401);
    const malformed = await t.server.post('/your-web-hooks/payment-status', '{"action":');
    assert.equal(malformed.status, 401, 'the secret is checked before the body is read');
    const oversized = await t.server.post('/your-web-hooks/payment-status', 'x'.repeat(70_000));
    assert.equal(oversized.status, 401, 'and before its size: no body is read for such a caller');
    assert.equal(t.fake.state.paymentLookups, 0);
    assert.deepEqual((await t.server.webhook(completed(paymentId), '?secret=s3cret')).body, {
      paid: orderId,
    });
  });
});

describe('GET /payment-events', () => {
  it('needs an orderId', async () => {
    const answer = await fetch(`${t.server.url}/payment-events`);
    assert.equal(answer.status, 400);
    assert.equal((await answer.json()).error.code, 'invalid_request');
  });

  it('answers 403 without the order’s events token: none, a wrong one, another order’s', async () => {
    const mine = await openOrder();
    const other = await openOrder();
    for (const token of [undefined, 'forged', other.token]) {
      const query = token === undefined ? '' : `&token=${token}`;
      const answer = await fetch(`${t.server.url}/payment-events?orderId=${mine.orderId}${query}`);
      assert.equal(answer.status, 403, String(token));
      assert.equal((await answer.json()).error.code, 'forbidden');
    }
  });

  it('is a text/event-stream that does not cache and asks browsers to reconnect quickly', async () => {
    const { orderId, token } = await openOrder();
    const events = await t.server.events(orderId, token);
    assert.equal(events.status, 200);
    assert.match(events.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.equal(events.headers.get('cache-control'), 'no-cache');
    assert.equal((await events.next({ comments: true })).retry, '1000');
    events.close();
  });

  it('tells a page that connects after the payment at once', async () => {
    const order = await openOrder();
    await pay(order);
    assert.deepEqual(JSON.parse((await nextEventOf(order)).data!), {
      orderId: order.orderId,
      status: 'completed',
      paymentId: order.paymentId,
    });
  });

  it('honours Last-Event-ID: a reconnecting page is not told twice', async () => {
    const order = await openOrder();
    await pay(order);
    const { id } = await nextEventOf(order);
    const again = await t.server.events(order.orderId, order.token, { 'last-event-id': id! });
    await assert.rejects(again.next({ ms: 300 }), /no event/);
    again.close();
    const older = await nextEventOf(order, { 'last-event-id': String(Number(id) - 1) });
    assert.equal(older.id, id);
  });

  it('keeps event ids and tokens across a restart; ids go on rising', async () => {
    const first = await openOrder();
    await pay(first);
    const { id } = await nextEventOf(first);
    await t.server.close();
    t.server = await startBackend(t.fake, { keepStore: true, orders: t.server.orders });
    const after = await nextEventOf(first);
    assert.equal(after.id, id, 'the same event, the same id, the same token');
    const second = await openOrder();
    await pay(second);
    const later = await nextEventOf(second);
    assert.ok(Number(later.id) > Number(id));
  });

  it('tells only the order’s own subscribers', async () => {
    const mine = await openOrder();
    const other = await openOrder();
    const otherEvents = await t.server.events(other.orderId, other.token);
    await pay(mine);
    await assert.rejects(otherEvents.next({ ms: 300 }), /no event/);
    otherEvents.close();
  });

  it('sends a heartbeat comment, and forgets a subscriber that disconnects', async () => {
    const { orderId, token } = await openOrder();
    const events = await t.server.events(orderId, token);
    await events.next({ comments: true }); // retry:
    assert.equal((await events.next({ comments: true, ms: 1000 })).comment, 'heartbeat');
    assert.equal(t.server.backend.hub.size, 1);
    events.close();
    // events.close() changes it: TypeScript still holds it to the 1 asserted above.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
    for (let i = 0; i < 50 && t.server.backend.hub.size > 0; i++) await sleep(20);
    assert.equal(t.server.backend.hub.size, 0);
  });

  it('ends every open stream when the backend closes (browsers reconnect elsewhere)', async () => {
    const { orderId, token } = await openOrder();
    const events = await t.server.events(orderId, token);
    await t.server.backend.close();
    await events.closedByServer();
    assert.equal(t.server.backend.hub.size, 0);
  });
});
