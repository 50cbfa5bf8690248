/** Step 2, banq's webhooks, and step 3, the browser's events stream, against a fake banq. */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startFakeBanq, type FakeBanq } from './fake-banq.js';
import { openStream, sleep, startBackend } from './harness.js';

let fake: FakeBanq;
let server: Awaited<ReturnType<typeof startBackend>>;
let orderCount = 0;

before(async () => {
  fake = await startFakeBanq();
});
after(() => fake.close());
beforeEach(async () => {
  await server?.close();
  fake.state.scriptedApiStatuses.length = 0;
  fake.state.barePayments = false;
  fake.state.paymentLookups = 0;
  server = await startBackend(fake, { heartbeatMs: 100 });
});
after(() => server?.close());

/** An order with a payment link; returns its ids. */
async function openOrder(funds = 20) {
  const orderId = `wh-${++orderCount}`;
  const { body } = await server.link({ orderId, funds });
  return { orderId, paymentId: String(body.data.url).split('/').pop()! };
}

const completed = (paymentId: string) => ({
  id: `evt-${paymentId}`,
  action: 'completed',
  resourceType: 'Payment',
  resourceId: paymentId,
});

const stream = (orderId: string, headers?: Record<string, string>) =>
  openStream(`${server.url}/payment-events?orderId=${encodeURIComponent(orderId)}`, headers);

describe('POST /your-web-hooks/payment-status', () => {
  it('verifies a completed payment with banq, marks the order paid and tells the browser', async () => {
    const { orderId, paymentId } = await openOrder();
    const events = await stream(orderId);
    fake.complete(paymentId);
    const answer = await server.webhook(completed(paymentId));
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, { paid: orderId });
    assert.equal(fake.state.paymentLookups, 1);
    const event = await events.next();
    assert.deepEqual(JSON.parse(event.data!), { orderId, status: 'completed', paymentId });
    assert.match(event.id!, /^\d+$/);
    events.close();
    assert.deepEqual(server.steps.map((s) => s.step).slice(1), [
      'webhook received',
      'payment verified',
      'browser told',
    ]);
  });

  it('accepts the payment bare as well as wrapped in data', async () => {
    fake.state.barePayments = true;
    const { orderId, paymentId } = await openOrder();
    fake.complete(paymentId);
    assert.deepEqual((await server.webhook(completed(paymentId))).body, { paid: orderId });
  });

  it('does not mark the order paid when banq says the payment is not completed', async () => {
    const { orderId, paymentId } = await openOrder();
    const answer = await server.webhook(completed(paymentId));
    assert.equal(answer.status, 202);
    assert.deepEqual(answer.body, { ignored: 'payment is pending' });
    assert.equal(server.backend.orders.get(orderId)?.paid, undefined);
  });

  it('changes nothing when banq delivers the same event again', async () => {
    const { orderId, paymentId } = await openOrder();
    const events = await stream(orderId);
    fake.complete(paymentId);
    await server.webhook(completed(paymentId));
    const again = await server.webhook(completed(paymentId));
    assert.equal(again.status, 200);
    assert.deepEqual(again.body, { duplicate: true });
    await events.next();
    await assert.rejects(events.next({ ms: 300 }), /no event/);
    events.close();
  });

  it('ignores other events with 2xx and never asks banq', async () => {
    for (const event of [
      { action: 'created', resourceType: 'Payment', resourceId: 'pay-1' },
      { action: 'completed', resourceType: 'Transaction', resourceId: 'tx-1' },
      {},
      null,
    ]) {
      const answer = await server.webhook(event as Record<string, unknown>);
      assert.equal(answer.status, 202, JSON.stringify(event));
    }
    assert.equal(fake.state.paymentLookups, 0);
  });

  it('refuses a malformed body (400) and a completed event without a usable resourceId', async () => {
    const malformed = await server.post('/your-web-hooks/payment-status', '{"action": "completed"');
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body.error.code, 'invalid_json');
    const noId = await server.webhook({
      action: 'completed',
      resourceType: 'Payment',
      resourceId: '../users/me',
    });
    assert.equal(noId.status, 400);
  });

  it('answers 503 when banq cannot confirm, so banq retries; the retry then marks it paid', async () => {
    const { orderId, paymentId } = await openOrder();
    fake.complete(paymentId);
    fake.state.scriptedApiStatuses.push(500);
    assert.equal((await server.webhook(completed(paymentId))).status, 503);
    assert.equal(server.backend.orders.get(orderId)?.paid, undefined);
    assert.deepEqual((await server.webhook(completed(paymentId))).body, { paid: orderId });
  });

  it('ignores a payment banq does not know (404), and one whose amount is not the order’s', async () => {
    assert.equal((await server.webhook(completed('pay-unknown'))).status, 202);
    const { orderId, paymentId } = await openOrder(20);
    fake.complete(paymentId);
    fake.state.payments.get(paymentId)!.funds = 2;
    assert.deepEqual((await server.webhook(completed(paymentId))).body, {
      ignored: 'the payment does not match the order',
    });
    assert.equal(server.backend.orders.get(orderId)?.paid, undefined);
  });

  it('with WEBHOOK_SECRET, refuses calls without the secret the registered URL carries', async () => {
    await server.close();
    server = await startBackend(fake, { webhookSecret: 's3cret' });
    const { orderId, paymentId } = await openOrder();
    fake.complete(paymentId);
    assert.equal((await server.webhook(completed(paymentId))).status, 401);
    assert.equal((await server.webhook(completed(paymentId), '?secret=wrong')).status, 401);
    assert.equal(fake.state.paymentLookups, 0);
    assert.deepEqual((await server.webhook(completed(paymentId), '?secret=s3cret')).body, {
      paid: orderId,
    });
  });
});

describe('GET /payment-events', () => {
  it('needs an orderId', async () => {
    const answer = await fetch(`${server.url}/payment-events`);
    assert.equal(answer.status, 400);
    assert.equal((await answer.json()).error.code, 'invalid_request');
  });

  it('is a text/event-stream that does not cache', async () => {
    const events = await stream('any');
    assert.equal(events.status, 200);
    assert.match(events.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.equal(events.headers.get('cache-control'), 'no-cache');
    events.close();
  });

  it('tells a page that connects after the payment at once', async () => {
    const { orderId, paymentId } = await openOrder();
    fake.complete(paymentId);
    await server.webhook(completed(paymentId));
    const events = await stream(orderId);
    assert.deepEqual(JSON.parse((await events.next()).data!), {
      orderId,
      status: 'completed',
      paymentId,
    });
    events.close();
  });

  it('honours Last-Event-ID: a reconnecting page is not told twice', async () => {
    const { orderId, paymentId } = await openOrder();
    fake.complete(paymentId);
    await server.webhook(completed(paymentId));
    const first = await stream(orderId);
    const { id } = await first.next();
    first.close();
    const again = await stream(orderId, { 'last-event-id': id! });
    await assert.rejects(again.next({ ms: 300 }), /no event/);
    again.close();
    const older = await stream(orderId, { 'last-event-id': String(Number(id) - 1) });
    assert.equal((await older.next()).id, id);
    older.close();
  });

  it('tells only the order’s own subscribers', async () => {
    const mine = await openOrder();
    const other = await openOrder();
    const otherEvents = await stream(other.orderId);
    fake.complete(mine.paymentId);
    await server.webhook(completed(mine.paymentId));
    await assert.rejects(otherEvents.next({ ms: 300 }), /no event/);
    otherEvents.close();
  });

  it('sends a heartbeat comment, and forgets a subscriber that disconnects', async () => {
    const events = await stream('heartbeat-order');
    assert.equal((await events.next({ comments: true, ms: 1000 })).comment, 'heartbeat');
    assert.equal(server.backend.orders.subscribers, 1);
    events.close();
    for (let i = 0; i < 50 && server.backend.orders.subscribers > 0; i++) await sleep(20);
    assert.equal(server.backend.orders.subscribers, 0);
  });
});
