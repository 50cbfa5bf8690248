/**
 * The element's configuration checks, in one place: each names the attribute to fix, or
 * returns nothing when the element can go on. Checked before anything loads or is sent.
 */
import { fundsProblem } from './funds.js';
import type { GetPaymentLink } from './types.js';

/** What the widget's checks read of the element. */
interface WidgetSettings {
  scriptSrc: string;
  timeout: number;
  getRootNode(): Node;
}

/** What the payment link's checks read of the element: a framework may have unset any of them. */
interface PaymentLinkSettings {
  orderId?: string;
  backendUrl?: string;
  getPaymentLink?: GetPaymentLink;
  funds?: number;
  getAttribute(name: string): string | null;
}

/** Why banq's widget cannot load for `el` as it is set up; nothing when it can. */
export function widgetProblem(el: WidgetSettings): string | undefined {
  if (el.getRootNode() !== document)
    return "banq-checkout must be in the document, not a shadow root: banq's widget looks it up by id";
  if (!el.scriptSrc) return "script-src is empty: set it to banq's ecommerce.js";
  if (!(el.timeout > 0)) return `timeout must be milliseconds above 0, not "${el.timeout}"`;
}

/**
 * Why `el` cannot ask for a payment link for `funds` (its `funds` as a number); nothing when
 * it can. So bad input never reaches the backend.
 */
export function paymentLinkProblem(el: PaymentLinkSettings, funds: number): string | undefined {
  if (!el.orderId?.trim()) return "order-id is empty: set it to the order's id";
  // The backend's own rule, so what the element sends is what the backend takes.
  const problem = fundsProblem(funds);
  // What the page wrote, unless the number itself says it: `funds="ten"` is NaN by now, and
  // an attribute written before a property was set is stale.
  if (problem)
    // eslint-disable-next-line @typescript-eslint/restrict-template-expressions -- "undefined" is what was set
    return `funds ${problem}, not "${Number.isNaN(funds) ? (el.getAttribute('funds') ?? el.funds) : funds}"`;
  if (!el.backendUrl && !el.getPaymentLink)
    return 'backend-url is not set: set it to your payment-link endpoint';
}
