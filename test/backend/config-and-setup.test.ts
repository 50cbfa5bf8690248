/** Configuration (read once, from the environment), CORS, and the webhook registration script. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConfigError, DEFAULT_AUDIENCE, readConfig } from '../../demo/server/config.js';
import { registerWebhook, webhookUrl } from '../../demo/server/register-webhook.js';
import { startFakeBanq, type FakeBanq } from './fake-banq.js';
import { startBackend } from './harness.js';

const realBanq = {
  BANQ_CLIENT_ID: 'client',
  BANQ_USERNAME: 'merchant@example.com',
  BANQ_PASSWORD: 'secret',
  BANQ_MERCHANT_GUID: 'guid-1',
};

describe('readConfig', () => {
  it('uses the embedded mock banq when neither BANQ_AUTH_URL nor BANQ_ENV is set', () => {
    assert.deepEqual(readConfig({}), {
      port: 3000,
      mock: true,
      banq: undefined,
      webhookSecret: undefined,
      allowedOrigins: [],
      publicUrl: undefined,
    });
  });

  it('fills in the guide’s sandbox URLs for BANQ_ENV=sandbox', () => {
    const config = readConfig({ BANQ_ENV: 'sandbox', ...realBanq });
    assert.equal(config.mock, false);
    assert.deepEqual(config.banq, {
      authUrl: 'https://banq-staging.auth0.com/oauth/token',
      apiUrl: 'https://sandbox.banq.com/api/v1',
      clientId: 'client',
      username: 'merchant@example.com',
      password: 'secret',
      audience: DEFAULT_AUDIENCE,
      merchantGuid: 'guid-1',
      widgetUrl: 'https://sandbox.banq.com/widget/ecommerce.js',
    });
  });

  it('fills in production’s auth and API URLs, and asks for the widget URL the guide does not give', () => {
    assert.throws(
      () => readConfig({ BANQ_ENV: 'production', ...realBanq }),
      /BANQ_WIDGET_URL is required/,
    );
    const config = readConfig({
      BANQ_ENV: 'production',
      BANQ_WIDGET_URL: 'https://banq.example/w.js',
      ...realBanq,
    });
    assert.equal(config.banq?.authUrl, 'https://banq-prod.auth0.com/oauth/token');
    assert.equal(config.banq?.apiUrl, 'https://api.banq.com/api/v1');
  });

  it('lets explicit URLs override BANQ_ENV, and trims a trailing slash from the API base', () => {
    const config = readConfig({
      BANQ_ENV: 'sandbox',
      BANQ_AUTH_URL: 'https://auth.example/oauth/token',
      BANQ_API_URL: 'https://api.example/api/v1/',
      BANQ_AUDIENCE: 'https://audience.example/',
      ...realBanq,
    });
    assert.equal(config.banq?.authUrl, 'https://auth.example/oauth/token');
    assert.equal(config.banq?.apiUrl, 'https://api.example/api/v1');
    assert.equal(config.banq?.audience, 'https://audience.example/');
  });

  it('names every variable to fix at once', () => {
    assert.throws(
      () => readConfig({ BANQ_AUTH_URL: 'not a url', PORT: 'eighty', BANQ_ENV: 'staging' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        for (const expected of [
          'PORT must be a port number (0-65535), not "eighty"',
          'BANQ_ENV must be "sandbox" or "production", not "staging"',
          'BANQ_API_URL is required when using real banq',
          'BANQ_CLIENT_ID is required',
          'BANQ_USERNAME is required',
          'BANQ_PASSWORD is required',
          'BANQ_WIDGET_URL is required',
          'BANQ_AUTH_URL must be an absolute URL, not "not a url"',
        ])
          assert.ok(error.message.includes(expected), `missing: ${expected}\n${error.message}`);
        return true;
      },
    );
  });

  it('reads ALLOWED_ORIGINS, WEBHOOK_SECRET and PORT', () => {
    const config = readConfig({
      ALLOWED_ORIGINS: 'https://shop.example, http://localhost:5173',
      WEBHOOK_SECRET: 'abc',
      PORT: '0',
    });
    assert.deepEqual(config.allowedOrigins, ['https://shop.example', 'http://localhost:5173']);
    assert.equal(config.webhookSecret, 'abc');
    assert.equal(config.port, 0);
    assert.throws(
      () => readConfig({ ALLOWED_ORIGINS: 'https://shop.example/checkout' }),
      /takes origins like/,
    );
  });
});

describe('with a fake banq', () => {
  let fake: FakeBanq;
  before(async () => {
    fake = await startFakeBanq();
  });
  after(() => fake.close());

  it('answers pages on other origins only when ALLOWED_ORIGINS lists them', async () => {
    const preflight = (url: string, origin: string) =>
      fetch(`${url}/generate-payment-link`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,x-csrf-token',
        },
      });
    const closed = await startBackend(fake);
    const open = await startBackend(fake, { allowedOrigins: ['https://shop.example'] });
    try {
      assert.equal(
        (await preflight(closed.url, 'https://shop.example')).headers.get(
          'access-control-allow-origin',
        ),
        null,
      );
      const allowed = await preflight(open.url, 'https://shop.example');
      assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://shop.example');
      assert.match(allowed.headers.get('access-control-allow-headers') ?? '', /x-csrf-token/);
      const other = await preflight(open.url, 'https://evil.example');
      assert.notEqual(other.headers.get('access-control-allow-origin'), 'https://evil.example');
    } finally {
      await closed.close();
      await open.close();
    }
  });

  it('serves the page its widget URL and endpoints, and no credentials', async () => {
    const server = await startBackend(fake);
    try {
      const text = await (await fetch(`${server.url}/checkout-config`)).text();
      assert.deepEqual(JSON.parse(text), {
        scriptSrc: 'https://banq.test/widget/ecommerce.js',
        backendUrl: '/generate-payment-link',
        eventsUrl: '/payment-events',
      });
      assert.doesNotMatch(text, /secret|client-1|merchant@/);
    } finally {
      await server.close();
    }
  });

  it('register-webhook finds the account space and registers the guide’s path with the secret', async () => {
    const server = await startBackend(fake);
    try {
      const registration = await registerWebhook(server.backend.api, 'https://shop.example', 'abc');
      assert.deepEqual(registration, {
        accountSpaceId: 'space-1',
        merchantGuid: 'guid-1',
        webhookUrl: 'https://shop.example/your-web-hooks/payment-status?secret=abc',
      });
      assert.deepEqual(fake.state.webhookConfigs.at(-1), {
        accountSpaceId: 'space-1',
        body: {
          url: 'https://shop.example/your-web-hooks/payment-status?secret=abc',
          enabled: true,
          retryCount: 5,
          webHookTypes: ['payment', 'transaction'],
        },
      });
      assert.equal(
        webhookUrl('https://shop.example/'),
        'https://shop.example/your-web-hooks/payment-status',
      );
    } finally {
      await server.close();
    }
  });
});
