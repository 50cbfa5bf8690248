/**
 * Compile-time tests of the Svelte typing (checked by `npm run typecheck`, not run): each
 * `@ts-expect-error` fails the build if the mistake under it ever type-checks.
 */
import type { SvelteHTMLElements } from 'svelte/elements';
import type {} from '../../src/frameworks/svelte.js';

type Props = SvelteHTMLElements['banq-checkout'];

export const ok: Props = {
  orderId: '009221',
  funds: 2,
  'events-url': '/payment-events',
  'onbanq-success': (event) => event.detail.source,
  'onbanq-error': (event) => event.detail.phase,
};

// @ts-expect-error funds is a number
export const wrongFunds: Props = { funds: '2' };

export const wrongDetail: Props = {
  // @ts-expect-error a close has only orderId
  'onbanq-close': (event) => event.detail.paymentId,
};
