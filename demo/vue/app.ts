/**
 * The Vue page's app: the one-product checkout's card beside the console. The order and its
 * amount come from the shop's server, asked again on every change of the quantity; each event
 * lands in the live log as the handler receives it.
 */
import { computed, defineComponent } from 'vue';
import { shownMessage } from '../framework-demo.js';
import type { BanqEvent } from '../page-helpers.js';
import {
  OrderSummary,
  PaidReceipt,
  PayArea,
  ProductHeader,
  QuantityPicker,
} from './checkout-card.js';
import {
  useCheckoutConfig,
  useElementState,
  useEventLog,
  useOrder,
  useOutageSwitch,
} from './composables.js';
import { EventConsole } from './event-console.js';

const template = /* html */ `
<div class="fw-grid">
  <section class="panel fw-card" aria-labelledby="checkout-title">
    <ProductHeader />
    <PaidReceipt v-if="receipt" :receipt="receipt" @new-order="startNew" />
    <template v-else>
      <QuantityPicker :quantity="quantity" :locked="state === 'pending'" @change="changeQuantity" />
      <OrderSummary :cents="cents" :order="order" />
      <PayArea :config="config" :config-failed="configFailed" :order="order"
        :order-failed="orderFailed" :message="message" :closed="closed && !problem"
        :element-ref="setElement" @banq-event="onEvent" />
    </template>
  </section>
  <EventConsole :state="state" :counts="counts" :attach="attachLog" :outage-down="outageDown"
    :outage-busy="outageBusy" :methods="!!config && !receipt" @turn-outage="turnOutage"
    @destroy="destroy" @bootstrap="bootstrap" @clear="clearLog" />
</div>`;

export const App = defineComponent({
  name: 'App',
  components: { EventConsole, OrderSummary, PaidReceipt, PayArea, ProductHeader, QuantityPicker },
  template,
  setup() {
    const log = useEventLog();
    const { config, failed: configFailed } = useCheckoutConfig(log.note);
    const { failed: orderFailed, heard, clearProblem, clearCounts, ...order } = useOrder(log);
    const outage = useOutageSwitch(log.note, clearProblem);
    const { element, state, setElement } = useElementState();
    return {
      ...order,
      orderFailed,
      config,
      configFailed,
      state,
      setElement,
      attachLog: log.attach,
      outageDown: outage.down,
      outageBusy: outage.busy,
      turnOutage: outage.turn,
      message: computed(() =>
        shownMessage(configFailed.value, orderFailed.value, order.problem.value),
      ),
      onEvent: (event: BanqEvent) => heard(event, outage.down.value),
      destroy() {
        log.note('destroy()');
        element.value?.destroy();
      },
      bootstrap() {
        log.note('bootstrap()');
        void element.value?.bootstrap();
      },
      clearLog() {
        log.clear();
        clearCounts();
      },
    };
  },
});
