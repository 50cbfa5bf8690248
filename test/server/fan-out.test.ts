/**
 * The events fan-out: an event committed through one backend reaches the streams another holds
 * on the same database, through LISTEN/NOTIFY, and the log is read again whenever a
 * notification may have been missed. (test/scale-out runs the same across processes.)
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backendForEachTest, startBackend, type TestBackend } from './harness.js';
import { EventHub } from '../../server/src/event-hub.js';
import { SAFETY_READ_MS, startEventRelay } from '../../server/src/event-relay.js';
import type { OrderEvent } from '../../server/src/store/index.js';
import { TEST_DRIVER, testSqlClient, testStore } from './store.js';

let orderCount = 0;
const t = backendForEachTest({ heartbeatMs: 60_000 });

/** Another instance on the same database, closed at the end of the test. */
async function secondInstance(close: (backend: TestBackend) => void): Promise<TestBackend> {
  const other = await startBackend(t.fake, { keepStore: true, orders: t.server.orders });
  close(other);
  await other.backend.listening;
  return other;
}

async function payThroughA(orderId: string, paymentId: string) {
  t.fake.complete(paymentId);
  const answer = await t.server.webhook({
    id: `evt-${paymentId}`,
    action: 'completed',
    resourceType: 'Payment',
    resourceId: paymentId,
  });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  assert.equal((await t.server.backend.store.getOrder(orderId))?.status, 'paid');
}

describe('events fan-out (LISTEN/NOTIFY)', () => {
  it('tells a stream held by instance B of a payment booked by instance A, once', async (c) => {
    const b = await secondInstance((other) => c.after(() => other.close()));
    const { orderId, paymentId, token } = await t.server.openOrder(`fan-${++orderCount}`);
    const stream = await b.events(orderId, token);
    assert.equal(stream.status, 200);
    await payThroughA(orderId, paymentId);
    const event = await stream.next({ ms: 3000 });
    assert.deepEqual(JSON.parse(event.data!), { orderId, status: 'completed', paymentId });
    await assert.rejects(stream.next({ ms: 300 }), /no event within/, 'told once');
    stream.close();
  });

  it('gives event ids in commit order, each instance relaying every event after its last', async () => {
    const orders = await Promise.all(
      [1, 2, 3, 4, 5, 6].map(() => t.server.openOrder(`fan-${++orderCount}`)),
    );
    for (const { paymentId } of orders) t.fake.complete(paymentId);
    const seen: number[] = [];
    const unsubscribe = orders.map(({ orderId }) =>
      t.server.backend.hub.subscribe(orderId, { send: (e) => seen.push(e.id), end: () => {} }),
    );
    await Promise.all(
      orders.map(({ paymentId }) =>
        t.server.webhook({
          id: `evt-${paymentId}`,
          action: 'completed',
          resourceType: 'Payment',
          resourceId: paymentId,
        }),
      ),
    );
    for (let i = 0; i < 200 && seen.length < orders.length; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    unsubscribe.forEach((stop) => stop());
    assert.deepEqual(
      seen,
      [...seen].sort((a, b) => a - b),
      'relayed in id order',
    );
    assert.equal(new Set(seen).size, orders.length, 'each once');
  });

  /** A promise, and the call that resolves it. */
  const calledOnce = () => {
    let called!: () => void;
    return { promise: new Promise<void>((resolve) => (called = resolve)), called: () => called() };
  };

  /** Waits until `told` has one event, or a second has passed. */
  async function firstOf(told: OrderEvent[]) {
    for (let i = 0; i < 100 && told.length === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    return told.map((event) => event.paymentId);
  }

  it('starts after all when the log could not be read at first, and ends the streams opened before', async () => {
    const store = await testStore();
    let failures = 1;
    const listening = calledOnce();
    const flaky = {
      ...store,
      lastEventId: async () => {
        if (failures-- > 0) throw new Error('the database is starting');
        return store.lastEventId();
      },
      listenEvents: (onEvent: Parameters<typeof store.listenEvents>[0]) => {
        listening.called();
        return store.listenEvents(onEvent);
      },
    };
    const hub = new EventHub();
    const steps: string[] = [];
    const relay = startEventRelay(flaky, hub, (step) => steps.push(step));
    try {
      await assert.rejects(relay.ready, /the database is starting/);
      assert.ok(steps.includes('events relay not listening'));
      // A stream opened meanwhile replayed a log the relay may start past: it is ended, so its
      // browser reconnects and replays.
      let ended = false;
      hub.subscribe('early', { send: () => {}, end: () => (ended = true) });
      await listening.promise; // the next safety tick, where the end of the log was found
      assert.ok(ended, 'the stream opened before the start was ended');
      const { orderId, paymentId } = await t.server.openOrder(`fan-${++orderCount}`);
      const told: OrderEvent[] = [];
      hub.subscribe(orderId, { send: (event) => told.push(event), end: () => {} });
      await payThroughA(orderId, paymentId);
      assert.deepEqual(await firstOf(told), [paymentId]);
    } finally {
      await relay.stop();
    }
  });

  it('relays from its safety reads while LISTEN is refused', async () => {
    const store = await testStore();
    const flaky = {
      ...store,
      listenEvents: () => Promise.reject(new Error('too many connections')),
    };
    const hub = new EventHub();
    const relay = startEventRelay(flaky, hub, () => {});
    try {
      await assert.rejects(relay.ready, /too many connections/);
      const { orderId, paymentId } = await t.server.openOrder(`fan-${++orderCount}`);
      const told: OrderEvent[] = [];
      hub.subscribe(orderId, { send: (event) => told.push(event), end: () => {} });
      await payThroughA(orderId, paymentId);
      // No notification comes: the next safety read finds it.
      await new Promise((resolve) => setTimeout(resolve, SAFETY_READ_MS));
      assert.deepEqual(await firstOf(told), [paymentId]);
    } finally {
      await relay.stop();
    }
  });

  // Only a server has connections to cut: PGlite is in-process.
  if (TEST_DRIVER === 'postgres')
    it('re-reads the log when its listening connection is cut, so an event committed meanwhile arrives', async (c) => {
      const b = await secondInstance((other) => c.after(() => other.close()));
      const { orderId, paymentId, token } = await t.server.openOrder(`fan-${++orderCount}`);
      const stream = await b.events(orderId, token);
      const [{ cut }] = await (
        await testSqlClient()
      ).query<{ cut: number }>(
        `select count(pg_terminate_backend(pid))::int as cut from pg_stat_activity
         where usename = current_user and datname = current_database()
           and pid <> pg_backend_pid() and query ilike 'listen%'`,
      );
      assert.ok(cut >= 1, 'a listening connection was cut');
      await payThroughA(orderId, paymentId);
      // Sooner than the relay's safety read: the re-listen itself read the log.
      const event = await stream.next({ ms: 3000 });
      assert.equal(JSON.parse(event.data!).paymentId, paymentId);
      stream.close();
    });
});
