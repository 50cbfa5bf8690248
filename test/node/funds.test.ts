/**
 * The amount rule, as property tests: the element (before it sends) and the backend (before it
 * asks banq) accept exactly the same numbers, and those are the whole cents from 0.01 to MAX_FUNDS.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { fundsProblem, MAX_FUNDS } from '../../src/funds.js';
import { paymentLinkProblem } from '../../src/configuration.js';
import { orderTermsSchema } from '../../server/src/resolve-order.js';
import { paymentLinkRequest } from '../../server/src/payment-link-request.js';

const elementTakes = (funds: number) =>
  paymentLinkProblem(
    { orderId: 'o-1', backendUrl: '/banq', funds, getAttribute: () => null },
    funds,
  ) === undefined;
const backendTakes = (funds: number) =>
  paymentLinkRequest.safeParse({ orderId: 'o-1', funds }).success;
const merchantMay = (funds: number) => orderTermsSchema.safeParse({ funds }).success;

/** Any double at all, and the numbers near the rule's edges that a generic double rarely hits. */
const amounts = fc.oneof(
  fc.double(),
  fc.double({ min: 0, max: MAX_FUNDS * 1.01, noNaN: true }),
  fc.integer({ min: -100, max: MAX_FUNDS * 100 + 100 }).map((cents) => cents / 100),
  fc
    .tuple(fc.integer({ min: 1, max: MAX_FUNDS * 100 }), fc.double({ min: -1e-6, max: 1e-6 }))
    .map(([cents, nudge]) => cents / 100 + nudge),
  fc.constantFrom(
    1e-9,
    5e-324,
    10.000000001,
    0.1 + 0.2,
    1e2,
    0.29,
    0.01,
    0.005,
    MAX_FUNDS,
    MAX_FUNDS + 0.01,
  ),
);

describe('the amount rule (src/funds.ts), shared by the element and the backend', () => {
  it('is applied alike by the element, the backend’s request schema and its check of the merchant', () => {
    fc.assert(
      fc.property(amounts, (funds) => {
        const takes = fundsProblem(funds) === '';
        assert.equal(elementTakes(funds), takes, `element on ${funds}`);
        assert.equal(backendTakes(funds), takes, `backend on ${funds}`);
        assert.equal(merchantMay(funds), takes, `merchant's terms on ${funds}`);
      }),
      { numRuns: 20_000 },
    );
  });

  it('takes every whole number of cents from 0.01 to MAX_FUNDS', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_FUNDS * 100 }), (cents) => {
        assert.equal(fundsProblem(cents / 100), '', `${cents / 100}`);
      }),
      { numRuns: 20_000 },
    );
  });

  it('takes exactly the numbers that print with at most two decimals, from 0.01 to MAX_FUNDS', () => {
    // Another way to the same rule: the shortest decimal that reads back as the number.
    fc.assert(
      fc.property(amounts, (funds) => {
        const printsAsCents = /^\d+(\.\d{1,2})?$/.test(String(funds));
        const inRange = funds >= 0.01 && funds <= MAX_FUNDS;
        assert.equal(fundsProblem(funds) === '', printsAsCents && inRange, `${funds}`);
      }),
      { numRuns: 20_000 },
    );
  });

  it('refuses the amounts that used to slip through, and says why', () => {
    assert.equal(fundsProblem(1e-9), 'must be at least 0.01');
    assert.equal(fundsProblem(5e-324), 'must be at least 0.01');
    assert.equal(fundsProblem(10.000000001), 'must be whole cents (at most two decimals)');
    assert.equal(fundsProblem(0.1 + 0.2), 'must be whole cents (at most two decimals)');
    assert.equal(fundsProblem(MAX_FUNDS + 0.01), `must be at most ${MAX_FUNDS}`);
    assert.equal(fundsProblem(Number.NaN), 'must be a number');
    assert.equal(fundsProblem('5'), 'must be a number');
    assert.equal(fundsProblem(1e2), '');
    assert.equal(fundsProblem(0.29), '');
  });
});
