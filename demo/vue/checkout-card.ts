/**
 * The Vue page's checkout card, in parts: the product, the quantity, the order's summary, the
 * pay area with `<banq-checkout>` in a template (Vue sets `:funds` as the element's number
 * property, kebab-case string bindings as attributes the element reads, and listens with
 * `@banq-success` and friends), and the receipt once paid. Templates are compiled in the
 * browser (vite.config.ts points `vue` at Vue's full build).
 */
import { defineComponent, type PropType } from 'vue';
import { MAX_QUANTITY, SHOP_NAME } from '../catalog.js';
import { PAY_PATHS, PRODUCT, type Receipt } from '../framework-demo.js';
import { ICON } from '../icons.js';
import {
  confirmedBy,
  money,
  WINDOW_CLOSED,
  type BanqEvent,
  type CheckoutConfig,
  type ShopperMessage,
} from '../page-helpers.js';
import type { ShopOrder } from '../shop-api.js';

export const ProductHeader = defineComponent({
  name: 'ProductHeader',
  setup: () => ({ product: PRODUCT, money }),
  template: /* html */ `
<div class="fw-product">
  <div class="fw-product__art" :style="{ '--tint': product.tint }" v-html="product.art"></div>
  <div class="fw-product__body">
    <h2 class="fw-product__name" id="checkout-title" tabindex="-1">{{ product.name }}</h2>
    <p class="product__meta">{{ product.meta }}</p>
    <p class="product__notes">{{ product.notes }}</p>
    <p class="fw-product__price">{{ money(product.priceCents) }}</p>
  </div>
</div>`,
});

export const PaidReceipt = defineComponent({
  name: 'PaidReceipt',
  props: { receipt: { type: Object as PropType<Receipt>, required: true } },
  emits: ['new-order'],
  setup: () => ({ product: PRODUCT, shop: SHOP_NAME, paid: ICON.paid, money, confirmedBy }),
  template: /* html */ `
<div class="receipt fw-receipt" aria-live="polite">
  <div class="receipt__badge" aria-hidden="true" v-html="paid"></div>
  <h2>Payment received</h2>
  <p class="receipt__lede">
    Thank you! {{ money(receipt.cents) }} reached {{ shop }}: {{ receipt.quantity }} × {{ product.name }}.
  </p>
  <dl class="receipt__facts">
    <div><dt>Order</dt><dd><code>{{ receipt.orderId }}</code></dd></div>
    <div><dt>Confirmed by</dt><dd>{{ confirmedBy(receipt.source) }}</dd></div>
    <div v-if="receipt.paymentId"><dt>banq payment id</dt><dd><code>{{ receipt.paymentId }}</code></dd></div>
  </dl>
  <button class="btn btn--primary btn--block" type="button" @click="$emit('new-order')">Start a new order</button>
</div>`,
});

export const QuantityPicker = defineComponent({
  name: 'QuantityPicker',
  props: {
    quantity: { type: Number, required: true },
    locked: { type: Boolean, required: true },
  },
  emits: ['change'],
  setup: () => ({ product: PRODUCT, max: MAX_QUANTITY }),
  template: /* html */ `
<div class="fw-qty">
  <span class="fw-qty__label" id="qty-label">Quantity</span>
  <div class="qty" role="group" aria-labelledby="qty-label">
    <button class="qty__btn" type="button" :aria-label="'Remove one ' + product.name"
      :disabled="quantity <= 1 || locked" @click="$emit('change', quantity - 1)">−</button>
    <output class="qty__value" aria-live="polite">{{ quantity }}</output>
    <button class="qty__btn" type="button" :aria-label="'Add one more ' + product.name"
      :disabled="quantity >= max || locked" @click="$emit('change', quantity + 1)">+</button>
  </div>
</div>`,
});

export const OrderSummary = defineComponent({
  name: 'OrderSummary',
  props: {
    cents: { type: Number, required: true },
    order: { type: Object as PropType<ShopOrder>, default: undefined },
  },
  setup: () => ({ money }),
  template: /* html */ `
<dl class="summary">
  <div class="summary__row summary__row--total"><dt>Total</dt><dd>{{ money(cents) }}</dd></div>
  <div class="summary__row summary__row--meta"><dt>Order</dt><dd><code>{{ order ? order.orderId : 'preparing…' }}</code></dd></div>
  <div class="summary__row summary__row--meta"><dt>Shown in banq</dt><dd>{{ order ? order.comment : '…' }}</dd></div>
</dl>`,
});

const ShopperNotice = defineComponent({
  name: 'ShopperNotice',
  props: { message: { type: Object as PropType<ShopperMessage>, required: true } },
  setup: () => ({ alert: ICON.alert }),
  template: /* html */ `
<div class="notice" role="alert">
  <span class="icon" v-html="alert"></span>
  <div><strong>{{ message.title }}</strong><span>{{ message.text }}</span></div>
</div>`,
});

export const PayArea = defineComponent({
  name: 'PayArea',
  components: { ShopperNotice },
  props: {
    config: { type: Object as PropType<CheckoutConfig>, default: undefined },
    configFailed: { type: Boolean, required: true },
    order: { type: Object as PropType<ShopOrder>, default: undefined },
    orderFailed: { type: Boolean, required: true },
    message: { type: Object as PropType<ShopperMessage>, default: undefined },
    /** banq's window was closed, and no error says more. */
    closed: { type: Boolean, required: true },
    /** The element's function ref. */
    elementRef: { type: Function as PropType<(node: unknown) => void>, required: true },
  },
  /** `banq-event`: every event of the element's, as Vue's handler gets it. */
  emits: ['banq-event'],
  setup: (_props, { emit }) => ({
    paths: PAY_PATHS,
    windowClosed: WINDOW_CLOSED,
    heard: (event: BanqEvent) => emit('banq-event', event),
  }),
  template: /* html */ `
<div class="pay">
  <!-- No order from the server yet: nothing to pay, so nothing to click. -->
  <div class="pay__widget" :inert="!order">
    <banq-checkout
      v-if="config"
      :ref="elementRef"
      :order-id="order ? order.orderId : ''"
      :funds="order ? order.funds : undefined"
      :comment="order ? order.comment : ''"
      :script-src="config.scriptSrc"
      :backend-url="config.backendUrl"
      :events-url="config.eventsUrl"
      @banq-ready="heard"
      @banq-success="heard"
      @banq-close="heard"
      @banq-destroy="heard"
      @banq-error="heard"
    ></banq-checkout>
    <div v-else-if="!configFailed" class="pay__skeleton" aria-hidden="true"></div>
  </div>
  <p v-if="!order && !orderFailed" class="pay__preparing">Preparing your order: the shop's server prices it…</p>
  <ShopperNotice v-if="message" :message="message" />
  <p class="pay__status" role="status">{{ closed ? windowClosed : '' }}</p>
  <div class="paths" v-html="paths"></div>
</div>`,
});
