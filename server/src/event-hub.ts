/**
 * The order events this instance relays to its open event streams. The store's event log is
 * the truth; this only wakes the streams of the order an event concerns.
 */
import type { OrderEvent } from './store/index.js';

export interface EventSubscriber {
  send(event: OrderEvent): void;
  /** The server is shutting down: end the stream (the browser reconnects elsewhere). */
  end(): void;
}

export class EventHub {
  readonly #subscribers = new Map<string, Set<EventSubscriber>>();
  #size = 0;

  /** Relays the order's events to `subscriber`; returns the unsubscribe (safe to call twice). */
  subscribe(orderId: string, subscriber: EventSubscriber): () => void {
    let subscribers = this.#subscribers.get(orderId);
    if (!subscribers) this.#subscribers.set(orderId, (subscribers = new Set()));
    subscribers.add(subscriber);
    this.#size++;
    return () => {
      if (subscribers.delete(subscriber)) this.#size--;
      // Only if it is still this order's set: a late second call must not drop a newer one.
      if (!subscribers.size && this.#subscribers.get(orderId) === subscribers)
        this.#subscribers.delete(orderId);
    };
  }

  publish(event: OrderEvent): void {
    for (const subscriber of this.#subscribers.get(event.orderId) ?? []) subscriber.send(event);
  }

  /** Ends every open stream. */
  endAll(): void {
    for (const subscribers of [...this.#subscribers.values()])
      for (const subscriber of [...subscribers]) subscriber.end();
  }

  /** Open subscriptions, across all orders. */
  get size(): number {
    return this.#size;
  }

  /** Open subscriptions to one order's events. */
  sizeOf(orderId: string): number {
    return this.#subscribers.get(orderId)?.size ?? 0;
  }
}
