/** Shared set-up for the browser tests: the element on the stand-in widget, and its popup. */
import { fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type {
  BanqCheckout,
  BanqErrorDetail,
  BanqSuccessDetail,
  BanqWidgetOptions,
} from '../../src/index.js';
import {
  freshKey,
  linkUrl,
  requestsFor,
  spyWidgetUrl,
  widgetUrl,
} from '../../testing/scripted-backend-client.js';

export * from '../../testing/scripted-backend-client.js';

export interface CheckoutOptions {
  key?: string;
  orderId?: string;
  funds?: string;
  link?: string;
  events?: string;
  script?: string;
}

/** A connected `<banq-checkout>` on the stand-in widget, resolved once `banq-ready` has fired. */
export async function readyCheckout(options: CheckoutOptions = {}): Promise<BanqCheckout> {
  const key = options.key ?? freshKey();
  const el = await fixture<BanqCheckout>(
    html`<banq-checkout
      script-src=${options.script ?? widgetUrl(key)}
      backend-url=${options.link ?? linkUrl(key)}
      order-id=${options.orderId ?? `order-${key}`}
      comment="Blue mug"
      funds=${options.funds ?? '12.5'}
      events-url=${options.events ?? ''}
    ></banq-checkout>`,
  );
  if (el.state !== 'ready') await oneEvent(el, 'banq-ready');
  return el;
}

/**
 * A ready element on the spy widget (testing/spy-widget.js): its key, and the options banq's
 * script was given, to call as banq would.
 */
export async function spyCheckout(options: Omit<CheckoutOptions, 'script'> = {}) {
  const key = options.key ?? freshKey();
  const el = await readyCheckout({ ...options, key, script: spyWidgetUrl(key) });
  return { key, el, options: lastSpyWidget().options };
}

/** A new `<banq-checkout>` on `scriptSrc`, not connected yet. */
export function checkoutOn(scriptSrc: string): BanqCheckout {
  const el = document.createElement('banq-checkout');
  el.scriptSrc = scriptSrc;
  return el;
}

/**
 * Puts a new `<banq-checkout>` on `scriptSrc` in the document, runs `test` with it and the
 * `banq-error` it is to fire, and removes it afterwards, whatever happened.
 */
export async function withFailingCheckout(
  scriptSrc: string,
  test: (el: BanqCheckout, error: Promise<CustomEvent<BanqErrorDetail>>) => Promise<void>,
): Promise<void> {
  const el = checkoutOn(scriptSrc);
  const error = oneEvent(el, 'banq-error');
  document.body.append(el);
  try {
    await test(el, error);
  } finally {
    el.remove();
  }
}

/** How a payment-link call ended: 'resolved', or the name of the error it was rejected with. */
export const linkOutcome = (getPaymentInfo: () => Promise<string>): Promise<string> =>
  getPaymentInfo().then(
    () => 'resolved',
    (error: unknown) => (error as Error).name,
  );

/** Waits for the element's one payment-link request to reach the scripted backend. */
export const requestSent = (key: string) =>
  waitUntil(async () => (await requestsFor(key)).length === 1, 'the request was not sent');

/** Waits for the scripted backend to see the first payment-link request aborted. */
export const requestAborted = (key: string) =>
  waitUntil(async () => (await requestsFor(key))[0].aborted, 'the request was not aborted');

/** The detail of every banq-success the element fires from now on, in order. */
export function successesOf(el: BanqCheckout): BanqSuccessDetail[] {
  const successes: BanqSuccessDetail[] = [];
  el.addEventListener('banq-success', (e) => successes.push(e.detail));
  return successes;
}

/** The stand-in widget's "Pay with banq" button inside the element's light DOM. */
export const payButton = (el: BanqCheckout) => {
  const button = el.querySelector<HTMLButtonElement>('.banq-w-button');
  if (!button) throw new Error('the stand-in widget rendered no button');
  return button;
};

/** Waits for the stand-in's popup, which opens once the payment link arrived. */
export async function openPopup(): Promise<HTMLElement> {
  await waitUntil(() => document.querySelector('[data-banq-popup]'), 'the popup did not open');
  return document.querySelector<HTMLElement>('[data-banq-popup]')!;
}

/**
 * The popup's close button, or, for 'pay', the "Pay here" button of banq's hosted payment page
 * inside the popup's iframe (testing/scripted-backend.js serves it), once that page has loaded.
 */
export async function popupAction(action: 'pay' | 'close'): Promise<HTMLElement> {
  const popup = await openPopup();
  if (action === 'close') {
    const close = popup.querySelector<HTMLElement>('[data-banq-action="close"]');
    if (!close) throw new Error('the popup has no close button');
    return close;
  }
  const frame = popup.querySelector<HTMLIFrameElement>('iframe[data-banq-frame]');
  if (!frame) throw new Error('the popup shows no payment page');
  const payHere = () => {
    const page = frame.contentDocument;
    if (!page || page.URL === 'about:blank' || page.readyState !== 'complete') return null;
    return page.querySelector<HTMLElement>('[data-banq-action="pay"]');
  };
  await waitUntil(payHere, 'the payment page did not load in the popup');
  return payHere()!;
}

/** Clicks "Pay with banq", waits for the popup, and resolves with the link request's body. */
export async function requestOnClick(el: BanqCheckout, key: string) {
  payButton(el).click();
  await openPopup();
  return (await requestsFor(key))[0].body;
}

/** What the spy widget (testing/spy-widget.js) recorded of one instance banq's script made. */
export interface SpyWidget {
  options: Required<BanqWidgetOptions>;
  bootstrapped: number;
  destroyed: number;
}

/** Every instance the spy widget made on this page, oldest first. */
export const spyWidgets = (): SpyWidget[] =>
  (window as unknown as { spyWidgets: SpyWidget[] }).spyWidgets;

/** The instance the spy widget made last: the one an element on it is using. */
export function lastSpyWidget(): SpyWidget {
  const widget = spyWidgets().at(-1);
  if (!widget) throw new Error('the spy widget made no instance');
  return widget;
}

/** How many instances of the stand-in widget (testing/scripted-backend.js) are live. */
export const liveWidgets = (): number =>
  (window as unknown as { ecommerceBanqWidget: { liveInstances: number } }).ecommerceBanqWidget
    .liveInstances;
