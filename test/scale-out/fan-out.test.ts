/**
 * Two instances of the built entry on one PostgreSQL, no proxy in front: what one instance
 * commits reaches the event streams the other holds, an events token one answered opens
 * streams on the other (without EVENTS_SECRET: the key the store keeps, made once for the
 * fleet although both start together), and the two make one banq link per order between them.
 */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { eventsFor, listen, nextEvent, paidMessage, fleetForFile, tail } from './fleet.js';

const t = fleetForFile({ env: { EVENTS_SECRET: undefined } });

describe('two instances on one PostgreSQL', () => {
  t.it(
    'relays a webhook delivered to one instance to the streams the other holds, once, with the same id',
    30_000,
    async ({ a, b }) => {
      for (const [to, from] of [
        [a, b],
        [b, a],
      ]) {
        const made = await t.fleet.linkOf(to.url, t.fleet.newOrder());
        const other = await t.fleet.linkOf(to.url, t.fleet.newOrder());
        // The token `to` answered, on `from`: the same key on every instance.
        const onFrom = await listen(from.url, made.orderId, made.eventsToken);
        const onTo = await listen(to.url, made.orderId, made.eventsToken);
        const otherOnFrom = await listen(from.url, other.orderId, other.eventsToken);
        // Nothing in the log to replay: what arrives from now on is relayed live.
        assert.deepEqual(await eventsFor(onFrom, 300), [], 'no event before the payment');

        await t.fleet.pay(to.url, made);
        const expected = paidMessage(made);
        const own = await nextEvent(
          onTo,
          2000,
          `the stream on ${to.name} (which took the webhook)`,
        );
        assert.deepEqual(own.data, expected);
        const relayed = await nextEvent(
          onFrom,
          2000,
          `the stream on ${from.name} did not get the payment committed by ${to.name}${tail(from)}`,
        );
        assert.deepEqual(relayed, own, 'the same event, with the same id, on either instance');
        assert.deepEqual(await eventsFor(onFrom, 1000), [], 'relayed once');
        assert.deepEqual(await eventsFor(otherOnFrom, 0), [], 'only to that order’s streams');
        for (const stream of [onFrom, onTo, otherOnFrom]) stream.close();
      }
    },
  );

  t.it(
    'makes one banq link for an order asked of both instances at once, and both answer it',
    30_000,
    async ({ a, b }) => {
      // The orders service holds each lookup a little: both requests reach the claim together.
      t.fleet.orders.state.delayMs = 100;
      try {
        const orderIds = Array.from({ length: 5 }, (_, i) => t.fleet.newOrder(10 + i));
        const answers = await Promise.all(
          orderIds.map((orderId) =>
            Promise.all([t.fleet.linkOf(a.url, orderId), t.fleet.linkOf(b.url, orderId)]),
          ),
        );
        for (const [fromA, fromB] of answers) {
          assert.equal(
            t.fleet.linksMadeFor(fromA.orderId),
            1,
            `one banq link for ${fromA.orderId}`,
          );
          assert.equal(fromA.url, fromB.url, 'both instances answer the one link');
          assert.equal(fromA.eventsToken, fromB.eventsToken, 'and the one events token');
        }
      } finally {
        t.fleet.orders.state.delayMs = 0;
      }
    },
  );
});
