/**
 * End-to-end set-up: the server `npm start` runs (backend, embedded mock banq, pages
 * through Vite) on a free loopback port, and the system's Chromium driven by
 * playwright-core. A test page holds one `<banq-checkout>` configured from the
 * server's /checkout-config, and records every banq-* event it fires.
 */
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { readConfig } from '../../demo/server/config.js';
import { CHROMIUM_ARGS, chromiumPath } from '../chromium.js';
import { startServer, type DemoServer } from '../../demo/server/main.js';

const elementEntry = fileURLToPath(new URL('../../src/index.ts', import.meta.url));

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: CHROMIUM_ARGS,
  });
}

export function startDemoServer(): Promise<DemoServer> {
  return startServer(readConfig({ PORT: '0' }), { webhookBackoffMs: 50 });
}

export interface RecordedEvent {
  type: string;
  detail: Record<string, unknown>;
}

let orders = 0;
export const freshOrderId = () => `e2e-${process.pid}-${++orders}`;

/** Opens a page with one `<banq-checkout id="checkout">` for `orderId`, ready to pay. */
export async function openCheckout(
  browser: Browser,
  server: DemoServer,
  orderId: string,
  funds = 24,
) {
  const page = await browser.newPage();
  // Same origin as the server, so the element's relative URLs and Vite's module paths resolve.
  await page.goto(`${server.url}/checkout-config`);
  await page.setContent(`<!doctype html>
    <script type="module">
      window.banqEvents = [];
      for (const type of ['banq-ready', 'banq-success', 'banq-close', 'banq-destroy', 'banq-error'])
        document.addEventListener(type, (e) =>
          window.banqEvents.push({ type, detail: { ...e.detail, cause: undefined } }),
        );
      await import('/@fs${elementEntry}');
      const config = await (await fetch('/checkout-config')).json();
      // Created here rather than in the markup: parsed by setContent's document.write, the
      // tag is not upgraded.
      const checkout = document.body.appendChild(document.createElement('banq-checkout'));
      checkout.id = 'checkout';
      Object.assign(checkout, config, {
        orderId: ${JSON.stringify(orderId)},
        funds: ${funds},
        comment: 'End-to-end test',
      });
    </script>`);
  await waitForEvent(page, 'banq-ready');
  return page;
}

export const eventsOf = (page: Page) =>
  page.evaluate(() => (window as unknown as { banqEvents: RecordedEvent[] }).banqEvents);

/** Waits until the page has recorded `count` events of `type`; resolves with them. */
export async function waitForEvent(
  page: Page,
  type: string,
  count = 1,
  timeout = 10_000,
): Promise<RecordedEvent[]> {
  await page.waitForFunction(
    ([t, n]) =>
      (window as unknown as { banqEvents?: RecordedEvent[] }).banqEvents?.filter(
        (e) => e.type === t,
      ).length === n,
    [type, count] as const,
    { timeout },
  );
  return (await eventsOf(page)).filter((e) => e.type === type);
}

/** Clicks banq's button and waits for the popup with banq's hosted payment page. */
export async function openPopup(page: Page) {
  await page.locator('#checkout .banq-w-button').click();
  const hosted = page.frameLocator('[data-banq-popup] iframe[data-banq-frame]');
  // The hosted page marks itself ready once its script has wired the buttons.
  await hosted.locator('html[data-ready]').waitFor({ state: 'attached' });
  // A click while banq's popup is still sliding in lands where the button was, not where it is.
  await page.waitForFunction(() =>
    document
      .querySelector('[data-banq-popup]')
      ?.getAnimations({ subtree: true })
      .every((animation) => animation.effect?.getTiming().iterations === Infinity),
  );
  return hosted;
}
