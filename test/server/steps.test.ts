/**
 * The backend's step names (`STEP`): what merchants' log filters, alerts and the steps metric
 * match, so each is pinned here as production's JSON lines write it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as pkg from '../../server/src/index.js';
import { STEP } from '../../server/src/steps.js';

/** Every name, in `STEP`'s order: a changed, dropped or reordered one fails the test. */
const PINNED =
  'link made / link failed / link not kept / order lookup failed / rate limit off / ' +
  'webhook received / payment not verified / payment verified / payment needs review / ' +
  'reconciler found a payment / reconcile failed / browser told / stream dropped / ' +
  'events replay failed / events relay read failed / events relay not listening / ' +
  'request failed / start failed / store ready / listening / shutting down / ' +
  'stopped waiting for work in flight / stopped / shutdown failed';

describe('the step names', () => {
  it('are the strings production logs', () => {
    assert.equal(Object.values(STEP).join(' / '), PINNED);
  });

  it('are exported by the package, each name once', () => {
    assert.equal(pkg.STEP, STEP);
    const names = Object.values(STEP);
    assert.equal(new Set(names).size, names.length);
  });
});
