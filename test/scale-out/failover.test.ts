/**
 * An instance killed (SIGKILL: no goodbye) while it holds event streams, behind nginx: the
 * pages reconnect through nginx to the instance left, and what happened while they were away
 * arrives exactly once. Event ids are the log's, across orders: `Last-Event-ID` resumes after
 * that id, on any instance; no `Last-Event-ID` is the order's whole state, at once.
 */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { call, eventsFor, listen, nextEvent, fleetForFile, tail, paidMessage } from './fleet.js';

const t = fleetForFile({ nginx: true });

describe('an instance killed while it holds event streams', () => {
  t.it(
    'loses no event and repeats none: the pages reconnect through nginx with Last-Event-ID',
    60_000,
    async ({ a, b }) => {
      const seen = await t.fleet.linkOf(t.nginx.url, t.fleet.newOrder());
      const away = await t.fleet.linkOf(t.nginx.url, t.fleet.newOrder());
      const racing = await t.fleet.linkOf(t.nginx.url, t.fleet.newOrder());

      // Pages whose streams A holds: seen's has had its payment, away's and racing's wait.
      const streams = {
        seen: await listen(a.url, seen.orderId, seen.eventsToken),
        away: await listen(a.url, away.orderId, away.eventsToken),
        racing: await listen(a.url, racing.orderId, racing.eventsToken),
      };
      await t.fleet.pay(a.url, seen);
      const seenEvent = await nextEvent(streams.seen, 2000, 'seen’s stream on A');
      assert.deepEqual(seenEvent.data, paidMessage(seen));

      assert.deepEqual(await a.stop('SIGKILL'), { code: null, signal: 'SIGKILL' });
      for (const [name, stream] of Object.entries(streams))
        await stream
          .closedByServer(3000)
          .catch(() => assert.fail(`${name}’s stream outlived its instance`));

      // While the pages are away: away's payment, banq's webhook through nginx (to B).
      await t.fleet.pay(t.nginx.url, away);
      const ready = await call(t.nginx.url, '/readyz');
      assert.equal(ready.status, 200, `the fleet is ready through nginx: ${ready.text}`);

      // seen's page resumes after the event it had: nothing again.
      const seenAgain = await listen(t.nginx.url, seen.orderId, seen.eventsToken, {
        lastEventId: seenEvent.id,
      });
      // away's pages: resuming after an earlier id, the payment made while away, once.
      const awayAgain = await listen(t.nginx.url, away.orderId, away.eventsToken, {
        lastEventId: seenEvent.id,
      });
      const awayEvent = await nextEvent(awayAgain, 2000, 'the payment made while away' + tail(b));
      assert.deepEqual(awayEvent.data, paidMessage(away));
      assert.ok(awayEvent.id > seenEvent.id, `ids rise: ${awayEvent.id} after ${seenEvent.id}`);
      // Resuming after that id: nothing. With no Last-Event-ID: the order's state, at once.
      const awayResumed = await listen(t.nginx.url, away.orderId, away.eventsToken, {
        lastEventId: awayEvent.id,
      });
      const awayFresh = await listen(t.nginx.url, away.orderId, away.eventsToken);
      assert.deepEqual(
        await nextEvent(awayFresh, 1000, 'a page with no Last-Event-ID: the state at once'),
        awayEvent,
      );

      // racing's page reconnects while its payment is being recorded: it gets it once.
      const [racingAgain] = await Promise.all([
        listen(t.nginx.url, racing.orderId, racing.eventsToken, { lastEventId: seenEvent.id }),
        t.fleet.pay(t.nginx.url, racing),
      ]);

      const [seenLater, awayLater, resumedLater, freshLater, racingEvents] = await Promise.all([
        eventsFor(seenAgain, 1500),
        eventsFor(awayAgain, 1500),
        eventsFor(awayResumed, 1500),
        eventsFor(awayFresh, 1500),
        eventsFor(racingAgain, 3000),
      ]);
      assert.deepEqual(seenLater, [], 'seen’s payment, resumed after, is not sent again');
      assert.deepEqual(awayLater, [], 'away’s payment is sent once');
      assert.deepEqual(resumedLater, [], 'resuming after away’s payment: nothing');
      assert.deepEqual(freshLater, [], 'the state, once');
      assert.equal(
        racingEvents.length,
        1,
        `racing’s payment once: ${JSON.stringify(racingEvents)}`,
      );
      assert.deepEqual(racingEvents[0].data, paidMessage(racing));
    },
  );
});
