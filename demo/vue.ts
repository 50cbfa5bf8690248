/**
 * The Vue 3 demo: one product, one `<banq-checkout>` in a template compiled in the browser
 * (vite.config.ts points `vue` at Vue's full build). `isCustomElement` tells Vue the tag is
 * not a component; Vue sets `:funds` as the element's number property, kebab-case string
 * bindings as attributes the element reads, and listens with `@banq-success` and friends.
 * The order and its amount come from the shop's server, asked again on every change of the
 * quantity. Each event lands in the live log as the handler receives it.
 */
import { computed, createApp, onMounted, ref, shallowRef, watch, watchEffect, type Ref } from 'vue';
import '../src/index.js';
import type {
  BanqCheckout,
  BanqCheckoutEventMap,
  BanqCheckoutState,
  BanqErrorDetail,
} from '../src/index.js';
import {
  EVENTS,
  MAX_QUANTITY,
  PRODUCT,
  SHOP,
  ORDER_FAILED,
  backendDown,
  centsOf,
  createEventLog,
  loadCheckoutConfig,
  money,
  requestOrder,
  shopperMessage,
  watchState,
  type BanqEvent,
  type CheckoutConfig,
  type EventLog,
} from './framework-demo.js';
import type { ShopOrder } from './shop-api.js';

interface Receipt {
  orderId: string;
  source: 'widget' | 'events';
  paymentId?: string;
  quantity: number;
  cents: number;
}

const ICON_SCREEN = `<svg viewBox="0 0 20 20" focusable="false"><rect x="2.5" y="3.5" width="15" height="11" rx="2" fill="none" stroke="currentColor" stroke-width="1.5"/><path d="M7 17.5h6" stroke="currentColor" stroke-width="1.5" stroke-linecap="round"/></svg>`;
const ICON_PHONE = `<svg viewBox="0 0 20 20" focusable="false"><rect x="5.5" y="2" width="9" height="16" rx="2" fill="none" stroke="currentColor" stroke-width="1.5"/><path d="M9 15.2h2" stroke="currentColor" stroke-width="1.5" stroke-linecap="round"/></svg>`;

const template = /* html */ `
<div class="fw-grid">
  <section class="panel fw-card" aria-labelledby="checkout-title">
    <div class="fw-product">
      <div class="fw-product__art" :style="{ '--tint': product.tint }" v-html="product.art"></div>
      <div class="fw-product__body">
        <h2 class="fw-product__name" id="checkout-title" tabindex="-1">{{ product.name }}</h2>
        <p class="product__meta">{{ product.meta }}</p>
        <p class="product__notes">{{ product.notes }}</p>
        <p class="fw-product__price">{{ money(product.priceCents) }}</p>
      </div>
    </div>

    <div v-if="receipt" class="receipt fw-receipt" aria-live="polite">
      <div class="receipt__badge" aria-hidden="true">
        <svg viewBox="0 0 48 48" focusable="false">
          <circle cx="24" cy="24" r="22" fill="#1fc8b4" />
          <path d="m14.5 24.5 6.5 6.5 13-13" fill="none" stroke="#06213a" stroke-width="4"
            stroke-linecap="round" stroke-linejoin="round" />
        </svg>
      </div>
      <h2>Payment received</h2>
      <p class="receipt__lede">
        Thank you! {{ money(receipt.cents) }} reached {{ shop }}: {{ receipt.quantity }} × {{ product.name }}.
      </p>
      <dl class="receipt__facts">
        <div><dt>Order</dt><dd><code>{{ receipt.orderId }}</code></dd></div>
        <div>
          <dt>Confirmed by</dt>
          <dd>{{ receipt.source === 'events' ? "banq's webhook (events)" : "banq's window (widget)" }}</dd>
        </div>
        <div v-if="receipt.paymentId"><dt>banq payment id</dt><dd><code>{{ receipt.paymentId }}</code></dd></div>
      </dl>
      <button class="btn btn--primary btn--block" type="button" @click="newOrder">Start a new order</button>
    </div>

    <template v-else>
      <div class="fw-qty">
        <span class="fw-qty__label" id="qty-label">Quantity</span>
        <div class="qty" role="group" aria-labelledby="qty-label">
          <button class="qty__btn" type="button" :aria-label="'Remove one ' + product.name"
            :disabled="quantity <= 1 || pending" @click="changeQuantity(-1)">−</button>
          <output class="qty__value" aria-live="polite">{{ quantity }}</output>
          <button class="qty__btn" type="button" :aria-label="'Add one more ' + product.name"
            :disabled="quantity >= max || pending" @click="changeQuantity(1)">+</button>
        </div>
      </div>

      <dl class="summary">
        <div class="summary__row summary__row--total"><dt>Total</dt><dd>{{ money(cents) }}</dd></div>
        <div class="summary__row summary__row--meta"><dt>Order</dt><dd><code>{{ order ? order.orderId : 'preparing…' }}</code></dd></div>
        <div class="summary__row summary__row--meta"><dt>Shown in banq</dt><dd>{{ order ? order.comment : '…' }}</dd></div>
      </dl>

      <div class="pay">
        <!-- No order from the server yet: nothing to pay, so nothing to click. -->
        <div class="pay__widget" :inert="!order">
          <banq-checkout
            v-if="config"
            ref="checkout"
            :order-id="order ? order.orderId : ''"
            :funds="order ? order.funds : undefined"
            :comment="order ? order.comment : ''"
            :script-src="config.scriptSrc"
            :backend-url="config.backendUrl"
            :events-url="config.eventsUrl"
            @banq-ready="heard"
            @banq-success="onSuccess"
            @banq-close="onClose"
            @banq-destroy="heard"
            @banq-error="onError"
          ></banq-checkout>
          <div v-else-if="!configFailed" class="pay__skeleton" aria-hidden="true"></div>
        </div>
        <p v-if="!order && !orderFailed" class="pay__preparing">Preparing your order: the shop's server prices it…</p>
        <div v-if="message" class="notice" role="alert">
          <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <circle cx="12" cy="12" r="11" fill="#fde4d8" />
            <path d="M12 6.5v7M12 17.2v.3" fill="none" stroke="#c2410c" stroke-width="2.4" stroke-linecap="round" />
          </svg>
          <div><strong>{{ message.title }}</strong><span>{{ message.text }}</span></div>
        </div>
        <p class="pay__status" role="status">{{ closed && !problem ? "You closed banq's window. Nothing was charged." : '' }}</p>
        <div class="paths">
          <p class="paths__title">Two ways to pay</p>
          <ul class="paths__list">
            <li>
              <span class="paths__icon" aria-hidden="true" v-html="icons.screen"></span>
              <span><strong>Pay here</strong> in banq's window: <code>banq-success</code> from the widget.</span>
            </li>
            <li>
              <span class="paths__icon" aria-hidden="true" v-html="icons.phone"></span>
              <span><strong>Scan with the banq app</strong>: <code>banq-success</code> from the events
                stream, once banq's webhook reached the server.</span>
            </li>
          </ul>
        </div>
      </div>
    </template>
  </section>

  <section class="console fw-console" aria-labelledby="log-title">
    <div class="console__head">
      <div>
        <p class="eyebrow eyebrow--light">What Vue heard</p>
        <h2 id="log-title">Live log</h2>
      </div>
      <div class="state" title="The element's state attribute">
        <span class="state__label"><code>&lt;banq-checkout&gt;</code> state</span>
        <span class="state__badge" :data-state="state">{{ state }}</span>
      </div>
    </div>

    <div class="log fw-log">
      <div class="log__head">
        <ul class="fw-counts" aria-label="Events received">
          <li v-for="name in events" :key="name" class="fw-count" :data-event="name"
            :data-seen="counts[name] > 0">
            <code>{{ name }}</code><span class="fw-count__n">{{ counts[name] }}</span>
          </li>
        </ul>
      </div>
      <ol ref="logList" class="log__list" aria-label="The element's events, as Vue received them"
        aria-live="polite" aria-relevant="additions" tabindex="0"></ol>
      <p ref="logEmpty" class="log__empty">
        Waiting for <code>banq-ready</code>… then press <strong>Pay with banq</strong>.
      </p>
    </div>

    <div class="fw-controls">
      <label class="switch">
        <input type="checkbox" role="switch" :checked="outage" :disabled="busy"
          @change="switchBackend($event.target.checked)" />
        <span class="switch__track" aria-hidden="true"></span>
        <span class="switch__text">Backend outage</span>
      </label>
      <div class="methods__buttons">
        <button class="btn btn--dark btn--small" type="button" :disabled="!config || !!receipt"
          @click="destroy"><code>destroy()</code></button>
        <button class="btn btn--dark btn--small" type="button" :disabled="!config || !!receipt"
          @click="bootstrap"><code>bootstrap()</code></button>
        <button class="btn btn--ghost btn--small" type="button" @click="clearLog">Clear log</button>
      </div>
    </div>
  </section>
</div>`;

const noCounts = () =>
  Object.fromEntries(EVENTS.map((name) => [name, 0])) as Record<string, number>;

const app = createApp({
  template,
  setup() {
    const config = shallowRef<CheckoutConfig>();
    const configFailed = ref(false);
    const quantity = ref(1);
    /** Bumped by every new order, so the same quantity asks the server again. */
    const cartVersion = ref(0);
    /** The server's order for the quantity as it stands; none while it is being made. */
    const order = shallowRef<ShopOrder>();
    const orderFailed = ref(false);
    const receipt = shallowRef<Receipt>();
    const problem = shallowRef<BanqErrorDetail>();
    const closed = ref(false);
    const state = ref<BanqCheckoutState>('idle');
    const counts = ref(noCounts());
    const outage = ref(false);
    const busy = ref(false);
    // Template refs: the element, and the list demo/live-log.ts fills (Vue renders it empty).
    const checkout: Ref<BanqCheckout | null> = ref(null);
    const logList = ref<HTMLOListElement | null>(null);
    const logEmpty = ref<HTMLElement | null>(null);
    let log: EventLog | undefined;

    const cents = computed(() =>
      order.value ? centsOf(order.value.funds) : quantity.value * PRODUCT.priceCents,
    );
    const pending = computed(() => state.value === 'pending');
    const message = computed(() =>
      configFailed.value
        ? { title: 'Payments are unavailable', text: 'Please refresh the page in a moment.' }
        : orderFailed.value
          ? ORDER_FAILED
          : problem.value && shopperMessage(problem.value),
    );
    const note = (text: string, detail?: unknown) => log?.note(text, detail);

    onMounted(() => {
      if (logList.value && logEmpty.value) log = createEventLog(logList.value, logEmpty.value);
      loadCheckoutConfig().then(
        (loaded) => {
          config.value = loaded;
          note('checkout config', loaded);
        },
        (error: unknown) => {
          configFailed.value = true;
          note('checkout config failed', error);
        },
      );
      backendDown().then(
        (down) => (outage.value = down),
        () => {},
      );
    });

    // The element's `state` attribute, while it is mounted.
    watch(checkout, (element, _previous, onCleanup) => {
      if (!element) return;
      const stop = watchState(element, (value) => (state.value = value));
      onCleanup(() => {
        stop();
        state.value = 'idle';
      });
    });
    watchEffect(() => (document.body.dataset.outage = String(outage.value)));

    // The cart's order, from the shop's server; the cleanup drops the answer of a superseded cart.
    watch(
      [quantity, cartVersion],
      ([count], _previous, onCleanup) => {
        order.value = undefined;
        orderFailed.value = false;
        onCleanup(
          requestOrder(
            [{ productId: PRODUCT.id, quantity: count }],
            (made) => {
              order.value = made;
              note('order made by the server', made);
            },
            (error) => {
              orderFailed.value = true;
              note('order failed', error);
            },
          ),
        );
      },
      { immediate: true },
    );

    /** Every event, as the Vue handler gets it. */
    const heard = (event: BanqEvent) => {
      log?.event(event);
      counts.value[event.type] = (counts.value[event.type] ?? 0) + 1;
    };

    const startOrder = (nextQuantity: number, why: string) => {
      quantity.value = nextQuantity;
      cartVersion.value++;
      problem.value = undefined;
      closed.value = false;
      note(why, { quantity: nextQuantity });
    };

    return {
      product: PRODUCT,
      shop: SHOP,
      max: MAX_QUANTITY,
      events: EVENTS,
      icons: { screen: ICON_SCREEN, phone: ICON_PHONE },
      money,
      config,
      configFailed,
      quantity,
      order,
      orderFailed,
      receipt,
      problem,
      closed,
      state,
      counts,
      outage,
      busy,
      checkout,
      logList,
      logEmpty,
      cents,
      pending,
      message,
      heard,
      onSuccess(event: BanqCheckoutEventMap['banq-success']) {
        heard(event);
        receipt.value = { ...event.detail, quantity: quantity.value, cents: cents.value };
      },
      onClose(event: BanqCheckoutEventMap['banq-close']) {
        heard(event);
        closed.value = true;
      },
      onError(event: BanqCheckoutEventMap['banq-error']) {
        heard(event);
        problem.value = event.detail;
      },
      changeQuantity(by: number) {
        startOrder(quantity.value + by, 'quantity changed: new order');
      },
      newOrder() {
        receipt.value = undefined;
        startOrder(1, 'new order');
      },
      destroy() {
        note('destroy()');
        checkout.value?.destroy();
      },
      bootstrap() {
        note('bootstrap()');
        void checkout.value?.bootstrap();
      },
      clearLog() {
        log?.clear();
        counts.value = noCounts();
      },
      async switchBackend(down: boolean) {
        busy.value = true;
        outage.value = down;
        try {
          outage.value = await backendDown(down);
          if (!down) problem.value = undefined;
        } catch (error) {
          outage.value = !down;
          note('outage switch failed', error);
        } finally {
          busy.value = false;
        }
      },
    };
  },
});

// `<banq-checkout>` is a custom element, not a Vue component.
app.config.compilerOptions.isCustomElement = (tag) => tag === 'banq-checkout';
app.mount('#app');
