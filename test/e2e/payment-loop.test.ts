/// <reference lib="dom" />
/**
 * The whole loop on one machine: page → backend → mock banq → webhook → backend →
 * events stream → page, through the server `npm start` runs and a real Chromium.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Frame, Page } from 'playwright-core';
import type { DemoServer } from '../../demo/server/main.js';
import {
  HOSTED_PAGE_ORIGIN_PARAM,
  PAYMENT_SUCCESS_MESSAGE,
} from '../../server/src/banq-contract.js';
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
  // Unset if before() failed.
  await (browser as Browser | undefined)?.close();
  await (server as DemoServer | undefined)?.close();
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

/** Another site, played by the test (its pages answered by a route), that frames a payment link. */
const ELSEWHERE = 'http://elsewhere.test';

type MessageLog = { origin: string; data: unknown }[];

/**
 * A page of ELSEWHERE that records the messages it receives. banq's hosted page reaches it
 * through a route: Chromium would not let a public site frame a loopback page at all (Private
 * Network Access), and real banq is public. `dropFramingHeaders`: as a browser that ignored
 * frame-ancestors would, so the page shows whoever frames it.
 */
async function elsewherePage({ dropFramingHeaders = false } = {}): Promise<Page> {
  const page = await browser.newPage();
  await page.route(`${ELSEWHERE}/**`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>elsewhere</title>' }),
  );
  await page.route('**/mock-banq/pay/*', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    if (dropFramingHeaders) {
      delete headers['content-security-policy'];
      delete headers['x-frame-options'];
    }
    await route.fulfill({ response, headers });
  });
  await page.goto(`${ELSEWHERE}/`);
  await page.evaluate(() => {
    const log: MessageLog = [];
    (window as unknown as { messages: MessageLog }).messages = log;
    window.addEventListener('message', (e) => log.push({ origin: e.origin, data: e.data }));
  });
  return page;
}

const messagesOf = (page: Page) =>
  page.evaluate(() => (window as unknown as { messages: MessageLog }).messages);

/** A new order's payment link, as the shop's backend makes it. */
async function paymentLink(): Promise<string> {
  const order = await createOrder(server);
  const response = await fetch(`${server.url}/generate-payment-link`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ orderId: order.orderId, funds: order.funds }),
  });
  assert.equal(response.status, 200);
  return ((await response.json()) as { data: { url: string } }).data.url;
}

/** `link` as the widget frames it, naming `origin`. */
function naming(link: string, origin: string): string {
  const url = new URL(link);
  url.searchParams.set(HOSTED_PAGE_ORIGIN_PARAM, origin);
  return url.href;
}

/** Frames `src` in `page`, once it has loaded; `shown`: whether the hosted page is in it. */
async function frameIn(page: Page, src: string): Promise<{ frame: Frame; shown: boolean }> {
  const handle = await page.evaluateHandle(
    (url) =>
      new Promise<HTMLIFrameElement>((resolve) => {
        const iframe = document.createElement('iframe');
        iframe.addEventListener('load', () => resolve(iframe), { once: true });
        iframe.src = url;
        document.body.append(iframe);
      }),
    src,
  );
  const frame = await handle.asElement().contentFrame();
  assert.ok(frame, 'the iframe has a frame');
  // The hosted page's script marks it ready before its load event; a refused frame has an
  // error page instead.
  return { frame, shown: (await frame.locator('html[data-ready]').count()) === 1 };
}

describe('banq’s hosted page in a frame', () => {
  it('the widget frames the link naming the shop page’s origin; “Open in a new tab” is the plain link', async () => {
    const { page } = await checkoutPage();
    await openPopup(page); // shown: the shop's origin may frame it
    const src = await page.locator('[data-banq-popup] iframe[data-banq-frame]').getAttribute('src');
    const framed = new URL(src!);
    assert.equal(framed.searchParams.get(HOSTED_PAGE_ORIGIN_PARAM), new URL(server.url).origin);
    // "Open in a new tab" opens the plain link: top-level, no one to tell.
    const href = await page.locator('[data-banq-popup] a[data-banq-link]').getAttribute('href');
    assert.equal(new URL(href!).searchParams.has(HOSTED_PAGE_ORIGIN_PARAM), false);
    framed.searchParams.delete(HOSTED_PAGE_ORIGIN_PARAM);
    assert.equal(framed.href, href);
    await page.close();
  });

  it('another site cannot frame the link, plainly or naming the shop’s origin', async () => {
    const page = await elsewherePage();
    const link = await paymentLink();
    assert.equal((await frameIn(page, link)).shown, false);
    assert.equal((await frameIn(page, naming(link, new URL(server.url).origin))).shown, false);
    // Only naming itself (the mock lets any origin do that unless given allowedOrigins).
    assert.equal((await frameIn(page, naming(link, ELSEWHERE))).shown, true);
    await page.close();
  });

  it('the page tells of the payment only the origin named, even framed by another', async () => {
    const page = await elsewherePage({ dropFramingHeaders: true });
    const pay = async (src: string) => {
      const { frame, shown } = await frameIn(page, src);
      assert.ok(shown, `${src} is shown`);
      await frame.locator('[data-banq-action="pay"]').click();
      await frame.locator('#done').waitFor();
      await page.waitForTimeout(1500); // the page tells the widget 600 ms after it shows paid
    };
    await pay(naming(await paymentLink(), new URL(server.url).origin));
    assert.deepEqual(await messagesOf(page), []);
    // Named, the same page is told.
    const link = await paymentLink();
    await pay(naming(link, ELSEWHERE));
    assert.deepEqual(await messagesOf(page), [
      {
        origin: new URL(link).origin,
        data: { type: PAYMENT_SUCCESS_MESSAGE, paymentId: new URL(link).pathname.split('/').pop() },
      },
    ]);
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
