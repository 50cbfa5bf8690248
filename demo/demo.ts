/**
 * The demo shop: a catalog, a cart, and one `<banq-checkout>` taking the payment, wired the
 * way a merchant's page would wire it. Every change of the cart is posted to the shop's
 * server, which makes the order and prices it; the element gets that order (never one the
 * page made up) and cannot be clicked until it has it. Beside it, for the merchant's team,
 * the element's `state`, a switch that takes the shop's backend down, and a live log of the
 * page's events interleaved with what the server and banq did for this page's order.
 */
import '../src/index.js';
import type {
  BanqCheckout,
  BanqCheckoutState,
  BanqErrorDetail,
  BanqSuccessDetail,
} from '../src/index.js';
import { CATALOG, MAX_QUANTITY, productById, type Product } from './catalog.js';
import {
  EVENTS,
  ORDER_FAILED,
  SHOP,
  backendDown,
  centsOf,
  loadCheckoutConfig,
  money,
  requestOrder,
  type CheckoutConfig,
} from './framework-demo.js';
import { LiveLog, ServerLogFollower, type ServerLogStatus, type ServerStep } from './live-log.js';
import type { CartItem, ShopOrder } from './shop-api.js';

const STATES: readonly BanqCheckoutState[] = [
  'idle',
  'loading',
  'ready',
  'pending',
  'paid',
  'error',
];

/* ------------------------------------------------------------------ page nodes */

function byId(id: string): HTMLElement {
  const node = document.getElementById(id);
  if (!node) throw new Error(`demo: #${id} is missing from index.html`);
  return node;
}

const productList = byId('products') as HTMLUListElement;
const productsTitle = byId('products-title');
const cartSection = byId('cart');
const cartItems = byId('cart-items') as HTMLUListElement;
const cartEmpty = byId('cart-empty');
const cartCount = byId('cart-count');
const cartLinkCount = byId('cart-link-count');
const cartLinkText = byId('cart-link-text');
const orderView = byId('order-view');
const orderSubtotal = byId('order-subtotal');
const orderTotal = byId('order-total');
const orderIdText = byId('order-id');
const orderComment = byId('order-comment');
const pay = byId('pay');
const payWidget = byId('pay-widget');
const paySkeleton = byId('pay-skeleton');
const payLocked = byId('pay-locked');
const payPreparing = byId('pay-preparing');
const payStatus = byId('pay-status');
const notice = byId('notice');
const noticeTitle = byId('notice-title');
const noticeText = byId('notice-text');
const receipt = byId('receipt');
const receiptLede = byId('receipt-lede');
const receiptItems = byId('receipt-items') as HTMLUListElement;
const receiptOrderId = byId('receipt-order-id');
const receiptAmount = byId('receipt-amount');
const receiptSource = byId('receipt-source');
const receiptPaymentId = byId('receipt-payment-id');
const newOrderButton = byId('new-order') as HTMLButtonElement;
const stateBadge = byId('state-badge');
const outage = byId('backend-outage') as HTMLInputElement;
const logConnection = byId('log-connection');
const flow = byId('flow') as HTMLOListElement;
const announcer = byId('announcer');

const log = new LiveLog(
  byId('event-log') as HTMLOListElement,
  byId('log-empty'),
  document.querySelectorAll<HTMLButtonElement>('[data-filter]'),
);

/** A note of what the shop's own script did, as a page row. */
const note = (event: string, detail?: unknown) =>
  log.add({ source: 'page', kind: 'note', event, at: Date.now(), detail });

/** Tells screen-reader users what changed out of their sight. */
function announce(text: string): void {
  announcer.textContent = '';
  requestAnimationFrame(() => (announcer.textContent = text));
}

/* ------------------------------------------------------------------ the order */

interface Line {
  product: Product;
  quantity: number;
}

/** What was in an order when its payment started, so the receipt shows what was paid for. */
interface OrderSnapshot {
  orderId: string;
  lines: Line[];
  cents: number;
  comment: string;
}

/** Product id → quantity, in the order they were added. */
const cart = new Map<string, number>();
/** The server's order for the cart as it stands; none while the cart is empty or being priced. */
let order: ShopOrder | undefined;
/** The cart's order is being made: the pay area waits for it. */
let preparing = false;
let cancelOrderRequest = () => {};
/** Set once the current order is paid: the receipt shows until a new order starts. */
let paidOrder: OrderSnapshot | undefined;
const snapshots = new Map<string, OrderSnapshot>();
let checkout: BanqCheckout | undefined;
let state: BanqCheckoutState = 'idle';

function lines(): Line[] {
  const out: Line[] = [];
  for (const [id, quantity] of cart) {
    const product = productById(id);
    if (product) out.push({ product, quantity });
  }
  return out;
}

const itemCount = () => [...cart.values()].reduce((sum, n) => sum + n, 0);
/** What the page shows while the server prices the cart; the amount paid is the server's. */
const totalCents = () => lines().reduce((sum, l) => sum + l.product.priceCents * l.quantity, 0);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function snapshot({ orderId, funds, comment }: ShopOrder): OrderSnapshot {
  return { orderId, lines: lines().map((l) => ({ ...l })), cents: centsOf(funds), comment };
}

/** The order the flow strip and the server's log follow: the one paid, or the one to pay. */
const followedOrderId = () => paidOrder?.orderId ?? order?.orderId;

/** The cart cannot change while a payment is under way (banq's window is open). */
const cartLocked = () => state === 'pending';

/**
 * Asks the shop's server for the cart's order. An order's amount is fixed once banq made its
 * link, so every cart is a new order; until its answer comes the element has no order and
 * cannot be clicked, and the answer for a cart that changed again is dropped.
 */
function priceCart(): void {
  cancelOrderRequest();
  order = undefined;
  const items: CartItem[] = [...cart].map(([productId, quantity]) => ({ productId, quantity }));
  preparing = items.length > 0;
  if (!preparing) return;
  cancelOrderRequest = requestOrder(
    items,
    (made) => {
      order = made;
      preparing = false;
      note('order made by the server', made);
      render();
    },
    (error) => {
      preparing = false;
      note('order failed', error);
      showNotice(ORDER_FAILED.title, ORDER_FAILED.text);
      render();
    },
  );
}

function changeCart(change: () => void, message: string): void {
  if (cartLocked()) return;
  // Shopping on after a payment: the paid order is done, this is a new one.
  if (paidOrder !== undefined) startNewOrder({ focus: false });
  change();
  payStatus.textContent = '';
  hideNotice();
  priceCart();
  render();
  announce(`${message} Cart: ${plural(itemCount(), 'item')}, ${money(totalCents())}.`);
}

function startNewOrder({ focus = true } = {}): void {
  paidOrder = undefined;
  cart.clear();
  priceCart();
  receipt.hidden = true;
  orderView.hidden = false;
  hideNotice();
  payStatus.textContent = '';
  render();
  note('new order');
  if (focus) {
    productsTitle.focus();
    announce('New order started. Your cart is empty.');
  }
}

/* ------------------------------------------------------------------ rendering */

function button(label: string, action: string, text: string, className = 'qty__btn') {
  const node = document.createElement('button');
  node.type = 'button';
  node.className = className;
  node.dataset.action = action;
  node.setAttribute('aria-label', label);
  node.textContent = text;
  return node;
}

function renderProducts(): void {
  for (const product of CATALOG) {
    const item = document.createElement('li');
    item.className = 'product';
    item.dataset.productId = product.id;
    item.style.setProperty('--tint', product.tint);

    const art = document.createElement('div');
    art.className = 'product__art';
    art.innerHTML = product.art; // static markup from catalog.ts

    const body = document.createElement('div');
    body.className = 'product__body';
    const name = document.createElement('h3');
    name.className = 'product__name';
    name.id = `product-${product.id}`;
    name.textContent = product.name;
    const meta = document.createElement('p');
    meta.className = 'product__meta';
    meta.textContent = product.meta;
    const notes = document.createElement('p');
    notes.className = 'product__notes';
    notes.textContent = product.notes;
    body.append(name, meta, notes);

    const foot = document.createElement('div');
    foot.className = 'product__foot';
    const price = document.createElement('span');
    price.className = 'product__price';
    price.textContent = money(product.priceCents);
    const add = document.createElement('button');
    add.type = 'button';
    add.className = 'btn btn--add';
    add.dataset.action = 'add';
    add.innerHTML =
      '<svg viewBox="0 0 20 20" aria-hidden="true" focusable="false"><path d="M10 4v12M4 10h12" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg><span>Add to cart</span><span class="visually-hidden"></span>';
    // Its accessible name says which product: "Add to cart: Colombia Huila".
    const which = add.querySelector('.visually-hidden');
    if (which) which.textContent = `: ${product.name}`;
    add.addEventListener('click', () =>
      changeCart(
        () => cart.set(product.id, Math.min(MAX_QUANTITY, (cart.get(product.id) ?? 0) + 1)),
        `Added ${product.name}.`,
      ),
    );
    const inCart = document.createElement('span');
    inCart.className = 'product__in-cart';
    inCart.dataset.inCart = '';
    foot.append(price, inCart, add);

    item.append(art, body, foot);
    productList.append(item);
  }
}

function renderCartLine({ product, quantity }: Line): HTMLLIElement {
  const item = document.createElement('li');
  item.className = 'line';
  item.dataset.cartItem = product.id;

  const art = document.createElement('div');
  art.className = 'line__art';
  art.style.setProperty('--tint', product.tint);
  art.innerHTML = product.art.replaceAll('id="', 'id="cart-').replaceAll('url(#', 'url(#cart-');

  const body = document.createElement('div');
  body.className = 'line__body';
  const name = document.createElement('span');
  name.className = 'line__name';
  name.textContent = product.name;
  const each = document.createElement('span');
  each.className = 'line__each';
  each.textContent = `${money(product.priceCents)} each`;
  body.append(name, each);

  const qty = document.createElement('div');
  qty.className = 'qty';
  qty.setAttribute('role', 'group');
  qty.setAttribute('aria-label', `Quantity of ${product.name}`);
  const minus = button(`Remove one ${product.name}`, 'decrease', '−');
  const value = document.createElement('output');
  value.className = 'qty__value';
  value.dataset.quantity = '';
  value.textContent = String(quantity);
  const plus = button(`Add one more ${product.name}`, 'increase', '+');
  plus.disabled = quantity >= MAX_QUANTITY;
  qty.append(minus, value, plus);

  const end = document.createElement('div');
  end.className = 'line__end';
  const total = document.createElement('span');
  total.className = 'line__total';
  total.textContent = money(product.priceCents * quantity);
  const remove = button(`Remove ${product.name} from your cart`, 'remove', 'Remove', 'link-btn');
  end.append(total, remove);

  minus.addEventListener('click', () =>
    changeCart(() => {
      if (quantity > 1) cart.set(product.id, quantity - 1);
      else cart.delete(product.id);
    }, `Removed one ${product.name}.`),
  );
  plus.addEventListener('click', () =>
    changeCart(
      () => cart.set(product.id, Math.min(MAX_QUANTITY, quantity + 1)),
      `Added one ${product.name}.`,
    ),
  );
  remove.addEventListener('click', () =>
    changeCart(() => cart.delete(product.id), `Removed ${product.name}.`),
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

function render(): void {
  const current = lines();
  const count = itemCount();
  const cents = totalCents();
  const locked = cartLocked();

  const focus = focusedControl();
  cartItems.replaceChildren(...current.map(renderCartLine));
  if (focus) {
    const again = cartItems.querySelector<HTMLButtonElement>(
      `[data-cart-item="${focus.id}"] [data-action="${focus.action}"]`,
    );
    (again && !again.disabled ? again : cartSection).focus();
  }
  cartEmpty.hidden = count > 0;
  cartCount.textContent = plural(count, 'item');
  cartLinkCount.textContent = String(count);
  cartLinkText.textContent = count ? `, ${plural(count, 'item')}` : ', empty';
  orderSubtotal.textContent = money(cents);
  orderTotal.textContent = money(order ? centsOf(order.funds) : cents);
  orderIdText.textContent = order?.orderId ?? (preparing ? 'preparing…' : '—');
  orderComment.textContent = order?.comment ?? (preparing ? '…' : '—');

  for (const item of productList.querySelectorAll<HTMLElement>('[data-product-id]')) {
    const quantity = cart.get(item.dataset.productId ?? '') ?? 0;
    const badge = item.querySelector<HTMLElement>('[data-in-cart]');
    if (badge) badge.textContent = quantity ? `${quantity} in cart` : '';
    const add = item.querySelector<HTMLButtonElement>('[data-action="add"]');
    if (add) add.disabled = locked || quantity >= MAX_QUANTITY;
  }
  for (const control of cartItems.querySelectorAll<HTMLButtonElement>('button'))
    if (locked) control.disabled = true;
  payLocked.hidden = !locked;

  pay.dataset.empty = String(count === 0);
  pay.dataset.preparing = String(preparing);
  payPreparing.hidden = !preparing;
  // No order from the server yet (or a stale one): nothing to pay, so nothing to click.
  payWidget.inert = !order;

  if (checkout) {
    // Properties, as a framework would set them; the element reads them on the shopper's click.
    // A paid order stays the element's until the next one, so it stays `paid`.
    checkout.orderId = (order ?? paidOrder)?.orderId ?? '';
    checkout.comment = order?.comment ?? '';
    checkout.funds = order?.funds;
  }
  const followed = followedOrderId();
  if (flow.dataset.orderId !== (followed ?? '')) resetFlow(followed);
  if (followed) serverLog.follow(followed);
}

/* ------------------------------------------------------------------ shopper messages */

function showNotice(title: string, text: string): void {
  noticeTitle.textContent = title;
  noticeText.textContent = text;
  notice.hidden = false;
}

function hideNotice(): void {
  notice.hidden = true;
}

function onError(detail: BanqErrorDetail): void {
  switch (detail.phase) {
    case 'payment-link':
      showNotice(
        "We couldn't start the payment",
        outage.checked
          ? 'Our payment service is not answering. Nothing was charged; please try again in a moment.'
          : 'Something went wrong on our side. Nothing was charged; please try again.',
      );
      break;
    case 'config':
      showNotice("This order can't be paid yet", 'Please check your cart and try again.');
      break;
    case 'script':
      showNotice('banq is not available right now', 'Please try again in a moment.');
      break;
    case 'events':
      showNotice(
        'We lost the live connection to banq',
        'If you already paid in the banq app, please do not pay again: refresh this page in a moment.',
      );
      break;
  }
}

function showReceipt(detail: BanqSuccessDetail): void {
  const paid = snapshots.get(detail.orderId) ??
    (order && snapshot(order)) ?? { orderId: detail.orderId, lines: [], cents: 0, comment: '' };
  paidOrder = paid;
  hideNotice();
  payStatus.textContent = '';

  receiptLede.textContent = `Thank you! ${money(paid.cents)} reached ${SHOP}. Your coffee is on its way.`;
  receiptItems.replaceChildren(
    ...paid.lines.map(({ product, quantity }) => {
      const item = document.createElement('li');
      const name = document.createElement('span');
      name.textContent = `${quantity} × ${product.name}`;
      const price = document.createElement('span');
      price.textContent = money(product.priceCents * quantity);
      item.append(name, price);
      return item;
    }),
  );
  receiptOrderId.textContent = detail.orderId;
  receiptAmount.textContent = money(paid.cents);
  receiptSource.textContent =
    detail.source === 'events' ? "banq's webhook (events)" : "banq's window (widget)";
  receipt.dataset.source = detail.source;
  receiptPaymentId.textContent = detail.paymentId ?? '';
  const paymentRow = receiptPaymentId.closest('div');
  if (paymentRow) paymentRow.hidden = !detail.paymentId;

  // The cart became this order; the next "Add to cart" starts a new one.
  cart.clear();
  priceCart();
  orderView.hidden = true;
  receipt.hidden = false;
  receipt.focus({ preventScroll: true });
  receipt.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  announce(`Payment received for order ${detail.orderId}, ${money(paid.cents)}.`);
  render();
}

/* ------------------------------------------------------------------ the flow strip */

type StepName = 'link' | 'paid' | 'webhook' | 'confirmed';
type StepStatus = 'todo' | 'active' | 'done' | 'failed';

const DEFAULT_CAPTIONS = new Map<string, string>();
for (const step of flow.querySelectorAll<HTMLElement>('[data-step]')) {
  DEFAULT_CAPTIONS.set(
    step.dataset.step ?? '',
    step.querySelector('[data-caption]')?.textContent ?? '',
  );
}

function setStep(name: StepName, status: StepStatus, caption?: string): void {
  const step = flow.querySelector<HTMLElement>(`[data-step="${name}"]`);
  if (!step) return;
  // A step that is done stays done (a late "active" does not undo it).
  if (step.dataset.status === 'done' && status === 'active') return;
  step.dataset.status = status;
  const text = step.querySelector('[data-caption]');
  if (text) text.textContent = caption ?? DEFAULT_CAPTIONS.get(name) ?? '';
}

function resetFlow(orderId: string | undefined): void {
  flow.dataset.orderId = orderId ?? '';
  for (const name of ['link', 'paid', 'webhook', 'confirmed'] as const) setStep(name, 'todo');
}

/** Moves the flow strip on from one server or banq step of the followed order. */
function followServer({ source, step, detail }: ServerStep): void {
  switch (source === 'banq' ? `banq: ${step}` : step) {
    case 'link made':
      setStep('link', 'done', 'banq made it; the window is open');
      setStep('paid', 'active', 'Waiting for the shopper');
      break;
    case 'link failed':
      setStep('link', 'failed', 'banq did not make it');
      break;
    case 'banq: payment completed':
      setStep(
        'paid',
        'done',
        detail.via === 'app' ? 'In the banq app (QR code)' : "With “Pay here” in banq's window",
      );
      setStep('webhook', 'active', 'banq is calling our server');
      break;
    case 'webhook received':
      setStep('webhook', 'active', 'Received; asking banq to confirm');
      break;
    case 'payment verified':
      setStep('webhook', 'done', 'banq confirmed it; order marked paid');
      break;
    case 'payment not verified':
    case 'payment refused':
      setStep('webhook', 'failed', step);
      break;
    case 'browser told':
      setStep('confirmed', 'active', 'Sent down the events stream');
      break;
  }
}

/* ------------------------------------------------------------------ the element */

function showState(): void {
  const value = checkout?.getAttribute('state') ?? 'idle';
  const known = (STATES as readonly string[]).includes(value);
  const previous = state;
  state = known ? (value as BanqCheckoutState) : 'idle';
  stateBadge.textContent = value;
  stateBadge.dataset.state = known ? value : 'unknown';
  paySkeleton.hidden = state !== 'idle' || checkout !== undefined;

  if (state === 'pending' && previous !== 'pending') {
    // The shopper clicked: this order is now being paid as it stands.
    if (order) snapshots.set(order.orderId, snapshot(order));
    hideNotice();
    payStatus.textContent = '';
    setStep('link', 'active', 'Asking our server…');
  }
  if (state !== previous && (state === 'pending' || previous === 'pending')) render();
}

function wire(element: BanqCheckout): void {
  for (const type of EVENTS)
    element.addEventListener(type, (event: CustomEvent<unknown>) =>
      log.add({ source: 'page', kind: 'event', event: type, at: Date.now(), detail: event.detail }),
    );

  element.addEventListener('banq-success', ({ detail }) => {
    setStep(
      'confirmed',
      'done',
      detail.source === 'events' ? 'Via the events stream' : 'Via the widget',
    );
    if (detail.source === 'widget') setStep('paid', 'done', "In banq's window");
    showReceipt(detail);
  });
  element.addEventListener('banq-error', ({ detail }) => {
    if (detail.phase === 'payment-link')
      setStep('link', 'failed', outage.checked ? 'Our server is down (503)' : 'Our server failed');
    onError(detail);
  });
  element.addEventListener('banq-close', () => {
    if (paidOrder) return;
    setStep('paid', 'todo');
    setStep('link', 'done', 'Made; the window was closed');
    payStatus.textContent = "You closed banq's window. Nothing was charged.";
  });

  new MutationObserver(showState).observe(element, {
    attributes: true,
    attributeFilter: ['state'],
  });
}

async function mountCheckout(): Promise<void> {
  let config: CheckoutConfig;
  try {
    config = await loadCheckoutConfig();
  } catch (error) {
    paySkeleton.hidden = true;
    showNotice('Payments are unavailable', 'Please refresh the page in a moment.');
    note('checkout config failed', error);
    return;
  }

  const element = document.createElement('banq-checkout');
  element.id = 'checkout';
  // Set before it is connected, so it never looks at the default (real banq's) script URL.
  element.scriptSrc = config.scriptSrc;
  element.backendUrl = config.backendUrl;
  element.eventsUrl = config.eventsUrl;
  checkout = element;
  render();
  wire(element);
  note('checkout config', config);
  paySkeleton.replaceWith(element);
  showState();
}

/* ------------------------------------------------------------------ the server's log */

const CONNECTION_TEXT: Record<ServerLogStatus, string> = {
  connecting: 'connecting…',
  live: 'live',
  closed: 'closed',
};

/** The server's and banq's steps for this page's order: into the log, and onto the flow strip. */
const serverLog = new ServerLogFollower(
  (step, orderId) => {
    log.add({
      source: step.source,
      kind: 'step',
      event: step.step,
      at: step.at,
      detail: Object.keys(step.detail).length ? step.detail : undefined,
    });
    if (orderId === followedOrderId()) followServer(step);
  },
  (status) => {
    logConnection.dataset.status = status;
    logConnection.textContent = CONNECTION_TEXT[status];
  },
);

/* ------------------------------------------------------------------ the outage switch */

// switchOutage() catches its own failure, and logs it.
outage.addEventListener('change', () => void switchOutage());

async function switchOutage() {
  const wanted = outage.checked;
  outage.disabled = true;
  try {
    outage.checked = await backendDown(wanted);
    document.body.dataset.outage = String(outage.checked);
    if (!outage.checked && !notice.hidden && !paidOrder)
      showNotice(
        'Our payment service is back',
        'Press “Pay with banq” again to finish your order.',
      );
  } catch (error) {
    outage.checked = !wanted;
    note('outage switch failed', error);
  } finally {
    outage.disabled = false;
  }
}

/* ------------------------------------------------------------------ start */

byId('clear-log').addEventListener('click', () => log.clear());

const DESTROYED = "banq's button was removed with destroy(). bootstrap() brings it back.";
byId('destroy').addEventListener('click', () => {
  if (!checkout) return;
  note('destroy()');
  checkout.destroy();
  payStatus.textContent = DESTROYED;
});
byId('bootstrap').addEventListener('click', () => {
  const element = checkout;
  if (!element) return;
  note('bootstrap()');
  element.bootstrap().then(
    () => {
      note('bootstrap() resolved', { state: element.state });
      if (payStatus.textContent === DESTROYED) payStatus.textContent = '';
    },
    (error: unknown) => note('bootstrap() rejected', error),
  );
});
newOrderButton.addEventListener('click', () => startNewOrder());

renderProducts();
render();
// The switch shows what the server says (a previous visit may have left the outage on).
backendDown().then(
  (down) => {
    outage.checked = down;
    document.body.dataset.outage = String(down);
  },
  (error: unknown) => note('could not read the outage switch', error),
);
void mountCheckout();
