/**
 * The shop page's state: the cart, the server's order for it, the order being paid or paid,
 * and the element with its `state`; and what follows from them (the cart's lines and total).
 */
import type { BanqCheckout, BanqCheckoutState } from '../../src/index.js';
import { productById, type Product } from '../catalog.js';
import { centsOf } from '../page-helpers.js';
import type { ShopOrder } from '../shop-api.js';

export interface Line {
  product: Product;
  quantity: number;
}

/** What was in an order when its payment started, so the receipt shows what was paid for. */
export interface OrderSnapshot {
  orderId: string;
  lines: Line[];
  cents: number;
  comment: string;
}

export const shop = {
  /** Product id → quantity, in the order they were added. */
  cart: new Map<string, number>(),
  /** The server's order for the cart as it stands; none while the cart is empty or being priced. */
  order: undefined as ShopOrder | undefined,
  /** The cart's order is being made: the pay area waits for it. */
  preparing: false,
  /** Set once the current order is paid: the receipt shows until a new order starts. */
  paidOrder: undefined as OrderSnapshot | undefined,
  /** Each order as it stood when its payment started, by order id. */
  snapshots: new Map<string, OrderSnapshot>(),
  /** The element, once `/checkout-config` answered. */
  checkout: undefined as BanqCheckout | undefined,
  state: 'idle' as BanqCheckoutState,
};

export function lines(): Line[] {
  const out: Line[] = [];
  for (const [id, quantity] of shop.cart) {
    const product = productById(id);
    if (product) out.push({ product, quantity });
  }
  return out;
}

export const itemCount = () => [...shop.cart.values()].reduce((sum, n) => sum + n, 0);

/** What the page shows while the server prices the cart; the amount paid is the server's. */
export const totalCents = () =>
  lines().reduce((sum, line) => sum + line.product.priceCents * line.quantity, 0);

export function snapshot({ orderId, funds, comment }: ShopOrder): OrderSnapshot {
  return { orderId, lines: lines().map((line) => ({ ...line })), cents: centsOf(funds), comment };
}

/** The order the flow strip and the server's log follow: the one paid, or the one to pay. */
export const followedOrderId = () => shop.paidOrder?.orderId ?? shop.order?.orderId;

/** The cart cannot change while a payment is under way (banq's window is open). */
export const cartLocked = () => shop.state === 'pending';
