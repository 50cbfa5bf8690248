/**
 * Step 1 of the guide: the intermediary endpoint. The browser POSTs the order here
 * (never to banq); this checks it, keeps an order record, asks banq for a payment
 * link with `externalOrderCode` = the order id, and answers `{data: {url}}`.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { BanqApi } from './banq-api.js';
import { errorBody, readJson, type StepLog } from './http.js';
import type { OrderBook } from './orders.js';

/** A sane ceiling for one payment; a typo of a few zeros is refused rather than charged. */
export const MAX_FUNDS = 1_000_000;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD');

export const paymentLinkRequest = z.object({
  orderId: z
    .string({ error: 'is required' })
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, "_" or "-"'),
  comment: z.string().max(255, 'must be at most 255 characters').default(''),
  funds: z
    .number({ error: 'must be a number' })
    .positive('must be greater than 0')
    .max(MAX_FUNDS, `must be at most ${MAX_FUNDS}`)
    // Cents, with a tolerance: 0.29 * 100 is 28.999999999999996.
    .refine(
      (funds) => Math.abs(funds * 100 - Math.round(funds * 100)) < 1e-6,
      'must have at most two decimals',
    ),
  frequency: z.string().min(1).max(32).optional(),
  startDate: isoDate.optional(),
  endDate: isoDate.optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});

export type PaymentLinkRequest = z.infer<typeof paymentLinkRequest>;

/** banq's answer to get-paid-link: the guide shows only the merchant's `{data: {url}}`, so both shapes are read. */
interface PaidLinkAnswer {
  data?: { url?: unknown; id?: unknown };
  url?: unknown;
  id?: unknown;
}

export function paymentLinkRoutes(
  api: BanqApi,
  orders: OrderBook,
  merchantGuid: () => string,
  log: StepLog,
) {
  /** Links being made, by order: a second click waits for the first rather than making another. */
  const making = new Map<string, Promise<string>>();

  async function makeLink(request: PaymentLinkRequest): Promise<string> {
    const { orderId, comment, funds, frequency, startDate, endDate } = request;
    const answer = await api.request<PaidLinkAnswer>('POST', '/payments/get-paid-link', {
      destination: { banqGuid: merchantGuid() },
      comment,
      funds,
      externalOrderCode: orderId,
      frequency: frequency ?? 'once',
      ...(startDate && { startDate }),
      ...(endDate && { endDate }),
    });
    const url = answer.data?.url ?? answer.url;
    const paymentId = answer.data?.id ?? answer.id;
    if (typeof url !== 'string' || !URL.canParse(url))
      throw new Error('banq answered get-paid-link without a payment link URL');
    const record = orders.open(orderId, funds, comment);
    record.url = url;
    if (typeof paymentId === 'string') record.paymentId = paymentId;
    log('link made', { orderId, funds, paymentId: record.paymentId });
    return url;
  }

  return new Hono().post('/generate-payment-link', async (c) => {
    const body = await readJson(c.req.raw, 16 * 1024);
    if (!body.ok) return c.json(errorBody(body.code, body.message), body.status);
    const parsed = paymentLinkRequest.safeParse(body.value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue.path.join('.') || 'body';
      return c.json(errorBody('invalid_request', `${field} ${issue.message}`), 400);
    }
    const request = parsed.data;
    const { orderId, funds } = request;
    const record = orders.get(orderId);
    if (record?.paid)
      return c.json(errorBody('order_paid', `order ${orderId} is paid already`), 409);
    if (record && record.funds !== funds)
      return c.json(
        errorBody(
          'order_conflict',
          `order ${orderId} was opened for ${record.funds}, not ${funds}`,
        ),
        409,
      );
    if (record?.url) return c.json({ data: { url: record.url } });

    // Opened before banq is asked, so a concurrent request with other funds is refused above.
    orders.open(orderId, funds, request.comment);
    let link = making.get(orderId);
    if (!link) {
      link = makeLink(request).finally(() => making.delete(orderId));
      making.set(orderId, link);
    }
    try {
      return c.json({ data: { url: await link } });
    } catch (error) {
      // No link, no payment: the order may be asked for again, with other funds too.
      orders.discardUnpaid(orderId);
      log('link failed', { orderId, error: (error as Error).message });
      return c.json(
        errorBody('banq_unavailable', 'banq did not make the payment link; try again shortly'),
        502,
      );
    }
  });
}
