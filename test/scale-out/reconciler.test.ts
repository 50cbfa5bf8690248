/**
 * The reconciler with two instances: each asks banq about the unpaid orders every
 * RECONCILE_INTERVAL_MS on its own, so without coordination banq is asked twice per interval;
 * the fleet must ask once (one instance claims each round in the database), and keep doing so
 * when an instance is gone.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sleep } from '../server/harness.js';
import { startFleet, type Fleet, type Made } from './fleet.js';

const INTERVAL_MS = 1000;
/** Intervals counted: once per interval is ≈6 rounds, once per instance ≈12. */
const INTERVALS = 6;
const AT_LEAST = 2;
const AT_MOST = 8;

let fleet: Fleet;
let unpaid: Made[];

before(
  async () => {
    fleet = await startFleet({ env: { RECONCILE_INTERVAL_MS: String(INTERVAL_MS) } });
    // Two orders with a link, never paid: each round asks banq about both.
    unpaid = [
      await fleet.linkOf(fleet.a.url, fleet.newOrder(21)),
      await fleet.linkOf(fleet.b.url, fleet.newOrder(22)),
    ];
  },
  { timeout: 60_000 },
);
// Unset if before() failed.
after(() => (fleet as Fleet | undefined)?.stop(), { timeout: 30_000 });

/** How many times banq was asked about each unpaid order over INTERVALS intervals. */
async function roundsOver(): Promise<number> {
  const before = fleet.fake.state.paymentLookups;
  await sleep(INTERVALS * INTERVAL_MS);
  return (fleet.fake.state.paymentLookups - before) / unpaid.length;
}

describe('the reconciler on two instances', () => {
  it(
    'asks banq about each unpaid order about once per interval for the whole fleet, not once per instance',
    { timeout: 30_000 },
    async (t) => {
      await sleep(INTERVAL_MS); // both instances' timers are running
      const rounds = await roundsOver();
      t.diagnostic(`${rounds} rounds in ${INTERVALS} intervals`);
      assert.ok(rounds >= AT_LEAST, `${rounds} rounds in ${INTERVALS} intervals: it hardly ran`);
      assert.ok(
        rounds <= AT_MOST,
        `${rounds} rounds in ${INTERVALS} intervals: banq is asked about each order once per ` +
          `instance (≈${2 * INTERVALS}), not once per interval (≈${INTERVALS})`,
      );
    },
  );

  it(
    'keeps asking once per interval when one of the instances is killed',
    { timeout: 30_000 },
    async (t) => {
      await fleet.a.stop('SIGKILL');
      const rounds = await roundsOver();
      t.diagnostic(`${rounds} rounds in ${INTERVALS} intervals with b alone`);
      assert.ok(
        rounds >= AT_LEAST,
        `${rounds} rounds in ${INTERVALS} intervals after a was killed: b stopped reconciling`,
      );
      assert.ok(rounds <= AT_MOST, `${rounds} rounds in ${INTERVALS} intervals with b alone`);
      for (const { orderId } of unpaid)
        assert.equal(fleet.linksMadeFor(orderId), 1, 'the reconciler makes no links');
    },
  );
});
