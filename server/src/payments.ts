/**
 * Booking a payment banq says is completed: the one path a verified webhook and the
 * reconciler share. The payment must be for a known order and its amount; one that is not is
 * kept for review (money may have been taken: never dropped, never marked paid).
 */
import type { BanqApi } from './banq-api.js';
import { API_PATHS, PAYMENT_STATUS, type BanqPayment } from './banq-contract.js';
import type { StepLog } from './http.js';
import { STEP } from './steps.js';
import type { Store } from './store/index.js';

/**
 * banq's payment as `GET /payments/{id}` answers it (bare or in `data`): the contract's fields
 * that booking reads, each unchecked.
 */
export type BanqPaymentAnswer = Partial<
  Record<keyof Pick<BanqPayment, 'id' | 'status' | 'externalOrderCode' | 'funds'>, unknown>
>;

export type Booking =
  | { outcome: 'paid'; orderId: string }
  | { outcome: 'duplicate'; orderId: string }
  | { outcome: 'not-completed'; status: string }
  | { outcome: 'review'; reason: string };

export interface PaymentBook {
  /** Asks banq for the payment (throws a BanqApiError when banq cannot say). */
  fetch(paymentId: string): Promise<BanqPaymentAnswer>;
  /** Books what banq answered for `paymentId`; `deliveryId`, banq's webhook event id, is recorded as processed. */
  book(paymentId: string, payment: BanqPaymentAnswer, deliveryId?: string): Promise<Booking>;
}

export function paymentBook(api: BanqApi, store: Store, log: StepLog): PaymentBook {
  async function review(paymentId: string, reason: string, detail: Record<string, unknown>) {
    const kept = await store.addReview({ paymentId, reason, ...detail });
    if (kept) log(STEP.paymentNeedsReview, { paymentId, reason, ...detail }, 'error');
    return { outcome: 'review', reason } as const;
  }

  /** A completed payment that booked nothing: a retry of one booked, or one for a person to look at. */
  async function whyNotBooked(
    paymentId: string,
    orderId: unknown,
    paidFunds: number | undefined,
  ): Promise<Booking> {
    if (typeof orderId !== 'string' || !orderId)
      return review(paymentId, 'the payment names no order', {});
    const order = await store.getOrder(orderId);
    if (!order) return review(paymentId, 'no such order', { orderId, funds: paidFunds });
    if (order.status === 'paid')
      return order.paidPaymentId === paymentId
        ? { outcome: 'duplicate', orderId }
        : // A second payment for a paid order: money taken twice.
          review(paymentId, 'the order is paid already, by another payment', {
            orderId,
            funds: paidFunds,
          });
    return review(paymentId, 'the amount is not the order’s', {
      orderId,
      funds: paidFunds,
      expected: order.funds,
    });
  }

  return {
    async fetch(paymentId) {
      const answer = await api.request<BanqPaymentAnswer & { data?: BanqPaymentAnswer }>(
        'GET',
        API_PATHS.payment(encodeURIComponent(paymentId)),
      );
      return answer.data ?? answer;
    },

    async book(paymentId, payment, deliveryId) {
      const { status, externalOrderCode: orderId, funds } = payment;
      if (status !== PAYMENT_STATUS.completed)
        return { outcome: 'not-completed', status: String(status) };
      const paidFunds = typeof funds === 'number' ? funds : undefined;
      // The common case in one statement (which records the delivery too).
      const event =
        typeof orderId === 'string' && orderId && paidFunds !== undefined
          ? await store.markPaid(orderId, paymentId, paidFunds, deliveryId)
          : undefined;
      if (!event) {
        const booking = await whyNotBooked(paymentId, orderId, paidFunds);
        // Only once the payment is kept for review (or known to be booked): a delivery recorded
        // before that and a failure in between would let banq's retry drop the payment.
        if (deliveryId) await store.addDelivery(deliveryId, paymentId);
        return booking;
      }
      // The browser is told by every instance's event relay, this one's included.
      log(STEP.paymentVerified, { orderId: event.orderId, paymentId });
      return { outcome: 'paid', orderId: event.orderId };
    },
  };
}
