/**
 * `banq-checkout/svelte` (types only): `<banq-checkout>` in Svelte 5 markup, with its
 * properties and `onbanq-success`-style event attributes typed.
 *
 * ```ts
 * import 'banq-checkout';
 * import type {} from 'banq-checkout/svelte';
 * ```
 */
import type { HTMLAttributes } from 'svelte/elements';
import type { BanqCheckout } from '../banq-checkout.js';
import type {
  BanqCheckoutAttributes,
  BanqCheckoutEventHandlers,
  BanqCheckoutProperties,
} from '../props.js';

export type BanqCheckoutSvelteProps = Omit<
  HTMLAttributes<BanqCheckout>,
  keyof BanqCheckoutEventHandlers
> &
  Omit<BanqCheckoutAttributes, keyof BanqCheckoutProperties> &
  BanqCheckoutProperties &
  BanqCheckoutEventHandlers;

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    'banq-checkout': BanqCheckoutSvelteProps;
  }
}
