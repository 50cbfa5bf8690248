/**
 * React 19 sets properties on custom elements and listens to their events by itself: the plain
 * `<banq-checkout>` tag with `onbanq-*` props. Also the `banq-checkout/react` entry's own
 * `BanqCheckout` wrapper (src/frameworks/react.ts, built with this React 19) and its `onBanq*` props.
 */
import React from 'react';
import ReactDOM from 'react-dom';
import ReactDOMClient from 'react-dom/client';
import { BanqCheckout, type BanqCheckoutJSXProps } from '../../src/frameworks/react.js';
import { checkoutSuite } from './checkout-suite.js';
import { itIsReact, reactMount, wrapperProps } from './mounting.js';

/** React 19's root, for reactMount. */
const react19 = { createRoot: ReactDOMClient.createRoot, flushSync: ReactDOM.flushSync };

describe('React 19', () => {
  itIsReact(19, React, ReactDOM);

  describe('the plain <banq-checkout> tag with onbanq-* props', () => {
    checkoutSuite(
      reactMount(react19, (props, on) => {
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
      reactMount(react19, (props, on) =>
        React.createElement(BanqCheckout, wrapperProps(props, on)),
      ),
      { attributes: true },
    );
  });
});
