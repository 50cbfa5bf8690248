/**
 * What every demo page (the shop, React, Vue) does the same way, none of it framework code:
 * money, the shop's orders (`POST /demo-api/orders`: the server prices the cart),
 * `GET /checkout-config`, the demo's outage switch, the element's `state` attribute, and
 * what the shopper reads when something goes wrong or the payment is confirmed.
 */
import type {
  BanqCheckout,
  BanqCheckoutEventMap,
  BanqCheckoutState,
  BanqErrorDetail,
  BanqSuccessDetail,
} from '../src/index.js';
import { BACKEND_DOWN_PATH, ORDERS_PATH, type CartItem, type ShopOrder } from './shop-api.js';

/** A line of the page's own in its live log: what its script did, and with what. */
export type Note = (text: string, detail?: unknown) => void;

const currency = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
export const money = (cents: number) => currency.format(cents / 100);
/** Whole cents of an amount in dollars (0.29 * 100 is 28.999999999999996). */
export const centsOf = (funds: number) => Math.round(funds * 100);

/* ------------------------------------------------------------------ the shop's orders */

function isShopOrder(value: unknown): value is ShopOrder {
  if (typeof value !== 'object' || value === null) return false;
  const { orderId, funds, comment } = value as Record<string, unknown>;
  return typeof orderId === 'string' && typeof funds === 'number' && typeof comment === 'string';
}

/** `POST /demo-api/orders`: the shop's server makes the order for this cart and prices it. */
async function createShopOrder(items: CartItem[], signal?: AbortSignal): Promise<ShopOrder> {
  const response = await fetch(ORDERS_PATH, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ items }),
    signal,
  });
  const body: unknown = await response.json().catch(() => undefined);
  if (response.status === 201 && isShopOrder(body)) return body;
  const message = (body as { error?: { message?: unknown } } | undefined)?.error?.message;
  const said = typeof message === 'string' ? message : 'no order';
  throw new Error(`${ORDERS_PATH} answered ${response.status}: ${said}`);
}

/**
 * Asks for the cart's order, noting the answer; `onOrder` gets it unless the returned cancel
 * ran first. A page cancels the request of a cart that changed again, so a late answer never
 * replaces a newer one.
 */
export function requestOrder(
  items: CartItem[],
  note: Note,
  onOrder: (order: ShopOrder) => void,
  onError: (error: Error) => void,
): () => void {
  const controller = new AbortController();
  createShopOrder(items, controller.signal).then(
    (order) => {
      if (controller.signal.aborted) return;
      note('order made by the server', order);
      onOrder(order);
    },
    (error: unknown) => {
      if (controller.signal.aborted) return;
      note('order failed', error);
      onError(error as Error);
    },
  );
  return () => controller.abort();
}

/* ------------------------------------------------------------------ the backend */

export interface CheckoutConfig {
  scriptSrc: string;
  backendUrl: string;
  eventsUrl: string;
}

/** `GET /checkout-config`: where banq's script, the payment-link endpoint and the events are. */
async function loadCheckoutConfig(): Promise<CheckoutConfig> {
  const response = await fetch('/checkout-config');
  if (!response.ok) throw new Error(`/checkout-config answered ${response.status}`);
  const value: unknown = await response.json();
  const record = (typeof value === 'object' && value) as Record<string, unknown> | false;
  if (
    !record ||
    !['scriptSrc', 'backendUrl', 'eventsUrl'].every((k) => typeof record[k] === 'string')
  )
    throw new Error('/checkout-config answered an unexpected shape');
  return record as unknown as CheckoutConfig;
}

/** `loadCheckoutConfig()`, noted: the config, or undefined (and why, in the note) when none came. */
export async function loadCheckoutConfigNoted(note: Note): Promise<CheckoutConfig | undefined> {
  try {
    const config = await loadCheckoutConfig();
    note('checkout config', config);
    return config;
  } catch (error) {
    note('checkout config failed', error);
    return undefined;
  }
}

/**
 * The demo's switch that makes `/generate-payment-link` answer 503: `backendDown()` reads it
 * (a previous visit may have left it on), `backendDown(down)` turns it; both answer its state.
 */
export async function backendDown(down?: boolean): Promise<boolean> {
  const response = await fetch(
    BACKEND_DOWN_PATH,
    down === undefined
      ? undefined
      : {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ down }),
        },
  );
  if (!response.ok) throw new Error(`${BACKEND_DOWN_PATH} answered ${response.status}`);
  const body = (await response.json()) as { down?: unknown };
  return body.down === true;
}

/**
 * Turns the outage switch to `down`, noting a failure; `show` gets the state to show: `down`
 * at once, then the server's (or the state it had, when the server did not answer).
 */
export async function turnOutage(
  down: boolean,
  show: (down: boolean) => void,
  note: Note,
): Promise<boolean> {
  show(down);
  let now = !down;
  try {
    now = await backendDown(down);
  } catch (error) {
    note('outage switch failed', error);
  }
  show(now);
  return now;
}

/** Shows the switch's state on the page: `body[data-outage]`, which the styles follow. */
export function showOutage(down: boolean): void {
  document.body.dataset.outage = String(down);
}

/* ------------------------------------------------------------------ the element */

/** The element's five events, in the order a payment meets them: src/events.ts's one list. */
export { BANQ_EVENTS } from '../src/events.js';

export type BanqEventType = keyof BanqCheckoutEventMap;
export type BanqEvent = BanqCheckoutEventMap[BanqEventType];

/** Whether `event` is the element's `type` event: narrows it to that event's type. */
export const isBanqEvent = <T extends BanqEventType>(
  event: BanqEvent,
  type: T,
): event is BanqCheckoutEventMap[T] => event.type === type;

/** Calls `onChange` with the element's `state` now and whenever it changes; returns a stop. */
export function watchState(
  element: BanqCheckout,
  onChange: (state: BanqCheckoutState) => void,
): () => void {
  const read = () => onChange(element.state);
  const observer = new MutationObserver(read);
  observer.observe(element, { attributes: true, attributeFilter: ['state'] });
  read();
  return () => observer.disconnect();
}

/* ------------------------------------------------------------------ what the shopper reads */

export interface ShopperMessage {
  title: string;
  text: string;
}

/** When `/checkout-config` did not answer: no element can be shown. */
export const CONFIG_FAILED: ShopperMessage = {
  title: 'Payments are unavailable',
  text: 'Please refresh the page in a moment.',
};

/** When the shop's server could not make the order. */
export const ORDER_FAILED: ShopperMessage = {
  title: "We couldn't prepare your order",
  text: 'Our shop did not answer. Nothing was charged; change your order to try again.',
};

/** After `banq-close`, unless an error says more. */
export const WINDOW_CLOSED = "You closed banq's window. Nothing was charged.";

/**
 * When `banq-error` fires (its detail's message is for developers). `outage`: the demo's
 * switch is on, so the payment service is down on purpose rather than broken.
 */
export function shopperMessage({ phase }: BanqErrorDetail, outage: boolean): ShopperMessage {
  switch (phase) {
    case 'payment-link':
      return {
        title: "We couldn't start the payment",
        text: outage
          ? 'Our payment service is not answering. Nothing was charged; please try again in a moment.'
          : 'Something went wrong on our side. Nothing was charged; please try again.',
      };
    case 'config':
      return {
        title: "This order can't be paid yet",
        text: 'Please check your cart and try again.',
      };
    case 'script':
      return { title: 'banq is not available right now', text: 'Please try again in a moment.' };
    case 'events':
      return {
        title: 'We lost the live connection to banq',
        text: 'If you already paid in the banq app, please do not pay again: refresh this page in a moment.',
      };
  }
}

/** The receipt's "Confirmed by": which of banq's two ways told the page. */
export const confirmedBy = (source: BanqSuccessDetail['source']) =>
  source === 'events' ? "banq's webhook (events)" : "banq's window (widget)";
