/**
 * The Next.js example (examples/nextjs), as `next build` left it (`npm test` builds it first),
 * served by `next start` on loopback against the mock banq: the App Router page server-renders
 * `<BanqCheckout>` with the element's attributes, the element upgrades with them, and a payment
 * in Chromium completes with the receipt that `onBanqSuccess` renders. No `ssr: false`.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { Browser } from 'playwright-core';
import { createMockBanq, MOCK_BANQ_DEFAULTS, mockBanqSettings } from '../../mock-banq/server.js';
import { createBanqApi } from '../../server/src/banq-api.js';
import { registerWebhook } from '../../server/src/register-webhook.js';
import { TokenSource } from '../../server/src/token.js';
import { freePort } from '../server/process.js';
import { launchChromium, openPopup } from './harness.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/nextjs/', import.meta.url));
const NEXT_BIN = createRequire(EXAMPLE).resolve('next/dist/bin/next');
const WEBHOOK_SECRET = 'nextjs-webhook-secret';

let mock: ServerType | undefined;
let next: ChildProcess | undefined;
let nextOutput = '';
let shop: string;
let widgetUrl: string;
let browser: Browser | undefined;

/** The mock banq on a loopback port of its own, as banq is another site. */
async function startMockBanq(): Promise<string> {
  const app = new Hono();
  app.route('/mock-banq', createMockBanq(MOCK_BANQ_DEFAULTS));
  const server = (mock = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }));
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/mock-banq`;
}

/** Resolves once `url` answers, or fails with next's output. */
async function answering(url: string, server: ChildProcess, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited:\n${nextOutput}`);
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer within ${ms} ms:\n${nextOutput}`);
}

before(async () => {
  assert.ok(
    existsSync(`${EXAMPLE}.next/BUILD_ID`),
    'examples/nextjs is not built: run `npm run build:nextjs` (npm test does)',
  );
  const banqUrl = await startMockBanq();
  const port = await freePort();
  shop = `http://127.0.0.1:${port}`;
  const banq = mockBanqSettings(banqUrl);
  widgetUrl = banq.widgetUrl;
  // The guide's set-up, as `npm run register-webhook` does it: the route handler's webhook URL.
  const { merchantGuid } = await registerWebhook(
    createBanqApi(banq.apiUrl, new TokenSource(banq)),
    `${shop}/banq`,
    WEBHOOK_SECRET,
  );
  const server = (next = spawn(
    process.execPath,
    [NEXT_BIN, 'start', '--port', String(port), '-H', '127.0.0.1'],
    {
      cwd: EXAMPLE,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        BANQ_AUTH_URL: banq.authUrl,
        BANQ_API_URL: banq.apiUrl,
        BANQ_WIDGET_URL: banq.widgetUrl,
        BANQ_CLIENT_ID: banq.clientId,
        BANQ_USERNAME: banq.username,
        BANQ_PASSWORD: banq.password,
        BANQ_AUDIENCE: banq.audience,
        BANQ_MERCHANT_GUID: merchantGuid,
        WEBHOOK_SECRET,
        DATA_DIR: fileURLToPath(new URL('../../.data/test-e2e/nextjs', import.meta.url)),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  ));
  const record = (chunk: Buffer) => void (nextOutput += chunk.toString());
  server.stdout.on('data', record);
  server.stderr.on('data', record);
  [browser] = await Promise.all([launchChromium(), answering(`${shop}/banq/openapi.json`, server)]);
});

after(async () => {
  await browser?.close();
  const server = next;
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  await new Promise((resolve) => mock?.close(resolve));
});

/** The `<banq-checkout …>` start tag of `html`, its attributes by name. */
function checkoutTag(html: string): Record<string, string> {
  const tag = /<banq-checkout\b([^>]*)>/.exec(html);
  assert.ok(tag, `no <banq-checkout> in the server's HTML:\n${html}`);
  return Object.fromEntries(
    [...tag[1].matchAll(/([\w-]+)="([^"]*)"/g)].map(([, name, value]) => [name, value]),
  );
}

describe('Next.js App Router example', () => {
  it('server-renders the element with its kebab-case attributes, and nothing of its listeners', async () => {
    const html = await (await fetch(shop)).text();
    const attributes = checkoutTag(html);
    assert.match(attributes['order-id'], /^flat-white_[0-9a-f]{12}$/);
    assert.deepEqual(
      { ...attributes, 'order-id': 'the order' },
      {
        'script-src': widgetUrl,
        'backend-url': '/banq/generate-payment-link',
        'events-url': '/banq/payment-events',
        'order-id': 'the order',
        funds: '4.5',
        comment: 'Flat white',
      },
    );
    assert.doesNotMatch(html, /orderid=|backendurl=|onbanq/i);
  });

  it('upgrades the server’s element with those settings, and a payment runs onBanqSuccess', async () => {
    const page = await browser!.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      // Failed loads are checked by their responses below; this one is the browser's favicon.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(shop);
    const checkout = page.locator('banq-checkout');
    await checkout.locator('.banq-w-button').waitFor();
    const settings = await checkout.evaluate((el: HTMLElementTagNameMap['banq-checkout']) => ({
      state: el.state,
      orderId: el.orderId,
      funds: el.funds,
      backendUrl: el.backendUrl,
    }));
    const orderId = (await checkout.getAttribute('order-id'))!;
    assert.deepEqual(settings, {
      state: 'ready',
      orderId,
      funds: 4.5,
      backendUrl: '/banq/generate-payment-link',
    });

    const hosted = await openPopup(page, 'banq-checkout');
    await hosted.locator('[data-banq-action="pay"]').click();
    const receipt = page.locator('#receipt');
    await receipt.waitFor();
    assert.equal(await receipt.textContent(), `Paid, thank you: order ${orderId} (widget)`);
    assert.deepEqual(problems, [], 'no hydration warning or page error');
    await page.close();
  });
});
