/** The store on a real database (PGlite or PostgreSQL, by TEST_STORE): its rules, one by one. */
import assert from 'node:assert/strict';
import { after, beforeEach, describe, it } from 'node:test';
import { EventHub } from '../../server/src/event-hub.js';
import { MIGRATIONS, migrate } from '../../server/src/store/sql.js';
import type { OrderEvent, Store } from '../../server/src/store/index.js';
import { closeTestStore, resetStore, testSqlClient, testStore } from './store.js';

let store: Store;
beforeEach(async () => {
  await resetStore();
  store = await testStore();
});
after(() => closeTestStore());

const terms = { funds: 12.5, comment: 'Mug' };

/** An order with its link saved, as the link step leaves it. */
async function openOrder(orderId: string) {
  const claim = await store.claimLink(orderId, terms, 30_000);
  if (!claim.claimed) throw new Error(`${orderId} was claimed already`);
  await store.saveLink(orderId, claim.claimId, `https://banq.test/pay/${orderId}`, `p-${orderId}`);
}

describe('the store', () => {
  it('migrates once, however many instances start together', async () => {
    const client = await testSqlClient();
    await Promise.all([migrate(client), migrate(client), migrate(client)]);
    const rows = await client.query<{ count: string | number }>(
      'select count(*) as count from schema_migrations',
    );
    assert.equal(Number(rows[0].count), MIGRATIONS.length);
  });

  it('gives an order’s link claim to one caller; the others get the order', async () => {
    const claims = await Promise.all([1, 2, 3, 4].map(() => store.claimLink('o-1', terms, 30_000)));
    assert.equal(claims.filter((c) => c.claimed).length, 1);
    for (const claim of claims) if (!claim.claimed) assert.equal(claim.order.status, 'claiming');
    const mine = claims.find((claim) => claim.claimed);
    await store.saveLink(
      'o-1',
      mine?.claimed ? mine.claimId : '',
      'https://banq.test/pay/p-1',
      'p-1',
    );
    const order = await store.getOrder('o-1');
    assert.equal(order?.status, 'open');
    assert.equal(order.url, 'https://banq.test/pay/p-1');
    assert.equal(order.paymentId, 'p-1');
    assert.equal(order.funds, 12.5);
    assert.equal(order.comment, 'Mug');
  });

  it('lets a claim whose holder died be taken over once it expires, and a released one be claimed again', async () => {
    const died = await store.claimLink('o-2', terms, 1);
    assert.ok(died.claimed);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const taker = await store.claimLink('o-2', { funds: 3, comment: '' }, 30_000);
    assert.ok(taker.claimed);
    assert.equal((await store.getOrder('o-2'))?.funds, 3, 'with the new claimant’s terms');
    // The first holder, back late, can neither give up nor fill the taker's claim.
    await store.releaseClaim('o-2', died.claimId);
    await assert.rejects(
      store.saveLink('o-2', died.claimId, 'https://banq.test/pay/late'),
      /expired/,
    );
    assert.equal((await store.getOrder('o-2'))?.status, 'claiming');
    await store.releaseClaim('o-2', taker.claimId);
    assert.equal(await store.getOrder('o-2'), undefined);
    assert.equal((await store.claimLink('o-2', terms, 30_000)).claimed, true);
  });

  it('marks an order paid once, appending one event whose id rises', async () => {
    for (const orderId of ['o-3', 'o-4']) await openOrder(orderId);
    const [first, again] = await Promise.all([
      store.markPaid('o-3', 'p-o-3', 12.5),
      store.markPaid('o-3', 'p-o-3', 12.5),
    ]);
    const events = [first, again].filter(Boolean) as OrderEvent[];
    assert.equal(events.length, 1, 'paid once, however many deliveries race');
    assert.equal(await store.markPaid('o-4', 'p-o-4', 12.51), undefined, 'not for another amount');
    assert.equal(await store.markPaid('nothing', 'p-x', 12.5), undefined, 'not for no order');
    const second = await store.markPaid('o-4', 'p-o-4', 12.5);
    assert.ok(second && second.id > events[0].id);
    assert.deepEqual(await store.eventsAfter('o-3', 0), events);
    assert.deepEqual(await store.eventsAfter('o-3', events[0].id), []);
    assert.equal((await store.getOrder('o-3'))?.status, 'paid');
    assert.equal((await store.getOrder('o-3'))?.paidPaymentId, 'p-o-3');
  });

  it('records banq’s delivery with the payment it booked, and not when it booked nothing', async () => {
    await openOrder('o-5');
    assert.equal(await store.markPaid('o-5', 'p-o-5', 1, 'evt-other-amount'), undefined);
    assert.equal(await store.hasDelivery('evt-other-amount'), false);
    assert.ok(await store.markPaid('o-5', 'p-o-5', 12.5, 'evt-5'));
    assert.equal(await store.hasDelivery('evt-5'), true);
  });

  it('hands the reconciler the unpaid orders with a link, least recently asked about first', async () => {
    await store.claimLink('claiming', terms, 30_000);
    for (const orderId of ['older', 'newer', 'paid']) await openOrder(orderId);
    await store.markPaid('paid', 'p-paid', 12.5);
    const since = new Date(Date.now() - 60_000);
    assert.deepEqual(await store.unpaidOrders(since, 1), [
      { orderId: 'newer', paymentId: 'p-newer' },
    ]);
    assert.deepEqual(
      await store.unpaidOrders(since, 1),
      [{ orderId: 'older', paymentId: 'p-older' }],
      'a full round does not keep the others waiting',
    );
    assert.equal((await store.unpaidOrders(since, 10)).length, 2);
    assert.deepEqual(await store.unpaidOrders(new Date(Date.now() + 60_000), 10), []);
  });

  it('keeps a setting made by the first caller', async () => {
    const values = await Promise.all(['a', 'b', 'c'].map((v) => store.setting('key', () => v)));
    assert.equal(new Set(values).size, 1);
    assert.equal(await store.setting('key', () => 'later'), values[0]);
  });

  it('records deliveries and reviews once', async () => {
    assert.equal(await store.hasDelivery('evt-1'), false);
    await store.addDelivery('evt-1', 'p-1');
    await store.addDelivery('evt-1', 'p-1');
    assert.equal(await store.hasDelivery('evt-1'), true);
    assert.equal(await store.addReview({ paymentId: 'p-9', reason: 'no such order' }), true);
    assert.equal(await store.addReview({ paymentId: 'p-9', reason: 'no such order' }), false);
    assert.deepEqual(await store.reviews(), [{ paymentId: 'p-9', reason: 'no such order' }]);
  });
});

describe('EventHub', () => {
  const event = (orderId: string, id = 1): OrderEvent => ({
    id,
    orderId,
    status: 'completed',
    paymentId: `p-${id}`,
  });

  it('relays an order’s events to its subscribers only', () => {
    const hub = new EventHub();
    const told: OrderEvent[] = [];
    hub.subscribe('o-1', { send: (e) => told.push(e), end: () => {} });
    hub.publish(event('o-2'));
    hub.publish(event('o-1'));
    assert.deepEqual(told, [event('o-1')]);
  });

  it('a late second unsubscribe leaves a newer subscriber of the same order alone', () => {
    const hub = new EventHub();
    const unsubscribeFirst = hub.subscribe('o-2', { send: () => {}, end: () => {} });
    unsubscribeFirst();
    const told: OrderEvent[] = [];
    hub.subscribe('o-2', { send: (e) => told.push(e), end: () => {} });
    unsubscribeFirst();
    hub.publish(event('o-2'));
    assert.equal(told.length, 1);
    assert.equal(hub.size, 1);
  });

  it('ends every subscriber', () => {
    const hub = new EventHub();
    let ended = 0;
    for (const orderId of ['a', 'b', 'b']) {
      const unsubscribe = hub.subscribe(orderId, {
        send: () => {},
        end: () => {
          ended++;
          unsubscribe();
        },
      });
    }
    hub.endAll();
    assert.equal(ended, 3);
    assert.equal(hub.size, 0);
  });
});
