/** GET /metrics: the backend's counters, gauge and histograms, in the Prometheus text format. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WEBHOOK_PATH } from '../../server/src/webhooks.js';
import { banqPathTemplate } from '../../server/src/metrics.js';
import { backendForEachTest, sleep, startBackend, type TestBackend } from './harness.js';

let orderCount = 0;
const nextOrderId = () => `metrics-${++orderCount}`;

const t = backendForEachTest({ heartbeatMs: 100 }, (fake) => {
  fake.state.scriptedApiStatuses.length = 0;
});

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition (comments skipped; every other line must parse). */
function parse(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      assert.ok(match, `not a sample line: ${line}`);
      const labels: Record<string, string> = {};
      for (const [, name, value] of (match.at(2) ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
        labels[name] = value.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
      return { name: match[1], labels, value: Number(match[3]) };
    });
}

/** The backend's metrics, and the value of the one series of `name` with these labels (undefined: none). */
async function scrape(server: TestBackend = t.server, path = '/metrics') {
  const response = await fetch(server.url + path);
  assert.equal(response.status, 200);
  const text = await response.text();
  const samples = parse(text);
  return {
    text,
    contentType: response.headers.get('content-type'),
    value(name: string, labels: Record<string, string> = {}): number | undefined {
      const found = samples.filter(
        (s) =>
          s.name === name &&
          Object.entries(labels).every(([key, value]) => s.labels[key] === value),
      );
      assert.ok(found.length <= 1, `${found.length} series of ${name} ${JSON.stringify(labels)}`);
      return found[0]?.value;
    },
  };
}

type Scrape = Awaited<ReturnType<typeof scrape>>;
const step = (m: Scrape, name: string) => m.value('banq_checkout_steps_total', { step: name });
const answers = (m: Scrape, route: string, status: number, code = '') =>
  m.value('banq_checkout_http_responses_total', { route, status: String(status), code });
const storeCalls = (m: Scrape, method: string) =>
  m.value('banq_checkout_store_duration_seconds_count', { method });
const banqCalls = (m: Scrape, method: string, path: string, status: string) =>
  m.value('banq_checkout_banq_request_duration_seconds_count', { method, path, status });
const openStreams = (m: Scrape) => m.value('banq_checkout_event_streams_open');

const completed = (paymentId: string) => ({
  id: `evt-${paymentId}`,
  action: 'completed',
  resourceType: 'Payment',
  resourceId: paymentId,
});

describe('GET /metrics', () => {
  it('answers the Prometheus text format, with the process’s default metrics', async () => {
    const m = await scrape();
    assert.equal(m.contentType, 'text/plain; version=0.0.4; charset=utf-8');
    assert.match(m.text, /^# TYPE banq_checkout_steps_total counter$/m);
    assert.match(m.text, /^# TYPE banq_checkout_store_duration_seconds histogram$/m);
    assert.ok((m.value('process_cpu_user_seconds_total') ?? 0) > 0, 'process CPU');
    assert.ok((m.value('nodejs_heap_size_used_bytes') ?? 0) > 0, 'heap used');
    assert.equal(openStreams(m), 0);
    const doc = await (await fetch(`${t.server.url}/openapi.json`)).json();
    assert.equal(doc.paths['/metrics'], undefined, 'the operator’s, not in the public document');
  });

  it('counts links made and refused by code, and times the store and banq’s get-paid-link', async () => {
    const orderId = nextOrderId();
    assert.equal((await t.server.link({ orderId, funds: 12 })).status, 200);
    const mismatch = await t.server.link({ orderId, funds: 13 });
    assert.equal(mismatch.status, 409);
    assert.equal(mismatch.body.error.code, 'amount_mismatch');
    assert.equal((await t.server.link({ orderId, funds: 12 })).status, 200, 'its link again');
    assert.equal(
      (await t.server.link({ orderId: 'nope', funds: 1 }, { known: false })).status,
      404,
    );
    const foreign = await t.server.post(
      '/generate-payment-link',
      { orderId, funds: 12 },
      { origin: 'https://evil.example' },
    );
    assert.equal(foreign.status, 403);

    const m = await scrape();
    const route = '/generate-payment-link';
    assert.equal(step(m, 'link made'), 1);
    assert.equal(answers(m, route, 200), 2);
    assert.equal(answers(m, route, 409, 'amount_mismatch'), 1);
    assert.equal(answers(m, route, 404, 'unknown_order'), 1);
    assert.equal(answers(m, route, 403, 'forbidden_origin'), 1);
    // One claim, one link kept; each link request that got past its checks looked the order up.
    assert.equal(storeCalls(m, 'claimLink'), 1);
    assert.equal(storeCalls(m, 'saveLink'), 1);
    assert.equal(storeCalls(m, 'getOrder'), 2);
    assert.equal(banqCalls(m, 'POST', '/payments/get-paid-link', '2xx'), 1);
    const seconds = m.value('banq_checkout_banq_request_duration_seconds_sum', {
      path: '/payments/get-paid-link',
    });
    assert.ok(seconds !== undefined && seconds > 0 && seconds < 5, `took ${String(seconds)} s`);
    assert.equal(
      m.value('banq_checkout_banq_request_duration_seconds_bucket', {
        path: '/payments/get-paid-link',
        le: '+Inf',
      }),
      1,
    );
  });

  it('counts banq’s refusals and failures, and the rate limit’s', async () => {
    t.fake.state.scriptedApiStatuses.push(422, 500);
    const rejected = await t.server.link({ orderId: nextOrderId(), funds: 5 });
    assert.equal(rejected.body.error?.code, 'banq_rejected');
    const failed = await t.server.link({ orderId: nextOrderId(), funds: 5 });
    assert.equal(failed.body.error?.code, 'banq_unavailable');
    const m = await scrape();
    assert.equal(answers(m, '/generate-payment-link', 400, 'banq_rejected'), 1);
    assert.equal(answers(m, '/generate-payment-link', 502, 'banq_unavailable'), 1);
    assert.equal(step(m, 'link failed'), 2);
    assert.equal(step(m, 'link made'), undefined);
    assert.equal(banqCalls(m, 'POST', '/payments/get-paid-link', '422'), 1);
    assert.equal(banqCalls(m, 'POST', '/payments/get-paid-link', '500'), 1);

    await t.server.close();
    t.server = await startBackend(t.fake, { linkRateLimit: 1 });
    assert.equal((await t.server.link({ orderId: nextOrderId(), funds: 5 })).status, 200);
    assert.equal((await t.server.link({ orderId: nextOrderId(), funds: 5 })).status, 429);
    const limited = await scrape();
    assert.equal(answers(limited, '/generate-payment-link', 429, 'rate_limited'), 1);
    assert.equal(answers(limited, '/generate-payment-link', 200), 1);
  });

  it('counts webhooks received, verified and refused, and the reconciler’s findings', async () => {
    const paid = await t.server.openOrder(nextOrderId());
    t.fake.complete(paid.paymentId);
    assert.deepEqual((await t.server.webhook(completed(paid.paymentId))).body, {
      paid: paid.orderId,
    });
    assert.equal((await t.server.webhook(completed('not an id!'))).status, 400);
    assert.equal((await t.server.webhook(completed('pay-unknown'))).status, 202);
    const found = await t.server.openOrder(nextOrderId());
    t.fake.complete(found.paymentId);
    assert.equal((await t.server.backend.reconcile()).paid, 1);

    const m = await scrape();
    assert.equal(step(m, 'webhook received'), 3);
    // The webhook's payment and the reconciler's: both verified with banq.
    assert.equal(step(m, 'payment verified'), 2);
    assert.equal(step(m, 'reconciler found a payment'), 1);
    assert.equal(
      m.value('banq_checkout_steps_total', { step: 'payment not verified', level: 'error' }),
      1,
    );
    assert.equal(answers(m, WEBHOOK_PATH, 200), 1);
    assert.equal(answers(m, WEBHOOK_PATH, 202), 1);
    assert.equal(answers(m, WEBHOOK_PATH, 400, 'invalid_event'), 1);
    assert.equal(banqCalls(m, 'GET', '/payments/{id}', '2xx'), 2);
    assert.equal(banqCalls(m, 'GET', '/payments/{id}', '404'), 1);
    assert.equal(storeCalls(m, 'markPaid'), 2);
  });

  it('gauges the open event streams: 1 while one is held, 0 once it is closed', async () => {
    const { orderId, token } = await t.server.openOrder(nextOrderId());
    assert.equal(openStreams(await scrape()), 0);
    const events = await t.server.events(orderId, token);
    assert.equal(events.status, 200);
    await events.next({ comments: true });
    assert.equal(openStreams(await scrape()), 1);
    events.close();
    let open = openStreams(await scrape());
    for (let i = 0; i < 100 && open !== 0; i++) {
      await sleep(20);
      open = openStreams(await scrape());
    }
    assert.equal(open, 0);
    assert.equal(answers(await scrape(), '/payment-events', 200), 1);
  });

  it('keeps a registry per backend: two in one process count apart', async (c) => {
    const other = await startBackend(t.fake, { keepStore: true, orders: t.server.orders });
    c.after(() => other.close());
    await t.server.openOrder(nextOrderId());
    assert.equal(step(await scrape(), 'link made'), 1);
    assert.equal(step(await scrape(other), 'link made'), undefined);
    await other.openOrder(nextOrderId());
    await other.openOrder(nextOrderId());
    assert.equal(step(await scrape(), 'link made'), 1);
    assert.equal(step(await scrape(other), 'link made'), 2);
    assert.ok(t.server.backend.metrics && other.backend.metrics);
    assert.notEqual(t.server.backend.metrics, other.backend.metrics);
  });

  it('is served under basePath, its routes named with it', async (c) => {
    const mounted = await startBackend(t.fake, { keepStore: true, basePath: '/banq' });
    c.after(() => mounted.close());
    mounted.orders.set('based', { funds: 3 });
    assert.equal(
      (await mounted.post('/banq/generate-payment-link', { orderId: 'based', funds: 3 })).status,
      200,
    );
    const m = await scrape(mounted, '/banq/metrics');
    assert.equal(answers(m, '/banq/generate-payment-link', 200), 1);
    assert.equal(answers(m, '/banq/metrics', 200), undefined, 'counted once answered');
    assert.equal(answers(await scrape(mounted, '/banq/metrics'), '/banq/metrics', 200), 1);
  });

  it('is not served with metrics: false, and the logger still hears every step', async (c) => {
    const plain = await startBackend(t.fake, { keepStore: true, metrics: false });
    c.after(() => plain.close());
    const answer = await fetch(`${plain.url}/metrics`);
    assert.equal(answer.status, 404);
    assert.equal((await answer.json()).error.code, 'not_found');
    assert.equal(plain.backend.metrics, undefined);
    await plain.openOrder(nextOrderId());
    assert.deepEqual(
      plain.steps.map((s) => s.step),
      ['link made'],
    );
  });
});

describe('banqPathTemplate', () => {
  it('puts {id} in an id’s place, keeps the collections and actions, drops the query', () => {
    assert.equal(banqPathTemplate('/payments/get-paid-link'), '/payments/get-paid-link');
    assert.equal(banqPathTemplate('/payments/pay-123'), '/payments/{id}');
    assert.equal(banqPathTemplate('/payments/abc'), '/payments/{id}');
    assert.equal(banqPathTemplate('/users/me?include=accountSpaces'), '/users/me');
    assert.equal(
      banqPathTemplate(`/account-spaces/${encodeURIComponent('a/b')}/webhook-config`),
      '/account-spaces/{id}/webhook-config',
    );
  });
});
