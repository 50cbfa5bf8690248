/**
 * The demo page's glue: it drives one `<banq-checkout>` like a merchant page would, plus a
 * playground to poke at it (simulate a QR-code payment, new order, destroy/bootstrap, backend
 * down) and a log of every event it fires.
 */
import '../src/index.js';
import type { BanqCheckout, BanqCheckoutEventMap, BanqCheckoutState } from '../src/index.js';

const BACKEND_URL = '/api/generate-payment-link';
const BROKEN_BACKEND_URL = '/api/nowhere';
const EVENTS = [
  'banq-ready',
  'banq-success',
  'banq-close',
  'banq-destroy',
  'banq-error',
] as const satisfies readonly (keyof BanqCheckoutEventMap)[];

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`demo: #${id} is missing from index.html`);
  return node as T;
}

const checkout = byId<BanqCheckout>('checkout');
const orderIdText = byId('order-id');
const receipt = byId('receipt');
const notice = byId('notice');
const destroyedNote = byId('destroyed-note');
const receiptText = byId('receipt-text');
const stateBadge = byId('state-badge');
const log = byId<HTMLOListElement>('event-log');
const logEmpty = byId('log-empty');
const eventCount = byId('event-count');
const backendDown = byId<HTMLInputElement>('backend-down');

const time = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** JSON for the log: errors (such as an error's `cause`) as `{name, message}` rather than `{}`. */
function toJson(value: unknown): string {
  const text = JSON.stringify(
    value,
    (_key, v: unknown) => (v instanceof Error ? { name: v.name, message: v.message } : v),
    1,
  );
  // One line, spaced like `{ "orderId": "ord-1001" }` (JSON escapes newlines inside strings).
  return text === undefined ? String(value) : text.replace(/\n\s*/g, ' ');
}

let events = 0;

/** Adds a line to the log: an element event (`kind` = its name) or a note on what the demo did. */
function addEntry(kind: string, title: string, detail?: unknown): void {
  const now = new Date();
  const item = document.createElement('li');
  item.className = 'log__entry';
  item.dataset.kind = kind;
  if (kind.startsWith('banq-')) {
    item.dataset.event = kind;
    eventCount.textContent = String(++events);
  }

  const stamp = document.createElement('time');
  stamp.className = 'log__time';
  stamp.dateTime = now.toISOString();
  stamp.textContent = `${time.format(now)}.${String(now.getMilliseconds()).padStart(3, '0')}`;

  const name = document.createElement('span');
  name.className = 'log__name';
  name.textContent = title;

  item.append(stamp, name);
  if (detail !== undefined) {
    const body = document.createElement('pre');
    body.className = 'log__detail';
    body.textContent = toJson(detail);
    item.append(body);
  }
  logEmpty.hidden = true;
  log.prepend(item);
}

for (const type of EVENTS) {
  checkout.addEventListener(type, (event: CustomEvent<unknown>) =>
    addEntry(type, type, event.detail),
  );
}

const note = (text: string, detail?: unknown) => addEntry('note', text, detail);

checkout.addEventListener('banq-destroy', () => (destroyedNote.hidden = false));
checkout.addEventListener('banq-ready', () => (destroyedNote.hidden = true));

// What a shopper sees: a receipt once paid, a notice when the payment could not start.
checkout.addEventListener('banq-error', ({ detail }) => {
  if (detail.phase === 'payment-link') notice.hidden = false;
});

checkout.addEventListener('banq-success', ({ detail }) => {
  notice.hidden = true;
  receiptText.textContent =
    detail.source === 'events'
      ? `Order ${detail.orderId} was paid in the banq app (${detail.paymentId ?? 'no payment id'}).`
      : `Order ${detail.orderId} was paid in banq's pop-up.`;
  receipt.hidden = false;
});

// The element reflects `state` as an attribute: show it as a badge.
const STATES: readonly BanqCheckoutState[] = [
  'idle',
  'loading',
  'ready',
  'pending',
  'paid',
  'error',
];
function showState(): void {
  const value = checkout.getAttribute('state') ?? checkout.state ?? 'idle';
  stateBadge.textContent = value;
  stateBadge.dataset.state = (STATES as readonly string[]).includes(value) ? value : 'unknown';
  if (value === 'pending' || value === 'idle') notice.hidden = true;
}
new MutationObserver(showState).observe(checkout, {
  attributes: true,
  attributeFilter: ['state'],
});
showState();

function showOrder(): void {
  orderIdText.textContent = checkout.orderId ?? '—';
}
showOrder();

byId('simulate').addEventListener('click', async () => {
  const orderId = checkout.orderId ?? '';
  try {
    const response = await fetch(
      `/api/simulate-app-payment?orderId=${encodeURIComponent(orderId)}`,
      { method: 'POST' },
    );
    const body: unknown = await response.json();
    const delivered =
      typeof body === 'object' && body !== null && 'delivered' in body ? body.delivered : undefined;
    note(
      delivered === 0
        ? `QR payment simulated for ${orderId}: nobody listening. The element subscribes once it has a payment link, so click “Pay with banq” first.`
        : `QR payment simulated for ${orderId}`,
      body,
    );
  } catch (error) {
    note('Simulating the QR payment failed', error);
  }
});

byId('new-order').addEventListener('click', () => {
  const id = `ord-${Math.random().toString(36).slice(2, 8)}`;
  checkout.orderId = id;
  showOrder();
  receipt.hidden = true;
  notice.hidden = true;
  note(`New order: orderId = "${id}"`);
});

byId('destroy').addEventListener('click', () => {
  note('destroy()');
  checkout.destroy();
});

byId('bootstrap').addEventListener('click', () => {
  note('bootstrap()');
  checkout.bootstrap().then(
    () => note(`bootstrap() resolved, state "${checkout.state}"`),
    (error: unknown) => note('bootstrap() rejected', error),
  );
});

backendDown.addEventListener('change', () => {
  checkout.backendUrl = backendDown.checked ? BROKEN_BACKEND_URL : BACKEND_URL;
  note(`backendUrl = "${checkout.backendUrl}"`);
});

byId('clear-log').addEventListener('click', () => {
  for (const entry of log.querySelectorAll('.log__entry')) entry.remove();
  events = 0;
  eventCount.textContent = '0';
  logEmpty.hidden = false;
});
