/**
 * `banq-checkout/vue` (types only): `<banq-checkout>` in Vue templates, with its
 * properties as props and its events as emits (`@banq-success`). Vue must be told
 * the tag is a custom element: `compilerOptions.isCustomElement = (tag) => tag === 'banq-checkout'`.
 *
 * ```ts
 * import 'banq-checkout';
 * import type {} from 'banq-checkout/vue';
 * ```
 */
import type { DefineComponent } from 'vue';
import type { BanqCheckout } from '../banq-checkout.js';
import type { BanqCheckoutEventMap } from '../events.js';
import type { BanqCheckoutProperties } from '../props.js';

/** `@banq-success="(e) => …"`, `e` typed. */
export type BanqCheckoutEmits = {
  [K in keyof BanqCheckoutEventMap]: (event: BanqCheckoutEventMap[K]) => void;
};

/* eslint-disable @typescript-eslint/no-empty-object-type -- Vue's own defaults for the unused slots */
export type BanqCheckoutVueComponent = DefineComponent<
  BanqCheckoutProperties,
  {},
  {},
  {},
  {},
  {},
  {},
  BanqCheckoutEmits
>;

/* eslint-enable @typescript-eslint/no-empty-object-type */

/**
 * What a template ref to `<banq-checkout>` holds: the element itself, with `destroy()`,
 * `bootstrap()` and `state`. Vue's tools type a ref to a tag in `GlobalComponents` as a
 * component instance, so name it: `useTemplateRef<BanqCheckoutRef>('checkout')`.
 */
export type BanqCheckoutRef = BanqCheckout;

declare module 'vue' {
  interface GlobalComponents {
    'banq-checkout': BanqCheckoutVueComponent;
  }
}
