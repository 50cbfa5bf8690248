/**
 * `banq-checkout/react`: `<BanqCheckout>` for React 18 (properties and `onBanqSuccess`-style
 * event props), and the JSX typing of the plain `<banq-checkout>` tag for React 19, which
 * sets properties and listens to `onbanq-success` by itself.
 *
 * ```tsx
 * import { BanqCheckout } from 'banq-checkout/react';
 * <BanqCheckout orderId="009221" funds={2} backendUrl="/generate-payment-link"
 *   onBanqSuccess={(e) => showReceipt(e.detail.orderId)} />
 * ```
 *
 * A client module (`'use client'`): a Next.js App Router server component may render
 * `<BanqCheckout>`; its `onBanq*` props belong in a client component of the app's own.
 */
'use client';

import React from 'react';
import type { BanqCheckout as BanqCheckoutElement } from '../banq-checkout.js';
import '../index.js';
import type {
  BanqCheckoutAttributes,
  BanqCheckoutEventHandlers,
  BanqCheckoutProperties,
} from '../props.js';
import {
  createBanqCheckoutComponent,
  type BanqCheckoutReactHandlers,
  type BanqCheckoutReactProps,
} from './react-component.js';

export const BanqCheckout = createBanqCheckoutComponent(React);
export { createBanqCheckoutComponent, type BanqCheckoutReactHandlers, type BanqCheckoutReactProps };
export type * from '../types.js';
export type { BanqCheckoutAttributes, BanqCheckoutEventHandlers, BanqCheckoutProperties };

/** What React 19 accepts on `<banq-checkout>`: properties, attributes, and `onbanq-*` handlers. */
export type BanqCheckoutJSXProps = React.DetailedHTMLProps<
  React.HTMLAttributes<BanqCheckoutElement>,
  BanqCheckoutElement
> &
  Omit<BanqCheckoutAttributes, keyof BanqCheckoutProperties> &
  BanqCheckoutProperties &
  BanqCheckoutEventHandlers;

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'banq-checkout': BanqCheckoutJSXProps;
    }
  }
}
