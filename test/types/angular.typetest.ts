/**
 * Compile-time tests of `banq-checkout/angular`'s directive class (checked by `npm run
 * typecheck`, not run): every property a framework may set is an input typed exactly as the
 * element types it, and every event an output named in camelCase. Templates are checked by
 * ngc in test/node/angular.test.ts; this is what that checking reads its types from.
 */
import type { OutputRef } from '@angular/core';
import type { BanqCheckoutDirective } from '../../src/frameworks/angular.js';
import type {
  BanqCheckout,
  BanqCheckoutEventMap,
  BanqCheckoutProperties,
} from '../../src/index.js';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Camel<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<Camel<Tail>>}`
  : S;

type Inputs = { [K in keyof BanqCheckoutProperties]-?: BanqCheckoutDirective[K] };
type ElementTypes = { [K in keyof BanqCheckoutProperties]-?: BanqCheckout[K] };
export const inputsAreTheElementTypes: Same<Inputs, ElementTypes> = true;

type Outputs = {
  [K in keyof BanqCheckoutEventMap as Camel<K>]: OutputRef<BanqCheckoutEventMap[K]>;
};
export const outputsAreTheEvents: Same<Pick<BanqCheckoutDirective, keyof Outputs>, Outputs> = true;

declare const directive: BanqCheckoutDirective;

directive.banqSuccess.subscribe((event) => {
  const orderId: string = event.detail.orderId;
  // @ts-expect-error a success has no phase
  void event.detail.phase;
  return orderId;
});

// @ts-expect-error funds is a number
directive.funds = '2';

// @ts-expect-error orderId is a string
directive.orderId = 9221;

// @ts-expect-error the element's words are an object of strings
directive.strings = { loading: 1 };
