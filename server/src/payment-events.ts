/**
 * Step 3: telling the browser. The guide leaves this open ("Web Sockets, Server Side Event,
 * Long Polling"); this is Server-Sent Events, which `<banq-checkout events-url>` reads. Only
 * the page holding the order's events token may listen. The store's event log is replayed on
 * connect (after `Last-Event-ID`, or all of the order's), so a page that connects after the
 * payment, or reconnects, still learns of it, and never twice.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { EventHub } from './event-hub.js';
import type { EventsTokens } from './events-token.js';
import { ApiError, errorContent, openApiRoutes, type StepLog } from './http.js';
import { STEP } from './steps.js';
import type { OrderEvent, Store } from './store/index.js';

/** Proxies and load balancers close quiet connections; a comment line every so often keeps it open. */
const HEARTBEAT_MS = 15_000;
/** How soon a browser whose stream ended (this instance stopped) reconnects. */
export const RETRY_MS = 1_000;

/**
 * Messages queued for one stream beyond what its reader took: past this the reader is stalled
 * (or too slow) and is dropped rather than queued for; its EventSource reconnects and the log
 * replays what it missed.
 */
const STREAM_QUEUE_LIMIT = 16;

const encoder = new TextEncoder();
const message = ({ id, orderId, status, paymentId }: OrderEvent) =>
  encoder.encode(`id: ${id}\ndata: ${JSON.stringify({ orderId, status, paymentId })}\n\n`);
const HEARTBEAT = encoder.encode(': heartbeat\n\n');
const RETRY = encoder.encode(`retry: ${RETRY_MS}\n\n`);

const route = createRoute({
  method: 'get',
  path: '/payment-events',
  summary: 'Server-Sent Events: the order’s payment, once banq confirmed it',
  request: {
    query: z.object({
      orderId: z.string({ error: 'is required' }).min(1, 'is required'),
      token: z.string().optional(),
    }),
    headers: z.object({ 'last-event-id': z.string().optional() }),
  },
  responses: {
    200: {
      content: { 'text/event-stream': { schema: z.string() } },
      description: '`data: {orderId, status: "completed", paymentId}` with an `id:`',
    },
    400: errorContent('`invalid_request`: no orderId'),
    403: errorContent(
      '`forbidden`: the token is not this order’s; `forbidden_origin`: a page of another site',
    ),
    429: errorContent('`too_many_streams`: this order’s, or the server’s, streams are all open'),
  },
});

export interface PaymentEventsStep {
  store: Store;
  hub: EventHub;
  tokens: EventsTokens;
  log: StepLog;
  heartbeatMs?: number;
  maxStreamsPerOrder: number;
  maxStreams: number;
}

export function paymentEventRoutes(step: PaymentEventsStep) {
  return openApiRoutes().openapi(route, async (c) => {
    const { orderId, token } = c.req.valid('query');
    await refuseWithoutEventsToken(step.tokens, orderId, token);
    const resumeAfter = Number(c.req.valid('header')['last-event-id'] ?? 0) || 0;
    // Checked and subscribed (as the stream starts) with no await between: no two requests
    // take the same last place.
    refuseWhenFull(step, orderId);
    return c.body(eventStream(step, orderId, resumeAfter), 200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      'x-accel-buffering': 'no',
    });
  });
}

/** Only the page the payment link answer gave the order's events token to may listen. */
async function refuseWithoutEventsToken(
  tokens: EventsTokens,
  orderId: string,
  token: string | undefined,
): Promise<void> {
  if (!token || !(await tokens.verify(orderId, token)))
    throw new ApiError(
      403,
      'forbidden',
      'token must be the eventsToken the payment link answer gave for this order',
    );
}

/** `429 too_many_streams` when the order's, or the server's, streams are all open. */
function refuseWhenFull(
  { hub, maxStreamsPerOrder, maxStreams }: PaymentEventsStep,
  orderId: string,
): void {
  if (hub.sizeOf(orderId) >= maxStreamsPerOrder || hub.size >= maxStreams)
    throw new ApiError(
      429,
      'too_many_streams',
      hub.size >= maxStreams
        ? 'this server has all the event streams it can hold open; try again shortly'
        : `order ${orderId} has ${maxStreamsPerOrder} event streams open already; close one`,
    );
}

/**
 * One browser's stream of the order's events: subscribed to the hub first, then the log
 * replayed after `resumeAfter` (live events that arrive meanwhile are held until it is), with a
 * heartbeat; it stops when the reader cancels, stalls, or the hub ends it.
 */
function eventStream(
  { store, hub, log, heartbeatMs = HEARTBEAT_MS }: PaymentEventsStep,
  orderId: string,
  resumeAfter: number,
): ReadableStream<Uint8Array> {
  let stop = () => {};
  // A plain ReadableStream rather than hono's streamSSE: the same bytes, less than half the
  // memory per open stream (most of what a waiting browser costs the server).
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const { push, send } = streamWriter(controller, log, orderId, resumeAfter, () => stop());
        /** Live events that arrive while the log is being replayed wait here. */
        let held: OrderEvent[] | undefined = [];
        const unsubscribe = hub.subscribe(orderId, {
          send: (event) => (held ? held.push(event) : send(event)),
          end: () => {
            stop();
            try {
              controller.close();
            } catch {
              // Closed already.
            }
          },
        });
        const heartbeat = setInterval(() => {
          try {
            push(HEARTBEAT);
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
        controller.enqueue(RETRY);
        // Subscribed first, then the log read: an event committed in between is in one or the other.
        return store.eventsAfter(orderId, resumeAfter).then(
          (past) => {
            for (const event of [...past, ...(held ?? [])].sort((a, b) => a.id - b.id)) send(event);
            held = undefined;
          },
          (error: unknown) => {
            log(STEP.eventsReplayFailed, { orderId, error: (error as Error).message }, 'error');
            stop();
            controller.error(error);
          },
        );
      },
      cancel: () => stop(),
    },
    new CountQueuingStrategy({ highWaterMark: STREAM_QUEUE_LIMIT }),
  );
}

/**
 * Writes to one browser's stream: `push` queues bytes, dropping a reader that has stopped
 * taking them (`stop`, and the stream errors); `send` writes an event once, only past the last
 * one sent, and logs that the browser was told.
 */
function streamWriter(
  controller: ReadableStreamDefaultController<Uint8Array>,
  log: StepLog,
  orderId: string,
  resumeAfter: number,
  stop: () => void,
) {
  /** Queues a message; false when it drops a reader that has stopped taking them. */
  const push = (bytes: Uint8Array): boolean => {
    if ((controller.desiredSize ?? 0) < 0) {
      log(STEP.streamDropped, { orderId, why: 'the reader stopped reading' }, 'error');
      stop();
      controller.error(new Error('the events stream reader stalled'));
      return false;
    }
    controller.enqueue(bytes);
    return true;
  };
  let lastSent = resumeAfter;
  const send = (event: OrderEvent) => {
    if (event.id <= lastSent) return;
    try {
      // A dropped stream's browser is told on reconnecting, from the log: not yet.
      if (!push(message(event))) return;
      lastSent = event.id;
      log(STEP.browserTold, { orderId, paymentId: event.paymentId });
    } catch {
      stop();
    }
  };
  return { push, send };
}
