/**
 * What the framework tests share to put a tree on the page. It imports nothing of the element,
 * so hydration.test.ts can use it before `<banq-checkout>` is defined.
 */
import { expect } from '@open-wc/testing';
import type { BanqCheckout } from '../../src/index.js';
import type { BanqHandlers, CheckoutProps, Mount } from './checkout-suite.js';

/**
 * A fresh `<div>` in the document for each test of the enclosing `describe`, removed after the
 * test once `unmount` has taken down what the test rendered in it.
 */
export function containerForEachTest(unmount: () => void): { readonly container: HTMLElement } {
  const page = {} as { container: HTMLElement };
  beforeEach(() => {
    page.container = document.createElement('div');
    document.body.append(page.container);
  });
  afterEach(() => {
    unmount();
    page.container.remove();
  });
  return page;
}

/** The parts of a React (18 or 19) that a mount uses: its DOM client's root, and flushSync. */
export interface ReactDom<Node> {
  createRoot(container: Element): { render(node: Node): void; unmount(): void };
  flushSync(render: () => void): void;
}

/** The test that a file runs the React it means to: `major`, for both react and react-dom. */
export function itIsReact(major: number, react: { version: string }, dom: { version: string }) {
  it('is the React under test', () => {
    const version = new RegExp(`^${major}\\.`);
    expect(react.version).to.match(version);
    expect(dom.version).to.match(version);
  });
}

/** Renders `element` with a root of `dom`, synchronously, and finds the element React made. */
export function reactMount<Node>(
  dom: ReactDom<Node>,
  element: (props: CheckoutProps, on: BanqHandlers) => Node,
): Mount {
  return (container, props, on) => {
    const root = dom.createRoot(container);
    const render = (next: CheckoutProps) => dom.flushSync(() => root.render(element(next, on)));
    render(props);
    const el = container.querySelector<BanqCheckout>('banq-checkout');
    if (!el) throw new Error('React rendered no <banq-checkout>');
    return { el, rerender: async (next) => render(next), unmount: () => root.unmount() };
  };
}

/** The props of banq-checkout/react's `BanqCheckout`: the settings, and each handler as `onBanq*`. */
export const wrapperProps = (props: CheckoutProps, on: BanqHandlers) => ({
  ...props,
  onBanqReady: on['banq-ready'],
  onBanqSuccess: on['banq-success'],
  onBanqClose: on['banq-close'],
  onBanqDestroy: on['banq-destroy'],
  onBanqError: on['banq-error'],
});
