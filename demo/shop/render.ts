/**
 * Renders the shop page from its state: the products (once), the cart's lines, the order's
 * summary, the pay area, and the element's properties. The buttons say what they do in
 * `data-action`; demo/shop/cart.ts listens to them.
 */
import { CATALOG, MAX_QUANTITY, type Product } from '../catalog.js';
import { centsOf, money } from '../page-helpers.js';
import { followFlow } from './flow-strip.js';
import { byId, plural } from './page.js';
import { followServerLog } from './server-log.js';
import {
  cartLocked,
  followedOrderId,
  itemCount,
  lines,
  shop,
  totalCents,
  type Line,
} from './state.js';

const productList = byId('products', HTMLUListElement);
const cartSection = byId('cart');
const cartItems = byId('cart-items', HTMLUListElement);

const ADD_ICON =
  '<svg viewBox="0 0 20 20" aria-hidden="true" focusable="false"><path d="M10 4v12M4 10h12" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg>';

/** An element of `tag` with `className` and, when given, its text. */
function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string) {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function button(label: string, action: string, text: string, className = 'qty__btn') {
  const node = element('button', className, text);
  node.type = 'button';
  node.dataset.action = action;
  node.setAttribute('aria-label', label);
  return node;
}

function productCard(product: Product): HTMLLIElement {
  const item = element('li', 'product');
  item.dataset.productId = product.id;
  item.style.setProperty('--tint', product.tint);

  const art = element('div', 'product__art');
  art.innerHTML = product.art; // static markup from catalog.ts

  const body = element('div', 'product__body');
  const name = element('h3', 'product__name', product.name);
  name.id = `product-${product.id}`;
  body.append(
    name,
    element('p', 'product__meta', product.meta),
    element('p', 'product__notes', product.notes),
  );

  const add = element('button', 'btn btn--add');
  add.type = 'button';
  add.dataset.action = 'add';
  // Its accessible name says which product: "Add to cart: Colombia Huila".
  add.innerHTML = `${ADD_ICON}<span>Add to cart</span><span class="visually-hidden"></span>`;
  const which = add.querySelector('.visually-hidden');
  if (which) which.textContent = `: ${product.name}`;
  const inCart = element('span', 'product__in-cart');
  inCart.dataset.inCart = '';

  const foot = element('div', 'product__foot');
  foot.append(element('span', 'product__price', money(product.priceCents)), inCart, add);
  item.append(art, body, foot);
  return item;
}

/** The catalog's products, once. */
export function renderProducts(): void {
  productList.append(...CATALOG.map(productCard));
}

function cartLine({ product, quantity }: Line): HTMLLIElement {
  const item = element('li', 'line');
  item.dataset.cartItem = product.id;

  const art = element('div', 'line__art');
  art.style.setProperty('--tint', product.tint);
  // The picture again, its gradients' ids made its own.
  art.innerHTML = product.art.replaceAll('id="', 'id="cart-').replaceAll('url(#', 'url(#cart-');

  const body = element('div', 'line__body');
  body.append(
    element('span', 'line__name', product.name),
    element('span', 'line__each', `${money(product.priceCents)} each`),
  );

  const qty = element('div', 'qty');
  qty.setAttribute('role', 'group');
  qty.setAttribute('aria-label', `Quantity of ${product.name}`);
  const value = element('output', 'qty__value', String(quantity));
  value.dataset.quantity = '';
  const plus = button(`Add one more ${product.name}`, 'increase', '+');
  plus.disabled = quantity >= MAX_QUANTITY;
  qty.append(button(`Remove one ${product.name}`, 'decrease', '−'), value, plus);

  const end = element('div', 'line__end');
  end.append(
    element('span', 'line__total', money(product.priceCents * quantity)),
    button(`Remove ${product.name} from your cart`, 'remove', 'Remove', 'link-btn'),
  );

  item.append(art, body, qty, end);
  return item;
}

/** Keeps focus on the same control of a cart line when the cart re-renders. */
function focusedControl(): { id: string; action: string } | undefined {
  const active = document.activeElement;
  if (!(active instanceof HTMLButtonElement) || !cartItems.contains(active)) return undefined;
  const line = active.closest<HTMLElement>('[data-cart-item]');
  return line?.dataset.cartItem && active.dataset.action
    ? { id: line.dataset.cartItem, action: active.dataset.action }
    : undefined;
}

function renderCart(): void {
  const focus = focusedControl();
  cartItems.replaceChildren(...lines().map(cartLine));
  if (focus) {
    const again = cartItems.querySelector<HTMLButtonElement>(
      `[data-cart-item="${focus.id}"] [data-action="${focus.action}"]`,
    );
    (again && !again.disabled ? again : cartSection).focus();
  }
  const count = itemCount();
  byId('cart-empty').hidden = count > 0;
  byId('cart-count').textContent = plural(count, 'item');
  byId('cart-link-count').textContent = String(count);
  byId('cart-link-text').textContent = count ? `, ${plural(count, 'item')}` : ', empty';
  if (cartLocked())
    for (const control of cartItems.querySelectorAll<HTMLButtonElement>('button'))
      control.disabled = true;
}

function renderSummary(): void {
  const { order, preparing } = shop;
  const cents = totalCents();
  byId('order-subtotal').textContent = money(cents);
  byId('order-total').textContent = money(order ? centsOf(order.funds) : cents);
  byId('order-id').textContent = order?.orderId ?? (preparing ? 'preparing…' : '—');
  byId('order-comment').textContent = order?.comment ?? (preparing ? '…' : '—');
}

/** Each product's count in the cart, and whether one more may be added. */
function renderProductCounts(): void {
  for (const item of productList.querySelectorAll<HTMLElement>('[data-product-id]')) {
    const quantity = shop.cart.get(item.dataset.productId ?? '') ?? 0;
    const badge = item.querySelector<HTMLElement>('[data-in-cart]');
    if (badge) badge.textContent = quantity ? `${quantity} in cart` : '';
    const add = item.querySelector<HTMLButtonElement>('[data-action="add"]');
    if (add) add.disabled = cartLocked() || quantity >= MAX_QUANTITY;
  }
}

function renderPay(): void {
  const { order, paidOrder, preparing, checkout } = shop;
  const pay = byId('pay');
  pay.dataset.empty = String(itemCount() === 0);
  pay.dataset.preparing = String(preparing);
  byId('pay-preparing').hidden = !preparing;
  byId('pay-locked').hidden = !cartLocked();
  // No order from the server yet (or a stale one): nothing to pay, so nothing to click.
  byId('pay-widget').inert = !order;
  if (checkout) {
    // Properties, as a framework would set them; the element reads them on the shopper's click.
    // A paid order stays the element's until the next one, so it stays `paid`.
    checkout.orderId = (order ?? paidOrder)?.orderId ?? '';
    checkout.comment = order?.comment ?? '';
    checkout.funds = order?.funds;
  }
}

/** The page as the state has it now. */
export function render(): void {
  renderCart();
  renderSummary();
  renderProductCounts();
  renderPay();
  const followed = followedOrderId();
  followFlow(followed);
  if (followed) followServerLog(followed);
}
