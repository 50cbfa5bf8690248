/**
 * What the shop's pages and the shop's server say to each other: a page posts its cart to
 * `POST /demo-api/orders`, and the server, which alone decides prices, answers the order to
 * pay; the live log (`/demo-api/server-log`) streams the steps of a page's order. Shared so
 * both sides type the same shapes and name the same things.
 */

/** One line of a cart as a page sends it: which product, how many. */
export interface CartItem {
  productId: string;
  quantity: number;
}

/** `POST /demo-api/orders` with `{items}` answers this (201): what `<banq-checkout>` is given. */
export interface ShopOrder {
  /** Unguessable: 16 random bytes, base64url. */
  orderId: string;
  /** The total, priced by the server from the catalog. */
  funds: number;
  /** What banq shows on its payment screen. */
  comment: string;
}

export const ORDERS_PATH = '/demo-api/orders';
export const SERVER_LOG_PATH = '/demo-api/server-log';
export const BACKEND_DOWN_PATH = '/demo-api/backend-down';

/**
 * How the live log tells the mock banq's steps (named in mock-banq/steps.ts) from the backend's
 * (named in server/src/steps.ts): the demo's server writes each of them as `banq: ${step}`.
 */
export const BANQ_STEP_PREFIX = 'banq: ';
