/**
 * React 19 sets properties on custom elements and listens to their events by itself: the plain
 * `<banq-checkout>` tag with `onbanq-*` props. Also the `banq-checkout/react` entry's own
 * `BanqCheckout` wrapper (src/frameworks/react.ts, built with this React 19) and its `onBanq*` props.
 */
import { expect } from '@open-wc/testing';
import React from 'react';
import ReactDOM from 'react-dom';
import ReactDOMClient from 'react-dom/client';
import { BanqCheckout, type BanqCheckoutJSXProps } from '../../src/frameworks/react.js';
import type { BanqCheckout as BanqCheckoutElement } from '../../src/index.js';
import {
  checkoutSuite,
  type BanqHandlers,
  type CheckoutProps,
  type Mount,
} from './checkout-suite.js';

/** Renders with a React root, synchronously, and finds the element React made. */
function reactMount(
  element: (props: CheckoutProps, on: BanqHandlers) => React.ReactElement,
): Mount {
  return (container, props, on) => {
    const root = ReactDOMClient.createRoot(container);
    const render = (next: CheckoutProps) =>
      ReactDOM.flushSync(() => root.render(element(next, on)));
    render(props);
    const el = container.querySelector<BanqCheckoutElement>('banq-checkout');
    if (!el) throw new Error('React rendered no <banq-checkout>');
    return { el, rerender: async (next) => render(next), unmount: () => root.unmount() };
  };
}

describe('React 19', () => {
  it('is the React under test', () => {
    expect(React.version).to.match(/^19\./);
    expect(ReactDOM.version).to.match(/^19\./);
  });

  describe('the plain <banq-checkout> tag with onbanq-* props', () => {
    checkoutSuite(
      reactMount((props, on) => {
        // Typed by banq-checkout/react's JSX declaration for the tag.
        const tagProps: BanqCheckoutJSXProps = {
          ...props,
          'onbanq-ready': on['banq-ready'],
          'onbanq-success': on['banq-success'],
          'onbanq-close': on['banq-close'],
          'onbanq-destroy': on['banq-destroy'],
          'onbanq-error': on['banq-error'],
        };
        return React.createElement('banq-checkout', tagProps);
      }),
    );
  });

  describe("banq-checkout/react's BanqCheckout with onBanq* props", () => {
    checkoutSuite(
      reactMount((props, on) =>
        React.createElement(BanqCheckout, {
          ...props,
          onBanqReady: on['banq-ready'],
          onBanqSuccess: on['banq-success'],
          onBanqClose: on['banq-close'],
          onBanqDestroy: on['banq-destroy'],
          onBanqError: on['banq-error'],
        }),
      ),
      { attributes: true },
    );
  });
});
