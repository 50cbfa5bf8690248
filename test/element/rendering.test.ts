/** What the shopper sees around banq's button: placeholder, fallback, and the slots that replace them. */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { BanqCheckout } from '../../src/index.js';
import { freshKey, widgetUrl } from './helpers.js';

const size = (el: Element) => {
  const { width, height } = el.getBoundingClientRect();
  return { width, height };
};

describe('rendering', () => {
  it('holds the place of banq’s button while its script loads: no layout shift', async () => {
    const key = freshKey();
    const el = await fixture<BanqCheckout>(
      html`<banq-checkout script-src=${widgetUrl(key, '&delay=300')}></banq-checkout>`,
    );
    expect(el.state).to.equal('loading');
    expect(el.getAttribute('state')).to.equal('loading');
    expect(el.shadowRoot!.querySelector('[part="placeholder"]')).to.exist;
    const loading = size(el);
    expect(loading).to.deep.equal({ width: 240, height: 48 });
    await oneEvent(el, 'banq-ready');
    expect(el.shadowRoot!.querySelector('[part="placeholder"]')).to.equal(null);
    expect(size(el)).to.deep.equal(loading);
  });

  it('follows the size custom properties', async () => {
    const key = freshKey();
    const el = await fixture<BanqCheckout>(
      html`<banq-checkout
        style="--banq-checkout-width: 300px; --banq-checkout-height: 56px"
        script-src=${widgetUrl(key, '&delay=300')}
      ></banq-checkout>`,
    );
    expect(size(el)).to.deep.equal({ width: 300, height: 56 });
  });

  it('shows slot="loading" content instead of the placeholder', async () => {
    const key = freshKey();
    const el = await fixture<BanqCheckout>(
      html`<banq-checkout script-src=${widgetUrl(key, '&delay=300')}>
        <span slot="loading">Loading banq…</span>
      </banq-checkout>`,
    );
    const slot = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="loading"]')!;
    expect(slot.assignedElements().map((e) => e.textContent)).to.deep.equal(['Loading banq…']);
    await oneEvent(el, 'banq-ready');
    expect(el.shadowRoot!.querySelector('slot[name="loading"]')).to.equal(null);
  });

  it('shows slot="error" content instead of the fallback when the script fails', async () => {
    const key = freshKey();
    const el = document.createElement('banq-checkout');
    el.scriptSrc = widgetUrl(key, '&status=404');
    el.innerHTML = '<p slot="error">Pay by card instead</p>';
    const error = oneEvent(el, 'banq-error');
    document.body.append(el);
    try {
      await error;
      await el.updateComplete;
      const slot = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="error"]')!;
      expect(slot.assignedElements().map((e) => e.textContent)).to.deep.equal([
        'Pay by card instead',
      ]);
      expect(el.getAttribute('state')).to.equal('error');
    } finally {
      el.remove();
    }
  });
});
