/**
 * Vue 3 sets a custom element's props as properties when the element has them (`key in el`)
 * and listens to any event: `onBanq-success` in a render function, `@banq-success` in a
 * template (compiled in the browser: the test runner serves Vue's full build, as the demo's
 * Vite config does), with `isCustomElement` so Vue does not look for a component.
 */
import { expect } from '@open-wc/testing';
import { createApp, h, nextTick, shallowRef, version } from 'vue';
import type { BanqCheckout as BanqCheckoutElement } from '../../src/index.js';
import '../../src/index.js';
import {
  checkoutSuite,
  type BanqHandlers,
  type CheckoutProps,
  type Mount,
} from './checkout-suite.js';

/** Mounts `app`-to-be with reactive props, and finds the element Vue rendered. */
function vueMount(
  create: (props: { value: CheckoutProps }, on: BanqHandlers) => ReturnType<typeof createApp>,
): Mount {
  return (container, initial, on) => {
    const props = shallowRef(initial);
    const warnings: string[] = [];
    const app = create(props, on);
    app.config.warnHandler = (message) => warnings.push(message);
    app.mount(container);
    const el = container.querySelector<BanqCheckoutElement>('banq-checkout');
    if (!el) throw new Error('Vue rendered no <banq-checkout>');
    expect(warnings, 'Vue warnings').to.deep.equal([]);
    return {
      el,
      rerender: async (next) => {
        props.value = next;
        await nextTick();
      },
      unmount: () => app.unmount(),
    };
  };
}

describe('Vue 3', () => {
  it('is the Vue under test', () => {
    expect(version).to.match(/^3\./);
  });

  describe("a render function: h('banq-checkout', {…, 'onBanq-success': …})", () => {
    checkoutSuite(
      vueMount((props, on) =>
        createApp({
          render: () =>
            h('banq-checkout', {
              ...props.value,
              'onBanq-ready': on['banq-ready'],
              'onBanq-success': on['banq-success'],
              'onBanq-close': on['banq-close'],
              'onBanq-destroy': on['banq-destroy'],
              'onBanq-error': on['banq-error'],
            }),
        }),
      ),
    );
  });

  describe('a template with @banq-success and isCustomElement', () => {
    checkoutSuite(
      vueMount((props, on) => {
        const app = createApp({
          setup: () => ({ p: props, on }),
          template: `
            <banq-checkout
              :orderId="p.orderId"
              :funds="p.funds"
              :backendUrl="p.backendUrl"
              :scriptSrc="p.scriptSrc"
              :comment="p.comment"
              :metadata="p.metadata"
              @banq-ready="on['banq-ready']"
              @banq-success="on['banq-success']"
              @banq-close="on['banq-close']"
              @banq-destroy="on['banq-destroy']"
              @banq-error="on['banq-error']"
            ></banq-checkout>`,
        });
        app.config.compilerOptions.isCustomElement = (tag) => tag === 'banq-checkout';
        return app;
      }),
    );
  });
});
