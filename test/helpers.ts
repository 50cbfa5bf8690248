/** Shared set-up for the browser tests: fresh keys, the scripted backend, and the stand-in widget. */
import { fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../src/index.js';
import type { BanqCheckout } from '../src/index.js';

let keys = 0;
/** A key no other test uses, so the backend's records are this test's alone. */
export const freshKey = () => `k${Date.now().toString(36)}${++keys}`;

/** The stand-in of banq's ecommerce.js at a URL only this key uses (one load per URL per page). */
export const widgetUrl = (key: string, query = '') => `/api/widget.js?key=${key}${query}`;
export const spyWidgetUrl = (key: string) => `/test/fixtures/spy-widget.js?key=${key}`;
export const linkUrl = (key: string, query = '') => `/api/link?key=${key}${query}`;
export const eventsUrl = (key: string, query = '') => `/api/events?key=${key}${query}`;

export async function getJson<T>(path: string): Promise<T> {
  return (await fetch(path)).json() as Promise<T>;
}

export const requestsFor = (key: string) =>
  getJson<{ body: Record<string, unknown>; headers: Record<string, string> }[]>(
    `/api/requests?key=${key}`,
  );
export const widgetLoads = (key: string) => getJson<number>(`/api/widget-loads?key=${key}`);
export const openStreams = (key: string) => getJson<(string | null)[]>(`/api/streams?key=${key}`);

/** Sends one raw `data:` message to the key's open event streams; resolves with how many got it. */
export async function emit(key: string, message: unknown): Promise<number> {
  const body = typeof message === 'string' ? message : JSON.stringify(message);
  const answer = await fetch(`/api/emit?key=${key}`, { method: 'POST', body });
  return ((await answer.json()) as { delivered: number }).delivered;
}

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
  const el = await fixture<BanqCheckout>(html`<banq-checkout
    script-src=${options.script ?? widgetUrl(key)}
    backend-url=${options.link ?? linkUrl(key)}
    order-id=${options.orderId ?? `order-${key}`}
    comment="Blue mug"
    funds=${options.funds ?? '12.5'}
    events-url=${options.events ?? ''}
  ></banq-checkout>`);
  if (el.state !== 'ready') await oneEvent(el, 'banq-ready');
  return el;
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

export const popupAction = (action: 'pay' | 'close') =>
  document.querySelector<HTMLElement>(`[data-banq-popup] [data-banq-action="${action}"]`)!;
