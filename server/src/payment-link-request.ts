/** The browser's request to the intermediary endpoint, as the backend validates it (and OpenAPI shows it). */
import { z } from '@hono/zod-openapi';
import { fundsProblem, MAX_FUNDS } from '../../src/funds.js';
import type { PaymentLinkRequest as ElementRequest } from '../../src/types.js';
import { PAYMENT_FREQUENCIES } from './banq-contract.js';

export { MAX_FUNDS };

/** A real calendar date as YYYY-MM-DD (2024-13-45 is refused here, not by banq). */
const isoDate = z.iso.date({ error: 'must be a real date as YYYY-MM-DD' });

/** An amount by the rule the element applies too (src/funds.ts): whole cents, 0.01 to MAX_FUNDS. */
export const fundsSchema = z
  .number({ error: 'must be a number' })
  .check((ctx) => {
    const problem = fundsProblem(ctx.value);
    if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
  })
  .openapi({ minimum: 0.01, maximum: MAX_FUNDS, multipleOf: 0.01 });

/** One of the frequencies banq takes; `once` is a single payment. */
const frequencySchema = z.enum(PAYMENT_FREQUENCIES, {
  error: `must be one of ${PAYMENT_FREQUENCIES.join(', ')}`,
});

/** The recurring terms: a frequency, and dates whose end is not before their start. */
export const recurringTerms = {
  frequency: frequencySchema.optional(),
  startDate: isoDate.optional(),
  endDate: isoDate.optional(),
};

/** For `.refine(...)` of an object with `startDate` and `endDate`: the end not before the start. */
export const endNotBeforeStart: [
  (terms: { startDate?: string; endDate?: string }) => boolean,
  { path: string[]; message: string },
] = [
  (terms) => !terms.startDate || !terms.endDate || terms.endDate >= terms.startDate,
  { path: ['endDate'], message: 'must not be before startDate' },
];

/** Deeper metadata is refused: a customer id and the like need a level or two, not thousands. */
const METADATA_MAX_DEPTH = 16;

/**
 * Why PostgreSQL's jsonb would not keep `value`, or `''`: nesting past METADATA_MAX_DEPTH (a
 * 16 KB body can nest 8,000 deep, past what JSON.stringify's stack takes), or a string, key or
 * value, with NUL or a lone surrogate (a code point of category Cs, under the u flag).
 */
function metadataProblem(value: unknown): string {
  const unstorable = /[\0\p{Cs}]/u;
  const pending: [unknown, number][] = [[value, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, depth] = next;
    if (typeof item === 'string') {
      if (unstorable.test(item)) return 'must hold no NUL character and no unpaired surrogate';
    } else if (typeof item === 'object' && item !== null) {
      if (depth >= METADATA_MAX_DEPTH) return `must nest at most ${METADATA_MAX_DEPTH} levels deep`;
      for (const [key, inner] of Object.entries(item))
        pending.push([key, depth + 1], [inner, depth + 1]);
    }
  }
  return '';
}

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
    ...recurringTerms,
    metadata: z
      .record(z.string(), z.unknown())
      .check((ctx) => {
        const problem = metadataProblem(ctx.value);
        if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
      })
      .optional()
      .openapi({ description: 'Kept with the order and handed to `resolveOrder`' }),
  })
  .refine(...endNotBeforeStart)
  .openapi('PaymentLinkRequest');

export type PaymentLinkRequest = z.infer<typeof paymentLinkRequest>;

/**
 * The element's request (src/types.ts) and this schema are one contract, held by the compiler:
 * the same fields both ways, and each as the element sends it is a type the schema takes in.
 * Only `frequency` is narrower here: the element passes any text on, and banq takes a few.
 */
type Assignable<A extends B, B> = A;
type Taken = z.input<typeof paymentLinkRequest>;
type Sent = Omit<ElementRequest, 'frequency'> & Pick<Taken, 'frequency'>;
export type PaymentLinkRequestContract = [
  Assignable<keyof ElementRequest, keyof Taken>,
  Assignable<keyof Taken, keyof ElementRequest>,
  Assignable<Sent, Taken>,
];

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
