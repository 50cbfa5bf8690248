/**
 * Step 1 of the guide: the intermediary endpoint. The browser POSTs an order id here (never
 * to banq); the merchant's `resolveOrder` says what the order costs; banq is asked once per
 * order, across every instance and restart, for a link with `externalOrderCode` = the order
 * id; the answer is `{data: {url, eventsToken}}`.
 */
import { createRoute } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { BanqApiError, type BanqApi } from './banq-api.js';
import { API_PATHS } from './banq-contract.js';
import type { EventsTokens } from './events-token.js';
import { ApiError, errorContent, openApiRoutes, sleep, type StepLog } from './http.js';
import { cents } from './money.js';
import {
  paymentLinkAnswer,
  paymentLinkRequest,
  type PaymentLinkRequest,
} from './payment-link-request.js';
import { checkTerms, type OrderRequestContext, type ResolveOrder } from './resolve-order.js';
import { STEP } from './steps.js';
import type { Order, OrderTerms, Store } from './store/index.js';

/**
 * How long one request may hold an order's claim while banq makes the link: beyond the worst
 * case of two token requests and two calls of 10 s each (a 401 retried).
 */
const CLAIM_HOLD_MS = 60_000;
/** How often a request waiting for another's claim looks again. */
const CLAIM_POLL_MS = 25;

export interface PaymentLinkStep {
  api: BanqApi;
  store: Store;
  resolveOrder: ResolveOrder;
  merchantGuid: string;
  tokens: EventsTokens;
  log: StepLog;
}

/** banq's answer to get-paid-link: the guide shows only the merchant's `{data: {url}}`, so both shapes are read. */
interface PaidLinkAnswer {
  data?: { url?: unknown; id?: unknown };
  url?: unknown;
  id?: unknown;
}

/** The link banq made for an order, and the payment id it gave with it (unchecked). */
interface MadeLink {
  url: string;
  paymentId: unknown;
}

const sameTerms = (order: Order, terms: OrderTerms) =>
  cents(order.funds) === cents(terms.funds) &&
  order.comment === terms.comment &&
  order.frequency === terms.frequency &&
  order.startDate === terms.startDate &&
  order.endDate === terms.endDate;

const route = createRoute({
  method: 'post',
  path: '/generate-payment-link',
  summary: 'The payment link for one of the merchant’s orders',
  request: {
    body: { content: { 'application/json': { schema: paymentLinkRequest } }, required: true },
  },
  responses: {
    200: {
      content: { 'application/json': { schema: paymentLinkAnswer } },
      description: 'banq’s payment link (the same one every time for one order)',
    },
    400: errorContent(
      'the body is not a valid request: `invalid_request`, `invalid_json`; banq refused the terms: `banq_rejected`',
    ),
    403: errorContent('`forbidden_origin`: a page on a site this backend does not serve'),
    404: errorContent('`unknown_order`: the merchant has no such order'),
    409: errorContent('`amount_mismatch`, `terms_mismatch`, `order_changed` or `order_paid`'),
    413: errorContent('`too_large`'),
    415: errorContent('`unsupported_media_type`: the body is not sent as application/json'),
    429: errorContent('`rate_limited`: too many link requests from one address; see Retry-After'),
    502: errorContent('`banq_unavailable` or `orders_unavailable`'),
    503: errorContent(
      '`link_pending`: another request is still making this order’s link; `link_not_kept`',
    ),
  },
});

/** The merchant's terms for the order, checked; 404 when there is no such order. */
async function termsOf(
  { resolveOrder, log }: Pick<PaymentLinkStep, 'resolveOrder' | 'log'>,
  orderId: string,
  request: Request,
  context: OrderRequestContext,
): Promise<OrderTerms> {
  let terms: OrderTerms | null;
  try {
    // Checked as untyped: a JavaScript resolveOrder may answer anything, undefined for none.
    const answer: unknown = await resolveOrder(orderId, request, context);
    terms = answer === null || answer === undefined ? null : checkTerms(answer);
  } catch (error) {
    // The merchant's own refusal (a session check, say) is its answer, as it is.
    if (error instanceof HTTPException) throw error;
    // The merchant's service failed, or answered what it should not: the shopper may retry.
    log(STEP.orderLookupFailed, { orderId, error: (error as Error).message }, 'error');
    throw new ApiError(
      502,
      'orders_unavailable',
      'the shop could not look the order up; try again shortly',
    );
  }
  if (!terms) throw new ApiError(404, 'unknown_order', `there is no order ${orderId}`);
  return terms;
}

/**
 * What the page shows must be the merchant's order: another amount is `amount_mismatch`,
 * another frequency or dates `terms_mismatch` (a squatter's `daily` until 2030 is never made).
 * A field the page leaves out is no difference; `once` is no frequency.
 */
function refuseOtherTerms(body: PaymentLinkRequest, terms: OrderTerms) {
  const { orderId, funds } = body;
  if (funds !== undefined && cents(funds) !== cents(terms.funds))
    throw new ApiError(
      409,
      'amount_mismatch',
      `order ${orderId} is for ${terms.funds}, not ${funds}: show the order's own amount`,
    );
  const differs = (['frequency', 'startDate', 'endDate'] as const).filter((field) => {
    if (body[field] === undefined) return false;
    const sent = field === 'frequency' && body.frequency === 'once' ? undefined : body[field];
    return sent !== terms[field];
  });
  if (differs.length)
    throw new ApiError(
      409,
      'terms_mismatch',
      `order ${orderId} has other terms than the page sent (${differs.join(', ')}): show the order's own terms`,
    );
}

/** The link of an order that has one: refused once paid, or when the merchant changed its terms. */
function existingLink(order: Order, terms: OrderTerms): string {
  if (order.status === 'paid')
    throw new ApiError(409, 'order_paid', `order ${order.orderId} is paid already`);
  if (!sameTerms(order, terms))
    throw new ApiError(
      409,
      'order_changed',
      `order ${order.orderId} has a payment link for other terms; make a new order`,
    );
  return order.url ?? '';
}

/**
 * banq's payment link for the claimed order, and its payment id if banq gave one. When banq
 * makes none the claim is released (the order may be asked for again) and the request refused.
 */
async function askBanq(
  step: Pick<PaymentLinkStep, 'api' | 'store' | 'merchantGuid' | 'log'>,
  orderId: string,
  claimId: string,
  terms: OrderTerms,
): Promise<MadeLink> {
  const { api, store, merchantGuid, log } = step;
  const { funds, comment, frequency, startDate, endDate } = terms;
  try {
    const answer = await api.request<PaidLinkAnswer>('POST', API_PATHS.getPaidLink, {
      destination: { banqGuid: merchantGuid },
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
    return { url, paymentId };
  } catch (error) {
    // No link, no payment: the order may be asked for again.
    await store.releaseClaim(orderId, claimId);
    log(STEP.linkFailed, { orderId, error: (error as Error).message }, 'error');
    // banq refused these terms (400/422): the request's fault, said with banq's reason. A
    // refused token (401/403), banq's pace (429) or its failure stay banq_unavailable.
    if (error instanceof BanqApiError && (error.status === 400 || error.status === 422))
      throw new ApiError(400, 'banq_rejected', `banq refused the payment: ${error.reason}`);
    throw new ApiError(
      502,
      'banq_unavailable',
      'banq did not make the payment link; try again shortly',
    );
  }
}

/**
 * Keeps the link banq made under the caller's claim, for every request after this one. banq
 * made a payable link: the claim is not given up now, whatever happens.
 */
async function keepLink(
  { store, log }: Pick<PaymentLinkStep, 'store' | 'log'>,
  orderId: string,
  claimId: string,
  terms: OrderTerms,
  { url, paymentId }: MadeLink,
): Promise<string> {
  try {
    await store.saveLink(
      orderId,
      claimId,
      url,
      typeof paymentId === 'string' ? paymentId : undefined,
    );
  } catch (error) {
    log(STEP.linkNotKept, { orderId, paymentId, error: (error as Error).message }, 'error');
    throw new ApiError(
      503,
      'link_not_kept',
      'the payment link could not be kept; try again shortly',
    );
  }
  log(STEP.linkMade, { orderId, funds: terms.funds, paymentId });
  return url;
}

/** One link per order: the request that claims the order asks banq; the others wait for its link. */
async function linkFor(
  step: PaymentLinkStep,
  orderId: string,
  terms: OrderTerms,
  metadata?: Record<string, unknown>,
): Promise<string> {
  const { store } = step;
  const deadline = Date.now() + CLAIM_HOLD_MS;
  for (;;) {
    const known = await store.getOrder(orderId);
    if (known && known.status !== 'claiming') return existingLink(known, terms);
    const claim = await store.claimLink(orderId, terms, CLAIM_HOLD_MS, metadata);
    if (claim.claimed) {
      const link = await askBanq(step, orderId, claim.claimId, terms);
      return keepLink(step, orderId, claim.claimId, terms, link);
    }
    if (claim.order.status !== 'claiming') return existingLink(claim.order, terms);
    if (Date.now() > deadline)
      throw new ApiError(
        503,
        'link_pending',
        `order ${orderId}'s link is still being made; try again`,
      );
    await sleep(CLAIM_POLL_MS);
  }
}

/**
 * The route: the request validated by its schema, the merchant's terms for the order, the
 * page's terms held to them, the order's one link, and the answer with the order's events token.
 */
export function paymentLinkRoutes(step: PaymentLinkStep) {
  return openApiRoutes().openapi(route, async (c) => {
    const body = c.req.valid('json');
    const { orderId, metadata } = body;
    const terms = await termsOf(step, orderId, c.req.raw, { metadata });
    refuseOtherTerms(body, terms);
    const url = await linkFor(step, orderId, terms, metadata);
    return c.json({ data: { url, eventsToken: await step.tokens.sign(orderId) } }, 200);
  });
}
