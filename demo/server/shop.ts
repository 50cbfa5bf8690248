/**
 * The demo shop's own server side: it makes the orders and prices them from the catalog, so
 * the amount a shopper pays is decided here, never by the browser. The reference backend
 * reads these orders through `resolveOrder`. They live in this process's memory, which is
 * enough for a demo (and the mock banq forgets its payments on restart too); a real shop
 * keeps its orders in its database.
 */
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { errorBody } from '../../server/src/http.js';
import type { ResolveOrder } from '../../server/src/resolve-order.js';
import { CATALOG, MAX_QUANTITY, productById, SHOP_NAME } from '../catalog.js';
import type { CartItem, ShopOrder } from '../shop-api.js';

/** The oldest orders are forgotten past this many, so a script posting carts cannot fill memory. */
const MAX_ORDERS = 10_000;
const MAX_BODY_BYTES = 16 * 1024;

const productIds = CATALOG.map((product) => product.id);
const quantityRange = `must be a whole number from 1 to ${MAX_QUANTITY}`;

const orderRequest = z.object(
  {
    items: z
      .array(
        z.object(
          {
            productId: z
              .string({ error: 'must be a product id' })
              .refine((id) => productById(id) !== undefined, {
                error: `must be one of ${productIds.join(', ')}`,
              }),
            quantity: z
              .number({ error: quantityRange })
              .int(quantityRange)
              .min(1, quantityRange)
              .max(MAX_QUANTITY, quantityRange),
          },
          { error: 'must be {productId, quantity}' },
        ),
        { error: 'must be a list of {productId, quantity}' },
      )
      .min(1, 'must hold at least one item')
      .refine((items) => new Set(items.map((item) => item.productId)).size === items.length, {
        error: 'must list each product once',
      }),
  },
  { error: 'must be {items: [{productId, quantity}]}' },
);

/** An order as the shop keeps it: what was bought, and what it costs. */
export interface ShopOrderRecord extends ShopOrder {
  items: CartItem[];
}

export type PlacedOrder = { ok: true; order: ShopOrder } | { ok: false; message: string };

/** 16 random bytes (128 bits), base64url: 22 characters the backend's orderId rule accepts. */
const newOrderId = () => randomBytes(16).toString('base64url');

/** What banq shows on its payment screen: the product for one line, the count for more. */
function commentFor(items: CartItem[]): string {
  if (items.length === 1) {
    const [{ productId, quantity }] = items;
    return `${SHOP_NAME} · ${quantity} × ${productById(productId)?.name ?? productId}`;
  }
  const count = items.reduce((sum, item) => sum + item.quantity, 0);
  return `${SHOP_NAME} · ${count} items`;
}

/** The total in whole cents, from the catalog's prices (never summed in floating-point dollars). */
const totalCents = (items: CartItem[]) =>
  items.reduce(
    (sum, item) => sum + (productById(item.productId)?.priceCents ?? 0) * item.quantity,
    0,
  );

export function createShop() {
  const orders = new Map<string, ShopOrderRecord>();

  /** Validates a cart (as a page posts it) and makes its order, or says what to fix. */
  function placeOrder(body: unknown): PlacedOrder {
    const parsed = orderRequest.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ok: false, message: `${issue.path.join('.') || 'body'} ${issue.message}` };
    }
    const items = parsed.data.items.map(({ productId, quantity }) => ({ productId, quantity }));
    const order = {
      orderId: newOrderId(),
      funds: totalCents(items) / 100,
      comment: commentFor(items),
    };
    orders.set(order.orderId, { ...order, items });
    if (orders.size > MAX_ORDERS) orders.delete(orders.keys().next().value as string);
    return { ok: true, order };
  }

  /** The backend's question "what does this order cost?", answered from the shop's orders. */
  const resolveOrder: ResolveOrder = async (orderId) => {
    const order = orders.get(orderId);
    return order ? { funds: order.funds, comment: order.comment } : null;
  };

  /** `POST /` (mounted at /demo-api/orders): `{items}` → `201 {orderId, funds, comment}`. */
  const routes = new Hono();
  routes.post(
    '/',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        c.json(errorBody('too_large', `the body must be at most ${MAX_BODY_BYTES} bytes`), 413),
    }),
    async (c) => {
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        return c.json(errorBody('invalid_json', 'the body is not well-formed JSON'), 400);
      }
      const placed = placeOrder(body);
      if (!placed.ok) return c.json(errorBody('invalid_request', placed.message), 400);
      return c.json(placed.order, 201);
    },
  );

  return {
    placeOrder,
    resolveOrder,
    getOrder: (orderId: string): ShopOrderRecord | undefined => orders.get(orderId),
    routes,
  };
}

export type Shop = ReturnType<typeof createShop>;
