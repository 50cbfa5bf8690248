/** Configuration (read once, from the environment), CORS, and the webhook registration script. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConfigError, DEFAULT_AUDIENCE, readConfig } from '../../server/src/config.js';
import { registerWebhook, webhookUrl } from '../../server/src/register-webhook.js';
import { startFakeBanq, type FakeBanq } from '../../testing/fake-banq.js';
import { startBackend } from './harness.js';
import { closeTestStore } from './store.js';

const realBanq = {
  BANQ_CLIENT_ID: 'client',
  BANQ_USERNAME: 'merchant@example.com',
  BANQ_PASSWORD: 'secret',
  BANQ_MERCHANT_GUID: 'guid-1',
  ORDERS_URL: 'https://shop.example/internal/orders',
};

/** readConfig(env) throws one ConfigError, whose message names every one of `problems`. */
function assertConfigProblems(env: Parameters<typeof readConfig>[0], problems: string[]) {
  assert.throws(
    () => readConfig(env),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      for (const expected of problems)
        assert.ok(error.message.includes(expected), `missing: ${expected}\n${error.message}`);
      return true;
    },
  );
}

describe('readConfig (the production entry)', () => {
  it('fills in the guide’s sandbox URLs for BANQ_ENV=sandbox, and the defaults', () => {
    assert.deepEqual(readConfig({ BANQ_ENV: 'sandbox', ...realBanq }), {
      port: 3000,
      host: undefined,
      banq: {
        authUrl: 'https://banq-staging.auth0.com/oauth/token',
        apiUrl: 'https://sandbox.banq.com/api/v1',
        clientId: 'client',
        username: 'merchant@example.com',
        password: 'secret',
        audience: DEFAULT_AUDIENCE,
        merchantGuid: 'guid-1',
        widgetUrl: 'https://sandbox.banq.com/widget/ecommerce.js',
      },
      ordersUrl: 'https://shop.example/internal/orders',
      databaseUrl: undefined,
      dataDir: '.data',
      webhookSecret: undefined,
      eventsSecret: undefined,
      allowedOrigins: [],
      publicUrl: undefined,
      reconcileIntervalMs: 60_000,
      limits: {
        linkRateLimit: 30,
        maxStreamsPerOrder: 5,
        maxStreams: 10_000,
        bodyTimeoutMs: 10_000,
      },
      trustProxy: false,
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
    assert.equal(config.banq.authUrl, 'https://banq-prod.auth0.com/oauth/token');
    assert.equal(config.banq.apiUrl, 'https://api.banq.com/api/v1');
  });

  it('lets explicit URLs override BANQ_ENV, and trims a trailing slash from the API base', () => {
    const config = readConfig({
      BANQ_ENV: 'sandbox',
      BANQ_AUTH_URL: 'https://auth.example/oauth/token',
      BANQ_API_URL: 'https://api.example/api/v1/',
      BANQ_AUDIENCE: 'https://audience.example/',
      ...realBanq,
    });
    assert.equal(config.banq.authUrl, 'https://auth.example/oauth/token');
    assert.equal(config.banq.apiUrl, 'https://api.example/api/v1');
    assert.equal(config.banq.audience, 'https://audience.example/');
  });

  it('takes only sandbox and production for BANQ_ENV, not a name every object has', () => {
    for (const name of ['toString', 'constructor', '__proto__'])
      assert.throws(
        () => readConfig({ BANQ_ENV: name }),
        (error: unknown) =>
          error instanceof ConfigError &&
          error.message.includes(`BANQ_ENV must be "sandbox" or "production", not "${name}"`),
        name,
      );
  });

  it('names every variable to fix at once', () => {
    assertConfigProblems(
      {
        BANQ_AUTH_URL: 'not a url',
        PORT: 'eighty',
        BANQ_ENV: 'staging',
        DATABASE_URL: 'mysql://x',
        RECONCILE_INTERVAL_MS: '-1',
        ALLOWED_ORIGINS: 'https://shop.example/checkout',
      },
      [
        'PORT must be a whole number from 0 to 65535, not "eighty"',
        'BANQ_ENV must be "sandbox" or "production", not "staging"',
        'BANQ_API_URL is required',
        'BANQ_CLIENT_ID is required',
        'BANQ_USERNAME is required',
        'BANQ_PASSWORD is required',
        'BANQ_MERCHANT_GUID is required',
        'BANQ_WIDGET_URL is required',
        'ORDERS_URL is required',
        'BANQ_AUTH_URL must be an absolute URL, not "not a url"',
        'DATABASE_URL must be a postgres:// URL',
        'RECONCILE_INTERVAL_MS must be a whole number from 0 to 86400000, not "-1"',
        'ALLOWED_ORIGINS takes origins like https://shop.example, not "https://shop.example/checkout"',
      ],
    );
  });

  it('reads the store, the secrets, ALLOWED_ORIGINS, PUBLIC_URL and the reconciler’s interval', () => {
    const config = readConfig({
      BANQ_ENV: 'sandbox',
      ...realBanq,
      DATABASE_URL: 'postgres://shop@db/banq',
      DATA_DIR: '/var/lib/banq',
      WEBHOOK_SECRET: 'abc',
      EVENTS_SECRET: 'def',
      ALLOWED_ORIGINS: 'https://shop.example, http://localhost:5173',
      PUBLIC_URL: 'https://shop.example/',
      RECONCILE_INTERVAL_MS: '5000',
      PORT: '0',
      HOST: '127.0.0.1',
      LINK_RATE_LIMIT: '0',
      MAX_STREAMS_PER_ORDER: '2',
      MAX_STREAMS: '500',
      BODY_TIMEOUT_MS: '2500',
      TRUST_PROXY: '1',
    });
    assert.equal(config.host, '127.0.0.1');
    assert.deepEqual(config.limits, {
      linkRateLimit: 0,
      maxStreamsPerOrder: 2,
      maxStreams: 500,
      bodyTimeoutMs: 2500,
    });
    assert.equal(config.trustProxy, true);
    assert.equal(config.databaseUrl, 'postgres://shop@db/banq');
    assert.equal(config.dataDir, '/var/lib/banq');
    assert.equal(config.webhookSecret, 'abc');
    assert.equal(config.eventsSecret, 'def');
    assert.deepEqual(config.allowedOrigins, ['https://shop.example', 'http://localhost:5173']);
    assert.equal(config.publicUrl, 'https://shop.example');
    assert.equal(config.reconcileIntervalMs, 5000);
    assert.equal(config.port, 0);
  });

  it('names every limit that is not a usable number, and a TRUST_PROXY that is not 0 or 1', () => {
    assertConfigProblems(
      {
        BANQ_ENV: 'sandbox',
        ...realBanq,
        LINK_RATE_LIMIT: 'lots',
        MAX_STREAMS_PER_ORDER: '0',
        MAX_STREAMS: '-1',
        BODY_TIMEOUT_MS: '1.5',
        TRUST_PROXY: 'yes',
      },
      [
        'LINK_RATE_LIMIT must be a whole number from 0 to 1000000, not "lots"',
        'MAX_STREAMS_PER_ORDER must be a whole number from 1 to 1000, not "0"',
        'MAX_STREAMS must be a whole number from 1 to 1000000, not "-1"',
        'BODY_TIMEOUT_MS must be a whole number from 100 to 300000, not "1.5"',
        'TRUST_PROXY must be 1 (behind your proxy) or 0, not "yes"',
      ],
    );
  });

  it('for register-webhook, needs PUBLIC_URL but neither ORDERS_URL nor BANQ_MERCHANT_GUID', () => {
    const credentials = { ...realBanq, ORDERS_URL: undefined, BANQ_MERCHANT_GUID: undefined };
    assert.throws(
      () => readConfig({ BANQ_ENV: 'sandbox', ...credentials }, 'register-webhook'),
      /PUBLIC_URL is required/,
    );
    const config = readConfig(
      { BANQ_ENV: 'sandbox', ...credentials, PUBLIC_URL: 'https://shop.example' },
      'register-webhook',
    );
    assert.equal(config.banq.merchantGuid, undefined);
    assert.equal(config.publicUrl, 'https://shop.example');
  });
});

describe('with a fake banq', () => {
  let fake: FakeBanq;
  before(async () => {
    fake = await startFakeBanq();
  });
  after(async () => {
    await fake.close();
    await closeTestStore();
  });

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
    const open = await startBackend(fake, {
      keepStore: true,
      allowedOrigins: ['https://shop.example'],
    });
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

  it('describes its endpoints in an OpenAPI document', async () => {
    const server = await startBackend(fake);
    try {
      const document = await (await fetch(`${server.url}/openapi.json`)).json();
      assert.equal(document.openapi, '3.0.0');
      assert.deepEqual(Object.keys(document.paths).sort(), [
        '/checkout-config',
        '/generate-payment-link',
        '/payment-events',
        '/your-web-hooks/payment-status',
      ]);
      const link = document.paths['/generate-payment-link'].post;
      assert.deepEqual(Object.keys(link.responses).sort(), [
        '200',
        '400',
        '403',
        '404',
        '409',
        '413',
        '415',
        '429',
        '502',
        '503',
      ]);
      assert.deepEqual(
        document.components.schemas.PaymentLinkRequest.required,
        ['orderId'],
        'the amount comes from the merchant: funds is optional',
      );
    } finally {
      await server.close();
    }
  });

  it('mounts every endpoint under basePath (a Next.js catch-all route, say)', async () => {
    const server = await startBackend(fake, { basePath: '/banq/' });
    try {
      const config = await (await fetch(`${server.url}/banq/checkout-config`)).json();
      assert.equal(config.backendUrl, '/banq/generate-payment-link');
      assert.equal(config.eventsUrl, '/banq/payment-events');
      server.orders.set('based', { funds: 3 });
      const link = await server.post('/banq/generate-payment-link', { orderId: 'based' });
      assert.equal(link.status, 200);
      const events = await fetch(
        `${server.url}/banq/payment-events?orderId=based&token=${link.body.data.eventsToken}`,
      );
      assert.equal(events.status, 200);
      await events.body?.cancel();
      assert.equal((await server.post('/generate-payment-link', { orderId: 'based' })).status, 404);
      assert.equal((await fetch(`${server.url}/banq/openapi.json`)).status, 200);
      assert.equal(
        webhookUrl('https://shop.example/banq/'),
        'https://shop.example/banq/your-web-hooks/payment-status',
      );
    } finally {
      await server.close();
    }
  });

  it('answers an unknown route in the one error shape', async () => {
    const server = await startBackend(fake);
    try {
      const answer = await fetch(`${server.url}/nothing-here`);
      assert.equal(answer.status, 404);
      assert.deepEqual(await answer.json(), {
        error: { code: 'not_found', message: 'no route GET /nothing-here' },
      });
    } finally {
      await server.close();
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
