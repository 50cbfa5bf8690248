/**
 * Step 3: telling the browser. The guide leaves this open ("Web Sockets, Server Side
 * Event, Long Polling"); this is Server-Sent Events, which `<banq-checkout events-url>`
 * reads. A page that connects after the payment still learns of it at once.
 */
import { Hono } from 'hono';
import { errorBody, type StepLog } from './http.js';
import type { OrderBook, OrderEvent } from './orders.js';

/** Proxies and load balancers close quiet connections; a comment line every so often keeps it open. */
export const HEARTBEAT_MS = 15_000;

const encoder = new TextEncoder();
const message = ({ id, orderId, status, paymentId }: OrderEvent) =>
  encoder.encode(`id: ${id}\ndata: ${JSON.stringify({ orderId, status, paymentId })}\n\n`);
const HEARTBEAT = encoder.encode(': heartbeat\n\n');

export function paymentEventRoutes(orders: OrderBook, log: StepLog, heartbeatMs = HEARTBEAT_MS) {
  return new Hono().get('/payment-events', (c) => {
    const orderId = c.req.query('orderId');
    if (!orderId) return c.json(errorBody('invalid_request', 'orderId is required'), 400);
    const lastEventId = Number(c.req.header('last-event-id') ?? 0);
    let stop = () => {};
    // A plain ReadableStream rather than hono's streamSSE: the same bytes, less than half the
    // memory per open stream (most of what a waiting browser costs the server).
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const send = (event: OrderEvent) => {
          if (event.id <= lastEventId) return;
          try {
            controller.enqueue(message(event));
            log('browser told', { orderId, paymentId: event.paymentId });
          } catch {
            stop();
          }
        };
        const unsubscribe = orders.subscribe(orderId, send);
        const heartbeat = setInterval(() => {
          try {
            controller.enqueue(HEARTBEAT);
          } catch {
            stop();
          }
        }, heartbeatMs);
        // Once only: a second unsubscribe could drop a newer subscriber's registration.
        stop = () => {
          stop = () => {};
          clearInterval(heartbeat);
          unsubscribe();
        };
        // Paid before this page connected (or while it was reconnecting): say so at once.
        const paid = orders.get(orderId)?.paid;
        if (paid) send(paid);
      },
      cancel: () => stop(),
    });
    return new Response(body, {
      headers: {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
        'x-accel-buffering': 'no',
      },
    });
  });
}
