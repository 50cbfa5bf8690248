/** Public types of `<banq-checkout>`: what it sends, what it fires, and what banq's script exposes. */

/** Where the element stands; reflected as the `state` attribute for styling. */
export type BanqCheckoutState = 'idle' | 'loading' | 'ready' | 'pending' | 'paid' | 'error';

/** Every string `<banq-checkout>` shows or announces, for the `strings` property. */
export interface BanqCheckoutStrings {
  /** The accessible name of the placeholder while banq's script loads. */
  loading: string;
  /** The fallback's message, announced, when banq's widget cannot be shown. */
  unavailable: string;
  /** The fallback's button, which loads banq's widget again. */
  retry: string;
  /** Announced once the payment is complete. */
  paid: string;
}

/** The JSON body POSTed to `backend-url`, and the argument of `getPaymentLink`. */
export interface PaymentLinkRequest {
  orderId: string;
  comment: string;
  funds: number;
  frequency?: string;
  startDate?: string;
  endDate?: string;
  metadata?: Record<string, unknown>;
}

/** The second argument of `getPaymentLink`. */
export interface PaymentLinkOptions {
  /**
   * Aborted when the element is removed or destroyed, when a new order or widget supersedes
   * the payment, and after `timeout` ms, as the built-in request is: pass it to `fetch`.
   */
  signal: AbortSignal;
}

/**
 * Resolves with banq's payment link for the request, in place of the built-in POST to
 * `backend-url`; held to `timeout` like it.
 */
export type GetPaymentLink = (
  request: PaymentLinkRequest,
  options: PaymentLinkOptions,
) => Promise<string>;

/** Which step failed, in the order a payment goes through them. */
export type BanqErrorPhase = 'config' | 'script' | 'payment-link' | 'events';

export type BanqReadyDetail = Record<string, never>;

export interface BanqSuccessDetail {
  orderId: string;
  /** `widget`: banq's popup reported it; `events`: the backend's events stream did (QR-code payments). */
  source: 'widget' | 'events';
  paymentId?: string;
}

export interface BanqCloseDetail {
  orderId: string;
}

export interface BanqDestroyDetail {
  orderId: string;
}

export interface BanqErrorDetail {
  phase: BanqErrorPhase;
  /** What went wrong and what to fix, for a developer. */
  message: string;
  cause?: unknown;
}

/** One message of the `events-url` stream. */
export interface PaymentEventMessage {
  orderId: string;
  status: string;
  paymentId?: string;
}

/** The options banq's `ecommerce.js` takes (`new window.ecommerceBanqWidget(options)`). */
export interface BanqWidgetOptions {
  selector: string;
  getPaymentInfo: () => Promise<string>;
  onPopUpClose?: () => void;
  onPaymentSuccess?: () => void;
}

/** An instance of banq's widget. */
export interface BanqWidget {
  bootstrapApp(): void;
  destroyWidget(): void;
}

export type BanqWidgetConstructor = new (options: BanqWidgetOptions) => BanqWidget;

declare global {
  interface Window {
    ecommerceBanqWidget?: BanqWidgetConstructor;
  }
}
