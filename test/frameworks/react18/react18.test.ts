/**
 * React 18 sets attributes on custom elements and cannot listen to their events: the
 * `BanqCheckout` wrapper does both, built here from React 18 with `createBanqCheckoutComponent`.
 * This file sits in the React 18 workspace, so `react` and `react-dom` resolve to React 18.
 */
import React from 'react';
import ReactDOM from 'react-dom';
import ReactDOMClient from 'react-dom/client';
import { createBanqCheckoutComponent } from '../../../src/frameworks/react.js';
import { checkoutSuite } from '../checkout-suite.js';
import { itIsReact, reactMount, wrapperProps } from '../mounting.js';

const BanqCheckout = createBanqCheckoutComponent(React);

/** React 18's root, for reactMount. */
const react18 = { createRoot: ReactDOMClient.createRoot, flushSync: ReactDOM.flushSync };

describe('React 18', () => {
  itIsReact(18, React, ReactDOM);

  describe('createBanqCheckoutComponent(React 18) with onBanq* props', () => {
    checkoutSuite(
      reactMount(react18, (props, on) =>
        React.createElement(BanqCheckout, wrapperProps(props, on)),
      ),
      { attributes: true },
    );
  });
});
