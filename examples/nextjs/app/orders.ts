/**
 * The shop's side of an order, on the server only: what it costs. An order id names its
 * product (`flat-white_1a2b3c…`), so the page that shows the order and the route handler
 * that asks banq for its link price it alike, with nothing kept between them.
 */
import { randomBytes } from 'node:crypto';

const PRODUCTS: Record<string, { title: string; price: number }> = {
  'flat-white': { title: 'Flat white', price: 4.5 },
};

export interface ShopOrder {
  id: string;
  title: string;
  funds: number;
}

/** A new order for a flat white. */
export function newOrder(): ShopOrder {
  const { title, price } = PRODUCTS['flat-white'];
  return { id: `flat-white_${randomBytes(6).toString('hex')}`, title, funds: price };
}

/** The order `id` names, priced from the catalogue; null for an id the shop never made. */
export function orderOf(id: string): ShopOrder | null {
  const [name = '', suffix = ''] = id.split('_');
  const product = Object.hasOwn(PRODUCTS, name) ? PRODUCTS[name] : undefined;
  return product && /^[0-9a-f]{12}$/.test(suffix)
    ? { id, title: product.title, funds: product.price }
    : null;
}
