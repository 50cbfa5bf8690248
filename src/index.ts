/**
 * `banq-checkout`: importing this module defines `<banq-checkout>` and does
 * nothing else: no network and no DOM work until an element is connected.
 */
import { BanqCheckout } from './banq-checkout.js';

export { BanqCheckout } from './banq-checkout.js';
export { BanqCheckoutError } from './errors.js';
export type { BanqCheckoutEventMap } from './events.js';
export type * from './types.js';
export type * from './props.js';

// A second copy of the package on the page (another bundle) finds the tag taken and steps aside.
// Node (server rendering) has no registry, whatever the DOM typings say.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
if (globalThis.customElements && !customElements.get('banq-checkout'))
  customElements.define('banq-checkout', BanqCheckout);
