/**
 * The shop page's `<banq-checkout>`: made once `/checkout-config` answers, its events into the
 * live log and onto the flow strip, its `state` shown, and what a payment, an error or a
 * closed window change on the page.
 */
import type { BanqCheckout, BanqCheckoutState, BanqSuccessDetail } from '../../src/index.js';
import {
  CONFIG_FAILED,
  BANQ_EVENTS,
  loadCheckoutConfigNoted,
  money,
  shopperMessage,
  WINDOW_CLOSED,
} from '../page-helpers.js';
import { priceCart } from './cart.js';
import { isOutageOn } from './controls.js';
import { setStep } from './flow-strip.js';
import { hideNotice, setPayStatus, showNotice } from './messages.js';
import { announce, byId, log, note } from './page.js';
import { showReceipt } from './receipt.js';
import { render } from './render.js';
import { shop, snapshot } from './state.js';

const STATES: readonly BanqCheckoutState[] = [
  'idle',
  'loading',
  'ready',
  'pending',
  'paid',
  'error',
];

const paySkeleton = byId('pay-skeleton');
const stateBadge = byId('state-badge');

/** The order is paid: its receipt, and an empty cart for the next one. */
function onPaid(detail: BanqSuccessDetail): void {
  const { order, snapshots } = shop;
  const paid = snapshots.get(detail.orderId) ??
    (order && snapshot(order)) ?? { orderId: detail.orderId, lines: [], cents: 0, comment: '' };
  shop.paidOrder = paid;
  hideNotice();
  setPayStatus('');
  // The cart became this order; the next "Add to cart" starts a new one.
  shop.cart.clear();
  priceCart();
  showReceipt(paid, detail);
  announce(`Payment received for order ${detail.orderId}, ${money(paid.cents)}.`);
  render();
}

/** Shows the element's `state`; the shopper's click (`pending`) fixes the order being paid. */
function showState(): void {
  const { checkout } = shop;
  const value = checkout?.getAttribute('state') ?? 'idle';
  const known = (STATES as readonly string[]).includes(value);
  const previous = shop.state;
  const state = (shop.state = known ? (value as BanqCheckoutState) : 'idle');
  stateBadge.textContent = value;
  stateBadge.dataset.state = known ? value : 'unknown';
  paySkeleton.hidden = state !== 'idle' || checkout !== undefined;

  if (state === 'pending' && previous !== 'pending') {
    // The shopper clicked: this order is now being paid as it stands.
    if (shop.order) shop.snapshots.set(shop.order.orderId, snapshot(shop.order));
    hideNotice();
    setPayStatus('');
    setStep('link', 'active', 'Asking our server…');
  }
  if (state !== previous && (state === 'pending' || previous === 'pending')) render();
}

function listenTo(element: BanqCheckout): void {
  for (const type of BANQ_EVENTS)
    element.addEventListener(type, (event: CustomEvent<unknown>) =>
      log.add({ source: 'page', kind: 'event', event: type, at: Date.now(), detail: event.detail }),
    );
  element.addEventListener('banq-success', ({ detail }) => {
    const via = detail.source === 'events' ? 'Via the events stream' : 'Via the widget';
    setStep('confirmed', 'done', via);
    if (detail.source === 'widget') setStep('paid', 'done', "In banq's window");
    onPaid(detail);
  });
  element.addEventListener('banq-error', ({ detail }) => {
    if (detail.phase === 'payment-link')
      setStep('link', 'failed', isOutageOn() ? 'Our server is down (503)' : 'Our server failed');
    showNotice(shopperMessage(detail, isOutageOn()));
  });
  element.addEventListener('banq-close', () => {
    if (shop.paidOrder) return;
    setStep('paid', 'todo');
    setStep('link', 'done', 'Made; the window was closed');
    setPayStatus(WINDOW_CLOSED);
  });
  new MutationObserver(showState).observe(element, {
    attributes: true,
    attributeFilter: ['state'],
  });
}

/** Puts `<banq-checkout>` in the pay area once `/checkout-config` says where everything is. */
export async function mountCheckout(): Promise<void> {
  const config = await loadCheckoutConfigNoted(note);
  if (!config) {
    paySkeleton.hidden = true;
    showNotice(CONFIG_FAILED);
    return;
  }
  const element = document.createElement('banq-checkout');
  element.id = 'checkout';
  // Set before it is connected, so it never looks at the default (real banq's) script URL.
  element.scriptSrc = config.scriptSrc;
  element.backendUrl = config.backendUrl;
  element.eventsUrl = config.eventsUrl;
  shop.checkout = element;
  render();
  listenTo(element);
  paySkeleton.replaceWith(element);
  showState();
}
