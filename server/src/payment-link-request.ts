/** The browser's request to the intermediary endpoint, as the backend validates it (and OpenAPI shows it). */
import { z } from '@hono/zod-openapi';

/** A sane ceiling for one payment; a typo of a few zeros is refused rather than charged. */
export const MAX_FUNDS = 1_000_000;

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD');

/** An amount: above 0, at most MAX_FUNDS, whole cents. The browser's and the merchant's alike. */
export const fundsSchema = z
  .number({ error: 'must be a number' })
  .positive('must be greater than 0')
  .max(MAX_FUNDS, `must be at most ${MAX_FUNDS}`)
  // Cents, with a tolerance: 0.29 * 100 is 28.999999999999996.
  .refine(
    (funds) => Math.abs(funds * 100 - Math.round(funds * 100)) < 1e-6,
    'must have at most two decimals',
  );

export const paymentLinkRequest = z
  .object({
    orderId: z
      .string({ error: 'is required' })
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, "_" or "-"')
      .openapi({ example: 'ord-4q2m8x' }),
    comment: z.string().max(255, 'must be at most 255 characters').optional(),
    funds: fundsSchema.optional().openapi({
      description: 'What the page shows; must be the order’s amount (409 otherwise)',
      example: 12.5,
    }),
    frequency: z.string().min(1).max(32).optional(),
    startDate: isoDate.optional(),
    endDate: isoDate.optional(),
    metadata: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi('PaymentLinkRequest');

export type PaymentLinkRequest = z.infer<typeof paymentLinkRequest>;

export const paymentLinkAnswer = z
  .object({
    data: z.object({
      url: z.string().openapi({ description: 'banq’s payment link, for the widget' }),
      eventsToken: z
        .string()
        .openapi({ description: 'the `token` of this order’s `/payment-events` stream' }),
    }),
  })
  .openapi('PaymentLink');
