/**
 * What the demo pages share, none of it framework code: the one product the React and Vue
 * pages sell, money, the shop's orders (`POST /demo-api/orders`: the server prices the cart),
 * `GET /checkout-config`, the demo's backend switch, the element's `state` attribute, and the
 * live log of the element's five events (demo/live-log.ts).
 */
import type {
  BanqCheckout,
  BanqCheckoutEventMap,
  BanqCheckoutState,
  BanqErrorDetail,
} from '../src/index.js';
import { productById, type Product } from './catalog.js';
import { LiveLog } from './live-log.js';
import { ORDERS_PATH, type CartItem, type ShopOrder } from './shop-api.js';

export const SHOP = 'Northwind Coffee';
export const MAX_QUANTITY = 5;

function product(id: string): Product {
  const found = productById(id);
  if (!found) throw new Error(`demo: no product ${id} in catalog.ts`);
  return found;
}

/** The one thing these pages sell. */
export const PRODUCT = product('espresso');

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
export async function createShopOrder(items: CartItem[], signal?: AbortSignal): Promise<ShopOrder> {
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
 * Asks for the cart's order; `onOrder` gets it unless the returned cancel ran first. A page
 * cancels the request of a cart that changed again, so a late answer never replaces a newer one.
 */
export function requestOrder(
  items: CartItem[],
  onOrder: (order: ShopOrder) => void,
  onError: (error: Error) => void,
): () => void {
  const controller = new AbortController();
  createShopOrder(items, controller.signal).then(
    (order) => controller.signal.aborted || onOrder(order),
    (error: unknown) => controller.signal.aborted || onError(error as Error),
  );
  return () => controller.abort();
}

/** What the shopper reads when the shop's server could not make the order. */
export const ORDER_FAILED = {
  title: "We couldn't prepare your order",
  text: 'Our shop did not answer. Nothing was charged; change your order to try again.',
};

/* ------------------------------------------------------------------ the backend */

export interface CheckoutConfig {
  scriptSrc: string;
  backendUrl: string;
  eventsUrl: string;
}

/** `GET /checkout-config`: where banq's script, the payment-link endpoint and the events are. */
export async function loadCheckoutConfig(): Promise<CheckoutConfig> {
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

/** The demo's switch that makes `/generate-payment-link` answer 503 (shared by every demo page). */
export async function backendDown(down?: boolean): Promise<boolean> {
  const response = await fetch(
    '/demo-api/backend-down',
    down === undefined
      ? undefined
      : {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ down }),
        },
  );
  if (!response.ok) throw new Error(`/demo-api/backend-down answered ${response.status}`);
  const body = (await response.json()) as { down?: unknown };
  return body.down === true;
}

/* ------------------------------------------------------------------ the element */

export const EVENTS = [
  'banq-ready',
  'banq-success',
  'banq-close',
  'banq-destroy',
  'banq-error',
] as const satisfies readonly (keyof BanqCheckoutEventMap)[];

export type BanqEvent = BanqCheckoutEventMap[(typeof EVENTS)[number]];

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

/** What the shopper reads when `banq-error` fires (the detail's message is for developers). */
export function shopperMessage({ phase }: BanqErrorDetail): { title: string; text: string } {
  switch (phase) {
    case 'payment-link':
      return {
        title: "We couldn't start the payment",
        text: 'Our payment service did not answer. Nothing was charged; please try again.',
      };
    case 'config':
      return { title: "This order can't be paid yet", text: 'Please check it and try again.' };
    case 'script':
      return { title: 'banq is not available right now', text: 'Please try again in a moment.' };
    case 'events':
      return {
        title: 'We lost the live connection to banq',
        text: 'If you already paid in the banq app, please do not pay again.',
      };
  }
}

/* ------------------------------------------------------------------ the live log */

/** The page's live log: the element's events as they reach the framework's handlers, and notes. */
export function createEventLog(list: HTMLOListElement, empty: HTMLElement) {
  const log = new LiveLog(list, empty, []);
  return {
    event: (event: BanqEvent) =>
      log.add({
        source: 'page',
        kind: 'event',
        event: event.type,
        at: Date.now(),
        detail: event.detail,
      }),
    note: (text: string, detail?: unknown) =>
      log.add({ source: 'page', kind: 'note', event: text, at: Date.now(), detail }),
    clear: () => log.clear(),
  };
}

export type EventLog = ReturnType<typeof createEventLog>;
