import type {
  BanqCloseDetail,
  BanqDestroyDetail,
  BanqErrorDetail,
  BanqReadyDetail,
  BanqSuccessDetail,
} from './types.js';

/** The events `<banq-checkout>` fires, by name. */
export interface BanqCheckoutEventMap {
  'banq-ready': CustomEvent<BanqReadyDetail>;
  'banq-success': CustomEvent<BanqSuccessDetail>;
  'banq-close': CustomEvent<BanqCloseDetail>;
  'banq-destroy': CustomEvent<BanqDestroyDetail>;
  'banq-error': CustomEvent<BanqErrorDetail>;
}

/** Each event, once: a new event in the map must be named here too. */
const EVENT_NAMES: Record<keyof BanqCheckoutEventMap, true> = {
  'banq-ready': true,
  'banq-success': true,
  'banq-close': true,
  'banq-destroy': true,
  'banq-error': true,
};

/**
 * The five event names, in the order a payment meets them; for bindings and tests that listen
 * to all. Not exported by the package's entry, so the element does not carry it.
 */
export const BANQ_EVENTS = Object.keys(EVENT_NAMES) as (keyof BanqCheckoutEventMap)[];

declare global {
  // Typed `addEventListener('banq-success', e => e.detail.orderId)` on any element or window.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalEventHandlersEventMap extends BanqCheckoutEventMap {}
}
