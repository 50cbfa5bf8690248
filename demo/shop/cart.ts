/**
 * The shopper's cart: adding and removing (the product cards' and cart lines' buttons), the
 * shop server's order for each cart, and starting a new order after a payment.
 */
import { MAX_QUANTITY, productById } from '../catalog.js';
import { money, ORDER_FAILED, requestOrder } from '../page-helpers.js';
import type { CartItem } from '../shop-api.js';
import { hideNotice, setPayStatus, showNotice } from './messages.js';
import { announce, byId, note, plural } from './page.js';
import { hideReceipt } from './receipt.js';
import { render } from './render.js';
import { cartLocked, itemCount, shop, totalCents } from './state.js';

let cancelOrderRequest = () => {};

/**
 * Asks the shop's server for the cart's order. An order's amount is fixed once banq made its
 * link, so every cart is a new order; until its answer comes the element has no order and
 * cannot be clicked, and the answer for a cart that changed again is dropped.
 */
export function priceCart(): void {
  cancelOrderRequest();
  shop.order = undefined;
  const items: CartItem[] = [...shop.cart].map(([productId, quantity]) => ({
    productId,
    quantity,
  }));
  shop.preparing = items.length > 0;
  if (!shop.preparing) return;
  cancelOrderRequest = requestOrder(
    items,
    note,
    (made) => {
      shop.order = made;
      shop.preparing = false;
      render();
    },
    () => {
      shop.preparing = false;
      showNotice(ORDER_FAILED);
      render();
    },
  );
}

export function startNewOrder({ focus = true } = {}): void {
  shop.paidOrder = undefined;
  shop.cart.clear();
  priceCart();
  hideReceipt();
  hideNotice();
  setPayStatus('');
  render();
  note('new order');
  if (focus) {
    byId('products-title').focus();
    announce('New order started. Your cart is empty.');
  }
}

/** Changes the cart as `change` does, then prices it anew and says so (`message`). */
function changeCart(change: () => void, message: string): void {
  if (cartLocked()) return;
  // Shopping on after a payment: the paid order is done, this is a new one.
  if (shop.paidOrder !== undefined) startNewOrder({ focus: false });
  change();
  setPayStatus('');
  hideNotice();
  priceCart();
  render();
  announce(`${message} Cart: ${plural(itemCount(), 'item')}, ${money(totalCents())}.`);
}

/** What each cart button does to its product's quantity, and what is announced. */
const ACTIONS: Record<
  string,
  { quantity: (now: number) => number; says: (name: string) => string }
> = {
  add: { quantity: (now) => now + 1, says: (name) => `Added ${name}.` },
  increase: { quantity: (now) => now + 1, says: (name) => `Added one ${name}.` },
  decrease: { quantity: (now) => now - 1, says: (name) => `Removed one ${name}.` },
  remove: { quantity: () => 0, says: (name) => `Removed ${name}.` },
};

/** A click on a button with `data-action` in a product card or a cart line. */
function onCartClick(event: MouseEvent): void {
  const target = event.target instanceof Element ? event.target : null;
  const control = target?.closest<HTMLButtonElement>('button[data-action]');
  const holder = control?.closest<HTMLElement>('[data-product-id], [data-cart-item]');
  const product = productById(holder?.dataset.productId ?? holder?.dataset.cartItem ?? '');
  const action = ACTIONS[control?.dataset.action ?? ''] as (typeof ACTIONS)[string] | undefined;
  if (!control || control.disabled || !product || !action) return;
  changeCart(() => {
    const quantity = action.quantity(shop.cart.get(product.id) ?? 0);
    if (quantity > 0) shop.cart.set(product.id, Math.min(MAX_QUANTITY, quantity));
    else shop.cart.delete(product.id);
  }, action.says(product.name));
}

/** Listens to the product cards' and the cart's buttons. */
export function listenToCart(): void {
  byId('products').addEventListener('click', onCartClick);
  byId('cart-items').addEventListener('click', onCartClick);
}
