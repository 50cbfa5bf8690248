/**
 * The demo shop's catalog, for its pages and its server alike: the shop's name, four products,
 * their prices in cents (money is summed in whole cents, never in floating-point dollars), their
 * artwork as inline SVG (no external assets), and how many of one an order may hold.
 */

/** The shop's name, as its pages and banq's payment screen show it. */
export const SHOP_NAME = 'Northwind Coffee';

export interface Product {
  id: string;
  name: string;
  /** One line under the name: origin, size. */
  meta: string;
  /** Tasting notes or a short description. */
  notes: string;
  priceCents: number;
  /** Soft background of the product's picture. */
  tint: string;
  art: string;
}

/** An SVG gradient from `from` at the top left to `to` at (`x2`, `y2`): (1, 0) across, (0, 1) down. */
const gradient = (id: string, from: string, to: string, x2: number, y2: number) =>
  `<linearGradient id="${id}" x1="0" y1="0" x2="${x2}" y2="${y2}"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient>`;

/** A coffee bag: `body` the bag's colour, `fold` its top, `mark` the colour of the bean on its label. */
function bag(id: string, body: string, fold: string, mark: string, stripe: string): string {
  return `<svg viewBox="0 0 160 160" aria-hidden="true" focusable="false">
  <defs>${gradient(`bag-${id}`, body, fold, 1, 1)}</defs>
  <ellipse cx="80" cy="144" rx="46" ry="6" fill="rgba(40,26,14,.16)"/>
  <path d="M46 40h68l8 100H38z" fill="url(#bag-${id})"/>
  <path d="M46 40l6-14h56l6 14z" fill="${fold}"/>
  <path d="M52 26h56" stroke="rgba(255,255,255,.35)" stroke-width="2" stroke-linecap="round"/>
  <path d="M114 40l8 100" stroke="rgba(0,0,0,.12)" stroke-width="6"/>
  <rect x="56" y="66" width="48" height="46" rx="6" fill="#f8f2e8"/>
  <rect x="56" y="100" width="48" height="5" fill="${stripe}"/>
  <path d="M80 72c-5.4 3.4-7.8 7.2-7.8 11.4s3 8.2 7.8 10c4.8-1.8 7.8-5.1 7.8-10S85.4 75.4 80 72Z" fill="${mark}"/>
  <path d="M80 73.5c-1.9 3.3-2.1 6.4-.7 9.3s1.5 5.6.7 8.6" fill="none" stroke="#f8f2e8" stroke-width="1.6" stroke-linecap="round"/>
</svg>`;
}

const DRIPPER = `<svg viewBox="0 0 160 160" aria-hidden="true" focusable="false">
  <defs>
    ${gradient('dripper-glaze', '#fbf7f1', '#e6dccd', 0, 1)}
    ${gradient('dripper-cup', '#2f5d73', '#1d3f52', 1, 0)}
  </defs>
  <ellipse cx="80" cy="144" rx="44" ry="6" fill="rgba(40,26,14,.16)"/>
  <path d="M50 96h60v30a14 14 0 0 1-14 14H64a14 14 0 0 1-14-14z" fill="url(#dripper-cup)"/>
  <path d="M110 104h6a10 10 0 0 1 0 20h-6" fill="none" stroke="#1d3f52" stroke-width="6"/>
  <path d="M40 46h80l-22 44H62z" fill="url(#dripper-glaze)"/>
  <path d="M40 46h80" stroke="#d9ccb8" stroke-width="4" stroke-linecap="round"/>
  <path d="M58 90h44v6H58z" fill="#d9ccb8"/>
  <path d="M62 56l10 26M80 56v26M98 56l-10 26" stroke="#e3d6c3" stroke-width="2.4" stroke-linecap="round"/>
  <path d="M66 30c0-6 6-6 6-12M80 32c0-6 6-6 6-12M94 30c0-6 6-6 6-12" fill="none" stroke="rgba(90,70,50,.35)" stroke-width="2.4" stroke-linecap="round"/>
</svg>`;

export const CATALOG: readonly Product[] = [
  {
    id: 'yirgacheffe',
    name: 'Ethiopia Yirgacheffe',
    meta: 'Single origin · 250 g whole bean',
    notes: 'Jasmine, bergamot and lemon curd.',
    priceCents: 1800,
    tint: '#e4f1ee',
    art: bag('yirgacheffe', '#2f7d74', '#1a4f4a', '#7a4a2a', '#2f7d74'),
  },
  {
    id: 'huila',
    name: 'Colombia Huila',
    meta: 'Single origin · 250 g whole bean',
    notes: 'Red apple, panela and cocoa.',
    priceCents: 1650,
    tint: '#f8e8de',
    art: bag('huila', '#c4643a', '#8c3f1f', '#5c3218', '#c4643a'),
  },
  {
    id: 'espresso',
    name: 'House Espresso',
    meta: 'Blend · 500 g whole bean',
    notes: 'Dark chocolate, hazelnut, molasses.',
    priceCents: 2200,
    tint: '#e9e6f1',
    art: bag('espresso', '#2b2f3a', '#14171e', '#b8893f', '#b8893f'),
  },
  {
    id: 'dripper',
    name: 'Stoneware Dripper',
    meta: 'Hand-glazed · brews 1–2 cups',
    notes: 'With a cup to match and 40 filters.',
    priceCents: 2950,
    tint: '#e5eef4',
    art: DRIPPER,
  },
];

export const productById = (id: string): Product | undefined => CATALOG.find((p) => p.id === id);

/**
 * The most of one product an order may hold: the shop's server refuses more, and no page lets
 * a shopper ask for more.
 */
export const MAX_QUANTITY = 20;
