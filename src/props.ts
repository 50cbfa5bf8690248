import type { BanqCheckout } from './banq-checkout.js';
import type { BanqCheckoutEventMap } from './events.js';

/** The properties a framework may set on `<banq-checkout>` (all optional, as on the element). */
export type BanqCheckoutProperties = Partial<
  Pick<
    BanqCheckout,
    | 'scriptSrc'
    | 'backendUrl'
    | 'orderId'
    | 'comment'
    | 'funds'
    | 'frequency'
    | 'startDate'
    | 'endDate'
    | 'eventsUrl'
    | 'timeout'
    | 'nonce'
    | 'getPaymentLink'
    | 'headers'
    | 'metadata'
    | 'strings'
  >
>;

/** The same settings as attributes, for templates that write them kebab-cased. */
export interface BanqCheckoutAttributes {
  'script-src'?: string;
  'backend-url'?: string;
  'order-id'?: string;
  comment?: string;
  funds?: number | string;
  frequency?: string;
  'start-date'?: string;
  'end-date'?: string;
  'events-url'?: string;
  timeout?: number | string;
  nonce?: string;
}

/** `onbanq-success` and the like: the lowercase `on` + event name that React 19 and Svelte 5 listen with. */
export type BanqCheckoutEventHandlers = {
  [K in keyof BanqCheckoutEventMap as `on${K}`]?: (event: BanqCheckoutEventMap[K]) => void;
};
