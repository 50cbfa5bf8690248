/**
 * Step 2 of the guide: banq's webhooks. banq POSTs an event; when it says a Payment was
 * completed, the payment is fetched from banq to confirm it (a webhook alone is not proof)
 * and booked (./payments.ts). banq retries deliveries: one already processed changes nothing.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { timingSafeEqual } from 'hono/utils/buffer';
import { BanqApiError } from './banq-api.js';
import { WEBHOOK_ACTION_COMPLETED, WEBHOOK_RESOURCE_PAYMENT } from './banq-contract.js';
import { ApiError, errorContent, openApiRoutes, type StepLog } from './http.js';
import type { PaymentBook } from './payments.js';
import { STEP } from './steps.js';
import type { Store } from './store/index.js';

/** The guide's path; banq is told it by `register-webhook`. */
export const WEBHOOK_PATH = '/your-web-hooks/payment-status';

/** What is read of banq's event; anything else in it is ignored, and so is an event of another kind. */
const webhookEvent = z
  .object({
    id: z.string().max(128).optional(),
    action: z.unknown().optional(),
    resourceType: z.unknown().optional(),
    resourceId: z.unknown().optional(),
  })
  .nullable()
  .openapi('BanqWebhookEvent');

const route = createRoute({
  method: 'post',
  path: WEBHOOK_PATH,
  summary: 'banq’s webhook: a payment completed',
  request: {
    query: z.object({ secret: z.string().optional() }),
    body: { content: { 'application/json': { schema: webhookEvent } }, required: true },
  },
  responses: {
    200: {
      content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } },
      description: 'booked (`paid`), already booked (`duplicate`), or kept for review',
    },
    202: {
      content: { 'application/json': { schema: z.object({ ignored: z.string() }) } },
      description: 'not a completed payment, or one banq does not know',
    },
    400: errorContent('`invalid_json` or `invalid_event`'),
    401: errorContent('`unauthorized`: the webhook secret is missing or wrong'),
    413: errorContent('`too_large`'),
    503: errorContent('`banq_unavailable`: banq could not confirm the payment; banq retries'),
  },
});

/**
 * `401 unauthorized` without the webhook secret (when one is set). Mounted before the body is
 * read or validated: a caller without the secret learns nothing else, and costs no body read.
 */
export const webhookSecret =
  (secret: string | undefined): MiddlewareHandler =>
  async (c, next) => {
    if (secret !== undefined && !(await timingSafeEqual(c.req.query('secret') ?? '', secret)))
      throw new ApiError(401, 'unauthorized', 'the webhook secret is missing or wrong');
    await next();
  };

export function webhookRoutes(book: PaymentBook, store: Store, log: StepLog) {
  return openApiRoutes().openapi(route, async (c) => {
    const event = c.req.valid('json') ?? {};
    const { action, resourceType, resourceId } = event;
    log(STEP.webhookReceived, { action, resourceType, resourceId });
    if (action !== WEBHOOK_ACTION_COMPLETED || resourceType !== WEBHOOK_RESOURCE_PAYMENT)
      return c.json({ ignored: 'not a completed payment' }, 202);
    if (typeof resourceId !== 'string' || !/^[\w-]{1,128}$/.test(resourceId))
      throw new ApiError(400, 'invalid_event', 'resourceId must be a payment id');
    if (event.id && (await store.hasDelivery(event.id))) return c.json({ duplicate: true }, 200);

    let payment;
    try {
      payment = await book.fetch(resourceId);
    } catch (error) {
      log(STEP.paymentNotVerified, { resourceId, error: (error as Error).message }, 'error');
      // 404: banq does not know it, so retrying will not help. Anything else: ask banq to retry.
      if (error instanceof BanqApiError && error.status === 404)
        return c.json({ ignored: 'banq does not know this payment' }, 202);
      throw new ApiError(503, 'banq_unavailable', 'could not verify the payment with banq; retry');
    }
    const booking = await book.book(resourceId, payment, event.id);
    switch (booking.outcome) {
      case 'paid':
        return c.json({ paid: booking.orderId }, 200);
      case 'duplicate':
        return c.json({ duplicate: true }, 200);
      case 'review':
        // Answered 2xx: banq need not retry; a person looks at it.
        return c.json({ review: booking.reason }, 200);
      case 'not-completed':
        return c.json({ ignored: `payment is ${booking.status}` }, 202);
    }
  });
}
