/**
 * What the React and the Vue page share, none of it framework code: the one product they
 * sell, their live log of the element's five events (demo/live-log.ts) and the count of each,
 * the receipt, which message the shopper reads, and the static markup both render. What
 * every demo page shares is demo/page-helpers.ts.
 */
import type { BanqSuccessDetail } from '../src/index.js';
import { productById, type Product } from './catalog.js';
import { ICON } from './icons.js';
import { LiveLog } from './live-log.js';
import {
  CONFIG_FAILED,
  BANQ_EVENTS,
  ORDER_FAILED,
  type BanqEvent,
  type BanqEventType,
  type ShopperMessage,
} from './page-helpers.js';

function product(id: string): Product {
  const found = productById(id);
  if (!found) throw new Error(`demo: no product ${id} in catalog.ts`);
  return found;
}

/** The one thing these pages sell. */
export const PRODUCT = product('espresso');

/** The cart of these pages: `quantity` of the product. */
export const cartOf = (quantity: number) => [{ productId: PRODUCT.id, quantity }];

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

/** How many of each event the page's handlers received. */
export type EventCounts = Record<BanqEventType, number>;
export const noCounts = () =>
  Object.fromEntries(BANQ_EVENTS.map((name) => [name, 0])) as EventCounts;
export const counted = (counts: EventCounts, type: string): EventCounts =>
  type in counts ? { ...counts, [type]: counts[type as BanqEventType] + 1 } : counts;

/** What the receipt shows: the payment, and what it paid for. */
export interface Receipt extends BanqSuccessDetail {
  quantity: number;
  cents: number;
}

/** The message the shopper reads, the most pressing first; none when all is well. */
export function shownMessage(
  configFailed: boolean,
  orderFailed: boolean,
  problem: ShopperMessage | undefined,
): ShopperMessage | undefined {
  if (configFailed) return CONFIG_FAILED;
  if (orderFailed) return ORDER_FAILED;
  return problem;
}

/** "Two ways to pay", under the element: static markup of this file's. */
export const PAY_PATHS = `<p class="paths__title">Two ways to pay</p>
<ul class="paths__list">
  <li>
    <span class="paths__icon" aria-hidden="true">${ICON.screen}</span>
    <span><strong>Pay here</strong> in banq's window: <code>banq-success</code> from the widget.</span>
  </li>
  <li>
    <span class="paths__icon" aria-hidden="true">${ICON.phone}</span>
    <span><strong>Scan with the banq app</strong>: <code>banq-success</code> from the events
      stream, once banq's webhook reached the server.</span>
  </li>
</ul>`;
