/**
 * React 18 sets attributes on custom elements and cannot listen to their events: the
 * `BanqCheckout` wrapper does both, built here from React 18 with `createBanqCheckoutComponent`.
 * This file sits in the React 18 workspace, so `react` and `react-dom` resolve to React 18.
 */
import { expect } from '@open-wc/testing';
import React from 'react';
import ReactDOM from 'react-dom';
import ReactDOMClient from 'react-dom/client';
import type { BanqCheckout as BanqCheckoutElement } from '../../../src/index.js';
import { createBanqCheckoutComponent } from '../../../src/frameworks/react.js';
import { checkoutSuite } from '../checkout-suite.js';

const BanqCheckout = createBanqCheckoutComponent(React);

describe('React 18', () => {
  it('is the React under test', () => {
    expect(React.version).to.match(/^18\./);
    expect(ReactDOM.version).to.match(/^18\./);
  });

  describe('createBanqCheckoutComponent(React 18) with onBanq* props', () => {
    checkoutSuite(
      (container, props, on) => {
        const root = ReactDOMClient.createRoot(container);
        const render = (next: typeof props) =>
          ReactDOM.flushSync(() =>
            root.render(
              React.createElement(BanqCheckout, {
                ...next,
                onBanqReady: on['banq-ready'],
                onBanqSuccess: on['banq-success'],
                onBanqClose: on['banq-close'],
                onBanqDestroy: on['banq-destroy'],
                onBanqError: on['banq-error'],
              }),
            ),
          );
        render(props);
        const el = container.querySelector<BanqCheckoutElement>('banq-checkout');
        if (!el) throw new Error('React rendered no <banq-checkout>');
        return { el, rerender: async (next) => render(next), unmount: () => root.unmount() };
      },
      { attributes: true },
    );
  });
});
