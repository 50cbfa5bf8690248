/**
 * The React page's hooks, each one concern of the page: its live log, `/checkout-config`, the
 * order (the quantity, the shop's order for it, and what the element's events change), the
 * outage switch, and the element's `state` attribute. What they do is demo/page-helpers.ts's
 * and demo/framework-demo.ts's; here it is only held in React state.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
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

/**
 * The page's live log. demo/live-log.ts owns its list: React renders the list once, empty,
 * and `attach` is its ref.
 */
export function useEventLog() {
  const log = useRef<EventLog | null>(null);
  const attach = useCallback((list: HTMLOListElement | null) => {
    const empty = list?.parentElement?.querySelector<HTMLElement>('.log__empty');
    if (list && empty && !log.current) log.current = createEventLog(list, empty);
  }, []);
  const note = useCallback((text: string, detail?: unknown) => {
    log.current?.note(text, detail);
  }, []);
  const event = useCallback((heard: BanqEvent) => {
    log.current?.event(heard);
  }, []);
  const clear = useCallback(() => log.current?.clear(), []);
  return { attach, note, event, clear };
}

/** `/checkout-config`, once: the config, or `failed`. */
export function useCheckoutConfig(note: Note) {
  const [config, setConfig] = useState<CheckoutConfig>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    // StrictMode runs this twice in development: only the live run's answer counts.
    let live = true;
    void loadCheckoutConfigNoted((text, detail) => live && note(text, detail)).then((loaded) => {
      if (!live) return;
      setConfig(loaded);
      setFailed(!loaded);
    });
    return () => {
      live = false;
    };
  }, [note]);
  return { config, failed };
}

/**
 * The shop server's order for `quantity`, asked again when it or `version` changes; the
 * cleanup drops the answer of a superseded cart, and an answer for another cart is none.
 */
export function useShopOrder(quantity: number, version: number, note: Note) {
  const cart = `${quantity}/${version}`;
  const [answer, setAnswer] = useState<{ cart: string; order?: ShopOrder }>();
  useEffect(
    () =>
      requestOrder(
        cartOf(quantity),
        note,
        (order) => setAnswer({ cart, order }),
        () => setAnswer({ cart }),
      ),
    [cart, quantity, note],
  );
  const current = answer?.cart === cart ? answer : undefined;
  return { order: current?.order, failed: current !== undefined && !current.order };
}

/**
 * The page's order: the quantity, the server's order for it, its receipt once paid, what went
 * wrong, and the events counted; `heard` takes each of the element's events.
 */
export function useOrder(log: ReturnType<typeof useEventLog>) {
  const [quantity, setQuantity] = useState(1);
  /** Bumped by every new order, so the same quantity asks the server again. */
  const [version, setVersion] = useState(0);
  const { order, failed } = useShopOrder(quantity, version, log.note);
  const [receipt, setReceipt] = useState<Receipt>();
  /** What the shopper reads of the last `banq-error`, until the order changes. */
  const [problem, setProblem] = useState<ShopperMessage>();
  const [closed, setClosed] = useState(false);
  const [counts, setCounts] = useState(noCounts);
  const cents = order ? centsOf(order.funds) : quantity * PRODUCT.priceCents;

  const startOrder = (nextQuantity: number, why: string) => {
    setQuantity(nextQuantity);
    setVersion((previous) => previous + 1);
    setProblem(undefined);
    setClosed(false);
    log.note(why, { quantity: nextQuantity });
  };
  const heard = (event: BanqEvent, outage: boolean) => {
    log.event(event);
    setCounts((previous) => counted(previous, event.type));
    if (isBanqEvent(event, 'banq-success')) setReceipt({ ...event.detail, quantity, cents });
    if (isBanqEvent(event, 'banq-close')) setClosed(true);
    if (isBanqEvent(event, 'banq-error')) setProblem(shopperMessage(event.detail, outage));
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
      setReceipt(undefined);
      startOrder(1, 'new order');
    },
    clearProblem: useCallback(() => setProblem(undefined), []),
    clearCounts: () => setCounts(noCounts()),
  };
}

/** The demo's outage switch: as the server has it, and `turn`, which `onBackOn` follows. */
export function useOutageSwitch(note: Note, onBackOn: () => void) {
  const [down, setDown] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    backendDown().then(
      (value) => live && setDown(value),
      () => {},
    );
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => showOutage(down), [down]);
  const turn = async (wanted: boolean) => {
    setBusy(true);
    const now = await turnOutage(wanted, setDown, note);
    if (!wanted && !now) onBackOn();
    setBusy(false);
  };
  return { down, busy, turn };
}

/**
 * The element's `state` attribute while it is mounted; `ref` is a React 19 callback ref with a
 * cleanup, and `element` what it was last given.
 */
export function useElementState() {
  const [state, setState] = useState<BanqCheckoutState>('idle');
  const element = useRef<BanqCheckout | null>(null);
  const ref = useCallback((node: BanqCheckout | null) => {
    element.current = node;
    if (!node) return;
    const stop = watchState(node, setState);
    return () => {
      stop();
      setState('idle');
    };
  }, []);
  return { state, ref, element };
}
