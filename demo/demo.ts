/**
 * The demo shop: a catalog, a cart, and one `<banq-checkout>` taking the payment, wired the
 * way a merchant's page would wire it. Beside it, for the merchant's team, the element's
 * `state`, a switch that takes the shop's backend down, and a live log of the page's events
 * interleaved with what the server and banq did.
 */
import '../src/index.js';
import type {
  BanqCheckout,
  BanqCheckoutState,
  BanqErrorDetail,
  BanqSuccessDetail,
} from '../src/index.js';
import { CATALOG, productById, type Product } from './catalog.js';
import { LiveLog, type LogSource } from './live-log.js';
import { EVENTS, SHOP } from './framework-demo.js';

const MAX_QUANTITY = 20;
const STATES: readonly BanqCheckoutState[] = [
  'idle',
  'loading',
  'ready',
  'pending',
  'paid',
  'error',
];

/* ------------------------------------------------------------------ page nodes */

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`demo: #${id} is missing from index.html`);
  return node as T;
}

const productList = byId<HTMLUListElement>('products');
const productsTitle = byId('products-title');
const cartSection = byId('cart');
const cartItems = byId<HTMLUListElement>('cart-items');
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
const payStatus = byId('pay-status');
const notice = byId('notice');
const noticeTitle = byId('notice-title');
const noticeText = byId('notice-text');
const receipt = byId('receipt');
const receiptLede = byId('receipt-lede');
const receiptItems = byId<HTMLUListElement>('receipt-items');
const receiptOrderId = byId('receipt-order-id');
const receiptAmount = byId('receipt-amount');
const receiptSource = byId('receipt-source');
const receiptPaymentId = byId('receipt-payment-id');
const newOrderButton = byId<HTMLButtonElement>('new-order');
const stateBadge = byId('state-badge');
const outage = byId<HTMLInputElement>('backend-outage');
const logConnection = byId('log-connection');
const flow = byId<HTMLOListElement>('flow');
const announcer = byId('announcer');

const log = new LiveLog(
  byId<HTMLOListElement>('event-log'),
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

/* ------------------------------------------------------------------ money, ids */

const currency = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const money = (cents: number) => currency.format(cents / 100);

function newOrderId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return `ord-${Array.from(bytes, (b) => (b % 36).toString(36)).join('')}`;
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
let orderId = newOrderId();
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
const totalCents = () => lines().reduce((sum, l) => sum + l.product.priceCents * l.quantity, 0);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The `comment` banq shows on its payment screen. */
const commentFor = (items: number) => `${SHOP} · ${plural(items, 'item')}`;

function snapshot(): OrderSnapshot {
  return {
    orderId,
    lines: lines().map((l) => ({ ...l })),
    cents: totalCents(),
    comment: commentFor(itemCount()),
  };
}

/** The cart cannot change while a payment is under way (banq's window is open). */
const cartLocked = () => state === 'pending';

/**
 * Changes the cart. The backend keeps an order's amount once it has made a link for it
 * (the same id with other funds is a 409), so every change of the cart is a new order id.
 */
function changeCart(change: () => void, message: string): void {
  if (cartLocked()) return;
  // Shopping on after a payment: the paid order is done, this is a new one.
  const fresh = paidOrder !== undefined;
  if (fresh) startNewOrder({ focus: false });
  change();
  payStatus.textContent = '';
  if (!fresh) {
    const previous = orderId;
    orderId = newOrderId();
    // Worth a note when the server may know the old id already (checkout had started).
    if (snapshots.has(previous))
      note('cart changed: new order', { previous, orderId, funds: totalCents() / 100 });
  }
  render();
  announce(`${message} Cart: ${plural(itemCount(), 'item')}, ${money(totalCents())}.`);
}

function startNewOrder({ focus = true } = {}): void {
  paidOrder = undefined;
  cart.clear();
  orderId = newOrderId();
  receipt.hidden = true;
  orderView.hidden = false;
  hideNotice();
  payStatus.textContent = '';
  render();
  note('new order', { orderId });
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
  const comment = commentFor(count);
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
  orderTotal.textContent = money(cents);
  orderIdText.textContent = orderId;
  orderComment.textContent = count ? comment : '—';

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

  const empty = count === 0;
  pay.dataset.empty = String(empty);
  payWidget.inert = empty;

  if (checkout) {
    // Properties, as a framework would set them; the element reads them on the shopper's click.
    checkout.orderId = orderId;
    checkout.comment = comment;
    checkout.funds = empty ? undefined : cents / 100;
  }
  if (flow.dataset.orderId !== orderId) resetFlow();
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
  const order = snapshots.get(detail.orderId) ?? { ...snapshot(), orderId: detail.orderId };
  paidOrder = order;
  hideNotice();
  payStatus.textContent = '';

  receiptLede.textContent = `Thank you! ${money(order.cents)} reached ${SHOP}. Your coffee is on its way.`;
  receiptItems.replaceChildren(
    ...order.lines.map(({ product, quantity }) => {
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
  receiptAmount.textContent = money(order.cents);
  receiptSource.textContent =
    detail.source === 'events' ? "banq's webhook (events)" : "banq's window (widget)";
  receipt.dataset.source = detail.source;
  receiptPaymentId.textContent = detail.paymentId ?? '';
  const paymentRow = receiptPaymentId.closest('div');
  if (paymentRow) paymentRow.hidden = !detail.paymentId;

  // The cart became this order; the next "Add to cart" starts a new one.
  cart.clear();
  orderView.hidden = true;
  receipt.hidden = false;
  receipt.focus({ preventScroll: true });
  receipt.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  announce(`Payment received for order ${detail.orderId}, ${money(order.cents)}.`);
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

/** banq payment id → order id, learnt from the server's log. */
const paymentOrders = new Map<string, string>();

function setStep(name: StepName, status: StepStatus, caption?: string): void {
  const step = flow.querySelector<HTMLElement>(`[data-step="${name}"]`);
  if (!step) return;
  // A step that is done stays done (a late "active" does not undo it).
  if (step.dataset.status === 'done' && status === 'active') return;
  step.dataset.status = status;
  const text = step.querySelector('[data-caption]');
  if (text) text.textContent = caption ?? DEFAULT_CAPTIONS.get(name) ?? '';
}

function resetFlow(): void {
  flow.dataset.orderId = orderId;
  for (const name of ['link', 'paid', 'webhook', 'confirmed'] as const) setStep(name, 'todo');
}

/** Moves the flow strip on from one server or banq step of the current order. */
function followServer(step: string, detail: Record<string, unknown>): void {
  const str = (key: string) => (typeof detail[key] === 'string' ? detail[key] : undefined);
  const paymentId = str('paymentId') ?? str('resourceId');
  const order = str('orderId') ?? str('externalOrderCode');
  if (paymentId && order) paymentOrders.set(paymentId, order);
  const mine = (order ?? (paymentId ? paymentOrders.get(paymentId) : undefined)) === orderId;
  if (!mine) return;
  switch (step) {
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

interface CheckoutConfig {
  scriptSrc: string;
  backendUrl: string;
  eventsUrl: string;
}

function isCheckoutConfig(value: unknown): value is CheckoutConfig {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return ['scriptSrc', 'backendUrl', 'eventsUrl'].every((key) => typeof record[key] === 'string');
}

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
    snapshots.set(orderId, snapshot());
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
  let config: unknown;
  try {
    const response = await fetch('/checkout-config');
    if (!response.ok) throw new Error(`/checkout-config answered ${response.status}`);
    config = await response.json();
    if (!isCheckoutConfig(config)) throw new Error('/checkout-config answered an unexpected shape');
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

function isServerLine(value: unknown): value is { at: string; step: string } {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.step === 'string' && typeof record.at === 'string';
}

function followServerLog(): void {
  const source = new EventSource('/demo-api/server-log');
  const status = (value: string, text: string) => {
    logConnection.dataset.status = value;
    logConnection.textContent = text;
  };
  source.addEventListener('open', () => status('live', 'live'));
  source.addEventListener('error', () =>
    status(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting', 'reconnecting…'),
  );
  source.addEventListener('message', ({ data }: MessageEvent<string>) => {
    let line: unknown;
    try {
      line = JSON.parse(data);
    } catch {
      return;
    }
    if (!isServerLine(line)) return;
    const { at, step, ...detail } = line as Record<string, unknown> & { at: string; step: string };
    const banq = step.startsWith('banq: ');
    const from: LogSource = banq ? 'banq' : 'server';
    const time = Date.parse(at);
    log.add({
      source: from,
      kind: 'step',
      event: banq ? step.slice('banq: '.length) : step,
      at: Number.isNaN(time) ? Date.now() : time,
      detail: Object.keys(detail).length ? detail : undefined,
    });
    followServer(step, detail);
  });
}

/* ------------------------------------------------------------------ the outage switch */

async function setBackendDown(down: boolean): Promise<boolean> {
  const response = await fetch('/demo-api/backend-down', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ down }),
  });
  if (!response.ok) throw new Error(`/demo-api/backend-down answered ${response.status}`);
  const body: unknown = await response.json();
  return typeof body === 'object' && body !== null && 'down' in body ? body.down === true : down;
}

outage.addEventListener('change', async () => {
  const wanted = outage.checked;
  outage.disabled = true;
  try {
    outage.checked = await setBackendDown(wanted);
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
});

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
followServerLog();
// The switch shows what the server says (a previous visit may have left the outage on).
fetch('/demo-api/backend-down')
  .then((response) => response.json() as Promise<{ down?: unknown }>)
  .then(
    ({ down }) => {
      outage.checked = down === true;
      document.body.dataset.outage = String(outage.checked);
    },
    (error: unknown) => note('could not read the outage switch', error),
  );
void mountCheckout();
