/** Every way a payment can fail: a banq-error naming what to fix, a rejected link, nothing sent. */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { BanqCheckout, BanqErrorDetail } from '../../src/index.js';
import {
  checkoutOn,
  eventsUrl,
  freshKey,
  linkUrl,
  openStreams,
  requestsFor,
  spyCheckout,
  spyWidgetUrl,
  type CheckoutOptions,
} from './helpers.js';

/** A ready element on the spy widget, and its getPaymentInfo as banq's script would call it. */
async function checkout(options: CheckoutOptions = {}) {
  const { key, el, options: widget } = await spyCheckout(options);
  const getPaymentInfo: () => Promise<string> = widget.getPaymentInfo;
  return { key, el, getPaymentInfo };
}

/** Calls getPaymentInfo, expecting it to reject; resolves with the banq-error it fired. */
async function failedLink(
  el: BanqCheckout,
  getPaymentInfo: () => Promise<string>,
): Promise<BanqErrorDetail> {
  const errors: BanqErrorDetail[] = [];
  el.addEventListener('banq-error', (e) => errors.push(e.detail));
  let rejection: unknown;
  await getPaymentInfo().then(
    (url) => expect.fail(`expected a rejection, got ${url}`),
    (error: unknown) => (rejection = error),
  );
  expect(errors).to.have.length(1);
  expect((rejection as Error).message).to.equal(errors[0].message);
  expect(el.state).to.equal('ready');
  return errors[0];
}

describe('configuration errors: nothing is sent', () => {
  const cases: [string, { orderId?: string; funds?: string }, RegExp][] = [
    ['an empty order-id', { orderId: '' }, /^order-id is empty: set it to the order's id$/],
    ['a blank order-id', { orderId: '   ' }, /^order-id is empty: set it to the order's id$/],
    ['funds of 0', { funds: '0' }, /^funds must be at least 0\.01, not "0"$/],
    ['negative funds', { funds: '-5' }, /^funds must be .*"-5"/],
    [
      'funds with three decimals',
      { funds: '1.234' },
      /^funds must be whole cents \(at most two decimals\), not "1\.234"$/,
    ],
    ['funds that are not a number', { funds: 'ten' }, /^funds must be .*, not "ten"$/],
    ['infinite funds', { funds: 'Infinity' }, /^funds must be/],
    // Within the old tolerance of a millionth of a cent, so sent before the shared rule.
    ['funds of 1e-9', { funds: '1e-9' }, /^funds must be at least 0\.01, not "1e-9"$/],
    [
      'funds a billionth above whole cents',
      { funds: '10.000000001' },
      /^funds must be whole cents \(at most two decimals\), not "10\.000000001"$/,
    ],
    [
      'the smallest number above 0',
      { funds: '5e-324' },
      /^funds must be at least 0\.01, not "5e-324"$/,
    ],
    [
      'funds above MAX_FUNDS',
      { funds: '1000000.01' },
      /^funds must be at most 1000000, not "1000000\.01"$/,
    ],
  ];
  for (const [name, options, message] of cases) {
    it(`rejects ${name}`, async () => {
      const { key, el, getPaymentInfo } = await checkout(options);
      const detail = await failedLink(el, getPaymentInfo);
      expect(detail.phase).to.equal('config');
      expect(detail.message).to.match(message);
      expect(await requestsFor(key)).to.deep.equal([]);
    });
  }

  it('rejects 0.1 + 0.2 set as a property, naming the property’s value, not the attribute’s', async () => {
    const { key, el, getPaymentInfo } = await checkout({ funds: '12.5' });
    el.funds = 0.1 + 0.2;
    const detail = await failedLink(el, getPaymentInfo);
    expect(detail).to.deep.equal({
      phase: 'config',
      message: 'funds must be whole cents (at most two decimals), not "0.30000000000000004"',
      cause: undefined,
    });
    expect(await requestsFor(key)).to.deep.equal([]);
  });

  it('accepts funds="1e2" as 100', async () => {
    const { key, getPaymentInfo } = await checkout({ funds: '1e2' });
    await getPaymentInfo();
    expect((await requestsFor(key))[0].body.funds).to.equal(100);
  });

  it('accepts funds whose binary form is inexact but that have two decimals (0.29)', async () => {
    const { key, getPaymentInfo } = await checkout({ funds: '0.29' });
    await getPaymentInfo();
    expect((await requestsFor(key))[0].body.funds).to.equal(0.29);
  });

  it('rejects a missing backend-url unless getPaymentLink is set', async () => {
    const { el, getPaymentInfo } = await checkout();
    el.backendUrl = undefined;
    const detail = await failedLink(el, getPaymentInfo);
    expect(detail).to.deep.include({
      phase: 'config',
      message: 'backend-url is not set: set it to your payment-link endpoint',
    });
    el.getPaymentLink = async () => 'https://pay.example.test/x';
    expect(await getPaymentInfo()).to.equal('https://pay.example.test/x');
  });

  it('reports an element inside another shadow root, where banq cannot find its container', async () => {
    const key = freshKey();
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const root = host.attachShadow({ mode: 'open' });
    const el = checkoutOn(spyWidgetUrl(key));
    const error = oneEvent(el, 'banq-error');
    root.append(el);
    const { detail } = await error;
    expect(detail.phase).to.equal('config');
    expect(detail.message).to.match(
      /^banq-checkout must be in the document, not a shadow root: banq's widget looks it up by id$/,
    );
    expect(el.state).to.equal('error');
    expect(el.querySelector('[slot="widget"]'), 'no mount node').to.equal(null);
  });

  it('reports an empty script-src and a timeout that is not a positive number', async () => {
    for (const [attributes, message] of [
      [{ 'script-src': '' }, /^script-src is empty/],
      [{ timeout: 'soon' }, /^timeout must be milliseconds above 0, not "NaN"$/],
    ] as const) {
      const el = document.createElement('banq-checkout');
      for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
      const error = oneEvent(el, 'banq-error');
      document.body.append(el);
      try {
        const { detail } = await error;
        expect(detail.phase).to.equal('config');
        expect(detail.message).to.match(message);
      } finally {
        el.remove();
      }
    }
  });
});

describe('payment-link errors', () => {
  const cases: [string, string, RegExp][] = [
    ['a 500 answer', '&status=500', /^backend-url answered 500: scripted failure$/],
    ['a 404 answer without JSON', '&status=404&raw=Not%20found', /^backend-url answered 404$/],
    ['invalid JSON', '&raw=%7Bnope', /^backend-url answered with invalid JSON$/],
    [
      'JSON without a URL',
      '&raw=%7B%22data%22%3A%7B%7D%7D',
      /^backend-url answered without \{"data": \{"url"\}\}$/,
    ],
    [
      'a URL that is not a string',
      '&raw=%7B%22url%22%3A5%7D',
      /^backend-url gave 5: a payment link must be an https: URL/,
    ],
  ];
  for (const [name, query, message] of cases) {
    it(`rejects ${name}`, async () => {
      const key = freshKey();
      const { el, getPaymentInfo } = await checkout({ link: linkUrl(key, query) });
      const detail = await failedLink(el, getPaymentInfo);
      expect(detail.phase).to.equal('payment-link');
      expect(detail.message).to.match(message);
    });
  }

  it('gives up after timeout ms', async () => {
    const key = freshKey();
    const { el, getPaymentInfo } = await checkout({ link: linkUrl(key, '&delay=3000') });
    el.timeout = 200;
    const detail = await failedLink(el, getPaymentInfo);
    expect(detail.phase).to.equal('payment-link');
    expect(detail.message).to.equal('backend-url did not answer within 200 ms');
    expect((detail.cause as Error).name).to.equal('TimeoutError');
  });

  it('reports a backend that cannot be reached', async () => {
    // Port 9 (discard) on loopback: nothing listens, so the connection is refused.
    const { el, getPaymentInfo } = await checkout({
      link: 'http://127.0.0.1:9/generate-payment-link',
    });
    const detail = await failedLink(el, getPaymentInfo);
    expect(detail.phase).to.equal('payment-link');
    expect(detail.message).to.match(
      /^backend-url \(http:\/\/127\.0\.0\.1:9\/generate-payment-link\) could not be reached: /,
    );
  });

  it('reports a getPaymentLink that rejects or resolves without a URL', async () => {
    const { el, getPaymentInfo } = await checkout();
    el.getPaymentLink = () => Promise.reject(new Error('cart expired'));
    expect(await failedLink(el, getPaymentInfo)).to.include({
      phase: 'payment-link',
      message: 'getPaymentLink failed: cart expired',
    });
    el.getPaymentLink = async () => '';
    expect((await failedLink(el, getPaymentInfo)).message).to.equal(
      'getPaymentLink gave "": a payment link must be an https: URL (http: only on localhost)',
    );
  });

  it('holds getPaymentLink to timeout, aborting the signal it was given', async () => {
    const { el, getPaymentInfo } = await checkout();
    el.timeout = 200;
    const signals: AbortSignal[] = [];
    // A hook that never settles and ignores its signal.
    el.getPaymentLink = (_request, { signal }) => {
      signals.push(signal);
      return new Promise<string>(() => {});
    };
    const detail = await failedLink(el, getPaymentInfo);
    expect(detail).to.include({
      phase: 'payment-link',
      message: 'getPaymentLink did not answer within 200 ms',
    });
    expect(signals).to.have.length(1);
    expect(signals[0].aborted).to.be.true;
    expect((signals[0].reason as Error).name).to.equal('TimeoutError');
  });
});

describe('payment links that are not web pages', () => {
  const refused = [
    'javascript:alert(document.domain)',
    'data:text/html,<script>alert(1)</script>',
    '/pay/relative',
    'pay.example.test/no-scheme',
    'not a url',
    'https:',
    'http://pay.example.test/plain-http',
    'http://localhost.pay.example.test/',
    'http://localhost:80@pay.example.test/behind-user-info',
    'http://127.0.0.1:1@pay.example.test/',
    'ftp://127.0.0.1/x',
    'blob:https://pay.example.test/1',
  ];
  const message = (source: string, link: unknown) =>
    `${source} gave ${JSON.stringify(link)}: a payment link must be an https: URL (http: only on localhost)`;

  /** A ready element on the spy widget with events-url set, so an opened stream would show. */
  async function linked(link: string) {
    const key = freshKey();
    const raw = encodeURIComponent(JSON.stringify({ data: { url: link } }));
    return checkout({ key, link: linkUrl(key, `&raw=${raw}`), events: eventsUrl(key) });
  }

  for (const link of refused) {
    it(`refuses ${JSON.stringify(link)} from backend-url: nothing for the widget, no stream`, async () => {
      const { key, el, getPaymentInfo } = await linked(link);
      // failedLink checks the rejection the widget gets, the one banq-error and state ready.
      const detail = await failedLink(el, getPaymentInfo);
      expect(detail).to.include({ phase: 'payment-link', message: message('backend-url', link) });
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(await openStreams(key)).to.deep.equal([]);
    });
  }

  it('refuses the same from getPaymentLink, and a URL that is not a string', async () => {
    const { key, el, getPaymentInfo } = await linked('https://pay.example.test/unused');
    for (const link of [...refused, { url: 'https://pay.example.test/x' }]) {
      el.getPaymentLink = async () => link as string;
      const detail = await failedLink(el, getPaymentInfo);
      expect(detail).to.include({
        phase: 'payment-link',
        message: message('getPaymentLink', link),
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await openStreams(key)).to.deep.equal([]);
  });

  it('accepts https: anywhere, and http: on localhost, 127.0.0.1 and [::1]', async () => {
    const { el, getPaymentInfo } = await linked('https://pay.example.test/unused');
    for (const link of [
      'https://pay.example.test/p/1',
      'HTTPS://PAY.EXAMPLE.TEST/p/2',
      'http://localhost:3000/pay/3',
      'http://127.0.0.1/pay/4',
      'http://[::1]:8080/pay/5',
    ]) {
      el.getPaymentLink = async () => link;
      expect(await getPaymentInfo()).to.equal(link);
    }
  });
});
