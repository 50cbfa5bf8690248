/**
 * WCAG 2.2 AA for what the element draws itself: 4.1.2 name, role, value (placeholder, retry
 * button), 4.1.3 status messages (one polite live region), 2.4.7 focus visible, reduced motion,
 * forced colors, and the `strings` that translate it all. In real Chromium, the element inside
 * a small page; the accessibility tree is Chromium's own (`a11ySnapshot`).
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { ENGLISH } from '../../src/banq-checkout.js';
import type { BanqCheckout, BanqCheckoutState } from '../../src/index.js';
import {
  emit,
  eventsUrl,
  freshKey,
  linkUrl,
  openPopup,
  openStreams,
  payButton,
  popupAction,
  widgetLoads,
  widgetUrl,
} from './helpers.js';

/** Long enough for a test to look at the loading state; the test ends well before. */
const SLOW = '&delay=3000';
/**
 * A load slow enough that a test can read the loading state (through the test runner, a round
 * trip each) before it ends, under load too; and quick enough to wait for.
 */
const UNHURRIED = '&delay=1500';

interface CheckoutPage {
  el: BanqCheckout;
  /** The page's link before the element, where keyboard tests start. */
  back: HTMLAnchorElement;
  key: string;
}

/**
 * A checkout page: heading, order summary, a link, the element. The page resets focus outlines,
 * as many do: that must not take the element's own focus ring away.
 */
async function checkoutPage(
  options: { query?: string; events?: boolean; orderId?: string } = {},
): Promise<CheckoutPage> {
  const key = freshKey();
  const root = await fixture<HTMLElement>(
    html`<div>
      <style>
        :focus {
          outline: none;
        }
      </style>
      <main>
        <h1>Checkout</h1>
        <p>Blue mug, 12.50 €</p>
        <a href="#cart">Back to cart</a>
        <banq-checkout
          script-src=${widgetUrl(key, options.query ?? '')}
          backend-url=${linkUrl(key)}
          order-id=${options.orderId ?? `order-${key}`}
          comment="Blue mug"
          funds="12.5"
          events-url=${options.events ? eventsUrl(key) : ''}
        ></banq-checkout>
      </main>
    </div>`,
  );
  const el = root.querySelector('banq-checkout')!;
  await el.updateComplete;
  return { el, back: root.querySelector('a')!, key };
}

/** Waits for `state` and the render that follows it. */
async function reach(el: BanqCheckout, state: BanqCheckoutState, timeout = 3000): Promise<void> {
  await waitUntil(() => el.state === state, `never ${state} (stayed ${el.state})`, { timeout });
  await el.updateComplete;
}

/** Pays in banq's popup, as the shopper would; resolves in state `paid`. */
async function pay(el: BanqCheckout): Promise<void> {
  payButton(el).click();
  const success = oneEvent(el, 'banq-success');
  (await popupAction('pay')).click();
  await success;
  await reach(el, 'paid');
}

const part = (el: BanqCheckout, name: string) =>
  el.shadowRoot!.querySelector<HTMLElement>(`[part="${name}"]`);

/** What can announce, in the shadow root: live regions, explicit or by role. */
const LIVE =
  '[aria-live], [role="status"], [role="alert"], [role="log"], [role="marquee"], [role="timer"]';

/** The element's live regions other than the placeholder. */
const liveRegions = (el: BanqCheckout) =>
  [...el.shadowRoot!.querySelectorAll<HTMLElement>(LIVE)].filter(
    (node) => node.getAttribute('part') !== 'placeholder',
  );

/** The one live region; fails when there is none or more than one. */
function liveRegion(el: BanqCheckout): HTMLElement {
  const regions = liveRegions(el);
  expect(regions, 'live regions besides the placeholder').to.have.length(1);
  return regions[0];
}

interface AXNode {
  role: string;
  name: string;
  busy?: boolean;
  live?: string;
  focused?: boolean;
  children?: AXNode[];
}

/**
 * Chromium's accessibility tree of the page (puppeteer's `page.accessibility.snapshot()`, through
 * the a11ySnapshotPlugin in web-test-runner.config.js), flattened. The page holds only the fixture.
 */
async function axNodes(): Promise<AXNode[]> {
  const nodes: AXNode[] = [];
  const walk = (node: AXNode) => {
    nodes.push(node);
    node.children?.forEach(walk);
  };
  walk(await executeServerCommand<AXNode, object>('a11y-snapshot', {}));
  return nodes;
}

/** The text of an accessibility-tree node: its name, or its text children's. */
const axText = (node: AXNode) =>
  node.name || (node.children ?? []).map((child) => child.name).join('');

/** Live regions in the accessibility tree, and what each would read. */
async function axLiveRegions(): Promise<{ role: string; live: string; text: string }[]> {
  return (await axNodes())
    .filter((node) => node.live && node.live !== 'off')
    .map((node) => ({ role: node.role, live: node.live!, text: axText(node) }));
}

/**
 * Each text the live region took after this call, in order (what a screen reader would
 * announce). A batch of mutations is read record by record, each text change's value before
 * it, then the value after the batch: a text cleared and refilled within one batch is two
 * announcements here, not none.
 */
function recordAnnouncements(region: HTMLElement): { texts: string[]; stop: () => void } {
  const texts: string[] = [];
  let last = region.textContent.trim();
  const took = (text: string) => {
    if (text !== last) texts.push((last = text));
  };
  const observer = new MutationObserver((records) => {
    for (const record of records)
      if (record.type === 'characterData') took((record.oldValue ?? '').trim());
    took(region.textContent.trim());
  });
  observer.observe(region, {
    childList: true,
    characterData: true,
    characterDataOldValue: true,
    subtree: true,
  });
  return { texts, stop: () => observer.disconnect() };
}

/**
 * Where focus is, through shadow roots: `banq-checkout > button[part=retry]`. A string, so a
 * failure reads well: a failed `equal` between elements as large as these (the body, the
 * element) stalls the test page until the runner gives up on it.
 */
function focusPath(): string {
  const path: string[] = [];
  for (let node = document.activeElement; node; node = node.shadowRoot?.activeElement ?? null) {
    const name = node.getAttribute('part');
    path.push(name ? `${node.localName}[part=${name}]` : node.localName);
  }
  return path.join(' > ');
}

/** `rgb(…)`/`rgba(…)`'s alpha: 0 is transparent. */
const alpha = (color: string) => {
  const channels = color.match(/[\d.]+/g)!.map(Number);
  return channels.length > 3 ? channels[3] : 1;
};

const emulateMediaFeatures = (features: { name: string; value: string }[]) =>
  executeServerCommand('emulate-media-features', features);

describe('accessibility', () => {
  // Every emulated media feature (reduced motion, forced colors) back to the browser's own.
  afterEach(() => emulateMediaFeatures([]));

  describe('axe, in a checkout page', () => {
    it('passes while banq’s script loads', async () => {
      const { el } = await checkoutPage({ query: SLOW });
      expect(el.state).to.equal('loading');
      expect(part(el, 'placeholder')).to.exist;
      await expect(el).to.be.accessible();
    });

    it('passes once banq’s button is up', async () => {
      const { el } = await checkoutPage();
      await reach(el, 'ready');
      expect(payButton(el).isConnected).to.be.true;
      await expect(el).to.be.accessible();
    });

    it('passes in the fallback', async () => {
      const { el } = await checkoutPage({ query: '&status=404' });
      await reach(el, 'error');
      expect(part(el, 'retry')).to.exist;
      await expect(el).to.be.accessible();
    });

    it('passes once paid', async () => {
      const { el } = await checkoutPage();
      await reach(el, 'ready');
      await pay(el);
      expect(liveRegion(el).textContent).to.equal(ENGLISH.paid);
      await expect(el).to.be.accessible();
    });
  });

  describe('the placeholder', () => {
    it('is a busy status named “Loading banq checkout”, and leaves the tree once ready', async () => {
      const { el } = await checkoutPage({ query: UNHURRIED });
      expect(el.state).to.equal('loading');
      const placeholder = part(el, 'placeholder')!;
      expect(placeholder.getAttribute('role')).to.equal('status');
      expect(placeholder.getAttribute('aria-busy')).to.equal('true');
      expect(placeholder.getAttribute('aria-label')).to.equal(ENGLISH.loading);
      // As assistive technology gets it.
      const named = (await axNodes()).filter((node) => node.name === ENGLISH.loading);
      expect(named).to.have.length(1);
      expect(named[0]).to.include({ role: 'status', busy: true, live: 'polite' });
      await reach(el, 'ready');
      expect((await axNodes()).filter((node) => node.name === ENGLISH.loading)).to.deep.equal([]);
      expect((await axNodes()).filter((node) => node.busy)).to.deep.equal([]);
    });
  });

  describe('the live region', () => {
    it('is there, polite and empty, from the first render, and is the one that announces the failure', async () => {
      const { el } = await checkoutPage({ query: `&status=404${UNHURRIED}` });
      // The first render, before the script has answered.
      expect(el.state).to.equal('loading');
      const region = liveRegion(el);
      expect(region.getAttribute('role')).to.equal('status');
      // role=status is polite; an aria-live here could only make it something else.
      expect(region.hasAttribute('aria-live')).to.be.false;
      expect(region.textContent).to.equal('');
      expect(await axLiveRegions()).to.deep.equal([
        { role: 'status', live: 'polite', text: ENGLISH.loading }, // the placeholder
        { role: 'status', live: 'polite', text: '' },
      ]);
      await reach(el, 'error');
      // The same node: a region inserted along with its message is not announced.
      expect(liveRegion(el)).to.equal(region);
      expect(region.textContent).to.equal(ENGLISH.unavailable);
      expect(await axLiveRegions()).to.deep.equal([
        { role: 'status', live: 'polite', text: ENGLISH.unavailable },
      ]);
    });

    it('reads the failure once: the fallback’s visible text is hidden from assistive technology', async () => {
      const { el } = await checkoutPage({ query: '&status=404' });
      await reach(el, 'error');
      const visible = part(el, 'error')!.querySelector('span')!;
      expect(visible.textContent).to.equal(ENGLISH.unavailable);
      expect(visible.getAttribute('aria-hidden')).to.equal('true');
      expect(visible.checkVisibility()).to.be.true;
      // In Chromium's tree the message is only the live region's.
      const mentions = (await axNodes()).filter((node) => node.name === ENGLISH.unavailable);
      expect(mentions.map((node) => node.role)).to.deep.equal(['StaticText']);
      expect(await axLiveRegions()).to.deep.equal([
        { role: 'status', live: 'polite', text: ENGLISH.unavailable },
      ]);
    });

    it('is emptied by a retry, and says nothing while ready', async () => {
      const { el, key } = await checkoutPage({ query: `&fail=1${UNHURRIED}` });
      await reach(el, 'error');
      const region = liveRegion(el);
      expect(region.textContent).to.equal(ENGLISH.unavailable);
      const announced = recordAnnouncements(region);
      part(el, 'retry')!.click();
      await el.updateComplete;
      expect(el.state).to.equal('loading');
      expect(region.textContent).to.equal('');
      await reach(el, 'ready');
      announced.stop();
      expect(liveRegion(el)).to.equal(region);
      expect(region.textContent).to.equal('');
      expect(announced.texts).to.deep.equal(['']);
      expect(await widgetLoads(key)).to.equal(2);
    });

    it('announces “Payment complete” once paid in the popup', async () => {
      const { el } = await checkoutPage();
      await reach(el, 'ready');
      const region = liveRegion(el);
      expect(region.textContent).to.equal('');
      const announced = recordAnnouncements(region);
      await pay(el);
      announced.stop();
      expect(liveRegion(el)).to.equal(region);
      expect(region.textContent).to.equal(ENGLISH.paid);
      expect(announced.texts).to.deep.equal([ENGLISH.paid]);
      expect(await axLiveRegions()).to.deep.equal([
        { role: 'status', live: 'polite', text: ENGLISH.paid },
      ]);
    });

    it('announces “Payment complete” once when paid in the banq app (events-url)', async () => {
      const { el, key } = await checkoutPage({ events: true, orderId: 'qr-a11y' });
      await reach(el, 'ready');
      const region = liveRegion(el);
      payButton(el).click();
      await openPopup();
      await waitUntil(async () => (await openStreams(key)).length > 0, 'no stream opened');
      const announced = recordAnnouncements(region);
      // Each state the element passes through (each `state` attribute write, in order).
      const previous: string[] = [];
      const states = new MutationObserver((records) =>
        previous.push(...records.map((record) => record.oldValue!)),
      );
      states.observe(el, { attributeFilter: ['state'], attributeOldValue: true });
      const success = oneEvent(el, 'banq-success');
      await emit(key, { orderId: 'qr-a11y', status: 'completed' });
      await success;
      await reach(el, 'paid');
      await new Promise((resolve) => setTimeout(resolve, 100));
      states.disconnect();
      announced.stop();
      // The element puts a fresh banq button back (banq's popup never learns of an app payment):
      // the widget reloads in between, yet the region says it once.
      expect([...previous.slice(1), el.state]).to.deep.equal(['paid', 'loading', 'paid']);
      expect(region.textContent).to.equal(ENGLISH.paid);
      expect(announced.texts).to.deep.equal([ENGLISH.paid]);
    });
  });

  describe('keyboard', () => {
    it('Tab reaches “Try again”, which shows a focus ring; Enter retries', async () => {
      const { el, back, key } = await checkoutPage({ query: `&fail=1${UNHURRIED}` });
      await reach(el, 'error');
      const retry = part(el, 'retry')!;
      back.focus();
      expect(focusPath()).to.equal('a');
      await sendKeys({ press: 'Tab' });
      expect(focusPath()).to.equal('banq-checkout > button[part=retry]');
      expect(el.shadowRoot!.activeElement === retry, 'the fallback’s own button').to.be.true;
      expect(retry.matches(':focus-visible')).to.be.true;
      // The browser's own ring: the page's `:focus {outline: none}` does not reach it.
      const { outlineStyle, outlineWidth } = getComputedStyle(retry);
      expect(outlineStyle).to.not.equal('none');
      expect(parseFloat(outlineWidth)).to.be.above(0);
      const focused = (await axNodes()).filter((node) => node.focused);
      expect(focused).to.have.length(1);
      expect(focused[0]).to.include({ role: 'button', name: ENGLISH.retry });

      const ready = oneEvent(el, 'banq-ready');
      await sendKeys({ press: 'Enter' });
      expect(el.state).to.equal('loading');
      await ready;
      expect(el.state).to.equal('ready');
      expect(await widgetLoads(key)).to.equal(2);
      expect(payButton(el).isConnected).to.be.true;
    });

    it('el.focus() focuses “Try again” (delegatesFocus)', async () => {
      const { el } = await checkoutPage({ query: '&status=404' });
      await reach(el, 'error');
      expect(focusPath()).to.equal('body');
      el.focus();
      expect(focusPath()).to.equal('banq-checkout > button[part=retry]');
      expect(el.shadowRoot!.activeElement === part(el, 'retry'), 'the fallback’s own button').to.be
        .true;
    });
  });

  describe('prefers-reduced-motion', () => {
    // The element has no motion of its own (banq's popup is banq's): nothing to take away, with
    // or without the preference. A pulse or transition added later fails here until it is
    // kept to `prefers-reduced-motion: no-preference` and this test says so.
    for (const reducedMotion of ['no-preference', 'reduce'] as const)
      it(`moves nothing while loading or in the fallback (${reducedMotion})`, async () => {
        await emulateMedia({ reducedMotion });
        expect(matchMedia(`(prefers-reduced-motion: ${reducedMotion})`).matches).to.be.true;
        const loading = await checkoutPage({ query: SLOW });
        expect(part(loading.el, 'placeholder'), 'loading').to.exist;
        expect(loading.el.shadowRoot!.getAnimations()).to.deep.equal([]);
        const failed = await checkoutPage({ query: '&status=404' });
        await reach(failed.el, 'error');
        expect(failed.el.shadowRoot!.getAnimations()).to.deep.equal([]);
      });
  });

  describe('forced colors', () => {
    /** The top border as drawn: `1px solid rgb(0, 0, 0)`; `none` when nothing shows. */
    function border(box: HTMLElement): string {
      const { borderTopStyle, borderTopWidth, borderTopColor } = getComputedStyle(box);
      const drawn =
        borderTopStyle !== 'none' && parseFloat(borderTopWidth) > 0 && alpha(borderTopColor) > 0;
      return drawn ? `${borderTopWidth} ${borderTopStyle} ${borderTopColor}` : 'none';
    }

    /** The box's border: unseen normally, drawn in a system colour under forced colors. */
    async function expectBorderOnlyInForcedColors(box: HTMLElement): Promise<void> {
      await emulateMediaFeatures([{ name: 'forced-colors', value: 'none' }]);
      expect(matchMedia('(forced-colors: active)').matches).to.be.false;
      expect(border(box), 'without forced colors').to.equal('none');

      await emulateMediaFeatures([{ name: 'forced-colors', value: 'active' }]);
      expect(matchMedia('(forced-colors: active)').matches).to.be.true;
      const style = getComputedStyle(box);
      expect(border(box), 'in forced colors').to.match(/^1px solid rgb\(/);
      // Drawn against the system background, not in it.
      expect(style.borderTopColor).to.not.equal(style.backgroundColor);
    }

    it('outlines the placeholder', async () => {
      const { el } = await checkoutPage({ query: SLOW });
      await expectBorderOnlyInForcedColors(part(el, 'placeholder')!);
    });

    it('outlines the fallback', async () => {
      const { el } = await checkoutPage({ query: '&status=404' });
      await reach(el, 'error');
      await expectBorderOnlyInForcedColors(part(el, 'error')!);
    });
  });

  describe('strings', () => {
    it('translates the button, the fallback and the announcements; unset words stay English', async () => {
      const { el } = await checkoutPage({ query: `&fail=1${UNHURRIED}` });
      await reach(el, 'error');
      el.strings = { retry: 'Réessayer', unavailable: 'Paiement indisponible' };
      await el.updateComplete;
      expect(part(el, 'retry')!.textContent).to.equal('Réessayer');
      expect(part(el, 'error')!.querySelector('span[aria-hidden="true"]')!.textContent).to.equal(
        'Paiement indisponible',
      );
      expect(liveRegion(el).textContent).to.equal('Paiement indisponible');
      const nodes = await axNodes();
      expect(nodes.filter((node) => node.role === 'button').map((node) => node.name)).to.deep.equal(
        ['Réessayer'],
      );
      expect(await axLiveRegions()).to.deep.equal([
        { role: 'status', live: 'polite', text: 'Paiement indisponible' },
      ]);

      part(el, 'retry')!.click();
      await el.updateComplete;
      expect(el.state).to.equal('loading');
      // `loading` was not given: English.
      expect(part(el, 'placeholder')!.getAttribute('aria-label')).to.equal(ENGLISH.loading);
      el.strings = { ...el.strings, loading: 'Chargement de banq', paid: 'Paiement effectué' };
      await el.updateComplete;
      expect(part(el, 'placeholder')!.getAttribute('aria-label')).to.equal('Chargement de banq');
      expect((await axNodes()).filter((node) => node.busy).map((node) => node.name)).to.deep.equal([
        'Chargement de banq',
      ]);

      await reach(el, 'ready');
      await pay(el);
      expect(liveRegion(el).textContent).to.equal('Paiement effectué');
    });

    it('keeps English for a word given as undefined (a translation not loaded yet)', async () => {
      const { el } = await checkoutPage({ query: '&status=404' });
      await reach(el, 'error');
      el.strings = { retry: undefined, unavailable: undefined };
      await el.updateComplete;
      expect(part(el, 'retry')!.textContent).to.equal(ENGLISH.retry);
      expect(liveRegion(el).textContent).to.equal(ENGLISH.unavailable);
      await expect(el).to.be.accessible();
    });
  });

  describe('colour', () => {
    it('keeps the fallback readable on a dark page, whose text is light', async () => {
      const { el } = await checkoutPage({ query: '&status=404' });
      const page = el.closest('main')!;
      page.style.color = 'white';
      page.style.background = '#111';
      await reach(el, 'error');
      const box = part(el, 'error')!;
      const text = box.querySelector('span')!;
      const contrast = contrastRatio(
        getComputedStyle(text).color,
        getComputedStyle(box).backgroundColor,
      );
      expect(contrast, `${getComputedStyle(text).color} on the fallback`).to.be.at.least(4.5);
    });
  });
});

/** WCAG's contrast ratio of two opaque `rgb(…)` colours. */
function contrastRatio(foreground: string, background: string): number {
  const luminance = (color: string) => {
    const [r, g, b] = color
      .match(/[\d.]+/g)!
      .slice(0, 3)
      .map((channel) => {
        const c = Number(channel) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(foreground), luminance(background)].sort((a, b) => b - a);
  return (light + 0.05) / (dark + 0.05);
}
