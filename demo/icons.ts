/**
 * The icons of the demo pages, as SVG markup: static strings of this file, so a page may set
 * them as `innerHTML`: into a box of its own (`.paths__icon`), or into `.icon`, which lays
 * out as if the icon stood there itself. The HTML of a page gets them where it says
 * `data-icon` (demo/page-shell.ts).
 */
export const ICON = {
  /** The receipt's check mark. */
  paid: `<svg viewBox="0 0 48 48" aria-hidden="true" focusable="false"><circle cx="24" cy="24" r="22" fill="#1fc8b4"/><path d="m14.5 24.5 6.5 6.5 13-13" fill="none" stroke="#06213a" stroke-width="4" stroke-linecap="round" stroke-linejoin="round"/></svg>`,
  /** The shopper's notice: something went wrong. */
  alert: `<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><circle cx="12" cy="12" r="11" fill="#fde4d8"/><path d="M12 6.5v7M12 17.2v.3" fill="none" stroke="#c2410c" stroke-width="2.4" stroke-linecap="round"/></svg>`,
  /** "Pay here", in banq's window. */
  screen: `<svg viewBox="0 0 20 20" aria-hidden="true" focusable="false"><rect x="2.5" y="3.5" width="15" height="11" rx="2" fill="none" stroke="currentColor" stroke-width="1.5"/><path d="M7 17.5h6" stroke="currentColor" stroke-width="1.5" stroke-linecap="round"/></svg>`,
  /** "Scan with the banq app", on the phone. */
  phone: `<svg viewBox="0 0 20 20" aria-hidden="true" focusable="false"><rect x="5.5" y="2" width="9" height="16" rx="2" fill="none" stroke="currentColor" stroke-width="1.5"/><path d="M9 15.2h2" stroke="currentColor" stroke-width="1.5" stroke-linecap="round"/></svg>`,
  /** The top bar's link to the cart. */
  cart: `<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M3 4h2.2l2.1 10.2a2 2 0 0 0 2 1.6h7.4a2 2 0 0 0 2-1.5L20.5 8H6.4" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"/><circle cx="10" cy="19.5" r="1.5" fill="currentColor"/><circle cx="17" cy="19.5" r="1.5" fill="currentColor"/></svg>`,
  /** The empty cart: a paper bag. */
  emptyCart: `<svg viewBox="0 0 48 48" aria-hidden="true" focusable="false"><path d="M12 18h24l-2.4 20.2A3 3 0 0 1 30.6 41H17.4a3 3 0 0 1-3-2.8z" fill="#f1e6d8" stroke="#c9b397" stroke-width="1.6"/><path d="M18 18v-3a6 6 0 0 1 12 0v3" fill="none" stroke="#c9b397" stroke-width="1.6" stroke-linecap="round"/></svg>`,
} as const;

export type IconName = keyof typeof ICON;
