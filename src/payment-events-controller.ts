import { BanqCheckoutError } from './errors.js';
import type { PaymentEventMessage } from './types.js';

/**
 * Listens to the merchant's Server-Sent Events stream for one order, because a
 * shopper who pays by scanning the QR code in the banq app completes the
 * payment where banq's widget cannot see it. The element closes it wherever a
 * payment ends (removal and `destroy()`, a new order, a success), so it needs
 * no lifecycle hooks of its own.
 */
export class PaymentEventsController {
  #source?: EventSource;
  #orderId?: string;

  readonly #onCompleted: (paymentId?: string) => void;
  readonly #onError: (error: BanqCheckoutError) => void;

  constructor(
    onCompleted: (paymentId?: string) => void,
    onError: (error: BanqCheckoutError) => void,
  ) {
    this.#onCompleted = onCompleted;
    this.#onError = onError;
  }

  /**
   * Opens the stream for `orderId`, unless it is open for it already; with the
   * order's events token from the link answer, when the backend gave one.
   */
  open(eventsUrl: string, orderId: string, token?: string): void {
    if (this.#source && this.#orderId === orderId) return;
    this.close();
    const url = new URL(eventsUrl, document.baseURI);
    url.searchParams.set('orderId', orderId);
    if (token) url.searchParams.set('token', token);
    const source = (this.#source = new EventSource(url));
    this.#orderId = orderId;
    source.onmessage = ({ data }: MessageEvent<string>) => {
      let message: Partial<PaymentEventMessage> | undefined;
      try {
        message = JSON.parse(data) as Partial<PaymentEventMessage>;
      } catch {
        // Not a payment event (the stream may carry others); ignored like other orders'.
      }
      if (message?.orderId === orderId && message.status === 'completed') {
        this.close();
        this.#onCompleted(message.paymentId);
      }
    };
    // EventSource reconnects by itself; CLOSED (2, spelled as a number for the size budget)
    // means the browser gave up (an answer that was not 200 text/event-stream).
    source.onerror = () => {
      if (source.readyState < 2) return;
      this.close();
      this.#onError(
        new BanqCheckoutError(
          'events',
          `events-url (${url}) stopped: it must answer 200 text/event-stream`,
        ),
      );
    };
  }

  close(): void {
    this.#source?.close();
    this.#source = this.#orderId = undefined;
  }
}
