/// <reference lib="dom" />
/**
 * End-to-end set-up: the server `npm start` runs (backend, embedded mock banq, the shop's
 * API, pages through Vite) on a free loopback port, and the system's Chromium driven by
 * playwright-core. Orders are made as a page makes them, by the shop's server. A test page
 * holds one `<banq-checkout>` configured from /checkout-config and the order, and records
 * every banq-* event it fires.
 */
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { BANQ_EVENTS } from '../../src/events.js';
import { CHROMIUM_ARGS, chromiumPath } from '../../testing/chromium.js';
import { startServer, type DemoServer, type StartOptions } from '../../demo/server/main.js';
import type { CartItem, ShopOrder } from '../../demo/shop-api.js';

const elementEntry = fileURLToPath(new URL('../../src/index.ts', import.meta.url));

/** The webhook secret the e2e servers register, so a test can play banq's webhook itself. */
export const E2E_WEBHOOK_SECRET = 'e2e-webhook-secret';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: CHROMIUM_ARGS,
  });
}

/**
 * The demo server for one test file. Each file keeps its own PGlite folder (test files run in
 * parallel, and one folder takes one process), reused from run to run: making one takes
 * seconds, reopening it a fraction of one, and the demo empties it at start.
 */
export function startDemoServer(file: string, options: StartOptions = {}): Promise<DemoServer> {
  return startServer({
    port: 0,
    dataDir: `.data/test-e2e/${file}`,
    webhookBackoffMs: 50,
    webhookSecret: E2E_WEBHOOK_SECRET,
    ...options,
  });
}

export const ESPRESSO: CartItem[] = [{ productId: 'espresso', quantity: 1 }];

/** `POST /demo-api/orders`, as a page does: the order for `items`, priced by the shop's server. */
export async function createOrder(server: DemoServer, items = ESPRESSO): Promise<ShopOrder> {
  const response = await fetch(`${server.url}/demo-api/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ items }),
  });
  if (response.status !== 201) throw new Error(`orders answered ${response.status}`);
  return (await response.json()) as ShopOrder;
}

/** Resolves once the backend has marked the order paid (the webhook went through). */
export async function paidOnServer(server: DemoServer, orderId: string) {
  for (let i = 0; i < 200; i++) {
    const order = await server.backend.store.getOrder(orderId);
    if (order?.status === 'paid' && order.paidPaymentId)
      return { orderId, paymentId: order.paidPaymentId };
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`order ${orderId} was never marked paid`);
}

/**
 * A page script that records every banq-* event reaching the document in `window.banqEvents`
 * (their detail without `cause`, which does not survive the trip to the test).
 */
export const RECORD_BANQ_EVENTS = `window.banqEvents = [];
  for (const type of ${JSON.stringify(BANQ_EVENTS)})
    document.addEventListener(type, (e) =>
      window.banqEvents.push({ type, detail: { ...e.detail, cause: undefined } }),
    );`;

export interface RecordedEvent {
  type: string;
  detail: Record<string, unknown>;
}

/** Opens a page with one `<banq-checkout id="checkout">` for the shop's `order`, ready to pay. */
export async function openCheckout(browser: Browser, server: DemoServer, order: ShopOrder) {
  const page = await browser.newPage();
  // Same origin as the server, so the element's relative URLs and Vite's module paths resolve.
  await page.goto(`${server.url}/checkout-config`);
  await page.setContent(`<!doctype html>
    <script type="module">
      ${RECORD_BANQ_EVENTS}
      await import('/@fs${elementEntry}');
      const config = await (await fetch('/checkout-config')).json();
      // Created here rather than in the markup: parsed by setContent's document.write, the
      // tag is not upgraded.
      const checkout = document.body.appendChild(document.createElement('banq-checkout'));
      checkout.id = 'checkout';
      Object.assign(checkout, config, ${JSON.stringify(order)});
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

/** Clicks banq's button in `scope` and waits for the popup with banq's hosted payment page. */
export async function openPopup(page: Page, scope = '#checkout') {
  await page.locator(`${scope} .banq-w-button`).click();
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
