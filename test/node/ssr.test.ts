/**
 * In Node, where there is no DOM: importing the built package is safe, defines the
 * element in Lit's server shim without touching a browser API, and React 19 renders the
 * tag with its attributes for the browser to hydrate. Runs on dist/, so after a build.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';

describe('server-side rendering', () => {
  it('imports the package and its React entry in Node without throwing', async () => {
    assert.equal(typeof (globalThis as { document?: unknown }).document, 'undefined');
    const element = await import('../../dist/index.js');
    const react = await import('banq-checkout/react');
    assert.equal(typeof element.BanqCheckout, 'function');
    assert.equal(typeof react.BanqCheckout, 'object', 'a React forwardRef component');
  });

  it('defines the element in the server shim, and an instance does nothing until connected in a browser', async () => {
    const { BanqCheckout } = await import('../../dist/index.js');
    assert.equal(customElements.get('banq-checkout'), BanqCheckout);
    const el = new BanqCheckout();
    assert.equal(el.state, 'idle');
    assert.equal(el.scriptSrc, 'https://sandbox.banq.com/widget/ecommerce.js');
  });

  it('React 19 renders <banq-checkout> with its attributes, for hydration', () => {
    const html = renderToString(
      createElement('banq-checkout', {
        'order-id': 'ord-1',
        funds: '24',
        'backend-url': '/generate-payment-link',
        'onbanq-success': () => {},
      }),
    );
    assert.equal(
      html,
      '<banq-checkout order-id="ord-1" funds="24" backend-url="/generate-payment-link"></banq-checkout>',
    );
  });

  it('the BanqCheckout wrapper renders each string and number setting as its kebab-case attribute, and no listener', async () => {
    const { BanqCheckout } = await import('banq-checkout/react');
    const html = renderToString(
      createElement(BanqCheckout, {
        orderId: 'ord-1',
        funds: 24,
        backendUrl: '/generate-payment-link',
        eventsUrl: '/payment-events',
        metadata: { customerId: 'c-7' },
        onBanqSuccess: () => {},
      }),
    );
    assert.equal(
      html,
      '<banq-checkout order-id="ord-1" funds="24" backend-url="/generate-payment-link" events-url="/payment-events"></banq-checkout>',
    );
  });

  it("dist/react.js is a client module: 'use client' comes first, for React server components", async () => {
    const code = await readFile(new URL('../../dist/react.js', import.meta.url), 'utf8');
    assert.match(code, /^["']use client["'];/);
  });
});
