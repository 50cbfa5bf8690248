/**
 * The mock of banq (mock-banq/server.ts) over HTTP on loopback, mounted under
 * /mock-banq in a parent Hono app as the demo server mounts it.
 *
 *   node --import tsx --test test/server/*.test.ts
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import {
  HOSTED_PAGE_ORIGIN_PARAM,
  PAYMENT_STATUS,
  PAYMENT_SUCCESS_MESSAGE,
  type BanqWebhookEvent,
} from '../../server/src/banq-contract.js';
import {
  createMockBanq,
  MOCK_BANQ_DEFAULTS,
  type MockBanqOptions,
} from '../../mock-banq/server.js';

type Json = Record<string, any>;

interface Server {
  url: string;
  close: () => Promise<void>;
}

async function listen(app: Hono): Promise<Server> {
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A mock banq on its own port, and a client for it. */
async function startMock(options: Partial<MockBanqOptions> = {}) {
  const steps: { step: string; detail?: Record<string, unknown> }[] = [];
  const root = new Hono();
  root.route(
    '/mock-banq',
    createMockBanq({
      ...MOCK_BANQ_DEFAULTS,
      webhookBackoffMs: 20,
      webhookDelayMs: 0,
      log: (step, detail) => steps.push({ step, detail }),
      ...options,
    }),
  );
  const server = await listen(root);
  const base = `${server.url}/mock-banq`;

  async function call(
    method: string,
    path: string,
    { body, token, raw }: { body?: unknown; token?: string; raw?: string } = {},
  ) {
    const headers: Record<string, string> = {};
    if (body !== undefined || raw !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    const response = await fetch(base + path, {
      method,
      headers,
      body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const text = await response.text();
    let json: Json | undefined;
    try {
      json = JSON.parse(text) as Json;
    } catch {
      json = undefined;
    }
    return { status: response.status, json: json ?? {}, text, headers: response.headers };
  }

  const grant = (overrides: Record<string, unknown> = {}) =>
    call('POST', '/oauth/token', {
      body: {
        client_id: MOCK_BANQ_DEFAULTS.clientId,
        username: MOCK_BANQ_DEFAULTS.username,
        password: MOCK_BANQ_DEFAULTS.password,
        audience: MOCK_BANQ_DEFAULTS.audience,
        grant_type: 'password',
        ...overrides,
      },
    });

  async function token(): Promise<string> {
    const answer = await grant();
    assert.equal(answer.status, 200, answer.text);
    return answer.json.access_token as string;
  }

  async function merchant(tok: string) {
    const me = await call('GET', '/api/v1/users/me?include=accountSpaces,banqAccounts', {
      token: tok,
    });
    assert.equal(me.status, 200, me.text);
    return {
      accountSpaceId: me.json.data.accountSpaces[0].id as string,
      banqGuid: me.json.data.banqAccounts[0].guid as string,
    };
  }

  async function paymentLink(tok: string, banqGuid: string, extra: Record<string, unknown> = {}) {
    const answer = await call('POST', '/api/v1/payments/get-paid-link', {
      token: tok,
      body: {
        destination: { banqGuid },
        comment: 'Blue mug',
        funds: 12.5,
        externalOrderCode: 'ord-1',
        frequency: 'once',
        ...extra,
      },
    });
    assert.equal(answer.status, 200, answer.text);
    return answer.json.data as { id: string; url: string };
  }

  const state = async () => (await call('GET', '/_mock/state')).json;

  return { base, steps, call, grant, token, merchant, paymentLink, state, close: server.close };
}

type Mock = Awaited<ReturnType<typeof startMock>>;

/** The link as the widget frames it, naming `origin`s (raw, so malformed ones too). */
function framedBy(link: string, ...origins: string[]): string {
  const url = new URL(link);
  for (const origin of origins) url.searchParams.append(HOSTED_PAGE_ORIGIN_PARAM, origin);
  return url.href;
}

/** The hosted page at `url`: its framing headers, and the origin its script would tell. */
async function hostedPage(url: string) {
  const response = await fetch(url);
  const html = await response.text();
  const csp = response.headers.get('content-security-policy') ?? '';
  const directives = csp.split(';').map((d) => d.trim());
  const data = /<script type="application\/json" id="banq-page-data">(.*?)<\/script>/s.exec(html);
  return {
    status: response.status,
    html,
    frameAncestors: directives.filter((d) => /^frame-ancestors\b/i.test(d)),
    xFrameOptions: response.headers.get('x-frame-options'),
    /** The page data's parentOrigin (null: tells no one); undefined on a page with no script. */
    parentOrigin: data ? (JSON.parse(data[1]) as Json).parentOrigin : undefined,
  };
}

/** A webhook receiver on loopback: fails the first `failFirst` deliveries with 503. */
async function startReceiver(failFirst = 0) {
  const received: { body: BanqWebhookEvent; contentType: string | undefined; at: number }[] = [];
  let failuresLeft = failFirst;
  const app = new Hono();
  app.post('/hooks', async (c) => {
    received.push({
      body: await c.req.json<BanqWebhookEvent>(),
      contentType: c.req.header('content-type'),
      at: Date.now(),
    });
    if (failuresLeft > 0) {
      failuresLeft--;
      return c.text('not now', 503);
    }
    return c.text('ok');
  });
  const server = await listen(app);
  return { url: `${server.url}/hooks`, received, close: server.close };
}

/**
 * A payment link, made once the merchant registered `receiver` for payment webhooks with
 * `retryCount` retries; with the merchant's token and banq GUID.
 */
async function linkWithWebhook(mock: Mock, receiver: { url: string }, retryCount: number) {
  const tok = await mock.token();
  const { accountSpaceId, banqGuid } = await mock.merchant(tok);
  await mock.call('POST', `/api/v1/account-spaces/${accountSpaceId}/webhook-config`, {
    token: tok,
    body: { url: receiver.url, enabled: true, retryCount, webHookTypes: ['payment'] },
  });
  const link = await mock.paymentLink(tok, banqGuid);
  return { tok, banqGuid, link };
}

async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined) {
  const deadline = Date.now() + 3000;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('mock banq: token endpoint (Auth0 password grant)', () => {
  let mock: Mock;
  before(async () => (mock = await startMock()));
  after(() => mock.close());

  it('issues an opaque Bearer token for the right credentials', async () => {
    const answer = await mock.grant();
    assert.equal(answer.status, 200);
    assert.equal(answer.json.token_type, 'Bearer');
    assert.equal(answer.json.expires_in, 3600);
    assert.match(answer.json.access_token, /^[\w-]{32,}$/);
    assert.notEqual((await mock.grant()).json.access_token, answer.json.access_token);
  });

  it('accepts the grant form-encoded too, as Auth0 does', async () => {
    const response = await fetch(`${mock.base}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: MOCK_BANQ_DEFAULTS.clientId,
        username: MOCK_BANQ_DEFAULTS.username,
        password: MOCK_BANQ_DEFAULTS.password,
        audience: MOCK_BANQ_DEFAULTS.audience,
        grant_type: 'password',
      }),
    });
    assert.equal(response.status, 200);
  });

  it('refuses wrong credentials, client, audience and grant type with 401, like Auth0', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ password: 'nope' }, 'invalid_grant'],
      [{ username: 'someone@example.com' }, 'invalid_grant'],
      [{ client_id: 'other-client' }, 'access_denied'],
      [{ audience: 'https://banq.com/api' }, 'access_denied'],
      [{ grant_type: 'client_credentials' }, 'unsupported_grant_type'],
    ];
    for (const [overrides, error] of cases) {
      const answer = await mock.grant(overrides);
      assert.equal(answer.status, 401, JSON.stringify(overrides));
      assert.equal(answer.json.error, error, JSON.stringify(overrides));
      assert.equal(typeof answer.json.error_description, 'string');
      assert.equal(answer.json.access_token, undefined);
    }
  });

  it('answers 400 to malformed JSON and to a missing field', async () => {
    const malformed = await mock.call('POST', '/oauth/token', { raw: '{"client_id":' });
    assert.equal(malformed.status, 400);
    assert.equal(malformed.json.error, 'invalid_request');
    const missing = await mock.grant({ password: undefined });
    assert.equal(missing.status, 400);
    assert.match(missing.json.error_description, /password/);
  });

  it('counts issued tokens in /_mock/state', async () => {
    const before = (await mock.state()).tokensIssued as number;
    await mock.token();
    await mock.grant({ password: 'nope' });
    assert.equal((await mock.state()).tokensIssued, before + 1);
  });
});

describe('mock banq: tokens expire', () => {
  it('a token works until tokenTtlSeconds have passed, then gets 401', async () => {
    const mock = await startMock({ tokenTtlSeconds: 0.15 });
    try {
      const answer = await mock.grant();
      assert.equal(answer.json.expires_in, 0.15);
      const tok = answer.json.access_token as string;
      assert.equal((await mock.call('GET', '/api/v1/users/me', { token: tok })).status, 200);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const expired = await mock.call('GET', '/api/v1/users/me', { token: tok });
      assert.equal(expired.status, 401);
      assert.deepEqual(expired.json, {
        error: { code: 'unauthorized', message: 'The access token has expired.' },
      });
      assert.equal(expired.headers.get('www-authenticate'), 'Bearer error="invalid_token"');
      // A fresh token works again.
      assert.equal(
        (await mock.call('GET', '/api/v1/users/me', { token: await mock.token() })).status,
        200,
      );
    } finally {
      await mock.close();
    }
  });
});

describe('mock banq: Open API', () => {
  let mock: Mock;
  let tok: string;
  before(async () => {
    mock = await startMock();
    tok = await mock.token();
  });
  after(() => mock.close());

  it('answers 401 {error: {code: unauthorized}} without a live Bearer token', async () => {
    const paths: [string, string][] = [
      ['GET', '/api/v1/users/me'],
      ['POST', '/api/v1/payments/get-paid-link'],
      ['GET', '/api/v1/payments/anything'],
      ['POST', '/api/v1/account-spaces/anything/webhook-config'],
    ];
    for (const [method, path] of paths) {
      for (const token of [undefined, 'not-a-token']) {
        const answer = await mock.call(method, path, {
          token,
          body: method === 'POST' ? {} : undefined,
        });
        assert.equal(answer.status, 401, `${method} ${path} ${String(token)}`);
        assert.equal(answer.json.error.code, 'unauthorized');
        assert.equal(typeof answer.json.error.message, 'string');
      }
    }
  });

  it('users/me lists one merchant with one account space and one banq account, stable ids', async () => {
    const me = await mock.call('GET', '/api/v1/users/me?include=accountSpaces,banqAccounts', {
      token: tok,
    });
    assert.equal(me.status, 200);
    const { data } = me.json;
    assert.deepEqual(Object.keys(data).sort(), ['accountSpaces', 'banqAccounts', 'email', 'id']);
    assert.equal(data.email, MOCK_BANQ_DEFAULTS.username);
    assert.equal(data.accountSpaces.length, 1);
    assert.deepEqual(Object.keys(data.accountSpaces[0]).sort(), ['id', 'name']);
    assert.equal(data.banqAccounts.length, 1);
    assert.deepEqual(Object.keys(data.banqAccounts[0]).sort(), ['accountSpaceId', 'guid', 'name']);
    assert.equal(data.banqAccounts[0].accountSpaceId, data.accountSpaces[0].id);
    const again = await mock.call('GET', '/api/v1/users/me?include=accountSpaces,banqAccounts', {
      token: await mock.token(),
    });
    assert.deepEqual(again.json, me.json);
    // Without `include`, no relations.
    const bare = await mock.call('GET', '/api/v1/users/me', { token: tok });
    assert.deepEqual(bare.json, { data: { id: data.id, email: data.email } });
  });

  it('get-paid-link creates a pending payment, GET payments/:id returns it', async () => {
    const { banqGuid } = await mock.merchant(tok);
    const link = await mock.paymentLink(tok, banqGuid, {
      frequency: 'monthly',
      startDate: '2026-12-01',
      endDate: '2027-06-01',
    });
    assert.match(link.id, /^[0-9a-f-]{36}$/);
    assert.equal(link.url, `${mock.base}/pay/${link.id}`);
    const got = await mock.call('GET', `/api/v1/payments/${link.id}`, { token: tok });
    assert.equal(got.status, 200);
    const { createdAt, ...payment } = got.json.data;
    assert.deepEqual(payment, {
      id: link.id,
      status: PAYMENT_STATUS.pending,
      funds: 12.5,
      comment: 'Blue mug',
      externalOrderCode: 'ord-1',
      frequency: 'monthly',
      startDate: '2026-12-01',
      endDate: '2027-06-01',
      destination: { banqGuid },
    });
    assert.ok(!Number.isNaN(Date.parse(createdAt)));
    assert.equal(
      (await mock.call('GET', '/api/v1/payments/no-such-payment', { token: tok })).status,
      404,
    );
  });

  it('get-paid-link validates: 400 on bad JSON, 422 on a bad body or an unknown banqGuid', async () => {
    const { banqGuid } = await mock.merchant(tok);
    const good = {
      destination: { banqGuid },
      comment: 'Blue mug',
      funds: 12.5,
      externalOrderCode: 'ord-1',
      frequency: 'once',
    };
    const malformed = await mock.call('POST', '/api/v1/payments/get-paid-link', {
      token: tok,
      raw: '{',
    });
    assert.equal(malformed.status, 400);
    assert.equal(malformed.json.error.code, 'invalid_json');
    const bad: [Record<string, unknown>, string][] = [
      [{ funds: 0 }, 'funds'],
      [{ funds: -3 }, 'funds'],
      [{ funds: 1.234 }, 'funds'],
      [{ funds: '12.5' }, 'funds'],
      [{ externalOrderCode: ' ' }, 'externalOrderCode'],
      [{ frequency: 'sometimes' }, 'frequency'],
      [{ startDate: '2026-02-30' }, 'startDate'],
      [{ startDate: '2026-06-02', endDate: '2026-06-01' }, 'endDate'],
      [{ destination: {} }, 'destination.banqGuid'],
    ];
    for (const [change, path] of bad) {
      const answer = await mock.call('POST', '/api/v1/payments/get-paid-link', {
        token: tok,
        body: { ...good, ...change },
      });
      assert.equal(answer.status, 422, JSON.stringify(change));
      assert.equal(answer.json.error.code, 'validation_error');
      assert.ok(
        answer.json.error.details.some((d: { path: string }) => d.path === path),
        `${JSON.stringify(change)}: ${answer.text}`,
      );
    }
    const unknown = await mock.call('POST', '/api/v1/payments/get-paid-link', {
      token: tok,
      body: { ...good, destination: { banqGuid: '00000000-0000-0000-0000-000000000000' } },
    });
    assert.equal(unknown.status, 422);
    assert.equal(unknown.json.error.code, 'unknown_destination');
  });

  it('webhook-config stores the config for the account space; unknown space is 404, bad body 422', async () => {
    const { accountSpaceId } = await mock.merchant(tok);
    const config = {
      url: 'http://127.0.0.1:9/hooks',
      enabled: true,
      retryCount: 5,
      webHookTypes: ['payment', 'transaction'],
    };
    const saved = await mock.call(
      'POST',
      `/api/v1/account-spaces/${accountSpaceId}/webhook-config`,
      {
        token: tok,
        body: config,
      },
    );
    assert.equal(saved.status, 200);
    assert.deepEqual(saved.json, { data: { accountSpaceId, ...config } });
    assert.deepEqual((await mock.state()).webhookConfigs, [{ accountSpaceId, ...config }]);
    const unknown = await mock.call('POST', '/api/v1/account-spaces/nope/webhook-config', {
      token: tok,
      body: config,
    });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json.error.code, 'not_found');
    for (const change of [{ url: 'ftp://x' }, { retryCount: -1 }, { webHookTypes: ['orders'] }]) {
      const answer = await mock.call(
        'POST',
        `/api/v1/account-spaces/${accountSpaceId}/webhook-config`,
        { token: tok, body: { ...config, ...change } },
      );
      assert.equal(answer.status, 422, JSON.stringify(change));
    }
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const answer = await mock.call('GET', '/api/v1/nothing-here', { token: tok });
    assert.equal(answer.status, 404);
    assert.equal(answer.json.error.code, 'not_found');
  });
});

describe('mock banq: widget script and hosted payment page', () => {
  let mock: Mock;
  let tok: string;
  let banqGuid: string;
  before(async () => {
    mock = await startMock();
    tok = await mock.token();
    ({ banqGuid } = await mock.merchant(tok));
  });
  after(() => mock.close());

  it('serves ecommerce.js as JavaScript, never cached', async () => {
    const answer = await mock.call('GET', '/widget/ecommerce.js');
    assert.equal(answer.status, 200);
    assert.match(answer.headers.get('content-type') ?? '', /^text\/javascript/);
    assert.equal(answer.headers.get('cache-control'), 'no-cache');
    assert.match(answer.text, /window\.ecommerceBanqWidget = /);
  });

  it('the payment link is a self-contained page with the amount, the QR code and two ways to pay', async () => {
    const link = await mock.paymentLink(tok, banqGuid);
    const page = await fetch(link.url);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    const html = await page.text();
    assert.match(html, /\$12\.50/);
    assert.match(html, /Blue mug/);
    assert.match(html, /Northwind Coffee/);
    assert.match(html, /<button[^>]*data-banq-action="pay"/);
    assert.match(html, /<button[^>]*data-banq-action="scan"/);
    assert.match(html, /aria-label="QR code of the payment link"/);
    assert.ok(html.includes(PAYMENT_SUCCESS_MESSAGE));
    // No external assets: nothing loaded from another URL.
    assert.doesNotMatch(html, /\s(src|href)="(https?:)?\/\//);
    assert.equal((await fetch(`${mock.base}/pay/no-such-payment`)).status, 404);
  });

  it('ecommerce.js carries the contract’s constants and names its origin on the framed link', async () => {
    // ecommerce.js is plain JS served as is, so it copies the constants: they must not drift.
    const { text } = await mock.call('GET', '/widget/ecommerce.js');
    for (const [name, value] of [
      ['PAYMENT_SUCCESS_MESSAGE', PAYMENT_SUCCESS_MESSAGE],
      ['HOSTED_PAGE_ORIGIN_PARAM', HOSTED_PAGE_ORIGIN_PARAM],
    ]) {
      const copy = new RegExp(`const ${name} = '([^']*)';`).exec(text);
      assert.equal(copy?.[1], value, `ecommerce.js's ${name}`);
    }
    assert.match(text, /searchParams\.set\(HOSTED_PAGE_ORIGIN_PARAM, window\.origin\)/);
  });

  it('the page named an origin may be framed by that origin only, and tells only it', async () => {
    const link = await mock.paymentLink(tok, banqGuid);
    for (const origin of [
      'https://shop.example',
      'http://localhost:5173',
      'http://127.0.0.1:8080',
      'https://xn--caf-dma.example',
      'http://[::1]:3000',
    ]) {
      const page = await hostedPage(framedBy(link.url, origin));
      assert.equal(page.status, 200, origin);
      assert.deepEqual(page.frameAncestors, [`frame-ancestors ${origin}`], origin);
      assert.equal(page.xFrameOptions, null, origin);
      assert.equal(page.parentOrigin, origin, origin);
    }
    // The page's script posts to that origin, never to any ('*').
    const { html } = await hostedPage(framedBy(link.url, 'https://shop.example'));
    assert.match(html, /\.postMessage\(\s*\{[^}]*\},\s*data\.parentOrigin,?\s*\)/);
    assert.doesNotMatch(html, /postMessage\([^;]*['"]\*['"]/);
    // A link that is not found can be shown in the widget's frame too (it tells no one).
    const missing = await hostedPage(
      framedBy(`${mock.base}/pay/no-such-payment`, 'https://shop.example'),
    );
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.frameAncestors, ['frame-ancestors https://shop.example']);
  });

  it('without a valid origin the page cannot be framed, tells no one, and works opened top-level', async () => {
    const link = await mock.paymentLink(tok, banqGuid);
    const cases: [string, string[]][] = [
      ['none', []],
      ['empty', ['']],
      ['an opaque origin', ['null']],
      ['a wildcard', ['*']],
      ['a trailing slash', ['https://shop.example/']],
      ['a path', ['https://shop.example/checkout']],
      ['a query', ['https://shop.example?x=1']],
      ['upper case', ['HTTPS://SHOP.EXAMPLE']],
      ['a default port', ['https://shop.example:443']],
      ['user info', ['https://user@shop.example']],
      ['no scheme', ['shop.example']],
      ['another scheme', ['ftp://shop.example']],
      ['javascript:', ['javascript:alert(1)']],
      ['a file', ['file:///etc/passwd']],
      ['an unencoded host', ['https://café.example']],
      ['a CSP injection', ["https://shop.example; script-src 'unsafe-inline'"]],
      ['a second source', ['https://shop.example https://evil.example']],
      ['two origins', ['https://shop.example', 'https://shop.example']],
    ];
    for (const [what, origins] of cases) {
      const page = await hostedPage(framedBy(link.url, ...origins));
      assert.equal(page.status, 200, what);
      assert.deepEqual(page.frameAncestors, ["frame-ancestors 'none'"], what);
      assert.equal(page.xFrameOptions, 'DENY', what);
      assert.equal(page.parentOrigin, null, what);
      assert.match(page.html, /<button[^>]*data-banq-action="pay"/, what);
    }
    const logged = mock.steps.filter((s) => s.step === 'hosted page not frameable');
    assert.equal(logged.length, cases.length - 1); // all but "none", which names no origin
    assert.deepEqual((await hostedPage(`${mock.base}/pay/no-such-payment`)).frameAncestors, [
      "frame-ancestors 'none'",
    ]);
  });

  it('a paid link renders as paid, without the ways to pay', async () => {
    const link = await mock.paymentLink(tok, banqGuid);
    await mock.call('POST', `/pay/${link.id}/complete`, { body: { via: 'browser' } });
    const html = await (await fetch(link.url)).text();
    assert.match(html, /Payment complete/);
    assert.doesNotMatch(html, /<button[^>]*data-banq-action=/);
  });
});

describe('mock banq: allowedOrigins, the merchant’s registered sites', () => {
  it('lets only a registered origin frame the hosted page', async () => {
    const mock = await startMock({ allowedOrigins: ['https://shop.example'] });
    try {
      const tok = await mock.token();
      const link = await mock.paymentLink(tok, (await mock.merchant(tok)).banqGuid);
      const shop = await hostedPage(framedBy(link.url, 'https://shop.example'));
      assert.deepEqual(shop.frameAncestors, ['frame-ancestors https://shop.example']);
      assert.equal(shop.parentOrigin, 'https://shop.example');
      const other = await hostedPage(framedBy(link.url, 'https://evil.example'));
      assert.deepEqual(other.frameAncestors, ["frame-ancestors 'none'"]);
      assert.equal(other.parentOrigin, null);
      assert.deepEqual(
        mock.steps.filter((s) => s.step === 'hosted page not frameable').map((s) => s.detail),
        [
          {
            path: new URL(link.url).pathname,
            origin: 'https://evil.example',
            reason: 'not in allowedOrigins',
          },
        ],
      );
    } finally {
      await mock.close();
    }
  });

  it('refuses a configured origin that is not one', () => {
    for (const origin of ['https://shop.example/', 'shop.example', '*', "'self'"]) {
      assert.throws(
        () => createMockBanq({ ...MOCK_BANQ_DEFAULTS, allowedOrigins: [origin] }),
        /allowedOrigins/,
        origin,
      );
    }
  });
});

describe('mock banq: completing a payment and the webhook', () => {
  it('get-paid-link → pending → complete via app → completed, and the webhook is delivered', async () => {
    const mock = await startMock();
    const receiver = await startReceiver();
    try {
      const { tok, link } = await linkWithWebhook(mock, receiver, 3);
      const pending = await mock.call('GET', `/api/v1/payments/${link.id}`, { token: tok });
      assert.equal(pending.json.data.status, 'pending');

      const done = await mock.call('POST', `/pay/${link.id}/complete`, { body: { via: 'app' } });
      assert.equal(done.status, 200);
      assert.equal(done.json.data.status, 'completed');
      const completed = await mock.call('GET', `/api/v1/payments/${link.id}`, { token: tok });
      assert.equal(completed.json.data.status, PAYMENT_STATUS.completed);
      assert.ok(!Number.isNaN(Date.parse(completed.json.data.completedAt)));

      await until('the webhook', () => receiver.received.length === 1);
      const [{ body, contentType }] = receiver.received;
      assert.equal(contentType, 'application/json');
      const { id, createdAt, ...event } = body;
      assert.deepEqual(event, {
        action: 'completed',
        resourceType: 'Payment',
        resourceId: link.id,
      });
      assert.match(id, /^evt_\w+$/);
      assert.ok(!Number.isNaN(Date.parse(createdAt)));

      // A second completion changes nothing: 409 with the same payment, and no second webhook.
      const again = await mock.call('POST', `/pay/${link.id}/complete`, {
        body: { via: 'browser' },
      });
      assert.equal(again.status, 409);
      assert.equal(again.json.error.code, 'already_completed');
      assert.deepEqual(again.json.data, completed.json.data);
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(receiver.received.length, 1);

      const state = await mock.state();
      assert.deepEqual(
        state.deliveries.map(({ at, ...d }: Json) => (assert.ok(at), d)),
        [
          {
            eventId: id,
            paymentId: link.id,
            url: receiver.url,
            attempt: 1,
            status: 200,
            outcome: 'delivered',
          },
        ],
      );
      const payment = state.payments.find((p: Json) => p.id === link.id);
      assert.equal(payment.status, 'completed');
      assert.equal(payment.paidVia, 'app');
      assert.equal(payment.url, link.url);
      assert.deepEqual(
        mock.steps
          .map((s) => s.step)
          .filter((s) => s.startsWith('payment') || s.startsWith('webhook')),
        ['webhook config saved', 'payment link created', 'payment completed', 'webhook delivered'],
      );
    } finally {
      await receiver.close();
      await mock.close();
    }
  });

  it('checks the completion request: unknown payment 404, bad `via` 422', async () => {
    const mock = await startMock();
    try {
      const tok = await mock.token();
      const { banqGuid } = await mock.merchant(tok);
      const link = await mock.paymentLink(tok, banqGuid);
      assert.equal(
        (await mock.call('POST', '/pay/nope/complete', { body: { via: 'app' } })).status,
        404,
      );
      const bad = await mock.call('POST', `/pay/${link.id}/complete`, { body: { via: 'pigeon' } });
      assert.equal(bad.status, 422);
      assert.equal(
        (await mock.call('GET', `/api/v1/payments/${link.id}`, { token: tok })).json.data.status,
        'pending',
      );
    } finally {
      await mock.close();
    }
  });

  it('retries a failing receiver with doubling backoff, in the background', async () => {
    const mock = await startMock({ webhookBackoffMs: 20 });
    const receiver = await startReceiver(2);
    try {
      const { link } = await linkWithWebhook(mock, receiver, 5);
      const started = Date.now();
      const done = await mock.call('POST', `/pay/${link.id}/complete`, { body: { via: 'app' } });
      assert.equal(done.status, 200);
      // The answer did not wait for the deliveries (20 + 40 ms of backoff).
      assert.ok(receiver.received.length < 3);

      await until('three attempts', () => receiver.received.length === 3);
      const [first, second, third] = receiver.received;
      assert.ok(second.at - first.at >= 18, `first retry after ${second.at - first.at} ms`);
      assert.ok(third.at - second.at >= 38, `second retry after ${third.at - second.at} ms`);
      assert.ok(third.at - started >= 55);
      // The same event each time.
      assert.equal(new Set(receiver.received.map((r) => r.body.id)).size, 1);

      const state = await until('the delivery log', async () => {
        const s = await mock.state();
        return s.deliveries.length === 3 ? s : undefined;
      });
      assert.deepEqual(
        state.deliveries.map((d: Json) => [d.attempt, d.status, d.outcome]),
        [
          [1, 503, 'retrying'],
          [2, 503, 'retrying'],
          [3, 200, 'delivered'],
        ],
      );
      assert.deepEqual(
        mock.steps
          .filter((s) => s.step.startsWith('webhook '))
          .map((s) => [s.step, s.detail?.retryInMs]),
        [
          ['webhook config saved', undefined],
          ['webhook failed, retrying', 20],
          ['webhook failed, retrying', 40],
          ['webhook delivered', undefined],
        ],
      );
    } finally {
      await receiver.close();
      await mock.close();
    }
  });

  it('gives up after retryCount retries, and records network errors', async () => {
    const mock = await startMock({ webhookBackoffMs: 5 });
    const receiver = await startReceiver(Infinity);
    try {
      const { tok, banqGuid, link } = await linkWithWebhook(mock, receiver, 2);
      await mock.call('POST', `/pay/${link.id}/complete`, { body: { via: 'browser' } });
      await until('the last attempt', () =>
        mock.steps.some((s) => s.step === 'webhook failed, giving up'),
      );
      assert.equal(receiver.received.length, 3); // the first attempt and retryCount retries
      const state = await mock.state();
      assert.deepEqual(
        state.deliveries.map((d: Json) => d.outcome),
        ['retrying', 'retrying', 'gave-up'],
      );

      // A receiver that is not there at all: a network error, retried the same way.
      await receiver.close();
      const second = await mock.paymentLink(tok, banqGuid, { externalOrderCode: 'ord-2' });
      await mock.call('POST', `/pay/${second.id}/complete`, { body: { via: 'app' } });
      const failed = await until('the network failures', async () => {
        const s = await mock.state();
        const mine = s.deliveries.filter((d: Json) => d.paymentId === second.id);
        return mine.length === 3 ? mine : undefined;
      });
      for (const delivery of failed) {
        assert.equal(delivery.status, undefined);
        assert.equal(typeof delivery.error, 'string');
      }
      assert.equal(failed[2].outcome, 'gave-up');
    } finally {
      await receiver.close().catch(() => undefined);
      await mock.close();
    }
  });

  it('sends nothing without an enabled config that includes payment events', async () => {
    const mock = await startMock();
    const receiver = await startReceiver();
    try {
      const tok = await mock.token();
      const { accountSpaceId, banqGuid } = await mock.merchant(tok);
      const configure = (enabled: boolean, webHookTypes: string[]) =>
        mock.call('POST', `/api/v1/account-spaces/${accountSpaceId}/webhook-config`, {
          token: tok,
          body: { url: receiver.url, enabled, retryCount: 0, webHookTypes },
        });
      const pay = async () => {
        const link = await mock.paymentLink(tok, banqGuid);
        await mock.call('POST', `/pay/${link.id}/complete`, { body: { via: 'app' } });
      };
      await pay(); // no config at all
      await configure(false, ['payment']);
      await pay();
      await configure(true, ['transaction']);
      await pay();
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(receiver.received.length, 0);
      assert.deepEqual((await mock.state()).deliveries, []);
      assert.equal(mock.steps.filter((s) => s.step === 'webhook skipped').length, 3);
    } finally {
      await receiver.close();
      await mock.close();
    }
  });
});

describe('mock banq: /_mock/state (introspection, not banq’s API)', () => {
  it('reports the merchant, tokens, payments, configs and deliveries, without a token', async () => {
    const mock = await startMock();
    try {
      const empty = await mock.state();
      assert.deepEqual(
        { ...empty, merchant: undefined },
        {
          merchant: undefined,
          tokensIssued: 0,
          payments: [],
          webhookConfigs: [],
          deliveries: [],
        },
      );
      assert.equal(empty.merchant.email, MOCK_BANQ_DEFAULTS.username);
      const tok = await mock.token();
      const { banqGuid } = await mock.merchant(tok);
      const link = await mock.paymentLink(tok, banqGuid);
      const state = await mock.state();
      assert.equal(state.tokensIssued, 1);
      assert.deepEqual(
        state.payments.map((p: Json) => [p.id, p.status, p.url]),
        [[link.id, 'pending', link.url]],
      );
    } finally {
      await mock.close();
    }
  });
});
