/**
 * The merchant's side of the amount: `resolveOrder` says what an order costs, so the browser
 * never decides the price. The library calls it on every link request with the shopper's
 * `Request` (cookies, session); `ordersFromUrl` is the production entry's: `GET {ORDERS_URL}/{id}`.
 */
import { z } from '@hono/zod-openapi';
import { endNotBeforeStart, fundsSchema, recurringTerms } from './payment-link-request.js';
import type { OrderTerms } from './store/index.js';

/** What the page sent besides the order id, for the merchant to use or keep (never trusted for terms). */
export interface OrderRequestContext {
  /** The element's `metadata` (a customer id, say): the shopper's word, not the merchant's. */
  metadata?: Record<string, unknown>;
}

/** The order's terms, or `null` when the merchant has no such order. */
export type ResolveOrder = (
  orderId: string,
  request: Request,
  context: OrderRequestContext,
) => Promise<(Omit<OrderTerms, 'comment'> & { comment?: string }) | null>;

/** The merchant's service could not say (not "no such order"): the shopper may try again. */
export class OrdersUnavailableError extends Error {
  override name = 'OrdersUnavailableError';
}

/** What resolveOrder (or ORDERS_URL) must answer; anything else is the merchant's bug, said plainly. */
export const orderTermsSchema = z
  .object({
    funds: fundsSchema,
    comment: z.string().max(255, 'must be at most 255 characters').optional(),
    ...recurringTerms,
  })
  .refine(...endNotBeforeStart);

/** The terms as the store keeps them, or an error naming what the merchant's answer got wrong. */
export function checkTerms(value: unknown): OrderTerms {
  const parsed = orderTermsSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new OrdersUnavailableError(
      `the order's terms are not usable: ${issue.path.join('.') || 'answer'} ${issue.message}`,
    );
  }
  const { comment = '', frequency, ...rest } = parsed.data;
  // `once` is no frequency: kept as none, so the two compare equal.
  return { ...rest, comment, ...(frequency && frequency !== 'once' && { frequency }) };
}

const ORDERS_TIMEOUT_MS = 5_000;

/** `GET {base}/{orderId}`: `200` with the terms, `404` for no such order; anything else is unavailable. */
export function ordersFromUrl(base: string): ResolveOrder {
  const root = base.replace(/\/+$/, '');
  return async (orderId) => {
    let response: Response;
    try {
      response = await fetch(`${root}/${encodeURIComponent(orderId)}`, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(ORDERS_TIMEOUT_MS),
      });
    } catch (cause) {
      throw new OrdersUnavailableError(`could not reach ORDERS_URL: ${(cause as Error).message}`, {
        cause,
      });
    }
    if (response.status === 404) {
      await response.body?.cancel();
      return null;
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new OrdersUnavailableError(`ORDERS_URL answered ${response.status}`);
    }
    try {
      return (await response.json()) as Awaited<ReturnType<ResolveOrder>>;
    } catch (cause) {
      throw new OrdersUnavailableError('ORDERS_URL answered invalid JSON', { cause });
    }
  };
}
