/**
 * Step 3: telling the browser. The guide leaves this open ("Web Sockets, Server Side
 * Event, Long Polling"); this is Server-Sent Events, which `<banq-checkout events-url>`
 * reads. A page that connects after the payment still learns of it at once.
 */
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { errorBody, type StepLog } from './http.js';
import type { OrderBook, OrderEvent } from './orders.js';

/** Proxies and load balancers close quiet connections; a comment line every so often keeps it open. */
export const HEARTBEAT_MS = 15_000;

const message = ({ id, orderId, status, paymentId }: OrderEvent) => ({
  id: String(id),
  data: JSON.stringify({ orderId, status, paymentId }),
});

export function paymentEventRoutes(orders: OrderBook, log: StepLog, heartbeatMs = HEARTBEAT_MS) {
  return new Hono().get('/payment-events', (c) => {
    const orderId = c.req.query('orderId');
    if (!orderId) return c.json(errorBody('invalid_request', 'orderId is required'), 400);
    const lastEventId = Number(c.req.header('last-event-id') ?? 0);
    c.header('cache-control', 'no-cache');
    c.header('x-accel-buffering', 'no');

    return streamSSE(c, async (stream) => {
      let closed = false;
      let wake: () => void = () => {};
      const finished = new Promise<void>((resolve) => (wake = resolve));
      const send = (event: OrderEvent) => {
        if (closed || event.id <= lastEventId) return;
        stream.writeSSE(message(event)).then(
          () => log('browser told', { orderId, paymentId: event.paymentId }),
          () => wake(),
        );
      };
      const unsubscribe = orders.subscribe(orderId, send);
      const heartbeat = setInterval(
        () => void stream.write(': heartbeat\n\n').catch(() => wake()),
        heartbeatMs,
      );
      stream.onAbort(() => wake());

      // Paid before this page connected (or while it was reconnecting): say so at once.
      const paid = orders.get(orderId)?.paid;
      if (paid) send(paid);

      await finished;
      closed = true;
      clearInterval(heartbeat);
      unsubscribe();
    });
  });
}
