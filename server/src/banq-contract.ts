/**
 * Everything the reference backend (server/) and the mock of banq (mock-banq/) had
 * to ASSUME about banq, in one place.
 *
 * banq's only public description is the "Dynamic Integration" guide
 * (/work/shared/banq-dynamic-integration.txt). It shows the request bodies of
 * `/oauth/token`, `/payments/get-paid-link` and `/account-spaces/:id/webhook-config`, the
 * URLs of `/users/me?include=accountSpaces,banqAccounts` and `/payments/:id`, that the
 * get-paid-link answer is read as `data.url` (through the merchant backend), and that a
 * webhook event has `action`, `resourceType` and `resourceId`, with "completed" and "Payment"
 * as values. Everything else below is invented and marked ASSUMED: check it against banq's
 * Swagger ("BANQ API Docs") before going live, and change it here.
 *
 * No imports, no runtime dependencies: it travels with the backend wherever that is copied,
 * and the mock reads the same constants, so the two cannot drift apart.
 */

/* ------------------------------------------------------------------ auth (Auth0) */

/** The guide's token request: Auth0's password grant. Documented. */
export const TOKEN_GRANT_TYPE = 'password';

/** The guide's audience for the Open API (get-paid-link). Documented. */
export const OPEN_API_AUDIENCE = 'https://banq.com/open/api/';

/** The guide's token endpoint, on banq's Auth0 tenant (`banq-staging.auth0.com`). Documented. */
export const TOKEN_PATH = '/oauth/token';

/**
 * The guide's token request, as JSON. Documented. ASSUMED: a token from the Open API
 * credentials also works for `/users/me` and `/account-spaces/:id/webhook-config`. (The guide
 * shows a second grant for those, with audience `https://banq.com/api`, `scope:
 * 'offline_access'` and banq's own static client id; the mock accepts one credential set for
 * everything, and the backend asks for one token.)
 */
export interface TokenRequest {
  grant_type: typeof TOKEN_GRANT_TYPE;
  client_id: string;
  username: string;
  password: string;
  audience: string;
}

/**
 * ASSUMED, the shape of the token answer (standard Auth0): `{access_token, token_type:
 * 'Bearer', expires_in}`, `expires_in` in seconds.
 */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

/**
 * ASSUMED, Auth0-style token errors: `{error, error_description}`. The mock answers 400 for a
 * malformed or incomplete request and 401 for a wrong grant type, client, audience or
 * credentials. (Real Auth0 answers 403 to some of these, e.g. a wrong password: a backend
 * should treat any 4xx from the token endpoint as "bad credentials".)
 */
export type TokenErrorCode =
  'invalid_request' | 'unsupported_grant_type' | 'access_denied' | 'invalid_grant';
export interface TokenErrorResponse {
  error: TokenErrorCode;
  error_description: string;
}

/* ------------------------------------------------------------------ ids */

/**
 * ASSUMED: user, account space, banq account (`guid`) and payment ids are UUIDs; access tokens
 * are opaque strings (not JWTs the backend could read); webhook event ids are `evt_` + random.
 */
export const EVENT_ID_PREFIX = 'evt_';

/* ------------------------------------------------------------------ API envelope */

/** ASSUMED: the API's base path is `/api/v1` (the guide's URLs) and answers wrap data in `{data}`. */
export const API_BASE_PATH = '/api/v1';

/**
 * The guide's API paths, under API_BASE_PATH. Documented. An id goes in as it is: the backend
 * encodes it, the mock passes its route parameter (`:id`, kept in the type for its router).
 */
export const API_PATHS = {
  usersMe: '/users/me',
  getPaidLink: '/payments/get-paid-link',
  payment: <Id extends string>(paymentId: Id) => `/payments/${paymentId}` as const,
  webhookConfig: <Id extends string>(accountSpaceId: Id) =>
    `/account-spaces/${accountSpaceId}/webhook-config` as const,
} as const;

/** ASSUMED: every API error is `{error: {code, message, details?}}`. */
export type ApiErrorCode =
  | 'unauthorized' // 401: no, malformed, unknown or expired bearer token
  | 'invalid_json' // 400: body is not JSON
  | 'validation_error' // 422: body does not have the documented shape; see `details`
  | 'unknown_destination' // 422: get-paid-link's destination.banqGuid is not the merchant's
  | 'not_found' // 404: unknown payment, account space or route
  | 'already_completed'; // 409: the hosted page's "complete" for a completed payment (mock-internal)
export interface ApiError {
  error: { code: ApiErrorCode; message: string; details?: { path: string; message: string }[] };
}

/* ------------------------------------------------------------------ users/me */

/** The guide's `include` of users/me (`?include=accountSpaces,banqAccounts`). Documented. */
export const USERS_ME_INCLUDE = ['accountSpaces', 'banqAccounts'] as const;

/**
 * ASSUMED, the shape of `GET /users/me?include=accountSpaces,banqAccounts`: the guide says to
 * "find banq guid" and "find a property accountSpaceId" in it. The relations listed in
 * `include` are added; without `include` only `id` and `email` come back.
 */
export interface BanqUser {
  id: string;
  email: string;
  accountSpaces?: { id: string; name: string }[];
  banqAccounts?: { guid: string; accountSpaceId: string; name: string }[];
}

/* ------------------------------------------------------------------ payments */

/** ASSUMED: the status names of a payment created by get-paid-link. */
export const PAYMENT_STATUS = { pending: 'pending', completed: 'completed' } as const;
type PaymentStatus = (typeof PAYMENT_STATUS)[keyof typeof PAYMENT_STATUS];

/**
 * ASSUMED: the allowed `frequency` values (the guide shows "once" and says "Check BANQ API
 * Docs for recurrent payment options"). Anything else is a 422.
 */
export const PAYMENT_FREQUENCIES = [
  'once',
  'daily',
  'weekly',
  'biweekly',
  'monthly',
  'quarterly',
  'yearly',
] as const;
export type PaymentFrequency = (typeof PAYMENT_FREQUENCIES)[number];

/** ASSUMED: amounts (`funds`) are US dollars, a number above 0 with at most two decimals. */
export const CURRENCY = 'USD';

/**
 * The guide's get-paid-link body. Field names documented; ASSUMED required: `destination`,
 * `comment` (may be empty), `funds`, `externalOrderCode`, `frequency`; optional `startDate`,
 * `endDate` (YYYY-MM-DD). Unknown extra fields are ignored.
 */
export interface GetPaidLinkRequest {
  destination: { banqGuid: string };
  comment: string;
  funds: number;
  externalOrderCode: string;
  frequency: PaymentFrequency;
  startDate?: string;
  endDate?: string;
}

/** ASSUMED: the get-paid-link answer is `{data: {id, url}}` (the guide only shows `data.url`). */
export interface GetPaidLinkResponse {
  data: { id: string; url: string };
}

/**
 * ASSUMED, the payment `GET /payments/:id` answers as `{data: payment}`: the request's fields,
 * plus `id` (a UUID), `status`, `createdAt` and, once paid, `completedAt` (ISO 8601).
 */
export interface BanqPayment {
  id: string;
  status: PaymentStatus;
  funds: number;
  comment: string;
  externalOrderCode: string;
  frequency: PaymentFrequency;
  startDate?: string;
  endDate?: string;
  destination: { banqGuid: string };
  createdAt: string;
  completedAt?: string;
}

/* ------------------------------------------------------------------ webhooks */

/** The guide's webhook types (`webHookTypes: ['payment', 'transaction']`). Documented. */
export const WEBHOOK_TYPES = ['payment', 'transaction'] as const;
type WebhookType = (typeof WEBHOOK_TYPES)[number];

/**
 * The guide's webhook-config body. ASSUMED: one config per account space (a POST replaces
 * it), `retryCount` an integer 0..10, `url` http(s); the answer is `{data: config}` with the
 * account space's id added.
 */
export interface WebhookConfig {
  url: string;
  enabled: boolean;
  retryCount: number;
  webHookTypes: WebhookType[];
}
export interface StoredWebhookConfig extends WebhookConfig {
  accountSpaceId: string;
}

/** Documented: the event a completed payment sends (`action == completed`, `resourceType == Payment`). */
export const WEBHOOK_ACTION_COMPLETED = 'completed';
export const WEBHOOK_RESOURCE_PAYMENT = 'Payment';

/**
 * The webhook event, POSTed as JSON (`content-type: application/json`) to the configured url.
 * `action`, `resourceType`, `resourceId` are documented; ASSUMED: `id` ("evt_…", the same on
 * every retry of one event, so receivers can de-duplicate) and `createdAt` (ISO 8601). ASSUMED:
 * no signature header (the guide shows none), so a receiver must not trust the body and
 * should, as the guide says, GET `/payments/:resourceId` to confirm. ASSUMED: the mock sends
 * only payment events, never 'transaction' ones.
 */
export interface BanqWebhookEvent {
  id: string;
  action: typeof WEBHOOK_ACTION_COMPLETED;
  resourceType: typeof WEBHOOK_RESOURCE_PAYMENT;
  resourceId: string;
  createdAt: string;
}

/**
 * ASSUMED: a delivery succeeds on any 2xx; otherwise (or on a network error or a 10 s timeout)
 * it is retried `retryCount` times, waiting backoff·2^n ms before retry n+1.
 */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/* ------------------------------------------------------------------ widget <-> hosted page */

/**
 * ASSUMED: the payment link is banq's hosted payment page, which the widget shows in an
 * `<iframe>` inside its popup, and which tells the widget of a payment made in it with
 * `parent.postMessage({type: PAYMENT_SUCCESS_MESSAGE, paymentId}, <the widget's origin>)`.
 * The widget accepts the message only from its own iframe (`event.source`) and the link's
 * origin. A payment made by scanning the QR code in the banq app sends no message (the guide:
 * the widget never learns of it).
 */
export const PAYMENT_SUCCESS_MESSAGE = 'banq:payment-success';

/**
 * ASSUMED, how the hosted page knows who frames it (as other providers' hosted fields and
 * embedded checkouts do): the widget frames the link with one more query parameter,
 * `HOSTED_PAGE_ORIGIN_PARAM=<the origin of the merchant's page>` (`window.origin`, set with
 * `URL.searchParams.set`, so it replaces one the link might carry). The "Open in a new tab"
 * link and the QR code carry the plain link. The hosted page accepts the value only as a
 * serialised origin, exactly as `window.origin` spells it (`scheme://host[:port]`, http or
 * https, lower case, no default port, no path, no trailing slash, punycode host); then it answers
 * `Content-Security-Policy: … frame-ancestors <that origin>` and posts its success message to
 * that origin only. Without a valid one (none, "null" from an opaque origin, anything else) it
 * answers `frame-ancestors 'none'` (and `X-Frame-Options: DENY`): it cannot be framed, still
 * works opened top-level, and posts nothing. `frame-ancestors` checks every ancestor, so a
 * merchant's page that is itself framed by another origin cannot frame the hosted page.
 *
 * The parameter alone cannot stop another site from framing the link while naming its own
 * origin; real banq would also check the origin against the sites the merchant registered
 * (the mock does this when given `allowedOrigins`; by default it accepts any http(s) origin,
 * so the demo needs no configuration). Check with banq: whether the widget does this at all,
 * the parameter's name, and where a merchant registers its sites.
 */
export const HOSTED_PAGE_ORIGIN_PARAM = 'origin';

/**
 * ASSUMED (mock-internal, not banq's API): the hosted page completes a payment with
 * `POST /pay/:id/complete {via}`: `'browser'` for "Pay here", `'app'` for the simulated banq
 * app. A second call changes nothing and answers 409 `already_completed`, with the payment.
 * Real banq makes the shopper sign in first; the mock does not.
 */
export const PAYMENT_CHANNELS = ['browser', 'app'] as const;
export type PaymentChannel = (typeof PAYMENT_CHANNELS)[number];

/* ------------------------------------------------------------------ widget under a CSP */

/*
 * ASSUMED, what banq's widget needs of the merchant page's Content-Security-Policy (the guide
 * says nothing of CSP). The mock's widget (mock-banq/ecommerce.js) behaves so, and
 * test/e2e/csp.test.ts pays through it under a policy that allows this and nothing more:
 *  - `script-src`: one classic script, `ecommerce.js`, from banq's widget origin (the sandbox's
 *    is `https://sandbox.banq.com`), which adds no other script, inline or remote, and
 *    evaluates no strings (no `'unsafe-eval'`). The page allows it by the nonce that
 *    `<banq-checkout nonce>` copies onto the `<script>` it adds, or by that origin.
 *  - `style-src`: its styles are one `<style>` it appends to `document.head`, which takes the
 *    nonce of the `<script>` that loaded it (`document.currentScript.nonce`); it sets no
 *    `style="…"` attributes. A page with no nonce at all (the script allowed by origin) must
 *    allow the style some other way (`'unsafe-inline'`, or its hash, which changes with every
 *    release of the widget), or show banq's button unstyled.
 *  - `frame-src`: the popup frames the payment link, banq's hosted payment page: the link's
 *    origin. The mock serves both from its one origin; real banq's page may be on another host
 *    than its widget (the origin of a `data.url` from get-paid-link says).
 *  - nothing else: no requests of its own (`connect-src`), no images, fonts, workers or
 *    plugins; the hosted page tells the widget by `postMessage`, which CSP does not govern.
 * Check with banq before going live: the production origins of the widget and of the hosted
 * page, that the widget's style takes its script's nonce, and that it needs nothing more.
 * (Nothing in the code reads this: the element copies its nonce, and the rest is the page's.)
 */

/* ------------------------------------------------------------------ environments */

/**
 * Where banq is. The sandbox's token endpoint, API and widget script are the guide's
 * (documented). Production's token endpoint and API are ASSUMED by analogy (a `banq-prod`
 * tenant, `api.banq.com`); its widget script is not known at all, so it must be given.
 */
export const BANQ_ENVIRONMENTS = {
  sandbox: {
    authUrl: `https://banq-staging.auth0.com${TOKEN_PATH}`,
    apiUrl: `https://sandbox.banq.com${API_BASE_PATH}`,
    widgetUrl: 'https://sandbox.banq.com/widget/ecommerce.js',
  },
  production: {
    authUrl: `https://banq-prod.auth0.com${TOKEN_PATH}`,
    apiUrl: `https://api.banq.com${API_BASE_PATH}`,
    widgetUrl: undefined,
  },
} as const;
