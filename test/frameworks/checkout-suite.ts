/**
 * What every framework binding must get right, run against each of them (React 19's plain tag,
 * the React wrapper under React 18 and 19, Vue): a test file supplies `mount`, which renders
 * `<banq-checkout>` with the given props and routes each event to the given handler the way
 * that framework does (`onbanq-success`, `onBanqSuccess`, `@banq-success`…). The handlers are
 * the only listeners: an event the binding fails to deliver fails a test.
 */
import { aTimeout, expect, waitUntil } from '@open-wc/testing';
import { BANQ_EVENTS } from '../../src/events.js';
import type { BanqCheckout, BanqCheckoutEventMap } from '../../src/index.js';
import {
  freshKey,
  linkUrl,
  liveWidgets,
  openPopup,
  payButton,
  popupAction,
  requestsFor,
  widgetUrl,
} from '../element/helpers.js';
import { containerForEachTest } from './mounting.js';

export type BanqEventName = keyof BanqCheckoutEventMap;

/** One handler per event, as a framework's props or listeners would carry them. */
export type BanqHandlers = {
  [K in BanqEventName]: (event: BanqCheckoutEventMap[K]) => void;
};

/** The settings the tests pass; each binding must set them as properties. */
export interface CheckoutProps {
  orderId: string;
  funds: number;
  backendUrl: string;
  scriptSrc: string;
  comment: string;
  metadata: Record<string, unknown>;
}

export interface Mounted {
  /** The `<banq-checkout>` the framework rendered. */
  el: BanqCheckout;
  /** Renders again with new props (same handlers); resolves once the framework has applied them. */
  rerender(props: CheckoutProps): Promise<void>;
  /** Unmounts the framework's root (or app), synchronously. */
  unmount(): void;
}

/** Renders `<banq-checkout>` into `container` with `props`, listening with `handlers`. */
export type Mount = (
  container: HTMLElement,
  props: CheckoutProps,
  handlers: BanqHandlers,
) => Mounted | Promise<Mounted>;

/** The events the handlers received, in order. */
class HandlerLog {
  readonly calls: CustomEvent[] = [];
  readonly handlers = Object.fromEntries(
    BANQ_EVENTS.map((name) => [
      name,
      (event: CustomEvent) => {
        // The framework hands over the element's own event, not a copy of another type.
        if (event.type !== name) throw new Error(`the ${name} handler got a ${event.type} event`);
        this.calls.push(event);
      },
    ]),
  ) as BanqHandlers;

  of(name: BanqEventName): CustomEvent[] {
    return this.calls.filter((event) => event.type === name);
  }

  types(): string[] {
    return this.calls.map((event) => event.type);
  }

  /** Resolves with the first `name` event the handler received, once it has. */
  async next(name: BanqEventName, after = 0): Promise<CustomEvent> {
    await waitUntil(() => this.of(name).length > after, `the ${name} handler was not called`, {
      timeout: 5000,
    });
    return this.of(name)[after];
  }
}

/**
 * The attributes a binding renders for server HTML: the kebab-case ones always, each with its
 * setting's value. `funds` and `comment` may be missing: React 19 sets a name the element has
 * as its property, which is the same attribute's name.
 */
function expectAttributesOf(el: BanqCheckout, props: CheckoutProps) {
  const expected: Record<string, string> = {
    'order-id': props.orderId,
    'backend-url': props.backendUrl,
    'script-src': props.scriptSrc,
    funds: String(props.funds),
    comment: props.comment,
    state: el.state,
  };
  const actual = Object.fromEntries(el.getAttributeNames().map((n) => [n, el.getAttribute(n)]));
  for (const name of ['order-id', 'backend-url', 'script-src'])
    expect(actual).to.have.property(name);
  expect(actual).to.deep.equal(
    Object.fromEntries(Object.entries(expected).filter(([name]) => name in actual)),
  );
}

export interface SuiteOptions {
  /**
   * The binding also renders each string and number setting as its attribute (`order-id`,
   * `funds`…), as the React wrapper does for server rendering.
   */
  attributes?: boolean;
}

export function checkoutSuite(mount: Mount, { attributes = false }: SuiteOptions = {}): void {
  let mounted: Mounted | undefined;
  let log: HandlerLog;
  let key: string;
  let props: CheckoutProps;

  const render = async (overrides: Partial<CheckoutProps> = {}) => {
    props = { ...props, ...overrides };
    mounted = await mount(page.container, props, log.handlers);
    return mounted.el;
  };

  /** Rendered, with banq's button up: `banq-ready` reached the handler. */
  const renderReady = async (overrides: Partial<CheckoutProps> = {}) => {
    const el = await render(overrides);
    const ready = await log.next('banq-ready');
    expect(ready.target).to.equal(el);
    return el;
  };

  beforeEach(() => {
    key = freshKey();
    props = {
      orderId: `order-${key}`,
      funds: 24,
      backendUrl: linkUrl(key),
      scriptSrc: widgetUrl(key),
      comment: 'Flat white',
      metadata: { customerId: 'c-7', items: ['flat-white'] },
    };
    log = new HandlerLog();
  });
  const page = containerForEachTest(() => {
    mounted?.unmount();
    mounted = undefined;
  });

  it(`sets every prop as a property${attributes ? ', strings and numbers as attributes too,' : ', not an attribute,'} and hands banq-ready to its handler`, async () => {
    const el = await renderReady();
    expect(el).to.be.instanceOf(customElements.get('banq-checkout')!);
    expect(el.funds).to.equal(24);
    expect(el.metadata).to.equal(props.metadata);
    expect(el.orderId).to.equal(props.orderId);
    expect(el.backendUrl).to.equal(props.backendUrl);
    expect(el.scriptSrc).to.equal(props.scriptSrc);
    expect(el.comment).to.equal('Flat white');
    const names = el.getAttributeNames();
    // No attribute of a camelCase name, nor of an object ("[object Object]").
    for (const name of ['metadata', 'orderid', 'backendurl', 'scriptsrc'])
      expect(names, name).not.to.include(name);
    if (attributes) expectAttributesOf(el, props);
    else for (const name of ['funds', 'order-id']) expect(names, name).not.to.include(name);
    expect(log.of('banq-ready')).to.have.length(1);
    expect(log.of('banq-ready')[0].detail).to.deep.equal({});
    expect(el.state).to.equal('ready');
    expect(payButton(el).isConnected).to.be.true;
  });

  it('sends the props to the backend and hands banq-success to its handler when the shopper pays', async () => {
    const el = await renderReady();
    payButton(el).click();
    await openPopup();
    const [request] = await requestsFor(key);
    expect(request.body).to.deep.equal({
      orderId: props.orderId,
      comment: 'Flat white',
      funds: 24,
      metadata: { customerId: 'c-7', items: ['flat-white'] },
    });
    (await popupAction('pay')).click();
    const success = await log.next('banq-success');
    expect(success.target).to.equal(el);
    expect(success.detail).to.deep.equal({ orderId: props.orderId, source: 'widget' });
    await aTimeout(50);
    expect(log.types()).to.deep.equal(['banq-ready', 'banq-success']);
    expect(el.state).to.equal('paid');
  });

  it('hands banq-close to its handler when the shopper closes the popup', async () => {
    const el = await renderReady();
    payButton(el).click();
    (await popupAction('close')).click();
    const close = await log.next('banq-close');
    expect(close.target).to.equal(el);
    expect(close.detail).to.deep.equal({ orderId: props.orderId });
    expect(log.types()).to.deep.equal(['banq-ready', 'banq-close']);
    expect(el.state).to.equal('ready');
  });

  it('hands banq-error to its handler when the backend fails to make a link', async () => {
    const el = await renderReady({ backendUrl: linkUrl(key, '&status=500') });
    payButton(el).click();
    const error = await log.next('banq-error');
    expect(error.target).to.equal(el);
    expect(error.detail.phase).to.equal('payment-link');
    expect(error.detail.message).to.contain('scripted failure');
    expect(log.types()).to.deep.equal(['banq-ready', 'banq-error']);
    expect(document.querySelector('[data-banq-popup]')).to.equal(null);
    expect(el.state).to.equal('ready');
  });

  it('hands banq-destroy to its handler when destroy() is called', async () => {
    const el = await renderReady();
    el.destroy();
    const destroyed = await log.next('banq-destroy');
    expect(destroyed.target).to.equal(el);
    expect(destroyed.detail).to.deep.equal({ orderId: props.orderId });
    expect(el.state).to.equal('idle');
  });

  it('sets changed props on re-render as properties, and the next payment uses them', async () => {
    const el = await renderReady();
    const metadata = { customerId: 'c-8' };
    await mounted!.rerender({ ...props, orderId: `order-${key}-b`, funds: 30.5, metadata });
    expect(el.funds).to.equal(30.5);
    expect(el.orderId).to.equal(`order-${key}-b`);
    expect(el.metadata).to.equal(metadata);
    if (attributes) expectAttributesOf(el, { ...props, orderId: `order-${key}-b`, funds: 30.5 });
    else expect(el.getAttributeNames()).not.to.include('funds');
    payButton(el).click();
    (await popupAction('pay')).click();
    const success = await log.next('banq-success');
    expect(success.detail.orderId).to.equal(`order-${key}-b`);
    const [request] = await requestsFor(key);
    expect(request.body).to.deep.include({ orderId: `order-${key}-b`, funds: 30.5, metadata });
  });

  it('unmounting tears the widget down: no live instance, no mount node, no popup, no events after', async () => {
    // A slow backend, so that a request is still in flight when the framework unmounts.
    const el = await renderReady({ backendUrl: linkUrl(key, '&delay=300') });
    const mountNode = el.querySelector<HTMLElement>('[slot="widget"]');
    expect(mountNode, 'the mount node').to.exist;
    const before = liveWidgets();
    payButton(el).click();
    await waitUntil(async () => (await requestsFor(key)).length === 1, 'the request was not sent');
    const seen = log.calls.length;

    mounted!.unmount();
    mounted = undefined;

    expect(el.isConnected).to.be.false;
    expect(liveWidgets()).to.equal(before - 1);
    expect(mountNode!.isConnected).to.be.false;
    expect(document.getElementById(mountNode!.id)).to.equal(null);
    expect(el.querySelector('[slot="widget"]')).to.equal(null);
    expect(el.state).to.equal('idle');
    await waitUntil(
      async () => (await requestsFor(key))[0].aborted,
      'the request in flight was not aborted',
    );
    await aTimeout(400);
    expect(log.calls.length, `events after unmount: ${log.types().join(',')}`).to.equal(seen);
    expect(document.querySelector('[data-banq-popup]')).to.equal(null);
  });
}
