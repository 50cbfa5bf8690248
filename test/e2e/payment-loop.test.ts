/// <reference lib="dom" />
/**
 * The whole loop on one machine: page → backend → mock banq → webhook → backend →
 * events stream → page, through the server `npm start` runs and a real Chromium.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { DemoServer } from '../../demo/server/main.js';
import {
  E2E_WEBHOOK_SECRET,
  createOrder,
  eventsOf,
  launchChromium,
  openCheckout,
  openPopup,
  paidOnServer,
  startDemoServer,
  waitForEvent,
} from './harness.js';

let server: DemoServer;
let browser: Browser;

before(async () => {
  [server, browser] = await Promise.all([startDemoServer('payment-loop'), launchChromium()]);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** A new order from the shop's server and a page ready to pay it. */
async function checkoutPage() {
  const order = await createOrder(server);
  return { orderId: order.orderId, page: await openCheckout(browser, server, order) };
}

describe('the payment loop', () => {
  it('paying in banq’s popup fires banq-success from the widget, and the webhook marks the order paid', async () => {
    const { orderId, page } = await checkoutPage();
    const hosted = await openPopup(page);
    await hosted.locator('[data-banq-action="pay"]').click();
    const [success] = await waitForEvent(page, 'banq-success');
    assert.deepEqual(success.detail, { orderId, source: 'widget', cause: undefined });
    await page.locator('[data-banq-popup]').waitFor({ state: 'detached' });
    const paid = await paidOnServer(server, orderId);
    assert.equal(paid.orderId, orderId);
    // banq's webhook reaches the page too; it is the same payment, so no second event.
    await page.waitForTimeout(300);
    assert.equal((await eventsOf(page)).filter((e) => e.type === 'banq-success').length, 1);
    assert.equal(await page.locator('#checkout').getAttribute('state'), 'paid');
    await page.close();
  });

  it('paying by scanning the QR code fires banq-success from the events stream; the widget never knew', async () => {
    const { orderId, page } = await checkoutPage();
    const hosted = await openPopup(page);
    await hosted.locator('[data-banq-action="scan"]').click();
    const [success] = await waitForEvent(page, 'banq-success');
    const paid = await paidOnServer(server, orderId);
    assert.deepEqual(success.detail, {
      orderId,
      source: 'events',
      paymentId: paid.paymentId,
      cause: undefined,
    });
    // The element closed banq's popup (destroyWidget) and put a fresh button back.
    await page.locator('[data-banq-popup]').waitFor({ state: 'detached' });
    await page.locator('#checkout .banq-w-button').waitFor();
    assert.equal(await page.locator('#checkout').getAttribute('state'), 'paid');
    await page.close();
  });

  it('closing the popup fires banq-close', async () => {
    const { orderId, page } = await checkoutPage();
    await openPopup(page);
    await page.locator('[data-banq-popup] [data-banq-action="close"]').click();
    const [close] = await waitForEvent(page, 'banq-close');
    assert.deepEqual(close.detail, { orderId, cause: undefined });
    assert.equal(await page.locator('#checkout').getAttribute('state'), 'ready');
    await page.close();
  });

  it('a page whose events stream connects only after the payment still learns of it', async () => {
    const { orderId, page } = await checkoutPage();
    // Hold the page's stream back (a slow network, a reconnect) until banq has been paid.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/payment-events?**', async (route) => {
      await released;
      await route.continue();
    });
    const hosted = await openPopup(page);
    await hosted.locator('[data-banq-action="scan"]').click();
    await paidOnServer(server, orderId);
    assert.deepEqual(
      await eventsOf(page).then((e) => e.filter((x) => x.type === 'banq-success')),
      [],
    );
    release();
    const [success] = await waitForEvent(page, 'banq-success');
    assert.equal(success.detail.source, 'events');
    await page.close();
  });

  it('a duplicate webhook changes nothing', async () => {
    const { orderId, page } = await checkoutPage();
    const hosted = await openPopup(page);
    await hosted.locator('[data-banq-action="scan"]').click();
    await waitForEvent(page, 'banq-success');
    const paid = await paidOnServer(server, orderId);
    const deliver = () =>
      fetch(`${server.url}/your-web-hooks/payment-status?secret=${E2E_WEBHOOK_SECRET}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          action: 'completed',
          resourceType: 'Payment',
          resourceId: paid.paymentId,
        }),
      }).then((r) => r.json());
    assert.deepEqual(await deliver(), { duplicate: true });
    assert.deepEqual(await deliver(), { duplicate: true });
    assert.equal((await server.backend.store.getOrder(orderId))?.paidPaymentId, paid.paymentId);
    assert.equal((await server.backend.store.eventsAfter(orderId, 0)).length, 1);
    await page.waitForTimeout(300);
    assert.equal((await eventsOf(page)).filter((e) => e.type === 'banq-success').length, 1);
    await page.close();
  });

  it('the backend being down gives banq-error, and a later retry works', async () => {
    const { page } = await checkoutPage();
    const outage = (down: boolean) =>
      fetch(`${server.url}/demo-api/backend-down`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ down }),
      });
    await outage(true);
    try {
      await page.locator('#checkout .banq-w-button').click();
      const [error] = await waitForEvent(page, 'banq-error');
      assert.equal(error.detail.phase, 'payment-link');
      assert.match(
        String(error.detail.message),
        /^backend-url answered 503: the shop backend is down/,
      );
      assert.equal(await page.locator('[data-banq-popup]').count(), 0);
    } finally {
      await outage(false);
    }
    const hosted = await openPopup(page);
    await hosted.locator('[data-banq-action="pay"]').click();
    await waitForEvent(page, 'banq-success');
    await page.close();
  });

  it('a server that cannot be reached at all gives banq-error too', async () => {
    const { page } = await checkoutPage();
    await page.evaluate(() => {
      (document.getElementById('checkout') as HTMLElement & { backendUrl: string }).backendUrl =
        'http://127.0.0.1:9/generate-payment-link';
    });
    await page.locator('#checkout .banq-w-button').click();
    const [error] = await waitForEvent(page, 'banq-error');
    assert.match(String(error.detail.message), /could not be reached/);
    await page.close();
  });
});

type CheckoutTag = HTMLElement & { orderId: string; funds?: number };

/** The element's order as the page set it. */
const elementOrder = (page: Page) =>
  page.locator('banq-checkout').evaluate(({ orderId, funds }: CheckoutTag) => ({ orderId, funds }));

describe('the demo pages', () => {
  it('the shop pays the order its server made, and never a superseded one', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await page.locator('#checkout .banq-w-button').waitFor();
    // The first cart's answer comes late, after the cart changed again (the page abandons it).
    let requests = 0;
    let releaseHeld!: () => void;
    const heldDone = new Promise<void>((resolve) => (releaseHeld = resolve));
    await page.route('**/demo-api/orders', async (route) => {
      const first = requests++ === 0;
      if (first) await new Promise((resolve) => setTimeout(resolve, 800));
      await route.continue().catch(() => {});
      if (first) releaseHeld();
    });
    const add = (id: string) => page.locator(`[data-product-id="${id}"] [data-action="add"]`);
    await add('espresso').click();
    assert.equal(
      await page.locator('#pay-widget').evaluate((node: HTMLElement) => node.inert),
      true,
    );
    assert.equal(await page.locator('#order-id').textContent(), 'preparing…');
    await add('huila').click();
    await page.waitForFunction(() =>
      /^[\w-]{22}$/.test(document.getElementById('order-id')?.textContent ?? ''),
    );
    await heldDone;
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
    assert.equal(requests, 2);
    const { orderId, funds } = await elementOrder(page);
    assert.equal(await page.locator('#order-id').textContent(), orderId);
    assert.equal(funds, 38.5);
    assert.equal(server.shop.getOrder(orderId)?.funds, 38.5);
    assert.equal(
      await page.locator('#pay-widget').evaluate((node: HTMLElement) => node.inert),
      false,
    );

    const hosted = await openPopup(page);
    await hosted.locator('[data-banq-action="pay"]').click();
    await page.locator('#receipt').waitFor();
    assert.equal(await page.locator('#receipt-order-id').textContent(), orderId);
    await paidOnServer(server, orderId);
    // The live log hears this order's server steps, and no secret.
    await page.locator('#event-log [data-event="payment verified"]').waitFor();
    assert.doesNotMatch((await page.locator('#event-log').textContent()) ?? '', /secret/);
    await page.close();
  });

  for (const framework of ['react', 'vue'])
    it(`the ${framework} page pays the order its server made`, async () => {
      const page = await browser.newPage();
      await page.goto(`${server.url}/${framework}.html`);
      await page.locator('banq-checkout .banq-w-button').waitFor();
      await page.waitForFunction(
        () => document.querySelector<CheckoutTag>('banq-checkout')?.orderId,
      );
      const first = await elementOrder(page);
      assert.equal(first.funds, 22);
      await page.locator('button[aria-label^="Add one more"]').click();
      // A new order, the server's answer for two.
      await page.waitForFunction((previous) => {
        const now = document.querySelector<CheckoutTag>('banq-checkout')?.orderId;
        return now?.length === 22 && now !== previous;
      }, first.orderId);
      const { orderId, funds } = await elementOrder(page);
      assert.equal(funds, 44);
      assert.equal(server.shop.getOrder(orderId)?.funds, 44);
      const hosted = await openPopup(page, 'banq-checkout');
      await hosted.locator('[data-banq-action="pay"]').click();
      await page.locator('.fw-receipt').waitFor();
      assert.match((await page.locator('.fw-receipt').textContent()) ?? '', new RegExp(orderId));
      await paidOnServer(server, orderId);
      await page.close();
    });
});
