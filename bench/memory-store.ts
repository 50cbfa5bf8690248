/**
 * BASELINE ONLY: NOT DURABLE, NOT SHIPPED. The `Store` interface (server/src/store/store.ts)
 * in plain Maps, for the benchmark's in-memory column, so that the durable stores' figures
 * have a floor measured in the same run. Everything is lost when the process ends, and it
 * knows of no other instance. It keeps the SQL store's semantics: one claim per order until
 * it expires, a link saved only over a claim, paid once, event ids rising, rows copied out.
 */
import type { Order, OrderEvent, PaymentReview, Store } from '../server/src/store/index.js';

export function createMemoryStore(): Store {
  const orders = new Map<string, Order>();
  /** When each order's claim (status `claiming`) may be taken over. */
  /** Order id → its link claim: whose, and until when. */
  const claims = new Map<string, { until: number; claimId: string }>();
  /** The event log, by order (the SQL store's index on order_id, id). */
  const events = new Map<string, OrderEvent[]>();
  /** The whole log in order, for the relay; and who it wakes (the SQL store's NOTIFY). */
  const log: OrderEvent[] = [];
  const listeners = new Set<() => void>();
  let lastEventId = 0;
  const deliveries = new Set<string>();
  const reviews = new Map<string, PaymentReview>();
  const settings = new Map<string, string>();
  const schedules = new Map<string, number>();
  const copy = (order: Order): Order => ({ ...order, createdAt: new Date(order.createdAt) });

  return {
    async getOrder(orderId) {
      const order = orders.get(orderId);
      return order && copy(order);
    },
    async claimLink(orderId, terms, holdMs) {
      const order = orders.get(orderId);
      const expired =
        order?.status === 'claiming' && (claims.get(orderId)?.until ?? 0) < Date.now();
      if (order && !expired) return { claimed: false, order: copy(order) };
      orders.set(orderId, {
        ...terms,
        orderId,
        status: 'claiming',
        createdAt: order?.createdAt ?? new Date(),
      });
      const claimId = crypto.randomUUID();
      claims.set(orderId, { until: Date.now() + holdMs, claimId });
      return { claimed: true, claimId };
    },
    async saveLink(orderId, claimId, url, paymentId) {
      const order = orders.get(orderId);
      if (order?.status !== 'claiming' || claims.get(orderId)?.claimId !== claimId)
        throw new Error(`the link claim on order ${orderId} expired before banq answered`);
      orders.set(orderId, {
        ...order,
        status: 'open',
        url,
        ...(paymentId !== undefined && { paymentId }),
      });
      claims.delete(orderId);
    },
    async releaseClaim(orderId, claimId) {
      if (orders.get(orderId)?.status !== 'claiming' || claims.get(orderId)?.claimId !== claimId)
        return;
      orders.delete(orderId);
      claims.delete(orderId);
    },
    async markPaid(orderId, paymentId, funds, deliveryId) {
      const order = orders.get(orderId);
      if (
        !order ||
        order.status === 'paid' ||
        Math.round(order.funds * 100) !== Math.round(funds * 100)
      )
        return undefined;
      orders.set(orderId, { ...order, status: 'paid', paidPaymentId: paymentId });
      claims.delete(orderId);
      if (deliveryId) deliveries.add(deliveryId);
      const event: OrderEvent = { id: ++lastEventId, orderId, status: 'completed', paymentId };
      events.set(orderId, [...(events.get(orderId) ?? []), event]);
      log.push(event);
      // After the "commit", as NOTIFY is.
      queueMicrotask(() => listeners.forEach((wake) => wake()));
      return { ...event };
    },
    async eventsAfter(orderId, afterId) {
      return (events.get(orderId) ?? []).filter((e) => e.id > afterId).map((e) => ({ ...e }));
    },
    async eventsSince(afterId, limit) {
      // Ids are 1, 2, 3…: the event after afterId is at index afterId.
      return log.slice(afterId, afterId + limit).map((e) => ({ ...e }));
    },
    async claimRun(name, intervalMs) {
      const last = schedules.get(name);
      if (last !== undefined && Date.now() - last < intervalMs) return false;
      schedules.set(name, Date.now());
      return true;
    },
    async lastEventId() {
      return lastEventId;
    },
    async listenEvents(onWake) {
      listeners.add(onWake);
      onWake();
      return async () => void listeners.delete(onWake);
    },
    async hasDelivery(eventId) {
      return deliveries.has(eventId);
    },
    async addDelivery(eventId) {
      deliveries.add(eventId);
    },
    async addReview(review) {
      if (reviews.has(review.paymentId)) return false;
      reviews.set(review.paymentId, { ...review });
      return true;
    },
    async reviews() {
      return [...reviews.values()].map((review) => ({ ...review }));
    },
    async unpaidOrders(since, limit) {
      const unpaid: { orderId: string; paymentId: string }[] = [];
      for (const { orderId, status, paymentId, createdAt } of orders.values())
        if (status === 'open' && paymentId !== undefined && createdAt > since)
          unpaid.push({ orderId, paymentId });
      // Creation order, not the SQL store's least-recently-asked order: the benchmark runs no reconciler.
      return unpaid.slice(0, limit);
    },
    async setting(name, create) {
      if (!settings.has(name)) settings.set(name, create());
      return settings.get(name) ?? '';
    },
    async ping() {},
    async close() {},
  };
}
