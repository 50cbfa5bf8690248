/**
 * The merchant's order records and the feed of their changes. In memory, which is
 * enough for the demo and for one process; a production backend keeps the same
 * records in its database (the shape and the rules stay).
 */

/** What the browser is told, over the events stream. */
export interface OrderEvent {
  /** Rises with every change, across all orders: the SSE `id:` for Last-Event-ID. */
  id: number;
  orderId: string;
  status: 'completed';
  paymentId: string;
}

export interface OrderRecord {
  orderId: string;
  funds: number;
  comment: string;
  /** banq's payment link for this order, once made. */
  url?: string;
  /** banq's payment id for the link, once made. */
  paymentId?: string;
  /** Set once banq confirmed the payment. */
  paid?: OrderEvent;
}

type Listener = (event: OrderEvent) => void;

export class OrderBook {
  readonly #orders = new Map<string, OrderRecord>();
  readonly #listeners = new Map<string, Set<Listener>>();
  #lastEventId = 0;

  get(orderId: string): OrderRecord | undefined {
    return this.#orders.get(orderId);
  }

  /** The record for a new payment link, created if need be. */
  open(orderId: string, funds: number, comment: string): OrderRecord {
    let record = this.#orders.get(orderId);
    if (!record) this.#orders.set(orderId, (record = { orderId, funds, comment }));
    return record;
  }

  /** Forgets an order that has neither a payment link nor a payment. */
  discardUnpaid(orderId: string): void {
    const record = this.#orders.get(orderId);
    if (record && !record.url && !record.paid) this.#orders.delete(orderId);
  }

  /**
   * Marks the order paid and tells its listeners; false when it was paid already
   * (banq delivers a webhook again when it is not sure we got it).
   */
  markPaid(orderId: string, paymentId: string, funds: number): boolean {
    const record = this.open(orderId, funds, '');
    if (record.paid) return false;
    const event: OrderEvent = { id: ++this.#lastEventId, orderId, status: 'completed', paymentId };
    record.paid = event;
    for (const listener of this.#listeners.get(orderId) ?? []) listener(event);
    return true;
  }

  /** Calls `listener` with each change of the order; returns the unsubscribe. */
  subscribe(orderId: string, listener: Listener): () => void {
    let listeners = this.#listeners.get(orderId);
    if (!listeners) this.#listeners.set(orderId, (listeners = new Set()));
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      // Only if it is still this order's set: a late second call must not drop a newer one.
      if (!listeners.size && this.#listeners.get(orderId) === listeners)
        this.#listeners.delete(orderId);
    };
  }

  /** Open subscriptions, across all orders (for the benchmark and tests). */
  get subscribers(): number {
    let count = 0;
    for (const listeners of this.#listeners.values()) count += listeners.size;
    return count;
  }
}
