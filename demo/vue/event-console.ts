/**
 * The Vue page's console: the element's `state`, the count of each event, the live log (Vue
 * renders the list empty, and demo/live-log.ts fills it once `attach`ed), the outage switch,
 * and the element's methods.
 */
import { defineComponent, onMounted, ref, type PropType } from 'vue';
import type { BanqCheckoutState } from '../../src/index.js';
import type { EventCounts } from '../framework-demo.js';
import { BANQ_EVENTS } from '../page-helpers.js';

export const EventConsole = defineComponent({
  name: 'EventConsole',
  props: {
    state: { type: String as PropType<BanqCheckoutState>, required: true },
    counts: { type: Object as PropType<EventCounts>, required: true },
    /** Given the log's list and its empty note once mounted: demo/live-log.ts takes them over. */
    attach: {
      type: Function as PropType<(list: HTMLOListElement, empty: HTMLElement) => void>,
      required: true,
    },
    outageDown: { type: Boolean, required: true },
    outageBusy: { type: Boolean, required: true },
    /** The element's methods can be called (it is there, and not paid). */
    methods: { type: Boolean, required: true },
  },
  emits: ['turn-outage', 'destroy', 'bootstrap', 'clear'],
  setup(props) {
    const logList = ref<HTMLOListElement | null>(null);
    const logEmpty = ref<HTMLElement | null>(null);
    onMounted(() => {
      if (logList.value && logEmpty.value) props.attach(logList.value, logEmpty.value);
    });
    return { events: BANQ_EVENTS, logList, logEmpty };
  },
  template: /* html */ `
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
      <input type="checkbox" role="switch" :checked="outageDown" :disabled="outageBusy"
        @change="$emit('turn-outage', $event.target.checked)" />
      <span class="switch__track" aria-hidden="true"></span>
      <span class="switch__text">Backend outage</span>
    </label>
    <div class="methods__buttons">
      <button class="btn btn--dark btn--small" type="button" :disabled="!methods"
        @click="$emit('destroy')"><code>destroy()</code></button>
      <button class="btn btn--dark btn--small" type="button" :disabled="!methods"
        @click="$emit('bootstrap')"><code>bootstrap()</code></button>
      <button class="btn btn--ghost btn--small" type="button" @click="$emit('clear')">Clear log</button>
    </div>
  </div>
</section>`,
});
