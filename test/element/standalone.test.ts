/**
 * The standalone bundle (lit inside) for a plain `<script type="module">`, on a page of its own:
 * it defines the element, works, and a second copy of the package loaded later steps aside.
 * Needs `npm run build` first, which `npm test` does.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { freshKey, widgetUrl } from '../../testing/scripted-backend-client.js';

const bundle = '/dist/banq-checkout.standalone.js';

describe('standalone bundle', () => {
  before(async () => {
    const answer = await fetch(bundle, { method: 'HEAD' });
    if (!answer.ok)
      throw new Error(`${bundle} answered ${answer.status}: run \`npm run build\` first`);
    await import(/* @vite-ignore */ bundle);
  });

  it('defines <banq-checkout>, which bootstraps banq’s widget', async () => {
    const Element = customElements.get('banq-checkout');
    expect(Element).to.be.a('function');
    const el = await fixture<HTMLElement & { state: string }>(
      html`<banq-checkout script-src=${widgetUrl(freshKey())}></banq-checkout>`,
    );
    if (el.state !== 'ready') await oneEvent(el, 'banq-ready');
    expect(el.querySelector('.banq-w-button')).to.exist;
  });

  it('lets a second copy of the package load without throwing, keeping the first definition', async () => {
    const first = customElements.get('banq-checkout');
    const copy = await import('../../src/index.js');
    expect(copy.BanqCheckout).not.to.equal(first);
    expect(customElements.get('banq-checkout')).to.equal(first);
  });
});
