/**
 * The example's nginx site (examples/scale-out/nginx.conf) in front of two instances: event
 * streams pass through unbuffered to whichever instance round-robin chose, `/metrics` is not
 * passed on, the Host reaches the instances (a page of the site may call them, another site's
 * may not), and the client address the instances rate-limit by is nginx's `$remote_addr`,
 * whatever X-Forwarded-For the client sends. And examples/scale-out/shared.env names only
 * variables the server reads.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { call, eventsFor, listen, nextEvent, paidMessage, fleetForFile } from './fleet.js';

const LINK_RATE_LIMIT = 2;

let clients = 0;
const t = fleetForFile({ env: { LINK_RATE_LIMIT: String(LINK_RATE_LIMIT) }, nginx: true });

/**
 * Headers of a request made straight to an instance as a trusted proxy would: a client address
 * of its own, so set-up requests never meet the rate limit the last test is about.
 */
const asClient = () => ({ 'x-forwarded-for': `198.51.100.${++clients}` });

/** A POST from the loopback address `from` (127.0.0.2, …): a client nginx sees as that. */
function postFrom(
  from: string,
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const sent = request(
      url,
      {
        method: 'POST',
        localAddress: from,
        headers: { 'content-type': 'application/json', ...headers },
        timeout: 5000,
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode!, text }));
      },
    );
    sent.on('timeout', () => sent.destroy(new Error(`no answer from ${url}`)));
    sent.on('error', reject);
    sent.end(JSON.stringify(body));
  });
}

describe('the example’s nginx in front of two instances', () => {
  it(
    'passes each event at once to the streams on both instances',
    { timeout: 30_000 },
    async () => {
      const made = await t.fleet.linkOf(t.fleet.a.url, t.fleet.newOrder(), asClient());
      // One after the other, round-robin: one stream on each instance.
      const first = await listen(t.nginx.url, made.orderId, made.eventsToken);
      const second = await listen(t.nginx.url, made.orderId, made.eventsToken);
      assert.deepEqual(await eventsFor(first, 300), []);

      await t.fleet.pay(t.nginx.url, made);
      const expected = paidMessage(made);
      const one = await nextEvent(first, 2000, 'the first stream through nginx');
      const other = await nextEvent(second, 2000, 'the second stream through nginx');
      assert.deepEqual(one.data, expected);
      assert.deepEqual(other, one, 'the same event on both');
      for (const instance of [t.fleet.a, t.fleet.b])
        assert.ok(
          instance
            .logs()
            .some((line) => line.step === 'browser told' && line.orderId === made.orderId),
          `instance ${instance.name} held one of the streams (round-robin) and told it`,
        );
      first.close();
      second.close();
    },
  );

  it(
    'does not pass /metrics on, which each instance serves on its own port',
    { timeout: 30_000 },
    async () => {
      const direct = await call(t.fleet.a.url, '/metrics');
      assert.equal(direct.status, 200, `the instance's own /metrics: ${direct.text.slice(0, 200)}`);
      for (const path of ['/metrics', '/metrics?format=prometheus', '/metrics/', '//metrics']) {
        const response = await fetch(t.nginx.url + path, { signal: AbortSignal.timeout(5000) });
        const text = await response.text();
        assert.equal(response.status, 404, `${path} through nginx`);
        assert.match(
          text,
          /<center>nginx[^<]*<\/center>/,
          `${path}: nginx's own 404, not an instance's`,
        );
      }
    },
  );

  it(
    'lets a page of the site make its link through nginx, and not another site’s page',
    { timeout: 30_000 },
    async () => {
      const orderId = t.fleet.newOrder();
      const own = await postFrom(
        '127.0.0.4',
        `${t.nginx.url}/generate-payment-link`,
        { orderId },
        {
          origin: t.nginx.url,
        },
      );
      assert.equal(own.status, 200, `a page of the site (Host passed on): ${own.text}`);
      const foreign = await postFrom(
        '127.0.0.4',
        `${t.nginx.url}/generate-payment-link`,
        { orderId },
        {
          origin: 'https://elsewhere.example',
        },
      );
      assert.equal(foreign.status, 403, foreign.text);
      assert.match(foreign.text, /forbidden_origin/);
    },
  );

  it(
    'rate-limits by the address nginx sees, whatever X-Forwarded-For the client sends',
    { timeout: 30_000 },
    async () => {
      const orderId = t.fleet.newOrder();
      // 127.0.0.2 claims to be 127.0.0.3, and others, in the header nginx must replace.
      const statuses: number[] = [];
      for (let i = 0; i < 3 * LINK_RATE_LIMIT + 1; i++)
        statuses.push(
          (
            await postFrom(
              '127.0.0.2',
              `${t.nginx.url}/generate-payment-link`,
              { orderId },
              {
                'x-forwarded-for': i % 2 ? '127.0.0.3' : `203.0.113.${i}`,
              },
            )
          ).status,
        );
      assert.deepEqual(
        [...new Set(statuses)].sort(),
        [200, 429],
        `127.0.0.2 is limited whatever it claims (${LINK_RATE_LIMIT} a minute per instance): ${statuses.join(',')}`,
      );
      const other = await postFrom('127.0.0.3', `${t.nginx.url}/generate-payment-link`, {
        orderId,
      });
      assert.equal(other.status, 200, `127.0.0.3 has its own budget, untouched: ${other.text}`);
    },
  );
});

describe('examples/scale-out/shared.env', () => {
  it('names only variables the server reads', () => {
    const read = (path: string) =>
      readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8');
    const config = read('../../server/src/config.ts');
    const names = read('../../examples/scale-out/shared.env')
      .split('\n')
      .map((line) => /^\s*([A-Z][A-Z0-9_]*)=/.exec(line)?.[1])
      .filter((name): name is string => name !== undefined);
    assert.ok(names.includes('DATABASE_URL') && names.includes('TRUST_PROXY'), names.join(', '));
    for (const name of names)
      assert.match(config, new RegExp(`'${name}'`), `${name} is read by server/src/config.ts`);
  });
});
