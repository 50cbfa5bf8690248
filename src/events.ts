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

declare global {
  // Typed `addEventListener('banq-success', e => e.detail.orderId)` on any element or window.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalEventHandlersEventMap extends BanqCheckoutEventMap {}
}
