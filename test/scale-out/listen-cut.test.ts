/**
 * An instance's LISTEN session cut by PostgreSQL (`pg_terminate_backend`, as a failover or an
 * administrator would), and an event committed by the other instance right after: the
 * notification may be lost with the session, yet the streams the cut instance holds get the
 * event within seconds (it listens again and reads the log), and later ones promptly. Cut once
 * as it runs (the commit races its listening again), and once while it is paused (SIGSTOP), so
 * that the commit surely comes between the cut and its listening again.
 */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import {
  asSuperuser,
  backends,
  eventsFor,
  eventually,
  listen,
  listeningBackends,
  nextEvent,
  SCALE_DATABASE_URL,
  fleetForFile,
  tail,
  type Backend,
  type Made,
  paidMessage,
} from './fleet.js';

const t = fleetForFile();

describe('the LISTEN session cut', () => {
  t.it(
    'still relays to the cut instance’s streams an event committed elsewhere meanwhile, and listens again',
    60_000,
    async ({ a, b }) => {
      const orders: Made[] = [];
      for (let i = 0; i < 4; i++) orders.push(await t.fleet.linkOf(a.url, t.fleet.newOrder()));
      const [warmUp, during, paused, later] = orders;
      const streams = {
        warmUp: await listen(a.url, warmUp.orderId, warmUp.eventsToken),
        during: await listen(a.url, during.orderId, during.eventsToken),
        paused: await listen(a.url, paused.orderId, paused.eventsToken),
        later: await listen(a.url, later.orderId, later.eventsToken),
      };

      /** A's one LISTEN session, once it is another than `before`. */
      const listening = async (before?: Backend) => {
        const sessions = await eventually(
          async () => {
            const found = await listeningBackends(a);
            return found.length && found.every((session) => session.pid !== before?.pid)
              ? found
              : undefined;
          },
          5000,
          async () =>
            `instance a holds no${before ? ' new' : ''} session of the database whose query is ` +
            `LISTEN; its sessions: ${JSON.stringify(await backends())}`,
        );
        assert.equal(sessions.length, 1, `one LISTEN session: ${JSON.stringify(sessions)}`);
        assert.equal(sessions[0].user, new URL(SCALE_DATABASE_URL).username);
        return sessions[0];
      };
      const cut = await listening();

      // Relayed before the cut: B's payment reaches A's stream.
      await t.fleet.pay(b.url, warmUp);
      assert.deepEqual(
        (await nextEvent(streams.warmUp, 2000, 'before the cut, B’s payment on A’s stream')).data,
        paidMessage(warmUp),
      );

      assert.equal(await asSuperuser(`select pg_terminate_backend(${cut.pid})`), 't');
      // Right after the cut, as A listens again: committed by B.
      await t.fleet.pay(b.url, during);
      assert.deepEqual(
        (
          await nextEvent(
            streams.during,
            3000,
            `A’s stream did not get the payment B committed as A’s LISTEN session was cut${tail(a)}`,
          )
        ).data,
        paidMessage(during),
      );

      // A listens again, on a new session. That one cut while A is paused: B's commit comes
      // before A can listen again, its notification surely lost to A.
      const renewed = await listening(cut);
      a.child.kill('SIGSTOP');
      try {
        assert.equal(await asSuperuser(`select pg_terminate_backend(${renewed.pid})`), 't');
        await t.fleet.pay(b.url, paused);
      } finally {
        a.child.kill('SIGCONT');
      }
      assert.deepEqual(
        (
          await nextEvent(
            streams.paused,
            2000,
            `A’s stream did not get the payment B committed before A could listen again${tail(a)}`,
          )
        ).data,
        paidMessage(paused),
      );
      await listening(renewed);

      // And what is committed now reaches A promptly, through its new session.
      await t.fleet.pay(b.url, later);
      assert.deepEqual(
        (await nextEvent(streams.later, 1500, 'after listening again, B’s payment on A’s stream'))
          .data,
        paidMessage(later),
      );
      const again = await Promise.all(
        [streams.warmUp, streams.during, streams.paused].map((stream) => eventsFor(stream, 1000)),
      );
      assert.deepEqual(again.flat(), [], 'each event once');
    },
  );
});
