/**
 * Server-side rendering with React 19: `renderToString` keeps the tag's attributes in the
 * markup, and `hydrateRoot` adopts the server's `<banq-checkout>`, which upgrades once the
 * element is defined (here, after hydration, as when its bundle loads late) and takes its
 * settings from those attributes. The element is defined only in these tests, not on import.
 */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import React from 'react';
import ReactDOM from 'react-dom';
import ReactDOMClient from 'react-dom/client';
import ReactDOMServer from 'react-dom/server.browser';
import type { BanqCheckoutJSXProps } from '../../src/frameworks/react.js';
import {
  freshKey,
  linkUrl,
  requestsFor,
  widgetUrl,
} from '../../testing/scripted-backend-client.js';
import { containerForEachTest } from './mounting.js';

/** The page as a server would send it, and the same tree for the client to hydrate. */
function serverPage(key: string, funds: number) {
  const tag: BanqCheckoutJSXProps = {
    'order-id': 'ord-1',
    funds,
    'script-src': widgetUrl(key),
    'backend-url': linkUrl(key),
    comment: 'Flat white',
    metadata: { customerId: 'c-7' },
  };
  return React.createElement(
    'main',
    null,
    React.createElement('h1', null, 'Checkout'),
    React.createElement('banq-checkout', tag),
  );
}

describe('React 19 server rendering and hydration', () => {
  let root: ReactDOMClient.Root | undefined;
  const page = containerForEachTest(() => {
    root?.unmount();
    root = undefined;
  });

  it('keeps the attributes in the markup, and leaves out what only a property can carry', () => {
    const key = freshKey();
    const markup = ReactDOMServer.renderToString(serverPage(key, 24));
    const parsed = document.createElement('template');
    parsed.innerHTML = markup;
    const el = parsed.content.querySelector('banq-checkout');
    expect(el, markup).to.exist;
    expect(el!.getAttribute('order-id')).to.equal('ord-1');
    expect(el!.getAttribute('funds')).to.equal('24');
    expect(el!.getAttribute('script-src')).to.equal(widgetUrl(key));
    expect(el!.getAttribute('backend-url')).to.equal(linkUrl(key));
    expect(el!.getAttribute('comment')).to.equal('Flat white');
    expect(el!.hasAttribute('metadata')).to.be.false;
    expect(el!.children).to.have.length(0);
  });

  it('hydrates without a mismatch; the element upgrades and reaches banq-ready with orderId and funds; re-renders set properties', async () => {
    expect(
      customElements.get('banq-checkout'),
      'defined already: this test must run before anything imports the element',
    ).to.equal(undefined);
    const key = freshKey();
    const { container } = page;
    container.innerHTML = ReactDOMServer.renderToString(serverPage(key, 24));
    const el = container.querySelector('banq-checkout')!;

    const problems: string[] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => problems.push(args.map(String).join(' '));
    try {
      let hydrated = false;
      const Hydrated = () => {
        React.useEffect(() => void (hydrated = true), []);
        return null;
      };
      root = ReactDOMClient.hydrateRoot(
        container,
        React.createElement(
          React.Fragment,
          null,
          serverPage(key, 24),
          React.createElement(Hydrated),
        ),
        { onRecoverableError: (error) => problems.push(`recoverable: ${String(error)}`) },
      );
      await waitUntil(() => hydrated, 'React did not finish hydrating');
    } finally {
      console.error = consoleError;
    }
    expect(problems, 'hydration errors').to.deep.equal([]);
    expect(container.querySelector('banq-checkout'), 'the server’s element is kept').to.equal(el);

    const ready = oneEvent(container, 'banq-ready');
    await import('../../src/index.js');
    expect(el).to.be.instanceOf(customElements.get('banq-checkout')!);
    await ready;
    const checkout = el; // upgraded now
    expect(checkout.orderId).to.equal('ord-1');
    expect(checkout.funds).to.equal(24);
    expect(checkout.state).to.equal('ready');
    expect(checkout.querySelector('.banq-w-button')).to.exist;

    // Once hydrated, React updates the element like any other: as properties.
    ReactDOM.flushSync(() => root!.render(serverPage(key, 30)));
    expect(checkout.funds).to.equal(30);
    expect(checkout.metadata).to.deep.equal({ customerId: 'c-7' });
    checkout.querySelector<HTMLButtonElement>('.banq-w-button')!.click();
    await waitUntil(async () => (await requestsFor(key)).length === 1, 'no payment request');
    const [request] = await requestsFor(key);
    expect(request.body).to.deep.equal({
      orderId: 'ord-1',
      comment: 'Flat white',
      funds: 30,
      metadata: { customerId: 'c-7' },
    });
  });
});

describe('the BanqCheckout wrapper, server-rendered', () => {
  let container: HTMLElement | undefined;
  let root: ReactDOMClient.Root | undefined;

  afterEach(() => {
    root?.unmount();
    root = undefined;
    container?.remove();
  });

  it('renders kebab-case attributes the element upgrades with before hydration; hydrated, it sets properties and hands events to onBanq*', async () => {
    // Defines the element: this file's first test needs it undefined, so this one runs after.
    const { BanqCheckout } = await import('../../src/frameworks/react.js');
    const { popupAction } = await import('../element/helpers.js');
    const key = freshKey();
    const received: string[] = [];
    const page = () =>
      React.createElement(BanqCheckout, {
        orderId: 'ord-2',
        funds: 24,
        comment: 'Flat white',
        // Slow enough that banq-ready comes after hydration, as banq's script over a network does.
        scriptSrc: widgetUrl(key, '&delay=300'),
        backendUrl: linkUrl(key),
        metadata: { customerId: 'c-7' },
        onBanqReady: (event) => received.push(event.type),
        onBanqSuccess: (event) => received.push(`${event.type} ${event.detail.orderId}`),
      });

    const markup = ReactDOMServer.renderToString(page());
    expect(markup).to.equal(
      `<banq-checkout order-id="ord-2" funds="24" comment="Flat white" script-src="${widgetUrl(key, '&amp;delay=300')}" backend-url="${linkUrl(key)}"></banq-checkout>`,
    );

    const host = (container = document.createElement('div'));
    document.body.append(host);
    host.innerHTML = markup;
    const el = host.querySelector('banq-checkout')!;
    // Upgraded on insertion, before React hydrates: the attributes are all it has.
    expect(el).to.be.instanceOf(customElements.get('banq-checkout')!);
    expect([el.orderId, el.funds, el.metadata]).to.deep.equal(['ord-2', 24, undefined]);

    const problems: string[] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => problems.push(args.map(String).join(' '));
    try {
      root = ReactDOMClient.hydrateRoot(host, page(), {
        onRecoverableError: (error) => problems.push(`recoverable: ${String(error)}`),
      });
      await waitUntil(() => el.metadata !== undefined, 'hydration set no property');
    } finally {
      console.error = consoleError;
    }
    expect(problems, 'hydration errors').to.deep.equal([]);
    expect(host.querySelector('banq-checkout'), 'the server’s element is kept').to.equal(el);
    expect(el.metadata).to.deep.equal({ customerId: 'c-7' });

    await waitUntil(() => received.includes('banq-ready'), 'onBanqReady was not called');
    el.querySelector<HTMLButtonElement>('.banq-w-button')!.click();
    await waitUntil(async () => (await requestsFor(key)).length === 1, 'no payment request');
    (await popupAction('pay')).click();
    await waitUntil(() => received.includes('banq-success ord-2'), 'onBanqSuccess was not called');
    const [request] = await requestsFor(key);
    expect(request.body).to.deep.include({
      orderId: 'ord-2',
      funds: 24,
      metadata: { customerId: 'c-7' },
    });
  });
});
