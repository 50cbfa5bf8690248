/**
 * A stand-in for the merchant's orders service on loopback, what the production entry's
 * ORDERS_URL points at: `GET {url}/{orderId}` answers `200` with the order's terms or `404`.
 * Scriptable: another status for every lookup, a delay (a slow service), and it counts what
 * it is asked.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OrderAnswer {
  funds: unknown;
  comment?: string;
  frequency?: string;
  startDate?: string;
  endDate?: string;
}

export async function startOrdersService() {
  const state = {
    /** The merchant's orders by id: what a lookup answers. */
    orders: new Map<string, OrderAnswer>(),
    /** Answer every lookup with this status (and an error body) instead. */
    status: undefined as number | undefined,
    /** Hold each answer this long. */
    delayMs: 0,
    /** The order ids looked up, in order. */
    lookups: [] as string[],
    /** Called when a lookup arrives, before it is answered. */
    onLookup: undefined as (() => void) | undefined,
  };

  const server = createServer((request, response) => {
    const match = /^\/orders\/([^/?]+)$/.exec(request.url ?? '');
    if (request.method !== 'GET' || !match) {
      response.writeHead(404).end();
      return;
    }
    const orderId = decodeURIComponent(match[1]);
    state.lookups.push(orderId);
    state.onLookup?.();
    const answer = () => {
      const json = (status: number, body: unknown) =>
        response
          .writeHead(status, { 'content-type': 'application/json' })
          .end(JSON.stringify(body));
      if (state.status !== undefined) return json(state.status, { error: 'scripted' });
      const order = state.orders.get(orderId);
      if (!order) return json(404, { error: 'no such order' });
      return json(200, order);
    };
    if (state.delayMs) setTimeout(answer, state.delayMs);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;

  return {
    state,
    /** The ORDERS_URL to give the entry. */
    url: `http://127.0.0.1:${port}/orders`,
    /** Stops answering (connections refused from now on), as a service that is down. */
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type OrdersService = Awaited<ReturnType<typeof startOrdersService>>;
