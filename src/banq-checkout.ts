import { LitElement, html, nothing } from 'lit';
import { styles } from './banq-checkout.styles.js';
import { BanqCheckoutError } from './errors.js';
import { PaymentEventsController } from './payment-events-controller.js';
import { paymentLinkProblem } from './configuration.js';
import { fetchPaymentLink, isPaymentLink } from './payment-link.js';
import type { BanqCheckoutEventMap } from './events.js';
import type {
  BanqCheckoutState,
  BanqCheckoutStrings,
  GetPaymentLink,
  PaymentLinkRequest,
} from './types.js';
import { WidgetController } from './widget-controller.js';

/** The element's words until `strings` says otherwise. */
export const ENGLISH: BanqCheckoutStrings = {
  loading: 'Loading banq checkout',
  unavailable: 'Payment is unavailable',
  retry: 'Try again',
  paid: 'Payment complete',
};

/**
 * Takes a banq payment: loads banq's checkout widget, asks the merchant's
 * backend for a payment link when the shopper clicks, and reports every
 * outcome as a DOM event.
 *
 * Accessible: while the script loads, the placeholder is a busy `status` named by
 * `strings.loading`; one polite live region, there from the first render, announces the
 * failure (`strings.unavailable`) and the payment (`strings.paid`); the fallback's button is
 * a real `<button>`; focusing the element focuses it (`delegatesFocus`). Nothing moves (so
 * `prefers-reduced-motion` has nothing to stop), and the boxes keep a border in forced colors.
 *
 * @fires banq-ready - The widget is bootstrapped and its button is on the page.
 * @fires banq-success - The payment completed; at most once per order. Detail: `{orderId, source, paymentId?}`,
 *   `orderId` being the order of the payment link that was paid.
 * @fires banq-close - The shopper closed banq's popup. Detail: `{orderId}`.
 * @fires banq-destroy - `destroy()` tore the widget down. Detail: `{orderId}`.
 * @fires banq-error - Something failed. Detail: `{phase, message, cause?}`.
 *
 * @slot loading - Shown while banq's script loads, instead of the placeholder.
 * @slot error - Shown when banq's widget cannot be shown, instead of the fallback.
 *
 * @csspart placeholder - The box the size of banq's button shown while its script loads.
 * @csspart error - The fallback shown when banq's widget cannot be shown.
 * @csspart retry - The fallback's "Try again" button.
 *
 * @attr nonce - CSP nonce for the injected script tag; read through the built-in `nonce`
 *   property, which keeps the value when the browser hides the attribute. The element's own
 *   styles need none: they are adopted stylesheets (else set `window.litNonce`).
 *
 * @cssproperty [--banq-checkout-width=240px] - Width of the placeholder and fallback (banq's button).
 * @cssproperty [--banq-checkout-height=48px] - Height of the placeholder and fallback (banq's button).
 */
export class BanqCheckout extends LitElement {
  static override styles = styles;

  /** @internal Focusing the element focuses what is inside it: the fallback's "Try again". */
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  // Declared statically rather than with decorators: the same contract in fewer
  // bytes, which the size budget needs.
  static override properties = {
    scriptSrc: { attribute: 'script-src' },
    backendUrl: { attribute: 'backend-url' },
    orderId: { attribute: 'order-id' },
    comment: {},
    funds: { type: Number },
    frequency: {},
    startDate: { attribute: 'start-date' },
    endDate: { attribute: 'end-date' },
    eventsUrl: { attribute: 'events-url' },
    timeout: { type: Number },
    getPaymentLink: { attribute: false },
    headers: { attribute: false },
    metadata: { attribute: false },
    strings: { attribute: false },
  };

  /** URL of banq's widget script. */
  scriptSrc = 'https://sandbox.banq.com/widget/ecommerce.js';

  /** The merchant's intermediary endpoint, POSTed the payment request; answers `{data: {url}}`. */
  declare backendUrl?: string;

  /** The merchant's order id, sent to banq as `externalOrderCode`. */
  orderId = '';

  /** Text the banq app shows on the payment screen, such as the product's title. */
  comment = '';

  /** Amount to charge: whole cents (at most two decimals), from 0.01 to 1,000,000. */
  declare funds?: number;

  /** Recurring payments only: banq's frequency (the backend sends `once` when unset). */
  declare frequency?: string;

  /** Recurring payments only: first payment date, `YYYY-MM-DD`. */
  declare startDate?: string;

  /** Recurring payments only: last payment date, `YYYY-MM-DD`. */
  declare endDate?: string;

  /** Server-Sent Events URL reporting completions the widget cannot see (QR-code payments); `?orderId=` is added. */
  declare eventsUrl?: string;

  /** Milliseconds before the backend request (or `getPaymentLink`), or the script load, is abandoned. */
  timeout = 15000;

  /**
   * Replaces the built-in POST to `backend-url`, for backends of another shape:
   * `(request, {signal}) => Promise<url>`. `signal` aborts when the payment is abandoned or
   * `timeout` passes; the link must be `https:` (`http:` only on localhost).
   */
  declare getPaymentLink?: GetPaymentLink;

  /** Extra headers for the backend request, such as a CSRF token. */
  declare headers?: Record<string, string>;

  /** Sent to the backend as `metadata`, such as the customer id. */
  declare metadata?: Record<string, unknown>;

  /**
   * The element's own words, for another language: `{loading, unavailable, retry, paid}`.
   * Each one left out, or undefined, stays English.
   */
  declare strings?: Partial<BanqCheckoutStrings>;

  /** Where the payment stands; reflected as the `state` attribute. Read-only. */
  get state(): BanqCheckoutState {
    return this.#state;
  }

  #state: BanqCheckoutState = 'idle';

  readonly #widget = new WidgetController(
    this,
    {
      getPaymentInfo: () =>
        (this.#linkRequest ??= this.#requestLink().finally(() => (this.#linkRequest = undefined))),
      onPopUpClose: () => {
        this.#to('ready', 'pending');
        this.#emit('banq-close', { orderId: this.orderId });
      },
      onPaymentSuccess: () => this.#succeed('widget'),
    },
    (status, error) => {
      // A widget coming up (or failing) replaces the one a link was being fetched for.
      if (status !== 'ready') this.#abort?.abort();
      this.#to(status);
      if (error) this.#fail(error);
      else if (status === 'ready') this.#emit('banq-ready', {});
    },
  );

  readonly #events = new PaymentEventsController(
    (paymentId) => this.#succeed('events', paymentId),
    (error) => this.#fail(error),
  );

  /** The payment-link request in flight: a double click shares it rather than making a second link. */
  #linkRequest?: Promise<string>;
  #abort?: AbortController;
  /** The order of the payment link asked for last: the order a success from the widget is for. */
  #linkOrderId?: string;
  #paidOrderId?: string;

  /** Tears banq's widget down, abandons a payment in progress, and fires `banq-destroy`. */
  destroy(): void {
    this.#stop();
    this.#emit('banq-destroy', { orderId: this.orderId });
  }

  /** (Re)creates banq's widget, after `destroy()` or a failed script load; resolves once it is ready or has failed. */
  bootstrap(): Promise<void> {
    return this.#widget.bootstrap();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stop();
  }

  protected override willUpdate(): void {
    // A new order starts afresh: the previous order's stream and outcome no longer apply, and a
    // popup open for it goes with its widget, so that payment cannot pass for the new order's.
    // Idempotent, as it runs again on every update until a link is asked for the new order.
    if (this.#linkOrderId && this.orderId !== this.#linkOrderId) {
      this.#events.close();
      if (this.#state === 'pending') void this.bootstrap();
      else this.#to('ready', 'paid');
    }
  }

  protected override render() {
    const state = this.#state;
    // Key by key: a word left undefined (a translation still loading) stays English.
    const word = (key: keyof BanqCheckoutStrings) => this.strings?.[key] ?? ENGLISH[key];
    // The live region is there from the first render, as screen readers announce only changes
    // to a region they already know. The fallback's own text is hidden from them, so it is
    // not read twice. Lit calls `@click` listeners with the element as `this`.
    /* eslint-disable @typescript-eslint/unbound-method */
    return html`
      ${
        state === 'loading'
          ? html`<slot name="loading">
              <div
                part="placeholder"
                role="status"
                aria-busy="true"
                aria-label=${word('loading')}
              ></div>
            </slot>`
          : state === 'error'
            ? html`<slot name="error">
                <div part="error">
                  <span aria-hidden="true">${word('unavailable')}</span>
                  <button part="retry" @click=${this.bootstrap}>${word('retry')}</button>
                </div>
              </slot>`
            : nothing
      }
      <slot name="widget"></slot>
      <span role="status"
        >${state === 'error' ? word('unavailable') : state === 'paid' ? word('paid') : ''}</span
      >
    `;
    /* eslint-enable @typescript-eslint/unbound-method */
  }

  async #requestLink(): Promise<string> {
    const { orderId, backendUrl, getPaymentLink, eventsUrl, timeout } = this;
    // A number, as the attribute is: Vue, Svelte and React 19 set the property to the text of
    // `funds="12.50"` when the element is defined before they render: typed a number, it may
    // be a string here.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-conversion
    const funds = +(this.funds as number);
    const problem = paymentLinkProblem(this, funds);
    if (problem) throw this.#fail(new BanqCheckoutError('config', problem));
    const request: PaymentLinkRequest = { orderId, comment: this.comment, funds };
    // Recurring-payment fields and metadata go only when set.
    for (const key of ['frequency', 'startDate', 'endDate', 'metadata'] as const)
      if (this[key]) (request as Partial<Record<typeof key, unknown>>)[key] = this[key];
    const abort = (this.#abort = new AbortController());
    const source = getPaymentLink ? 'getPaymentLink' : 'backend-url';
    let signal = abort.signal;
    this.#linkOrderId = orderId;
    this.#to('pending');
    try {
      signal = AbortSignal.any([signal, AbortSignal.timeout(timeout)]);
      const [url, token] = getPaymentLink
        ? [
            // Raced with the signal: a hook that ignores it is held to the timeout all the same.
            await Promise.race([
              getPaymentLink(request, { signal }),
              new Promise<never>((_, reject) =>
                signal.addEventListener('abort', () => reject(signal.reason as Error)),
              ),
            ]),
          ]
        : await fetchPaymentLink(backendUrl as string, request, this.headers, signal);
      // Stopped while the answer was on its way (Lit updates run as microtasks too).
      abort.signal.throwIfAborted();
      if (typeof url !== 'string' || !isPaymentLink(url))
        throw new BanqCheckoutError(
          'payment-link',
          `${source} gave ${JSON.stringify(url)}: a payment link must be an https: URL (http: only on localhost)`,
        );
      if (eventsUrl) this.#events.open(eventsUrl, orderId, token);
      return url;
    } catch (error) {
      if (abort.signal.aborted) throw error;
      this.#to('ready', 'pending');
      throw this.#fail(
        error instanceof BanqCheckoutError
          ? error
          : new BanqCheckoutError(
              'payment-link',
              signal.aborted
                ? `${source} did not answer within ${timeout} ms`
                : `${source} failed: ${(error as Error | undefined)?.message ?? (error as string)}`,
              { cause: error },
            ),
      );
    }
  }

  #succeed(source: 'widget' | 'events', paymentId?: string): void {
    const orderId = this.#linkOrderId ?? this.orderId;
    if (this.#paidOrderId === orderId) return;
    this.#paidOrderId = orderId;
    this.#events.close();
    // `paid` by #to's rule, unless the page has moved on to another order since that link.
    this.#to('ready');
    this.#emit('banq-success', { orderId, source, ...(paymentId && { paymentId }) });
    // Paid in the banq app: banq's popup never learns of it, so close it the guide's way
    // (destroyWidget, inside bootstrap) and put a fresh button back.
    if (source === 'events') void this.bootstrap();
  }

  /** Widget gone, request abandoned, stream closed: what removal and `destroy()` share. */
  #stop(): void {
    this.#widget.teardown();
    this.#abort?.abort();
    this.#events.close();
    this.#to('idle');
  }

  /**
   * The one way `state` changes, by the rules of the README's "States". A move `from` one state
   * only (a closed popup or a failed link leave `pending`, a new order leaves `paid`) does
   * nothing from any other. `ready` is `paid` while the current order is the one paid: a
   * widget coming up again for it does not make it payable twice. Reflected as the `state`
   * attribute, for styling.
   */
  #to(next: BanqCheckoutState, from?: BanqCheckoutState): void {
    if (from && from !== this.#state) return;
    if (next === 'ready' && this.#paidOrderId === this.orderId) next = 'paid';
    this.setAttribute('state', (this.#state = next));
    this.requestUpdate();
  }

  #fail(error: BanqCheckoutError): BanqCheckoutError {
    const { phase, message, cause } = error;
    this.#emit('banq-error', { phase, message, cause });
    return error;
  }

  /** Nothing fires once the element is off the page. */
  #emit<K extends keyof BanqCheckoutEventMap>(
    type: K,
    detail: BanqCheckoutEventMap[K]['detail'],
  ): void {
    if (this.isConnected)
      this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'banq-checkout': BanqCheckout;
  }
}
