/**
 * Compile-time tests of the Vue typing (checked by `npm run typecheck`, not run): each
 * `@ts-expect-error` fails the build if the mistake under it ever type-checks. Templates
 * (`:funds`, `@banq-success`) are checked by Vue's language tools from the same
 * `GlobalComponents` entry; here it is read through the component's public instance.
 */
import { h, type GlobalComponents } from 'vue';
import type {} from '../../src/frameworks/vue.js';

type BanqCheckoutComponent = GlobalComponents['banq-checkout'];
type Props = InstanceType<BanqCheckoutComponent>['$props'];
type Emit = InstanceType<BanqCheckoutComponent>['$emit'];
declare const BanqCheckout: BanqCheckoutComponent;
declare const emit: Emit;
declare const success: CustomEvent<{ orderId: string; source: 'widget' }>;

export const ok = h(BanqCheckout, { orderId: '009221', funds: 2, metadata: { customerId: 'c-1' } });

// @ts-expect-error funds is a number
export const wrongFunds = h(BanqCheckout, { funds: '2' });

// @ts-expect-error orderId is a string
export const wrongOrderId = h(BanqCheckout, { orderId: 9221 });

// `@banq-success` becomes the `onBanq-success` prop (Vue's EmitsToProps), typed with the event.
export const onSuccess: NonNullable<Props['onBanq-success']> = (event) => {
  const source: 'widget' | 'events' = event.detail.source;
  return source;
};

export const onSuccessWrong: NonNullable<Props['onBanq-success']> = (event) => {
  // @ts-expect-error a success detail has no phase
  void event.detail.phase;
};

emit('banq-success', success);
// @ts-expect-error banq-close carries a CustomEvent of the close detail
emit('banq-close', 'closed');
