/**
 * The whole loop on one machine: page → backend → mock banq → webhook → backend →
 * events stream → page, through the server `npm start` runs and a real Chromium.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import type { DemoServer } from '../../demo/server/main.js';
import {
  eventsOf,
  freshOrderId,
  launchChromium,
  openCheckout,
  openPopup,
  startDemoServer,
  waitForEvent,
} from './harness.js';

let server: DemoServer;
let browser: Browser;

before(async () => {
  [server, browser] = await Promise.all([startDemoServer(), launchChromium()]);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Resolves once the backend has marked the order paid (the webhook went through). */
async function paidOnServer(orderId: string) {
  for (let i = 0; i < 200; i++) {
    const paid = server.backend.orders.get(orderId)?.paid;
    if (paid) return paid;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`order ${orderId} was never marked paid`);
}

describe('the payment loop', () => {
  it('paying in banq’s popup fires banq-success from the widget, and the webhook marks the order paid', async () => {
    const orderId = freshOrderId();
    const page = await openCheckout(browser, server, orderId);
    const hosted = await openPopup(page);
    await hosted.locator('[data-banq-action="pay"]').click();
    const [success] = await waitForEvent(page, 'banq-success');
    assert.deepEqual(success.detail, { orderId, source: 'widget', cause: undefined });
    await page.locator('[data-banq-popup]').waitFor({ state: 'detached' });
    const paid = await paidOnServer(orderId);
    assert.equal(paid.orderId, orderId);
    // banq's webhook reaches the page too; it is the same payment, so no second event.
    await page.waitForTimeout(300);
    assert.equal((await eventsOf(page)).filter((e) => e.type === 'banq-success').length, 1);
    assert.equal(await page.locator('#checkout').getAttribute('state'), 'paid');
    await page.close();
  });

  it('paying by scanning the QR code fires banq-success from the events stream; the widget never knew', async () => {
    const orderId = freshOrderId();
    const page = await openCheckout(browser, server, orderId);
    const hosted = await openPopup(page);
    await hosted.locator('[data-banq-action="scan"]').click();
    const [success] = await waitForEvent(page, 'banq-success');
    const paid = await paidOnServer(orderId);
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
    const orderId = freshOrderId();
    const page = await openCheckout(browser, server, orderId);
    await openPopup(page);
    await page.locator('[data-banq-popup] [data-banq-action="close"]').click();
    const [close] = await waitForEvent(page, 'banq-close');
    assert.deepEqual(close.detail, { orderId, cause: undefined });
    assert.equal(await page.locator('#checkout').getAttribute('state'), 'ready');
    await page.close();
  });

  it('a page whose events stream connects only after the payment still learns of it', async () => {
    const orderId = freshOrderId();
    const page = await openCheckout(browser, server, orderId);
    // Hold the page's stream back (a slow network, a reconnect) until banq has been paid.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/payment-events?**', async (route) => {
      await released;
      await route.continue();
    });
    const hosted = await openPopup(page);
    await hosted.locator('[data-banq-action="scan"]').click();
    await paidOnServer(orderId);
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
    const orderId = freshOrderId();
    const page = await openCheckout(browser, server, orderId);
    const hosted = await openPopup(page);
    await hosted.locator('[data-banq-action="scan"]').click();
    await waitForEvent(page, 'banq-success');
    const paid = await paidOnServer(orderId);
    const deliver = () =>
      fetch(`${server.url}/your-web-hooks/payment-status`, {
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
    assert.equal(server.backend.orders.get(orderId)?.paid, paid);
    await page.waitForTimeout(300);
    assert.equal((await eventsOf(page)).filter((e) => e.type === 'banq-success').length, 1);
    await page.close();
  });

  it('the backend being down gives banq-error, and a later retry works', async () => {
    const orderId = freshOrderId();
    const page = await openCheckout(browser, server, orderId);
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
    const page = await openCheckout(browser, server, freshOrderId());
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
