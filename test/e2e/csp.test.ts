/// <reference lib="dom" />
/**
 * `<banq-checkout>` on a shop page served with a strict Content-Security-Policy header: scripts
 * and styles by nonce only (no 'unsafe-inline', 'unsafe-eval' or 'strict-dynamic'), nothing
 * else but banq's hosted page (frame-src) and the shop's backend (connect-src). It pays, with
 * no violation; without the element's nonce banq's script is blocked and the element says so;
 * banq's script allowed by origin instead loads but its style is blocked; Lit's fallback
 * `<style>` elements (no adoptedStyleSheets) need `window.litNonce`.
 *
 * banq is the mock the demo server embeds, at the server's own address (`127.0.0.1`). The shop
 * is a small server of this test's on another port (`localhost`), as a shop's site is: its
 * pages, the element's built standalone bundle (`npm run build` first; `npm test` does), and
 * its backend (the demo's, behind it). A page a route answered would not do: Chromium counts
 * it as public, and Local Network Access then keeps it from loading anything from loopback.
 * The policy is the README's ("Content-Security-Policy"); what it assumes of banq is
 * "widget under a CSP" in server/src/banq-contract.ts.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import type { DemoServer } from '../../demo/server/main.js';
import {
  createOrder,
  eventsOf,
  launchChromium,
  openPopup,
  RECORD_BANQ_EVENTS,
  startDemoServer,
  waitForEvent,
  type RecordedEvent,
} from './harness.js';

const bundleFile = fileURLToPath(
  new URL('../../dist/banq-checkout.standalone.js', import.meta.url),
);

let server: DemoServer;
let browser: Browser;
/** The shop's origin: its pages, and its backend (backend-url, events-url). */
let shop: string;
/** banq's origin: the widget script, and the hosted payment page its links open. */
let banq: string;
/** The shop's pages by path, each with its own policy. */
const pages = new Map<string, { html: string; policy: string }>();

/** The shop: the pages of `pages`, the element's bundle, and the demo's backend behind them. */
async function startShop(bundle: string, backend: string): Promise<Server> {
  const upstream = new URL(backend);
  const shopServer = createServer((req, res) => {
    const path = req.url ?? '/';
    const page = pages.get(path);
    if (page)
      return void res
        .writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': page.policy,
        })
        .end(page.html);
    if (path === BUNDLE_PATH)
      return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
    // The backend, as a shop's proxy would pass it on: the Host header as the page sent it,
    // so the backend sees a page of its own site.
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => shopServer.listen(0, '127.0.0.1', resolve));
  return shopServer;
}

const BUNDLE_PATH = '/banq-checkout.standalone.js';

/** How to stop what `before` started, pushed as each starts: `after` stops them all, last first. */
const stops: (() => Promise<void>)[] = [];

before(async () => {
  const bundle = await readFile(bundleFile, 'utf8').catch(() => {
    throw new Error(`${bundleFile} is missing: run \`npm run build\` first`);
  });
  [server, browser] = await Promise.all([
    startDemoServer('csp').then((started) => (stops.push(() => started.close()), started)),
    launchChromium().then((started) => (stops.push(() => started.close()), started)),
  ]);
  // The demo server's own address, which the mock's widget URL and payment links carry.
  banq = `http://127.0.0.1:${new URL(server.url).port}`;
  const shopServer = await startShop(bundle, banq);
  stops.push(async () => {
    shopServer.closeAllConnections();
    await new Promise((resolve) => shopServer.close(resolve));
  });
  shop = `http://localhost:${(shopServer.address() as AddressInfo).port}`;
});
after(async () => {
  for (const stop of stops.reverse()) await stop();
});

/**
 * The policy under test: everything the flow needs, and nothing more. `widgetOrigin`: banq's
 * script allowed by its origin too, the README's other way.
 */
function policy(nonce: string, widgetOrigin = false): string {
  return [
    "default-src 'none'",
    // The element's bundle and the page's inline script; the widget's <script>, which the
    // element gives its own nonce.
    `script-src 'nonce-${nonce}'${widgetOrigin ? ` ${banq}` : ''}`,
    // The widget's <style>, which takes its script's nonce. Lit's styles are adopted
    // stylesheets, which CSP does not govern.
    `style-src 'nonce-${nonce}'`,
    // banq's popup frames its hosted payment page.
    `frame-src ${banq}`,
    // backend-url (fetch) and events-url (EventSource).
    `connect-src ${shop}`,
    "base-uri 'none'",
  ].join('; ');
}

const escapeAttribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

interface PageOptions {
  /** `nonce="…"` on the element; without it, the widget's script has none. */
  elementNonce?: boolean;
  /** Sets `window.litNonce` before the bundle loads. */
  litNonce?: boolean;
  /** Plays a browser without adoptedStyleSheets, where Lit falls back to <style> elements. */
  withoutAdoptedStyleSheets?: boolean;
  /** `script-src` lists banq's origin too. */
  widgetOrigin?: boolean;
}

interface Violation {
  directive: string;
  blocked: string;
}

interface CspPage {
  page: Page;
  nonce: string;
  orderId: string;
  /** CSP errors Chromium wrote to the console, in any frame. */
  cspConsole: string[];
  pageErrors: string[];
  /** The main document's `securitypolicyviolation` events, since it started. */
  violations(): Promise<Violation[]>;
}

/** A shop page with one `<banq-checkout id="checkout">` for a new order, under `policy`. */
async function openCspPage(options: PageOptions = {}): Promise<CspPage> {
  const {
    elementNonce = true,
    litNonce = false,
    withoutAdoptedStyleSheets = false,
    widgetOrigin = false,
  } = options;
  const nonce = randomBytes(16).toString('base64');
  const order = await createOrder(server);
  const page = await browser.newPage();
  // Every wait bounded well within the test's.
  page.setDefaultTimeout(10_000);
  const cspConsole: string[] = [];
  const pageErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
      cspConsole.push(message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // Before any of the page's own scripts, and outside its policy (Playwright's init scripts
  // are not the page's): every violation from the very start.
  await page.addInitScript((withoutAdopted: boolean) => {
    const log: { directive: string; blocked: string }[] = [];
    (window as unknown as { cspViolations: typeof log }).cspViolations = log;
    document.addEventListener(
      'securitypolicyviolation',
      (e) => log.push({ directive: e.effectiveDirective, blocked: e.blockedURI }),
      true,
    );
    if (withoutAdopted && window === window.top)
      delete (Document.prototype as { adoptedStyleSheets?: unknown }).adoptedStyleSheets;
  }, withoutAdoptedStyleSheets);

  const attributes = {
    id: 'checkout',
    ...(elementNonce && { nonce }),
    'script-src': `${banq}/mock-banq/widget/ecommerce.js`,
    'backend-url': `${shop}/generate-payment-link`,
    'events-url': `${shop}/payment-events`,
    'order-id': order.orderId,
    funds: String(order.funds),
    comment: order.comment,
  };
  const markup = Object.entries(attributes)
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join('');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Checkout under CSP</title>
<script nonce="${nonce}">
  ${litNonce ? `window.litNonce = ${JSON.stringify(nonce)};` : ''}
  ${RECORD_BANQ_EVENTS}
</script>
<script type="module" nonce="${nonce}" src="${BUNDLE_PATH}"></script>
</head>
<body>
<banq-checkout${markup}></banq-checkout>
</body>
</html>`;
  const path = `/checkout-${randomBytes(6).toString('hex')}.html`;
  pages.set(path, { html, policy: policy(nonce, widgetOrigin) });
  await page.goto(`${shop}${path}`);
  pages.delete(path);
  return {
    page,
    nonce,
    orderId: order.orderId,
    cspConsole,
    pageErrors,
    violations: () =>
      page.evaluate(() => (window as unknown as { cspViolations: Violation[] }).cspViolations),
  };
}

/** The element's state, its styles, and the widget's script and style, as the page sees them. */
function inspect(page: Page) {
  return page.evaluate((widgetUrl) => {
    const el = document.getElementById('checkout') as HTMLElement;
    const script = [...document.scripts].find((s) => s.src === widgetUrl);
    const widgetStyle = document.getElementById('banq-widget-styles');
    const button = el.querySelector('.banq-w-button');
    return {
      state: el.getAttribute('state'),
      nonceAttribute: el.getAttribute('nonce'),
      nonceProperty: el.nonce,
      display: getComputedStyle(el).display,
      adoptedStyleSheets: el.shadowRoot?.adoptedStyleSheets.length ?? 0,
      shadowStyleNonces: [...(el.shadowRoot?.querySelectorAll('style') ?? [])].map((s) => s.nonce),
      scriptNonce: script?.nonce,
      widgetStyleNonce: widgetStyle?.nonce,
      buttonWidth: button ? getComputedStyle(button).width : undefined,
    };
  }, `${banq}/mock-banq/widget/ecommerce.js`);
}

const detailsOf = (events: RecordedEvent[]) => events.map((e) => e.detail);

/** Waits for the element's first banq-ready or banq-error; resolves with the events so far. */
async function settled(page: Page): Promise<RecordedEvent[]> {
  await page.waitForFunction(() =>
    (window as unknown as { banqEvents: RecordedEvent[] }).banqEvents.some(
      (e) => e.type === 'banq-ready' || e.type === 'banq-error',
    ),
  );
  return eventsOf(page);
}

/** Each test's bound: a few seconds is the norm. */
const BOUND = { timeout: 20_000 };

describe('under a strict Content-Security-Policy', () => {
  it(
    'the element loads banq’s widget with its nonce, is styled, and takes a payment',
    BOUND,
    async () => {
      const csp = await openCspPage();
      const { page, nonce, orderId } = csp;
      const events = await settled(page);
      // The most telling failure first: what the policy blocked.
      assert.deepEqual(await csp.violations(), []);
      assert.deepEqual(
        events.map((e) => e.type),
        ['banq-ready'],
      );
      const seen = await inspect(page);
      assert.equal(seen.state, 'ready');
      // The browser hides the attribute of a page under a CSP header; the property keeps it.
      assert.equal(seen.nonceAttribute, '');
      assert.equal(seen.nonceProperty, nonce);
      assert.equal(seen.scriptNonce, nonce, 'the widget’s <script> carries the nonce');
      // Lit's styles: adopted, so no <style> needed a nonce.
      assert.equal(seen.display, 'inline-block');
      assert.ok(seen.adoptedStyleSheets > 0);
      assert.deepEqual(seen.shadowStyleNonces, []);
      // The widget's own <style> took its script's nonce, and applies.
      assert.equal(seen.widgetStyleNonce, nonce);
      assert.equal(seen.buttonWidth, '240px');

      // A payment in banq's popup: backend-url (fetch), events-url (EventSource), the framed
      // hosted page, its message back.
      const stream = page.waitForResponse((r) => r.url().startsWith(`${shop}/payment-events?`));
      const hosted = await openPopup(page);
      assert.equal((await stream).status(), 200);
      await hosted.locator('[data-banq-action="pay"]').click();
      const success = await waitForEvent(page, 'banq-success');
      assert.deepEqual(detailsOf(success), [{ orderId, source: 'widget', cause: undefined }]);
      assert.equal((await inspect(page)).state, 'paid');

      assert.deepEqual(await csp.violations(), []);
      assert.deepEqual(csp.cspConsole, []);
      assert.deepEqual(csp.pageErrors, []);
      assert.deepEqual(
        (await eventsOf(page)).filter((e) => e.type === 'banq-error'),
        [],
      );
      await page.close();
    },
  );

  it(
    'without the element’s nonce, the policy blocks banq’s script and the element says so',
    BOUND,
    async () => {
      const csp = await openCspPage({ elementNonce: false });
      const { page } = csp;
      const [error] = await waitForEvent(page, 'banq-error');
      assert.equal(error.detail.phase, 'script');
      assert.match(String(error.detail.message), /ecommerce\.js failed to load/);
      assert.equal((await inspect(page)).state, 'error');
      assert.deepEqual(await csp.violations(), [
        { directive: 'script-src-elem', blocked: `${banq}/mock-banq/widget/ecommerce.js` },
      ]);
      assert.equal(csp.cspConsole.length, 1);
      assert.match(csp.cspConsole[0], /Loading the script '.*ecommerce\.js' violates/);
      await page.close();
    },
  );

  it(
    'with banq’s origin in script-src and no nonce, the widget loads but its style is blocked',
    BOUND,
    async () => {
      const csp = await openCspPage({ elementNonce: false, widgetOrigin: true });
      assert.deepEqual(
        (await settled(csp.page)).map((e) => e.type),
        ['banq-ready'],
      );
      const seen = await inspect(csp.page);
      assert.equal(seen.scriptNonce, '');
      assert.equal(seen.widgetStyleNonce, '');
      assert.ok(seen.buttonWidth, 'banq’s button is there');
      assert.notEqual(seen.buttonWidth, '240px', 'banq’s button is unstyled');
      assert.equal(seen.display, 'inline-block', 'the element’s own styles need no nonce');
      assert.deepEqual(await csp.violations(), [
        { directive: 'style-src-elem', blocked: 'inline' },
      ]);
      await csp.page.close();
    },
  );

  describe('in a browser without adoptedStyleSheets, where Lit falls back to <style> elements', () => {
    it('window.litNonce gives them the nonce', BOUND, async () => {
      const csp = await openCspPage({ withoutAdoptedStyleSheets: true, litNonce: true });
      assert.deepEqual(
        (await settled(csp.page)).map((e) => e.type),
        ['banq-ready'],
      );
      const seen = await inspect(csp.page);
      assert.equal(seen.adoptedStyleSheets, 0);
      assert.deepEqual(seen.shadowStyleNonces, [csp.nonce]);
      assert.equal(seen.display, 'inline-block');
      assert.deepEqual(await csp.violations(), []);
      assert.deepEqual(csp.cspConsole, []);
      await csp.page.close();
    });

    it('without it, the policy blocks them and the element goes unstyled', BOUND, async () => {
      const csp = await openCspPage({ withoutAdoptedStyleSheets: true });
      // Unstyled, it works all the same.
      assert.deepEqual(
        (await settled(csp.page)).map((e) => e.type),
        ['banq-ready'],
      );
      const seen = await inspect(csp.page);
      assert.deepEqual(seen.shadowStyleNonces, ['']);
      assert.equal(seen.display, 'inline');
      assert.deepEqual(await csp.violations(), [
        { directive: 'style-src-elem', blocked: 'inline' },
      ]);
      await csp.page.close();
    });
  });
});
