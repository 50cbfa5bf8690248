/**
 * The live log the demo shop shows beside the page's own events: the server's and banq's
 * steps, each streamed only to the page whose order it concerns. A step concerns an order
 * when it names it (`orderId`, or banq's `externalOrderCode`), or names a payment
 * (`paymentId`, `resourceId`) an earlier step tied to that order. Steps of no order (a token
 * issued, the webhook config saved, whose URL carries the webhook secret) never reach a
 * browser, and every line has its `secret=` parameters taken out before it is kept, streamed
 * or printed.
 */
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { errorBody, type StepLog } from '../../server/src/http.js';

/** Lines of one order a page that connects late still sees. */
const BACKLOG_LINES = 40;
/** Orders (and payments) whose lines are remembered; the oldest are forgotten first. */
const MAX_ORDERS = 1_000;

type Listener = (line: string) => void;

/** A line with every `secret=` parameter taken out of the URLs in it. */
const redactSecrets = (line: string) =>
  line.replace(/([?&])secret=[^&"\s\\]*(&?)/g, (_match, separator: string, next: string) =>
    next ? separator : '',
  );

/** Adds to a map that forgets its oldest entry past `MAX_ORDERS`. */
function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_ORDERS) map.delete(map.keys().next().value as string);
}

const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

/**
 * The demo's logger: the backend's steps (a `StepLog`, named in `STEP`), the mock banq's
 * (`banq: …`) and the demo server's own.
 */
export type DemoStepLog = (
  step: string,
  detail?: Record<string, unknown>,
  level?: Parameters<StepLog>[2],
) => void;

export interface OrderLogOptions {
  /** Every line, redacted, for the terminal. */
  print?: (line: string) => void;
  /** Whether a page may follow this order (the shop knows it). */
  knows: (orderId: string) => boolean;
}

export function createOrderLog({ print = () => {}, knows }: OrderLogOptions) {
  const backlogs = new Map<string, string[]>();
  const paymentOrders = new Map<string, string>();
  const listeners = new Map<string, Set<Listener>>();

  /** The order a step concerns, tying its payment to the order when it names both. */
  function orderOf(detail: Record<string, unknown>): string | undefined {
    const paymentId = text(detail.paymentId) ?? text(detail.resourceId);
    const named = text(detail.orderId) ?? text(detail.externalOrderCode);
    if (named && paymentId) remember(paymentOrders, paymentId, named);
    return named ?? (paymentId ? paymentOrders.get(paymentId) : undefined);
  }

  /** The backend's and the mock banq's logger. */
  const write: DemoStepLog = (step, detail = {}, level) => {
    const line = redactSecrets(
      JSON.stringify({ at: new Date().toISOString(), step, ...(level && { level }), ...detail }),
    );
    print(redactSecrets(`${step} ${Object.keys(detail).length ? JSON.stringify(detail) : ''}`));
    const orderId = orderOf(detail);
    if (!orderId) return;
    const backlog = backlogs.get(orderId) ?? [];
    backlog.push(line);
    if (backlog.length > BACKLOG_LINES) backlog.shift();
    remember(backlogs, orderId, backlog);
    for (const listener of listeners.get(orderId) ?? []) listener(line);
  };

  /** Calls `listener` with the order's backlog, then each new line; returns the stop. */
  function follow(orderId: string, listener: Listener): () => void {
    for (const line of backlogs.get(orderId) ?? []) listener(line);
    let set = listeners.get(orderId);
    if (!set) listeners.set(orderId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (!set.size && listeners.get(orderId) === set) listeners.delete(orderId);
    };
  }

  /** `GET /?orderId=…` (mounted at /demo-api/server-log): that order's lines, as Server-Sent Events. */
  const routes = new Hono();
  routes.get('/', (c) => {
    const orderId = c.req.query('orderId') ?? '';
    if (!knows(orderId))
      return c.json(
        errorBody(
          'unknown_order',
          'orderId must be an order this shop made (POST /demo-api/orders)',
        ),
        404,
      );
    return streamSSE(c, async (stream) => {
      const stop = follow(orderId, (line) => void stream.writeSSE({ data: line }).catch(() => {}));
      await new Promise<void>((resolve) => stream.onAbort(resolve));
      stop();
    });
  });

  return { write, follow, routes };
}

export type OrderLog = ReturnType<typeof createOrderLog>;
