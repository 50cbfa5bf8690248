/** The shopper's path: click, payment link, popup, and every outcome as an event. */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { BanqCheckout } from '../../src/index.js';
import {
  freshKey,
  lastSpyWidget,
  linkOutcome,
  linkUrl,
  openPopup,
  payButton,
  popupAction,
  readyCheckout,
  requestAborted,
  requestOnClick,
  requestsFor,
  requestSent,
  spyCheckout,
  successesOf,
  widgetUrl,
} from './helpers.js';

/** Clicks "Pay with banq" and resolves with the payment link banq's popup shows. */
async function linkInPopup(el: BanqCheckout) {
  payButton(el).click();
  const popup = await openPopup();
  return popup.querySelector('a[data-banq-link]')?.getAttribute('href');
}

describe('payment flow', () => {
  it('fires banq-ready once the widget has put its button on the page, bubbling and composed', async () => {
    const key = freshKey();
    const el = document.createElement('banq-checkout');
    el.scriptSrc = widgetUrl(key);
    const ready = oneEvent(document, 'banq-ready');
    document.body.append(el);
    try {
      const event = await ready;
      expect(event.target).to.equal(el);
      expect(event.detail).to.deep.equal({});
      expect(event.bubbles && event.composed).to.be.true;
      expect(payButton(el).isConnected).to.be.true;
      expect(el.state).to.equal('ready');
      expect(el.getAttribute('state')).to.equal('ready');
    } finally {
      el.remove();
    }
  });

  it('takes funds set as a property to a numeric string, as frameworks set it, as the number', async () => {
    const key = freshKey();
    const el = await readyCheckout({ key, orderId: 'ord-text' });
    // Vue, Svelte and React 19 pass the template's text `funds="12.50"` to the property.
    (el as any).funds = '12.50';
    payButton(el).click();
    await openPopup();
    const [request] = await requestsFor(key);
    expect(request.body).to.deep.include({ orderId: 'ord-text', funds: 12.5 });
  });

  it('POSTs the payment request as JSON and opens banq with the link from {data: {url}}', async () => {
    const key = freshKey();
    const el = await readyCheckout({ key, orderId: 'ord-1', funds: '12.5' });
    el.headers = { 'x-csrf-token': 'tok-1' };
    const link = await linkInPopup(el);
    const [request] = await requestsFor(key);
    expect(request.body).to.deep.equal({ orderId: 'ord-1', comment: 'Blue mug', funds: 12.5 });
    expect(request.headers['content-type']).to.equal('application/json');
    expect(request.headers['x-csrf-token']).to.equal('tok-1');
    expect(link).to.match(/\/pay\/ord-1-1$/);
    expect(el.state).to.equal('pending');
  });

  it('forwards frequency, dates and metadata only when they are set', async () => {
    const key = freshKey();
    const el = await readyCheckout({ key, orderId: 'sub-9', funds: '30' });
    const attributes = {
      comment: 'Monthly box',
      frequency: 'monthly',
      'start-date': '2026-12-01',
      'end-date': '2027-06-01',
    };
    for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
    el.metadata = { customerId: 'c-7' };
    expect(await requestOnClick(el, key)).to.deep.equal({
      orderId: 'sub-9',
      comment: 'Monthly box',
      funds: 30,
      frequency: 'monthly',
      startDate: '2026-12-01',
      endDate: '2027-06-01',
      metadata: { customerId: 'c-7' },
    });
  });

  it('accepts the flat {url} answer too', async () => {
    const key = freshKey();
    const el = await readyCheckout({ key, link: linkUrl(key, '&shape=flat') });
    expect(await linkInPopup(el)).to.match(/\/pay\/order-/);
  });

  it('fires banq-success with source widget when the shopper pays in the popup', async () => {
    const el = await readyCheckout({ orderId: 'ord-paid' });
    payButton(el).click();
    const success = oneEvent(el, 'banq-success');
    (await popupAction('pay')).click();
    const { detail, bubbles, composed } = await success;
    expect(detail).to.deep.equal({ orderId: 'ord-paid', source: 'widget' });
    expect(bubbles && composed).to.be.true;
    expect(el.state).to.equal('paid');
  });

  it('fires banq-close with the order id when the popup closes, and is ready to pay again', async () => {
    const el = await readyCheckout({ orderId: 'ord-close' });
    payButton(el).click();
    const close = oneEvent(el, 'banq-close');
    (await popupAction('close')).click();
    expect((await close).detail).to.deep.equal({ orderId: 'ord-close' });
    expect(el.state).to.equal('ready');
  });

  it('uses getPaymentLink instead of backend-url, given the same request', async () => {
    const key = freshKey();
    const el = await fixture<BanqCheckout>(
      html`<banq-checkout
        script-src=${widgetUrl(key)}
        order-id="custom-1"
        funds="5"
      ></banq-checkout>`,
    );
    const seen: unknown[] = [];
    el.getPaymentLink = async (request) => {
      seen.push(request);
      return 'https://pay.example.test/custom-1';
    };
    if (el.state !== 'ready') await oneEvent(el, 'banq-ready');
    const link = await linkInPopup(el);
    expect(seen).to.deep.equal([{ orderId: 'custom-1', comment: '', funds: 5 }]);
    expect(link).to.equal('https://pay.example.test/custom-1');
    expect(await requestsFor(key)).to.deep.equal([]);
  });

  it('shares one request between calls made while it is in flight: a double click makes one link', async () => {
    const key = freshKey();
    const { el, options } = await spyCheckout({ key, link: linkUrl(key, '&delay=150') });
    const { getPaymentInfo } = options;
    const [first, second] = await Promise.all([getPaymentInfo(), getPaymentInfo()]);
    expect(first).to.equal(second);
    expect(await requestsFor(key)).to.have.length(1);
    // Once settled, the next click asks again.
    await getPaymentInfo();
    expect(await requestsFor(key)).to.have.length(2);
    expect(el.state).to.equal('pending');
  });

  it('fires banq-success at most once per order, and again for a new order', async () => {
    const { el, options } = await spyCheckout({ orderId: 'once-1' });
    const { getPaymentInfo, onPaymentSuccess } = options;
    const successes = successesOf(el);
    await getPaymentInfo();
    onPaymentSuccess();
    onPaymentSuccess();
    expect(successes).to.deep.equal([{ orderId: 'once-1', source: 'widget' }]);
    el.orderId = 'once-2';
    await el.updateComplete;
    expect(el.state).to.equal('ready');
    await getPaymentInfo();
    onPaymentSuccess();
    expect(successes).to.have.length(2);
    expect(successes[1]).to.deep.equal({ orderId: 'once-2', source: 'widget' });
  });

  it('reports the popup closing for the order on the page', async () => {
    const { el, options } = await spyCheckout({ orderId: 'close-2' });
    const close = oneEvent(el, 'banq-close');
    options.onPopUpClose();
    expect((await close).detail).to.deep.equal({ orderId: 'close-2' });
  });

  it('rebuilds the widget when order-id changes while banq’s popup is open: the new order pays as itself', async () => {
    const key = freshKey();
    const el = await readyCheckout({ key, orderId: 'swap-1' });
    payButton(el).click();
    await openPopup();
    const successes = successesOf(el);
    const ready = oneEvent(el, 'banq-ready');
    el.orderId = 'swap-2';
    await ready;
    expect(document.querySelector('[data-banq-popup]'), 'the old order’s popup').to.equal(null);
    expect(el.state).to.equal('ready');
    expect(el.querySelectorAll('[slot="widget"]')).to.have.length(1);
    payButton(el).click();
    (await popupAction('pay')).click();
    await waitUntil(() => successes.length > 0, 'no banq-success');
    expect(successes).to.deep.equal([{ orderId: 'swap-2', source: 'widget' }]);
    expect((await requestsFor(key)).map((r) => r.body.orderId)).to.deep.equal(['swap-1', 'swap-2']);
  });

  it('ignores a success from the widget that a new order replaced while its popup was open', async () => {
    const { el } = await spyCheckout({ orderId: 'swap-3' });
    const old = lastSpyWidget();
    await old.options.getPaymentInfo();
    expect(el.state).to.equal('pending');
    const seen: string[] = [];
    el.addEventListener('banq-success', (e) => seen.push(e.detail.orderId));
    const ready = oneEvent(el, 'banq-ready');
    el.orderId = 'swap-4';
    await ready;
    expect(old.destroyed).to.equal(1);
    old.options.onPaymentSuccess();
    expect(seen).to.deep.equal([]);
    expect(el.state).to.equal('ready');
    const fresh = lastSpyWidget();
    expect(fresh).not.to.equal(old);
    await fresh.options.getPaymentInfo();
    fresh.options.onPaymentSuccess();
    expect(seen).to.deep.equal(['swap-4']);
  });

  it('abandons the link request of the old order when order-id changes while it is in flight', async () => {
    const key = freshKey();
    const { el, options } = await spyCheckout({
      key,
      orderId: 'swap-5',
      link: linkUrl(key, '&delay=300'),
    });
    const errors: unknown[] = [];
    el.addEventListener('banq-error', (e) => errors.push(e.detail));
    const link = linkOutcome(options.getPaymentInfo);
    await requestSent(key);
    const ready = oneEvent(el, 'banq-ready');
    el.orderId = 'swap-6';
    expect(await link).to.equal('AbortError');
    await ready;
    await requestAborted(key);
    expect(errors).to.deep.equal([]);
    expect(el.state).to.equal('ready');
  });

  it('reports a success for the order of the link banq was given, not an order-id set since', async () => {
    const { el, options } = await spyCheckout({ orderId: 'link-1' });
    const { getPaymentInfo, onPopUpClose, onPaymentSuccess } = options;
    await getPaymentInfo();
    onPopUpClose();
    el.orderId = 'link-2';
    await el.updateComplete;
    const success = oneEvent(el, 'banq-success');
    onPaymentSuccess();
    expect((await success).detail).to.deep.equal({ orderId: 'link-1', source: 'widget' });
    // The order on the page is not the one paid.
    expect(el.state).to.equal('ready');
  });

  it('passes getPaymentLink an abort signal that removal, destroy() and a new order abort', async () => {
    const stops: [string, (el: BanqCheckout) => void][] = [
      ['removal', (el) => el.remove()],
      ['destroy()', (el) => el.destroy()],
      ['a new order', (el) => (el.orderId = 'next-order')],
    ];
    for (const [name, stop] of stops) {
      const { el, options } = await spyCheckout();
      const errors: unknown[] = [];
      el.addEventListener('banq-error', (e) => errors.push(e.detail));
      const signals: AbortSignal[] = [];
      el.getPaymentLink = (_request, { signal }) => {
        signals.push(signal);
        return new Promise<string>(() => {});
      };
      const link = linkOutcome(options.getPaymentInfo);
      await waitUntil(() => signals.length === 1, `${name}: getPaymentLink was not called`);
      expect(signals[0].aborted, `${name}: aborted too early`).to.be.false;
      stop(el);
      expect(await link, name).to.equal('AbortError');
      expect(signals[0].aborted, name).to.be.true;
      expect(errors, name).to.deep.equal([]);
    }
  });

  it('re-enables the widget after a failed link so the shopper can try again', async () => {
    const key = freshKey();
    const el = await readyCheckout({ key, link: linkUrl(key, '&status=503') });
    const error = oneEvent(el, 'banq-error');
    payButton(el).click();
    await error;
    await waitUntil(() => !payButton(el).disabled, 'the widget stayed disabled');
    el.backendUrl = linkUrl(key);
    payButton(el).click();
    await openPopup();
    expect(el.state).to.equal('pending');
  });
});
