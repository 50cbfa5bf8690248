/**
 * Step 2 of the guide: banq's webhooks. banq POSTs an event; when it says a Payment
 * was completed, the payment is fetched from banq to confirm it (a webhook alone is
 * not proof), and only a payment banq reports completed marks the order paid and
 * tells the browser. banq retries deliveries, so the same event twice changes nothing.
 */
import { Hono } from 'hono';
import { BanqApiError, type BanqApi } from './banq-api.js';
import {
  PAYMENT_STATUS,
  WEBHOOK_ACTION_COMPLETED,
  WEBHOOK_RESOURCE_PAYMENT,
} from './banq-assumptions.js';
import { errorBody, readJson, type StepLog } from './http.js';
import type { OrderBook } from './orders.js';

/** The guide's path; banq is told it by `register-webhook`. */
export const WEBHOOK_PATH = '/your-web-hooks/payment-status';

/** banq's payment as `GET /payments/{id}` answers it (bare or in `data`). */
interface BanqPayment {
  id?: unknown;
  status?: unknown;
  externalOrderCode?: unknown;
  funds?: unknown;
}

/** Compares in time that does not depend on where the strings differ (no Node-only crypto needed). */
function sameSecret(given: string, expected: string): boolean {
  const a = new TextEncoder().encode(given);
  const b = new TextEncoder().encode(expected);
  let difference = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) difference |= (a[i] ?? 0) ^ b[i];
  return difference === 0;
}

export function webhookRoutes(
  api: BanqApi,
  orders: OrderBook,
  secret: string | undefined,
  log: StepLog,
) {
  return new Hono().post(WEBHOOK_PATH, async (c) => {
    if (secret !== undefined && !sameSecret(c.req.query('secret') ?? '', secret))
      return c.json(errorBody('unauthorized', 'the webhook secret is missing or wrong'), 401);

    const body = await readJson(c.req.raw, 64 * 1024);
    if (!body.ok) return c.json(errorBody(body.code, body.message), body.status);
    const event = (body.value ?? {}) as {
      action?: unknown;
      resourceType?: unknown;
      resourceId?: unknown;
    };
    log('webhook received', {
      action: event.action,
      resourceType: event.resourceType,
      resourceId: event.resourceId,
    });
    if (
      event.action !== WEBHOOK_ACTION_COMPLETED ||
      event.resourceType !== WEBHOOK_RESOURCE_PAYMENT
    )
      return c.json({ ignored: 'not a completed payment' }, 202);
    if (typeof event.resourceId !== 'string' || !/^[\w-]{1,128}$/.test(event.resourceId))
      return c.json(errorBody('invalid_event', 'resourceId must be a payment id'), 400);

    let payment: BanqPayment;
    try {
      const answer = await api.request<BanqPayment & { data?: BanqPayment }>(
        'GET',
        `/payments/${encodeURIComponent(event.resourceId)}`,
      );
      payment = answer.data ?? answer;
    } catch (error) {
      log('payment not verified', {
        resourceId: event.resourceId,
        error: (error as Error).message,
      });
      // 404: banq does not know it, so retrying will not help. Anything else: ask banq to retry.
      if (error instanceof BanqApiError && error.status === 404)
        return c.json({ ignored: 'banq does not know this payment' }, 202);
      return c.json(
        errorBody('banq_unavailable', 'could not verify the payment with banq; retry'),
        503,
      );
    }

    const { status, externalOrderCode: orderId, funds } = payment;
    if (status !== PAYMENT_STATUS.completed || typeof orderId !== 'string')
      return c.json({ ignored: `payment is ${String(status)}` }, 202);
    const record = orders.get(orderId);
    if (record && typeof funds === 'number' && funds !== record.funds) {
      log('payment refused', { orderId, funds, expected: record.funds });
      return c.json({ ignored: 'the payment does not match the order' }, 202);
    }
    log('payment verified', { orderId, paymentId: event.resourceId });
    if (
      !orders.markPaid(
        orderId,
        event.resourceId,
        typeof funds === 'number' ? funds : (record?.funds ?? 0),
      )
    )
      return c.json({ duplicate: true });
    return c.json({ paid: orderId });
  });
}
