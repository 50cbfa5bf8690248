/** Connection, removal, re-insertion, destroy() and bootstrap(), and properties set the way frameworks do. */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { BANQ_EVENTS } from '../../src/events.js';
import type { BanqCheckout } from '../../src/index.js';
import {
  checkoutOn,
  eventsUrl,
  freshKey,
  lastSpyWidget,
  linkOutcome,
  linkUrl,
  liveWidgets,
  openPopup,
  openStreams,
  payButton,
  readyCheckout,
  requestAborted,
  requestOnClick,
  requestSent,
  requestsFor,
  spyCheckout,
  widgetLoads,
  widgetUrl,
} from './helpers.js';

/**
 * Runs `test` while recording, in `seen`, every banq-* event dispatched on the element (off the
 * page, none reach the document); stops recording after it, whatever happened.
 */
async function whileRecording(el: Element, test: (seen: string[]) => Promise<void>) {
  const seen: string[] = [];
  const listener = (e: Event) => seen.push(e.type);
  for (const name of BANQ_EVENTS) el.addEventListener(name, listener);
  try {
    await test(seen);
  } finally {
    for (const name of BANQ_EVENTS) el.removeEventListener(name, listener);
  }
}

/** Waits for the element to have asked the scripted backend for banq's script once. */
const scriptRequested = (key: string) =>
  waitUntil(async () => (await widgetLoads(key)) === 1, 'the script was not requested');

describe('lifecycle', () => {
  it('destroy() tears the widget down and fires banq-destroy; bootstrap() brings it back', async () => {
    const el = await readyCheckout({ orderId: 'd-1' });
    const before = liveWidgets();
    payButton(el).click();
    await openPopup();
    const destroyed = oneEvent(el, 'banq-destroy');
    el.destroy();
    expect((await destroyed).detail).to.deep.equal({ orderId: 'd-1' });
    expect(liveWidgets()).to.equal(before - 1);
    expect(document.querySelector('[data-banq-popup]')).to.equal(null);
    expect(el.querySelector('[slot="widget"]')).to.equal(null);
    expect(el.state).to.equal('idle');
    const ready = oneEvent(el, 'banq-ready');
    await el.bootstrap();
    await ready;
    expect(liveWidgets()).to.equal(before);
    expect(payButton(el).isConnected).to.be.true;
  });

  it('removal destroys the widget, aborts the request in flight, and fires nothing afterwards', async () => {
    const key = freshKey();
    const el = await readyCheckout({ key, link: linkUrl(key, '&delay=300') });
    const before = liveWidgets();
    await whileRecording(el, async (seen) => {
      payButton(el).click();
      await requestSent(key);
      el.remove();
      expect(liveWidgets()).to.equal(before - 1);
      expect(el.querySelector('[slot="widget"]')).to.equal(null);
      await requestAborted(key);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(seen).to.deep.equal([]);
      expect(document.querySelector('[data-banq-popup]')).to.equal(null);
      expect(el.state).to.equal('idle');
    });
  });

  it('a script still loading when the element is removed does not bring the widget up', async () => {
    const key = freshKey();
    const el = checkoutOn(widgetUrl(key, '&delay=200'));
    await whileRecording(el, async (seen) => {
      document.body.append(el);
      await scriptRequested(key);
      el.remove();
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(seen).to.deep.equal([]);
      expect(el.querySelector('[slot="widget"]')).to.equal(null);
      expect(el.state).to.equal('idle');
    });
  });

  it('fires nothing for what banq’s widget reports after the element was removed', async () => {
    const { el, options } = await spyCheckout();
    await options.getPaymentInfo();
    await whileRecording(el, async (seen) => {
      el.remove();
      options.onPopUpClose();
      options.onPaymentSuccess();
      expect(seen).to.deep.equal([]);
    });
  });

  /** Calls the torn-down widget's callbacks as banq might, late; resolves once they are done. */
  async function lateCallbacks(options: {
    getPaymentInfo: () => Promise<string>;
    onPopUpClose: () => void;
    onPaymentSuccess: () => void;
  }) {
    options.onPopUpClose();
    options.onPaymentSuccess();
    // It may reject or never settle; it must not give a link.
    const outcome = await Promise.race([
      options.getPaymentInfo().then(
        (url) => `resolved with ${url}`,
        () => 'rejected',
      ),
      new Promise((resolve) => setTimeout(resolve, 150, 'unsettled')),
    ]);
    expect(outcome).to.be.oneOf(['rejected', 'unsettled']);
  }

  for (const [name, stop, state] of [
    ['destroy()', (el: BanqCheckout) => el.destroy(), 'idle'],
    ['removal', (el: BanqCheckout) => el.remove(), 'idle'],
    ['a re-bootstrap', (el: BanqCheckout) => el.bootstrap(), 'ready'],
  ] as const) {
    it(`ignores what the widget reports after ${name}: no state change, no event, no request`, async () => {
      const { key, el } = await spyCheckout();
      const old = lastSpyWidget();
      await stop(el);
      expect(old.destroyed).to.equal(1);
      await whileRecording(el, async (seen) => {
        await lateCallbacks(old.options);
        expect(seen).to.deep.equal([]);
        expect(el.state).to.equal(state);
        expect(await requestsFor(key)).to.deep.equal([]);
      });
    });
  }

  it('after a re-bootstrap the new widget is heard, and the link request of the old one is abandoned', async () => {
    const key = freshKey();
    const { el } = await spyCheckout({
      key,
      link: linkUrl(key, '&delay=300'),
      events: eventsUrl(key),
    });
    const old = lastSpyWidget();
    const link = linkOutcome(old.options.getPaymentInfo);
    await requestSent(key);
    await whileRecording(el, async (seen) => {
      await el.bootstrap();
      expect(await link).to.equal('AbortError');
      await requestAborted(key);
      expect(el.state).to.equal('ready');
      expect(await openStreams(key)).to.deep.equal([]);
      const fresh = lastSpyWidget();
      expect(fresh).not.to.equal(old);
      await fresh.options.getPaymentInfo();
      fresh.options.onPaymentSuccess();
      expect(seen).to.deep.equal(['banq-ready', 'banq-success']);
      expect(el.state).to.equal('paid');
    });
  });

  it('destroy() abandons the request in flight without an error', async () => {
    const key = freshKey();
    const { el, options } = await spyCheckout({ key, link: linkUrl(key, '&delay=300') });
    await whileRecording(el, async (seen) => {
      const link = linkOutcome(options.getPaymentInfo);
      await requestSent(key);
      el.destroy();
      expect(await link).to.equal('AbortError');
      await requestAborted(key);
      expect(seen).to.deep.equal(['banq-destroy']);
    });
  });

  it('a new order-id after destroy() leaves the element idle: only a paid order moves to ready', async () => {
    const { el, options } = await spyCheckout({ orderId: 'idle-1' });
    await options.getPaymentInfo();
    options.onPopUpClose();
    expect(el.state).to.equal('ready');
    el.destroy();
    el.orderId = 'idle-2';
    await el.updateComplete;
    expect(el.state).to.equal('idle');
    expect(el.getAttribute('state')).to.equal('idle');
  });

  it('a superseded script load that fails later reports nothing', async () => {
    const key = freshKey();
    const el = checkoutOn(widgetUrl(key, '&delay=200&status=500'));
    try {
      await whileRecording(el, async (seen) => {
        document.body.append(el);
        await scriptRequested(key);
        el.scriptSrc = widgetUrl(key);
        await oneEvent(el, 'banq-ready');
        await new Promise((resolve) => setTimeout(resolve, 400));
        expect(seen).to.deep.equal(['banq-ready']);
        expect(el.state).to.equal('ready');
      });
    } finally {
      el.remove();
    }
  });

  it('putting it back bootstraps again', async () => {
    const el = await readyCheckout();
    const parent = el.parentElement!;
    el.remove();
    const ready = oneEvent(el, 'banq-ready');
    parent.append(el);
    await ready;
    expect(el.querySelectorAll('[slot="widget"]')).to.have.length(1);
    expect(payButton(el).isConnected).to.be.true;
  });

  it('changing script-src re-bootstraps on the new script', async () => {
    const { key, el } = await spyCheckout();
    const spy = lastSpyWidget();
    const ready = oneEvent(el, 'banq-ready');
    el.setAttribute('script-src', widgetUrl(key));
    await ready;
    expect(spy.destroyed).to.equal(1);
    expect(await widgetLoads(key)).to.equal(1);
    expect(payButton(el).isConnected).to.be.true;
  });

  it('takes properties set before the element upgraded', async () => {
    const key = freshKey();
    // An element created in a document with no browsing context stays un-upgraded, like a
    // framework's element before the definition loads; its properties are plain own fields.
    const inert = document.implementation.createHTMLDocument('');
    const el = inert.createElement('banq-checkout');
    Object.assign(el, {
      scriptSrc: widgetUrl(key),
      backendUrl: linkUrl(key),
      orderId: 'early-1',
      funds: 7,
      comment: 'Set early',
    });
    expect(el).not.to.be.instanceOf(customElements.get('banq-checkout')!);
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const ready = oneEvent(document, 'banq-ready');
    host.append(document.adoptNode(el));
    await ready;
    expect(el.funds).to.equal(7);
    expect(await requestOnClick(el, key)).to.deep.equal({
      orderId: 'early-1',
      comment: 'Set early',
      funds: 7,
    });
  });

  it('takes properties set right after connection, and never loads the default script', async () => {
    const key = freshKey();
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const el = document.createElement('banq-checkout');
    host.append(el);
    el.scriptSrc = widgetUrl(key);
    el.backendUrl = linkUrl(key);
    el.orderId = 'late-1';
    el.funds = 3.5;
    await oneEvent(el, 'banq-ready');
    expect(Array.from(document.scripts).some((s) => s.src.includes('sandbox.banq.com'))).to.be
      .false;
    expect(await requestOnClick(el, key)).to.deep.equal({
      orderId: 'late-1',
      comment: '',
      funds: 3.5,
    });
  });

  it('maps every attribute to its property, without being connected', () => {
    const parent = document.createElement('div');
    parent.innerHTML = `<banq-checkout script-src="/x.js" backend-url="/link" order-id="o-1" comment="c"
      funds="2.25" frequency="weekly" start-date="2026-01-01" end-date="2026-02-01" events-url="/ev"
      timeout="900" nonce="abc"></banq-checkout>`;
    const el = parent.firstElementChild as BanqCheckout;
    const expected = {
      scriptSrc: '/x.js',
      backendUrl: '/link',
      orderId: 'o-1',
      comment: 'c',
      funds: 2.25,
      frequency: 'weekly',
      startDate: '2026-01-01',
      endDate: '2026-02-01',
      eventsUrl: '/ev',
      timeout: 900,
      nonce: 'abc',
    };
    const properties = Object.keys(expected) as (keyof typeof expected)[];
    expect(Object.fromEntries(properties.map((name) => [name, el[name]]))).to.deep.equal(expected);
  });
});
