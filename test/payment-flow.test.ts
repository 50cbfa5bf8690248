/** The shopper's path: click, payment link, popup, and every outcome as an event. */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { BanqCheckout } from '../src/index.js';
import {
  freshKey,
  linkUrl,
  openPopup,
  payButton,
  popupAction,
  readyCheckout,
  requestsFor,
  spyWidgetUrl,
  widgetUrl,
} from './helpers.js';

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

  it('POSTs the payment request as JSON and opens banq with the link from {data: {url}}', async () => {
    const key = freshKey();
    const el = await readyCheckout({ key, orderId: 'ord-1', funds: '12.5' });
    el.headers = { 'x-csrf-token': 'tok-1' };
    payButton(el).click();
    const popup = await openPopup();
    const [request] = await requestsFor(key);
    expect(request.body).to.deep.equal({ orderId: 'ord-1', comment: 'Blue mug', funds: 12.5 });
    expect(request.headers['content-type']).to.equal('application/json');
    expect(request.headers['x-csrf-token']).to.equal('tok-1');
    expect(popup.querySelector('a[data-banq-link]')?.getAttribute('href')).to.match(
      /\/pay\/ord-1-1$/,
    );
    expect(el.state).to.equal('pending');
  });

  it('forwards frequency, dates and metadata only when they are set', async () => {
    const key = freshKey();
    const el = await fixture<BanqCheckout>(html`<banq-checkout
      script-src=${widgetUrl(key)}
      backend-url=${linkUrl(key)}
      order-id="sub-9"
      comment="Monthly box"
      funds="30"
      frequency="monthly"
      start-date="2026-12-01"
      end-date="2027-06-01"
      .metadata=${{ customerId: 'c-7' }}
    ></banq-checkout>`);
    await oneEvent(el, 'banq-ready');
    payButton(el).click();
    await openPopup();
    const [{ body }] = await requestsFor(key);
    expect(body).to.deep.equal({
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
    payButton(el).click();
    const popup = await openPopup();
    expect(popup.querySelector('a[data-banq-link]')?.getAttribute('href')).to.match(
      /\/pay\/order-/,
    );
  });

  it('fires banq-success with source widget when the shopper pays in the popup', async () => {
    const el = await readyCheckout({ orderId: 'ord-paid' });
    payButton(el).click();
    await openPopup();
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
    await openPopup();
    const close = oneEvent(el, 'banq-close');
    (await popupAction('close')).click();
    expect((await close).detail).to.deep.equal({ orderId: 'ord-close' });
    expect(el.state).to.equal('ready');
  });

  it('uses getPaymentLink instead of backend-url, given the same request', async () => {
    const key = freshKey();
    const el = await fixture<BanqCheckout>(html`<banq-checkout
      script-src=${widgetUrl(key)}
      order-id="custom-1"
      funds="5"
    ></banq-checkout>`);
    const seen: unknown[] = [];
    el.getPaymentLink = async (request) => {
      seen.push(request);
      return 'https://pay.example.test/custom-1';
    };
    if (el.state !== 'ready') await oneEvent(el, 'banq-ready');
    payButton(el).click();
    const popup = await openPopup();
    expect(seen).to.deep.equal([{ orderId: 'custom-1', comment: '', funds: 5 }]);
    expect(popup.querySelector('a[data-banq-link]')?.getAttribute('href')).to.equal(
      'https://pay.example.test/custom-1',
    );
    expect(await requestsFor(key)).to.deep.equal([]);
  });

  it('shares one request between calls made while it is in flight: a double click makes one link', async () => {
    const key = freshKey();
    const el = await readyCheckout({
      key,
      script: spyWidgetUrl(key),
      link: linkUrl(key, '&delay=150'),
    });
    const { getPaymentInfo } = (window as any).spyWidgets.at(-1).options;
    const [first, second] = await Promise.all([getPaymentInfo(), getPaymentInfo()]);
    expect(first).to.equal(second);
    expect(await requestsFor(key)).to.have.length(1);
    // Once settled, the next click asks again.
    await getPaymentInfo();
    expect(await requestsFor(key)).to.have.length(2);
    expect(el.state).to.equal('pending');
  });

  it('fires banq-success at most once per order, and again for a new order', async () => {
    const key = freshKey();
    const el = await readyCheckout({ key, script: spyWidgetUrl(key), orderId: 'once-1' });
    const { getPaymentInfo, onPaymentSuccess } = (window as any).spyWidgets.at(-1).options;
    const successes: unknown[] = [];
    el.addEventListener('banq-success', (e) => successes.push(e.detail));
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
    const key = freshKey();
    const el = await readyCheckout({ key, script: spyWidgetUrl(key), orderId: 'close-2' });
    const close = oneEvent(el, 'banq-close');
    (window as any).spyWidgets.at(-1).options.onPopUpClose();
    expect((await close).detail).to.deep.equal({ orderId: 'close-2' });
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
