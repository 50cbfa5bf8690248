/**
 * The one rule for an amount, shared by the element (before it sends anything) and the
 * reference backend (before it asks banq): whole cents, from 0.01 to MAX_FUNDS. No tolerance:
 * `0.1 + 0.2` and `1e-9` are refused here rather than by banq; `1e2` is 100.
 */

/** A ceiling for one payment: a typo of a few zeros is refused rather than charged. */
export const MAX_FUNDS = 1_000_000;

/** Why `funds` is not an amount banq takes ("must …"), or `''` when it is. */
export function fundsProblem(funds: unknown): string {
  if (typeof funds !== 'number' || !Number.isFinite(funds)) return 'must be a number';
  if (funds < 0.01) return 'must be at least 0.01';
  if (funds > MAX_FUNDS) return `must be at most ${MAX_FUNDS}`;
  // Exact: the number is its own two-decimal rounding (28.999999999999996 is not).
  if (Number(funds.toFixed(2)) !== funds) return 'must be whole cents (at most two decimals)';
  return '';
}
