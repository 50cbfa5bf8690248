/**
 * The hosted payment page a payment link opens (`GET /pay/:id`, rendered by ./pay-page.ts) and
 * its "pay" (`POST /pay/:id/complete`, mock-internal); who may frame it (HOSTED_PAGE_ORIGIN_PARAM).
 */
import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import {
  HOSTED_PAGE_ORIGIN_PARAM,
  PAYMENT_CHANNELS,
  PAYMENT_STATUS,
  type ApiErrorCode,
} from '../server/src/banq-contract.js';
import { apiError, parseBody } from './http.js';
import { renderNotFoundPage, renderPayPage } from './pay-page.js';
import { MERCHANT_NAME, type MockBanqState } from './state.js';
import type { WebhookDelivery } from './webhook-delivery.js';
import { MOCK_STEP } from './steps.js';

const completeSchema = z.object({ via: z.enum(PAYMENT_CHANNELS) });

/**
 * `value` if it is a serialised http(s) origin, exactly as `window.origin` spells it
 * (`scheme://host[:port]`): safe to put in a CSP header and to use as postMessage's target.
 */
function serialisedOrigin(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  return url.origin === value ? value : undefined;
}

/** options.allowedOrigins as a set; one that is not an http(s) origin throws, at creation. */
function allowedOriginsOf(state: MockBanqState): ReadonlySet<string> | undefined {
  const allowed = state.options.allowedOrigins && new Set(state.options.allowedOrigins);
  for (const origin of allowed ?? []) {
    if (serialisedOrigin(origin) === undefined) {
      throw new TypeError(
        `allowedOrigins: "${origin}" is not an http(s) origin (scheme://host[:port], no path)`,
      );
    }
  }
  return allowed;
}

const pageHeaders = (nonce: string, parentOrigin: string | undefined) => ({
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  ...(parentOrigin === undefined ? { 'x-frame-options': 'DENY' } : {}),
  'content-security-policy':
    `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; ` +
    "connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; " +
    `frame-ancestors ${parentOrigin ?? "'none'"}`,
});

/** Completes the payment, once (then 409 `already_completed`), and queues its webhook. */
async function complete(
  state: MockBanqState,
  webhooks: WebhookDelivery,
  c: Context,
  paymentId: string,
) {
  const record = state.payments.get(paymentId);
  if (!record) return apiError(c, 404, 'not_found', `No payment ${paymentId}.`);
  const parsed = await parseBody(c, completeSchema, 'completion');
  if (!parsed.ok) return parsed.answer;
  const { payment } = record;
  if (payment.status === PAYMENT_STATUS.completed) {
    return c.json(
      {
        error: {
          code: 'already_completed' satisfies ApiErrorCode,
          message: `Payment ${payment.id} is already completed.`,
        },
        data: { ...payment },
      },
      409,
    );
  }
  payment.status = PAYMENT_STATUS.completed;
  payment.completedAt = new Date().toISOString();
  record.paidVia = parsed.value.via;
  state.log(MOCK_STEP.paymentCompleted, {
    paymentId: payment.id,
    externalOrderCode: payment.externalOrderCode,
    funds: payment.funds,
    via: parsed.value.via,
  });
  webhooks.paymentCompleted(payment);
  return c.json({ data: { ...payment } });
}

export function hostedPageRoutes(state: MockBanqState, webhooks: WebhookDelivery): Hono {
  const allowedOrigins = allowedOriginsOf(state);

  /**
   * The page that may frame the hosted page, and be told of the payment: the origin the widget
   * named, if it is one and (with `allowedOrigins`) the merchant's. Otherwise none.
   */
  const framingOrigin = (c: Context): string | undefined => {
    const values = c.req.queries(HOSTED_PAGE_ORIGIN_PARAM);
    const named = values?.join(', ');
    // Named twice is as good as not at all: which one would the widget have meant?
    const origin = values?.length === 1 ? serialisedOrigin(values[0]) : undefined;
    if (origin !== undefined && (!allowedOrigins || allowedOrigins.has(origin))) return origin;
    if (named !== undefined) {
      state.log(MOCK_STEP.hostedPageNotFrameable, {
        path: new URL(c.req.url).pathname,
        origin: named.slice(0, 200),
        reason: origin === undefined ? 'not an http(s) origin' : 'not in allowedOrigins',
      });
    }
    return undefined;
  };

  const app = new Hono();
  app.get('/pay/:id', (c) => {
    const nonce = randomBytes(16).toString('base64');
    const parentOrigin = framingOrigin(c);
    const headers = pageHeaders(nonce, parentOrigin);
    const record = state.payments.get(c.req.param('id'));
    if (!record) return c.html(renderNotFoundPage({ nonce }), 404, headers);
    const html = renderPayPage({
      nonce,
      payment: record.payment,
      link: record.url,
      completeUrl: `${new URL(c.req.url).pathname.replace(/\/+$/, '')}/complete`,
      merchantName: MERCHANT_NAME,
      paidVia: record.paidVia,
      parentOrigin,
    });
    return c.html(html, 200, headers);
  });
  app.post('/pay/:id/complete', (c) => complete(state, webhooks, c, c.req.param('id')));
  return app;
}
