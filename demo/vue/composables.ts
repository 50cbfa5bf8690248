/**
 * The Vue page's composables, each one concern of the page: its live log, `/checkout-config`,
 * the order (the quantity, the shop's order for it, and what the element's events change),
 * the outage switch, and the element's `state` attribute. What they do is
 * demo/page-helpers.ts's and demo/framework-demo.ts's; here it is only held in Vue refs.
 */
import { computed, onMounted, ref, shallowRef, watch, watchEffect, type Ref } from 'vue';
import type { BanqCheckout, BanqCheckoutState } from '../../src/index.js';
import {
  cartOf,
  counted,
  createEventLog,
  noCounts,
  PRODUCT,
  type EventLog,
  type Receipt,
} from '../framework-demo.js';
import {
  backendDown,
  centsOf,
  isBanqEvent,
  loadCheckoutConfigNoted,
  requestOrder,
  shopperMessage,
  showOutage,
  turnOutage,
  watchState,
  type BanqEvent,
  type CheckoutConfig,
  type Note,
  type ShopperMessage,
} from '../page-helpers.js';
import type { ShopOrder } from '../shop-api.js';

/** The page's live log, once the console `attach`es its list (demo/live-log.ts fills it). */
export function useEventLog() {
  let log: EventLog | undefined;
  const note: Note = (text, detail) => log?.note(text, detail);
  return {
    attach: (list: HTMLOListElement, empty: HTMLElement) => {
      log ??= createEventLog(list, empty);
    },
    note,
    event: (event: BanqEvent) => log?.event(event),
    clear: () => log?.clear(),
  };
}

/** `/checkout-config`, once mounted: the config, or `failed`. */
export function useCheckoutConfig(note: Note) {
  const config = shallowRef<CheckoutConfig>();
  const failed = ref(false);
  onMounted(() => {
    void loadCheckoutConfigNoted(note).then((loaded) => {
      config.value = loaded;
      failed.value = !loaded;
    });
  });
  return { config, failed };
}

/**
 * The shop server's order for `quantity`, asked again when it or `version` changes; the
 * cleanup drops the answer of a superseded cart.
 */
export function useShopOrder(quantity: Ref<number>, version: Ref<number>, note: Note) {
  const order = shallowRef<ShopOrder>();
  const failed = ref(false);
  watch(
    [quantity, version],
    ([count], _previous, onCleanup) => {
      order.value = undefined;
      failed.value = false;
      onCleanup(
        requestOrder(
          cartOf(count),
          note,
          (made) => (order.value = made),
          () => (failed.value = true),
        ),
      );
    },
    { immediate: true },
  );
  return { order, failed };
}

/**
 * The page's order: the quantity, the server's order for it, its receipt once paid, what went
 * wrong, and the events counted; `heard` takes each of the element's events.
 */
export function useOrder(log: ReturnType<typeof useEventLog>) {
  const quantity = ref(1);
  /** Bumped by every new order, so the same quantity asks the server again. */
  const version = ref(0);
  const { order, failed } = useShopOrder(quantity, version, log.note);
  const receipt = shallowRef<Receipt>();
  /** What the shopper reads of the last `banq-error`, until the order changes. */
  const problem = shallowRef<ShopperMessage>();
  const closed = ref(false);
  const counts = ref(noCounts());
  const cents = computed(() =>
    order.value ? centsOf(order.value.funds) : quantity.value * PRODUCT.priceCents,
  );

  const startOrder = (nextQuantity: number, why: string) => {
    quantity.value = nextQuantity;
    version.value++;
    problem.value = undefined;
    closed.value = false;
    log.note(why, { quantity: nextQuantity });
  };
  const heard = (event: BanqEvent, outage: boolean) => {
    log.event(event);
    counts.value = counted(counts.value, event.type);
    if (isBanqEvent(event, 'banq-success'))
      receipt.value = { ...event.detail, quantity: quantity.value, cents: cents.value };
    if (isBanqEvent(event, 'banq-close')) closed.value = true;
    if (isBanqEvent(event, 'banq-error')) problem.value = shopperMessage(event.detail, outage);
  };
  return {
    quantity,
    order,
    failed,
    receipt,
    problem,
    closed,
    counts,
    cents,
    heard,
    changeQuantity: (next: number) => startOrder(next, 'quantity changed: new order'),
    startNew: () => {
      receipt.value = undefined;
      startOrder(1, 'new order');
    },
    clearProblem: () => (problem.value = undefined),
    clearCounts: () => (counts.value = noCounts()),
  };
}

/** The demo's outage switch: as the server has it, and `turn`, which `onBackOn` follows. */
export function useOutageSwitch(note: Note, onBackOn: () => void) {
  const down = ref(false);
  const busy = ref(false);
  onMounted(() => {
    backendDown().then(
      (value) => (down.value = value),
      () => {},
    );
  });
  watchEffect(() => showOutage(down.value));
  const turn = async (wanted: boolean) => {
    busy.value = true;
    const now = await turnOutage(wanted, (value) => (down.value = value), note);
    if (!wanted && !now) onBackOn();
    busy.value = false;
  };
  return { down, busy, turn };
}

/** The element's `state` attribute while it is mounted; `setElement` is its function ref. */
export function useElementState() {
  const element = shallowRef<BanqCheckout | null>(null);
  const state = ref<BanqCheckoutState>('idle');
  watch(element, (mounted, _previous, onCleanup) => {
    if (!mounted) return;
    const stop = watchState(mounted, (value) => (state.value = value));
    onCleanup(() => {
      stop();
      state.value = 'idle';
    });
  });
  const setElement = (node: unknown) => {
    element.value = (node as BanqCheckout | null) ?? null;
  };
  return { element, state, setElement };
}
