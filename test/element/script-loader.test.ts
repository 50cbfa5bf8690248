/** banq's script: loaded once per URL for the whole page, retried after a failure. */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { BanqCheckout } from '../../src/index.js';
import { loadWidgetScript } from '../../src/script-loader.js';
import {
  checkoutOn,
  freshKey,
  payButton,
  widgetLoads,
  widgetUrl,
  withFailingCheckout,
} from './helpers.js';

const scriptsFor = (url: string) =>
  Array.from(document.scripts).filter((s) => s.src === new URL(url, document.baseURI).href);

const live = () => (window as any).ecommerceBanqWidget?.liveInstances as number | undefined;

describe('script loading', () => {
  it('loads nothing before an element is connected', async () => {
    const before = document.scripts.length;
    const el = document.createElement('banq-checkout');
    el.orderId = 'o';
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(document.scripts.length).to.equal(before);
    expect(el.state).to.equal('idle');
    expect(el.scriptSrc).to.equal('https://sandbox.banq.com/widget/ecommerce.js');
    expect(el.timeout).to.equal(15000);
  });

  it('loads one script for several elements, each with its own widget and mount node', async () => {
    const key = freshKey();
    const src = widgetUrl(key);
    const before = live() ?? 0;
    const container = await fixture<HTMLDivElement>(
      html`<div>
        <banq-checkout script-src=${src} order-id="a"></banq-checkout>
        <banq-checkout script-src=${src} order-id="b"></banq-checkout>
        <banq-checkout script-src=${src} order-id="c"></banq-checkout>
      </div>`,
    );
    const elements = [...container.querySelectorAll('banq-checkout')];
    await waitUntil(() => elements.every((el) => el.state === 'ready'), 'not all became ready');
    expect(await widgetLoads(key)).to.equal(1);
    expect(scriptsFor(src)).to.have.length(1);
    const ids = elements.map((el) => el.querySelector('[slot="widget"]')!.id);
    expect(new Set(ids).size).to.equal(3);
    for (const [i, el] of elements.entries())
      expect(document.querySelector(`#${ids[i]}`)!.parentElement).to.equal(el);
    expect(live()! - before).to.equal(3);
    elements.forEach(payButton);
  });

  it('shares one promise per URL, and forgets it after a failure', async () => {
    const key = freshKey();
    const failing = widgetUrl(key, '&fail=1');
    const first = loadWidgetScript(failing, '', 5000);
    expect(loadWidgetScript(failing, '', 5000)).to.equal(first);
    expect(loadWidgetScript(new URL(failing, document.baseURI).href, '', 5000)).to.equal(first);
    await first.then(
      () => expect.fail('the first load should fail'),
      () => undefined,
    );
    const second = loadWidgetScript(failing, '', 5000);
    expect(second).not.to.equal(first);
    expect(await second).to.equal(window.ecommerceBanqWidget);
    expect(loadWidgetScript(failing, '', 5000)).to.equal(second);
    expect(await widgetLoads(key)).to.equal(2);
  });

  it('reuses a script tag with the same URL that is already on the page', async () => {
    const key = freshKey();
    const src = widgetUrl(key);
    const tag = document.createElement('script');
    tag.src = src;
    document.head.append(tag);
    await new Promise((resolve) => tag.addEventListener('load', resolve));
    const el = await fixture<BanqCheckout>(html`<banq-checkout script-src=${src}></banq-checkout>`);
    if (el.state !== 'ready') await oneEvent(el, 'banq-ready');
    expect(await widgetLoads(key)).to.equal(1);
    expect(scriptsFor(src)).to.deep.equal([tag]);
    // Loaded already: a later element resolves at once from the same tag.
    const second = await fixture<BanqCheckout>(
      html`<banq-checkout script-src=${src}></banq-checkout>`,
    );
    if (second.state !== 'ready') await oneEvent(second, 'banq-ready');
    expect(await widgetLoads(key)).to.equal(1);
  });

  it('puts the nonce on the injected tag', async () => {
    const key = freshKey();
    const src = widgetUrl(key);
    const el = await fixture<BanqCheckout>(
      html`<banq-checkout nonce="n0nce" script-src=${src}></banq-checkout>`,
    );
    await oneEvent(el, 'banq-ready');
    expect(scriptsFor(src)[0].nonce).to.equal('n0nce');
  });

  it('reports a page that refuses the script URL (Trusted Types) as a script error', async () => {
    // What a page with `require-trusted-types-for 'script'` does to a plain string assigned to
    // a script's src, played here by the setter (the test page has no such policy).
    const src = Object.getOwnPropertyDescriptor(HTMLScriptElement.prototype, 'src')!;
    Object.defineProperty(HTMLScriptElement.prototype, 'src', {
      ...src,
      set() {
        throw new TypeError("This document requires 'TrustedScriptURL' assignment.");
      },
    });
    const url = widgetUrl(freshKey());
    const el = checkoutOn(url);
    const error = oneEvent(el, 'banq-error');
    try {
      document.body.append(el);
      const { detail } = await error;
      expect(detail).to.deep.include({
        phase: 'script',
        message: `${new URL(url, document.baseURI).href}: This document requires 'TrustedScriptURL' assignment.`,
      });
      expect(detail.cause).to.be.instanceOf(TypeError);
      expect(el.state).to.equal('error');
      expect(scriptsFor(url)).to.be.empty;
    } finally {
      Object.defineProperty(HTMLScriptElement.prototype, 'src', src);
      el.remove();
    }
  });

  it('reports a script that fails to load, removes its tag, shows the fallback, and retries on bootstrap()', async () => {
    const key = freshKey();
    const src = widgetUrl(key, '&status=500');
    await withFailingCheckout(src, async (el, error) => {
      const { detail } = await error;
      expect(detail).to.deep.include({
        phase: 'script',
        message: `${new URL(src, document.baseURI).href} failed to load`,
      });
      expect(el.state).to.equal('error');
      expect(scriptsFor(src)).to.be.empty;
      const fallback = el.shadowRoot!.querySelector('[part="error"]')!;
      expect(fallback.textContent).to.contain('Payment is unavailable');
      // The same URL is tried afresh, not answered from a remembered failure.
      const again = oneEvent(el, 'banq-error');
      await el.bootstrap();
      await again;
      expect(await widgetLoads(key)).to.equal(2);
    });
  });

  it("the fallback's retry button loads the same URL again, and the widget comes up", async () => {
    const key = freshKey();
    await withFailingCheckout(widgetUrl(key, '&fail=1'), async (el, error) => {
      await error;
      const ready = oneEvent(el, 'banq-ready');
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry"]')!.click();
      await ready;
      expect(await widgetLoads(key)).to.equal(2);
      expect(el.shadowRoot!.querySelector('[part="error"]')).to.equal(null);
    });
  });

  it('reports a script that loads but defines no widget', async () => {
    const key = freshKey();
    // A widget defined by an earlier test would mask the problem.
    const saved = window.ecommerceBanqWidget;
    delete window.ecommerceBanqWidget;
    try {
      const el = checkoutOn(widgetUrl(key, '&empty'));
      const error = oneEvent(el, 'banq-error');
      document.body.append(el);
      const { detail } = await error;
      el.remove();
      expect(detail.phase).to.equal('script');
      expect(detail.message).to.match(
        /did not define window\.ecommerceBanqWidget: is script-src banq's ecommerce\.js\?$/,
      );
    } finally {
      window.ecommerceBanqWidget = saved;
    }
  });

  it('gives up on a script that does not load within timeout ms', async () => {
    const key = freshKey();
    const src = widgetUrl(key, '&delay=3000');
    const el = document.createElement('banq-checkout');
    el.timeout = 150;
    el.scriptSrc = src;
    const error = oneEvent(el, 'banq-error');
    document.body.append(el);
    try {
      const { detail } = await error;
      expect(detail.phase).to.equal('script');
      expect(detail.message).to.match(/^http:.*&delay=3000 did not load within 150 ms$/);
      expect(scriptsFor(src)).to.be.empty;
    } finally {
      el.remove();
    }
  });

  it('reports a widget that throws while starting, and leaves no mount node', async () => {
    await withFailingCheckout(`/testing/broken-widget.js?key=${freshKey()}`, async (el, error) => {
      expect((await error).detail).to.deep.include({
        phase: 'script',
        message: "banq's widget failed to start: bad container",
      });
      expect(el.state).to.equal('error');
      expect(el.querySelector('[slot="widget"]')).to.equal(null);
    });
  });
});
