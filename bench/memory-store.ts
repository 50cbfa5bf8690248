/**
 * BASELINE ONLY: NOT DURABLE, NOT SHIPPED. The `Store` interface (server/src/store/store.ts)
 * in plain Maps, for the benchmark's in-memory column, so that the durable stores' figures
 * have a floor measured in the same run. Everything is lost when the process ends, and it
 * knows of no other instance. It keeps the SQL store's semantics: one claim per order until
 * it expires, a link saved only over a claim, paid once, event ids rising, rows copied out.
 */
import type { Order, OrderEvent, PaymentReview, Store } from '../server/src/store/index.js';

/** What the store keeps: the SQL store's tables, in Maps. */
function newMemory() {
  return {
    orders: new Map<string, Order>(),
    /** Order id → its link claim (status `claiming`): whose, and until when it may be taken over. */
    claims: new Map<string, { until: number; claimId: string }>(),
    /** The event log, by order (the SQL store's index on order_id, id). */
    events: new Map<string, OrderEvent[]>(),
    /** The whole log in order, for the relay; and who it wakes (the SQL store's NOTIFY). */
    log: [] as OrderEvent[],
    listeners: new Set<() => void>(),
    lastEventId: 0,
    deliveries: new Set<string>(),
    reviews: new Map<string, PaymentReview>(),
    settings: new Map<string, string>(),
    schedules: new Map<string, number>(),
  };
}

type Memory = ReturnType<typeof newMemory>;

const copy = (order: Order): Order => ({ ...order, createdAt: new Date(order.createdAt) });

export function createMemoryStore(): Store {
  const memory = newMemory();
  // Own properties, as the benchmark's timing wrapper finds a store's methods.
  return { ...linkMethods(memory), ...eventMethods(memory), ...bookkeeping(memory) };
}

/** Orders and their link claims: one claim per order until it expires, a link saved only over it. */
function linkMethods(
  m: Memory,
): Pick<Store, 'getOrder' | 'claimLink' | 'saveLink' | 'releaseClaim'> {
  return {
    async getOrder(orderId) {
      const order = m.orders.get(orderId);
      return order && copy(order);
    },
    async claimLink(orderId, terms, holdMs) {
      const order = m.orders.get(orderId);
      const expired =
        order?.status === 'claiming' && (m.claims.get(orderId)?.until ?? 0) < Date.now();
      if (order && !expired) return { claimed: false, order: copy(order) };
      m.orders.set(orderId, {
        ...terms,
        orderId,
        status: 'claiming',
        createdAt: order?.createdAt ?? new Date(),
      });
      const claimId = crypto.randomUUID();
      m.claims.set(orderId, { until: Date.now() + holdMs, claimId });
      return { claimed: true, claimId };
    },
    async saveLink(orderId, claimId, url, paymentId) {
      const order = m.orders.get(orderId);
      if (order?.status !== 'claiming' || m.claims.get(orderId)?.claimId !== claimId)
        throw new Error(`the link claim on order ${orderId} expired before banq answered`);
      m.orders.set(orderId, {
        ...order,
        status: 'open',
        url,
        ...(paymentId !== undefined && { paymentId }),
      });
      m.claims.delete(orderId);
    },
    async releaseClaim(orderId, claimId) {
      if (
        m.orders.get(orderId)?.status !== 'claiming' ||
        m.claims.get(orderId)?.claimId !== claimId
      )
        return;
      m.orders.delete(orderId);
      m.claims.delete(orderId);
    },
  };
}

/** Payments booked once, and the event log they append to, with its wake-ups. */
function eventMethods(
  m: Memory,
): Pick<Store, 'markPaid' | 'eventsAfter' | 'eventsSince' | 'lastEventId' | 'listenEvents'> {
  return {
    async markPaid(orderId, paymentId, funds, deliveryId) {
      const order = m.orders.get(orderId);
      if (
        !order ||
        order.status === 'paid' ||
        Math.round(order.funds * 100) !== Math.round(funds * 100)
      )
        return undefined;
      m.orders.set(orderId, { ...order, status: 'paid', paidPaymentId: paymentId });
      m.claims.delete(orderId);
      if (deliveryId) m.deliveries.add(deliveryId);
      const event: OrderEvent = { id: ++m.lastEventId, orderId, status: 'completed', paymentId };
      m.events.set(orderId, [...(m.events.get(orderId) ?? []), event]);
      m.log.push(event);
      // After the "commit", as NOTIFY is.
      queueMicrotask(() => m.listeners.forEach((wake) => wake()));
      return { ...event };
    },
    async eventsAfter(orderId, afterId) {
      return (m.events.get(orderId) ?? []).filter((e) => e.id > afterId).map((e) => ({ ...e }));
    },
    async eventsSince(afterId, limit) {
      // Ids are 1, 2, 3…: the event after afterId is at index afterId.
      return m.log.slice(afterId, afterId + limit).map((e) => ({ ...e }));
    },
    async lastEventId() {
      return m.lastEventId;
    },
    async listenEvents(onWake) {
      m.listeners.add(onWake);
      onWake();
      return async () => void m.listeners.delete(onWake);
    },
  };
}

/** Deliveries, reviews, settings, schedules and the store's own life. */
function bookkeeping(
  m: Memory,
): Omit<Store, keyof ReturnType<typeof linkMethods> | keyof ReturnType<typeof eventMethods>> {
  return {
    async claimRun(name, intervalMs) {
      const last = m.schedules.get(name);
      if (last !== undefined && Date.now() - last < intervalMs) return false;
      m.schedules.set(name, Date.now());
      return true;
    },
    async hasDelivery(eventId) {
      return m.deliveries.has(eventId);
    },
    async addDelivery(eventId) {
      m.deliveries.add(eventId);
    },
    async addReview(review) {
      if (m.reviews.has(review.paymentId)) return false;
      m.reviews.set(review.paymentId, { ...review });
      return true;
    },
    async reviews() {
      return [...m.reviews.values()].map((review) => ({ ...review }));
    },
    async unpaidOrders(since, limit) {
      const unpaid: { orderId: string; paymentId: string }[] = [];
      for (const { orderId, status, paymentId, createdAt } of m.orders.values())
        if (status === 'open' && paymentId !== undefined && createdAt > since)
          unpaid.push({ orderId, paymentId });
      // Creation order, not the SQL store's least-recently-asked order: the benchmark runs no reconciler.
      return unpaid.slice(0, limit);
    },
    async setting(name, create) {
      if (!m.settings.has(name)) m.settings.set(name, create());
      return m.settings.get(name) ?? '';
    },
    async ping() {},
    async close() {},
  };
}
