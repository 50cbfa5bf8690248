/** The events stream: hearing of payments the widget cannot see (QR code in the banq app). */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import {
  emit,
  eventsUrl,
  freshKey,
  lastSpyWidget,
  linkUrl,
  openStreams,
  spyCheckout,
  spyWidgets,
  streamTokens,
  successesOf,
} from './helpers.js';

/** A ready element with events-url set, on the spy widget. */
function checkout(orderId: string, events?: string, link?: (key: string) => string) {
  const key = freshKey();
  return spyCheckout({ key, orderId, events: events ?? eventsUrl(key), link: link?.(key) });
}

const streamOpened = async (key: string) => {
  await waitUntil(async () => (await openStreams(key)).length === 1, 'the stream did not open', {
    timeout: 3000,
  });
};
const streamClosed = async (key: string) => {
  await waitUntil(async () => (await openStreams(key)).length === 0, 'the stream stayed open', {
    timeout: 3000,
  });
};

/** checkout(), once the shopper has had the payment link and the events stream is open. */
async function streaming(orderId: string) {
  const checkedOut = await checkout(orderId);
  await checkedOut.options.getPaymentInfo();
  await streamOpened(checkedOut.key);
  return checkedOut;
}

describe('events stream', () => {
  it('opens only once a payment link has been obtained, with orderId in the query', async () => {
    const { key, options } = await checkout('qr-1');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await openStreams(key)).to.deep.equal([]);
    await options.getPaymentInfo();
    await streamOpened(key);
    expect(await openStreams(key)).to.deep.equal(['qr-1']);
  });

  it('opens it with the events token the link answer carried, and with none when there was none', async () => {
    const tokened = await checkout('qr-token', undefined, (key) =>
      linkUrl(key, '&eventsToken=tk%2B1'),
    );
    await tokened.options.getPaymentInfo();
    await streamOpened(tokened.key);
    expect(await streamTokens(tokened.key)).to.deep.equal(['tk+1']);
    const plain = await checkout('qr-plain');
    await plain.options.getPaymentInfo();
    await streamOpened(plain.key);
    expect(await streamTokens(plain.key)).to.deep.equal([null]);
  });

  it('fires banq-success with source events for a completed message, then closes the stream', async () => {
    const { key, el, options } = await streaming('qr-2');
    const successes = successesOf(el);
    // Other orders and other statuses are not this payment.
    await emit(key, { orderId: 'someone-else', status: 'completed' });
    await emit(key, { orderId: 'qr-2', status: 'pending' });
    await emit(key, { orderId: 'qr-2', status: 'completed', paymentId: 'pay_77' });
    await waitUntil(() => successes.length > 0, 'no banq-success');
    expect(successes).to.deep.equal([{ orderId: 'qr-2', source: 'events', paymentId: 'pay_77' }]);
    expect(el.state).to.equal('paid');
    await streamClosed(key);
    // banq's popup reporting the same payment later does not fire it twice.
    options.onPaymentSuccess();
    expect(successes).to.have.length(1);
  });

  it('does not fire twice when the widget reports first and the stream after', async () => {
    const { key, el, options } = await streaming('qr-3');
    const successes = successesOf(el);
    options.onPaymentSuccess();
    await streamClosed(key);
    expect(await emit(key, { orderId: 'qr-3', status: 'completed' })).to.equal(0);
    expect(successes).to.deep.equal([{ orderId: 'qr-3', source: 'widget' }]);
  });

  it('keeps listening after the popup closes: the shopper may have scanned the code', async () => {
    const { key, el, options } = await streaming('qr-4');
    options.onPopUpClose();
    const success = oneEvent(el, 'banq-success');
    await emit(key, { orderId: 'qr-4', status: 'completed' });
    expect((await success).detail).to.deep.equal({ orderId: 'qr-4', source: 'events' });
  });

  it('closes the stream on destroy() and on removal', async () => {
    const first = await streaming('qr-5');
    first.el.destroy();
    await streamClosed(first.key);

    const second = await streaming('qr-6');
    second.el.remove();
    await streamClosed(second.key);
  });

  it('moves to the new order when order-id changes', async () => {
    const { key, el } = await streaming('qr-7');
    // Changed while the payment is pending: the widget is rebuilt for the new order.
    const ready = oneEvent(el, 'banq-ready');
    el.orderId = 'qr-8';
    await ready;
    await streamClosed(key);
    await lastSpyWidget().options.getPaymentInfo();
    await streamOpened(key);
    expect(await openStreams(key)).to.deep.equal(['qr-8']);
  });

  it('ignores messages that are not JSON and keeps listening', async () => {
    const { key, el } = await streaming('qr-9');
    const seen: string[] = [];
    el.addEventListener('banq-error', (e) => seen.push(e.type));
    el.addEventListener('banq-success', (e) => seen.push(e.type));
    await emit(key, 'not json');
    await emit(key, 'null');
    await emit(key, { orderId: 'qr-9', status: 'completed' });
    await waitUntil(() => seen.length > 0, 'no event');
    expect(seen).to.deep.equal(['banq-success']);
  });

  it('closes banq’s popup after a payment in the banq app, and brings back a widget for the paid order', async () => {
    const { key, el, options } = await checkout('qr-11');
    const [spy] = spyWidgets().slice(-1);
    await options.getPaymentInfo();
    await streamOpened(key);
    const ready = oneEvent(el, 'banq-ready');
    await emit(key, { orderId: 'qr-11', status: 'completed' });
    await ready;
    expect(spy.destroyed).to.equal(1);
    expect(lastSpyWidget()).not.to.equal(spy);
    expect(el.state).to.equal('paid');
    expect(el.getAttribute('state')).to.equal('paid');
  });

  it('reports a stream the browser gives up on', async () => {
    const key = freshKey();
    const { el, options } = await checkout('qr-10', eventsUrl(key, '&status=500'));
    const error = oneEvent(el, 'banq-error');
    await options.getPaymentInfo();
    const { detail } = await error;
    expect(detail.phase).to.equal('events');
    expect(detail.message).to.match(
      /^events-url \(.*orderId=qr-10\) stopped: it must answer 200 text\/event-stream$/,
    );
  });
});
