/**
 * The React 19 demo: one product, one `<banq-checkout>` written as a plain tag in JSX. React 19
 * sets the element's properties (`funds` a number) and listens to its events through
 * `onbanq-*` props; `import type {} from '../src/react.js'` (in an app: 'banq-checkout/react')
 * types the tag. The order and its amount come from the shop's server, asked again on every
 * change of the quantity. Each event lands in the live log as the handler receives it.
 */
import {
  StrictMode,
  useCallback,
  useEffect,
  useRef,
  useState,
  type CSSProperties,
  type ReactNode,
} from 'react';
import { createRoot } from 'react-dom/client';
import '../src/index.js';
import type {
  BanqCheckout,
  BanqCheckoutState,
  BanqErrorDetail,
  BanqSuccessDetail,
} from '../src/index.js';
import type {} from '../src/react.js';
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

interface Receipt extends BanqSuccessDetail {
  quantity: number;
  cents: number;
}

type Counts = Record<(typeof EVENTS)[number], number>;
const noCounts = () => Object.fromEntries(EVENTS.map((name) => [name, 0])) as Counts;

function App() {
  const [config, setConfig] = useState<CheckoutConfig>();
  const [configFailed, setConfigFailed] = useState(false);
  const [quantity, setQuantity] = useState(1);
  /** Bumped by every new order, so the same quantity asks the server again. */
  const [cartVersion, setCartVersion] = useState(0);
  /** The server's order for the quantity as it stands; none while it is being made. */
  const [order, setOrder] = useState<ShopOrder>();
  const [orderFailed, setOrderFailed] = useState(false);
  const [receipt, setReceipt] = useState<Receipt>();
  const [problem, setProblem] = useState<BanqErrorDetail>();
  const [closed, setClosed] = useState(false);
  const [state, setState] = useState<BanqCheckoutState>('idle');
  const [counts, setCounts] = useState(noCounts);
  const [outage, setOutage] = useState(false);
  const [busy, setBusy] = useState(false);
  const checkout = useRef<BanqCheckout | null>(null);
  const log = useRef<EventLog | null>(null);
  const cents = order ? centsOf(order.funds) : quantity * PRODUCT.priceCents;

  // The log is demo/live-log.ts, which owns its list: React renders the list once, empty.
  const logList = useCallback((list: HTMLOListElement | null) => {
    const empty = list?.parentElement?.querySelector<HTMLElement>('.log__empty');
    if (list && empty && !log.current) log.current = createEventLog(list, empty);
  }, []);
  const note = (text: string, detail?: unknown) => log.current?.note(text, detail);

  useEffect(() => {
    // StrictMode runs this twice in development: only the live run's answer counts.
    let live = true;
    loadCheckoutConfig().then(
      (loaded) => {
        if (!live) return;
        setConfig(loaded);
        note('checkout config', loaded);
      },
      (error: unknown) => {
        if (!live) return;
        setConfigFailed(true);
        note('checkout config failed', error);
      },
    );
    backendDown().then(
      (down) => live && setOutage(down),
      () => {},
    );
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    document.body.dataset.outage = String(outage);
  }, [outage]);

  // The cart's order, from the shop's server; the cleanup drops the answer of a superseded cart.
  useEffect(
    () =>
      requestOrder(
        [{ productId: PRODUCT.id, quantity }],
        (made) => {
          setOrder(made);
          note('order made by the server', made);
        },
        (error) => {
          setOrderFailed(true);
          note('order failed', error);
        },
      ),
    [quantity, cartVersion],
  );

  /** Every event, as the React handler gets it. */
  const heard = (event: BanqEvent) => {
    log.current?.event(event);
    const type = event.type as keyof Counts;
    setCounts((previous) => ({ ...previous, [type]: previous[type] + 1 }));
  };

  // A React 19 callback ref with a cleanup: the element's `state` attribute, while it is mounted.
  const element = useCallback((node: BanqCheckout | null) => {
    checkout.current = node;
    if (!node) return;
    const stop = watchState(node, setState);
    return () => {
      stop();
      setState('idle');
    };
  }, []);

  const startOrder = (nextQuantity: number, why: string) => {
    setQuantity(nextQuantity);
    setCartVersion((version) => version + 1);
    setOrder(undefined);
    setOrderFailed(false);
    setProblem(undefined);
    setClosed(false);
    note(why, { quantity: nextQuantity });
  };

  const switchBackend = async (down: boolean) => {
    setBusy(true);
    setOutage(down);
    try {
      setOutage(await backendDown(down));
      if (!down) setProblem(undefined);
    } catch (error) {
      setOutage(!down);
      note('outage switch failed', error);
    } finally {
      setBusy(false);
    }
  };

  const pending = state === 'pending';
  let payArea: ReactNode;
  if (config)
    payArea = (
      <banq-checkout
        ref={element}
        orderId={order?.orderId ?? ''}
        funds={order?.funds}
        comment={order?.comment ?? ''}
        scriptSrc={config.scriptSrc}
        backendUrl={config.backendUrl}
        eventsUrl={config.eventsUrl}
        onbanq-ready={heard}
        onbanq-success={(event) => {
          heard(event);
          setReceipt({ ...event.detail, quantity, cents });
        }}
        onbanq-close={(event) => {
          heard(event);
          setClosed(true);
        }}
        onbanq-destroy={heard}
        onbanq-error={(event) => {
          heard(event);
          setProblem(event.detail);
        }}
      />
    );
  else if (!configFailed) payArea = <div className="pay__skeleton" aria-hidden="true" />;

  const message = configFailed
    ? { title: 'Payments are unavailable', text: 'Please refresh the page in a moment.' }
    : orderFailed
      ? ORDER_FAILED
      : problem && shopperMessage(problem);

  return (
    <div className="fw-grid">
      <section className="panel fw-card" aria-labelledby="checkout-title">
        <div className="fw-product">
          <div
            className="fw-product__art"
            style={{ '--tint': PRODUCT.tint } as CSSProperties}
            dangerouslySetInnerHTML={{ __html: PRODUCT.art }}
          />
          <div className="fw-product__body">
            <h2 className="fw-product__name" id="checkout-title" tabIndex={-1}>
              {PRODUCT.name}
            </h2>
            <p className="product__meta">{PRODUCT.meta}</p>
            <p className="product__notes">{PRODUCT.notes}</p>
            <p className="fw-product__price">{money(PRODUCT.priceCents)}</p>
          </div>
        </div>

        {receipt ? (
          <div className="receipt fw-receipt" aria-live="polite">
            <div className="receipt__badge" aria-hidden="true">
              <svg viewBox="0 0 48 48" focusable="false">
                <circle cx="24" cy="24" r="22" fill="#1fc8b4" />
                <path
                  d="m14.5 24.5 6.5 6.5 13-13"
                  fill="none"
                  stroke="#06213a"
                  strokeWidth="4"
                  strokeLinecap="round"
                  strokeLinejoin="round"
                />
              </svg>
            </div>
            <h2>Payment received</h2>
            <p className="receipt__lede">
              Thank you! {money(receipt.cents)} reached {SHOP}: {receipt.quantity} × {PRODUCT.name}.
            </p>
            <dl className="receipt__facts">
              <div>
                <dt>Order</dt>
                <dd>
                  <code>{receipt.orderId}</code>
                </dd>
              </div>
              <div>
                <dt>Confirmed by</dt>
                <dd>
                  {receipt.source === 'events'
                    ? "banq's webhook (events)"
                    : "banq's window (widget)"}
                </dd>
              </div>
              {receipt.paymentId && (
                <div>
                  <dt>banq payment id</dt>
                  <dd>
                    <code>{receipt.paymentId}</code>
                  </dd>
                </div>
              )}
            </dl>
            <button
              className="btn btn--primary btn--block"
              type="button"
              onClick={() => {
                setReceipt(undefined);
                startOrder(1, 'new order');
              }}
            >
              Start a new order
            </button>
          </div>
        ) : (
          <>
            <div className="fw-qty">
              <span className="fw-qty__label" id="qty-label">
                Quantity
              </span>
              <div className="qty" role="group" aria-labelledby="qty-label">
                <button
                  className="qty__btn"
                  type="button"
                  aria-label={`Remove one ${PRODUCT.name}`}
                  disabled={quantity <= 1 || pending}
                  onClick={() => startOrder(quantity - 1, 'quantity changed: new order')}
                >
                  −
                </button>
                <output className="qty__value" aria-live="polite">
                  {quantity}
                </output>
                <button
                  className="qty__btn"
                  type="button"
                  aria-label={`Add one more ${PRODUCT.name}`}
                  disabled={quantity >= MAX_QUANTITY || pending}
                  onClick={() => startOrder(quantity + 1, 'quantity changed: new order')}
                >
                  +
                </button>
              </div>
            </div>

            <dl className="summary">
              <div className="summary__row summary__row--total">
                <dt>Total</dt>
                <dd>{money(cents)}</dd>
              </div>
              <div className="summary__row summary__row--meta">
                <dt>Order</dt>
                <dd>
                  <code>{order?.orderId ?? 'preparing…'}</code>
                </dd>
              </div>
              <div className="summary__row summary__row--meta">
                <dt>Shown in banq</dt>
                <dd>{order?.comment ?? '…'}</dd>
              </div>
            </dl>

            <div className="pay">
              {/* No order from the server yet: nothing to pay, so nothing to click. */}
              <div className="pay__widget" inert={!order}>
                {payArea}
              </div>
              {!order && !orderFailed && (
                <p className="pay__preparing">Preparing your order: the shop's server prices it…</p>
              )}
              {message && (
                <div className="notice" role="alert">
                  <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                    <circle cx="12" cy="12" r="11" fill="#fde4d8" />
                    <path
                      d="M12 6.5v7M12 17.2v.3"
                      fill="none"
                      stroke="#c2410c"
                      strokeWidth="2.4"
                      strokeLinecap="round"
                    />
                  </svg>
                  <div>
                    <strong>{message.title}</strong>
                    <span>{message.text}</span>
                  </div>
                </div>
              )}
              <p className="pay__status" role="status">
                {closed && !problem ? "You closed banq's window. Nothing was charged." : ''}
              </p>
              <div className="paths">
                <p className="paths__title">Two ways to pay</p>
                <ul className="paths__list">
                  <li>
                    <span className="paths__icon" aria-hidden="true">
                      <svg viewBox="0 0 20 20" focusable="false">
                        <rect
                          x="2.5"
                          y="3.5"
                          width="15"
                          height="11"
                          rx="2"
                          fill="none"
                          stroke="currentColor"
                          strokeWidth="1.5"
                        />
                        <path
                          d="M7 17.5h6"
                          stroke="currentColor"
                          strokeWidth="1.5"
                          strokeLinecap="round"
                        />
                      </svg>
                    </span>
                    <span>
                      <strong>Pay here</strong> in banq's window: <code>banq-success</code> from the
                      widget.
                    </span>
                  </li>
                  <li>
                    <span className="paths__icon" aria-hidden="true">
                      <svg viewBox="0 0 20 20" focusable="false">
                        <rect
                          x="5.5"
                          y="2"
                          width="9"
                          height="16"
                          rx="2"
                          fill="none"
                          stroke="currentColor"
                          strokeWidth="1.5"
                        />
                        <path
                          d="M9 15.2h2"
                          stroke="currentColor"
                          strokeWidth="1.5"
                          strokeLinecap="round"
                        />
                      </svg>
                    </span>
                    <span>
                      <strong>Scan with the banq app</strong>: <code>banq-success</code> from the
                      events stream, once banq's webhook reached the server.
                    </span>
                  </li>
                </ul>
              </div>
            </div>
          </>
        )}
      </section>

      <section className="console fw-console" aria-labelledby="log-title">
        <div className="console__head">
          <div>
            <p className="eyebrow eyebrow--light">What React heard</p>
            <h2 id="log-title">Live log</h2>
          </div>
          <div className="state" title="The element's state attribute">
            <span className="state__label">
              <code>&lt;banq-checkout&gt;</code> state
            </span>
            <span className="state__badge" data-state={state}>
              {state}
            </span>
          </div>
        </div>

        <div className="log fw-log">
          <div className="log__head">
            <ul className="fw-counts" aria-label="Events received">
              {EVENTS.map((name) => (
                <li key={name} className="fw-count" data-event={name} data-seen={counts[name] > 0}>
                  <code>{name}</code>
                  <span className="fw-count__n">{counts[name]}</span>
                </li>
              ))}
            </ul>
          </div>
          <ol
            className="log__list"
            ref={logList}
            aria-label="The element's events, as React received them"
            aria-live="polite"
            aria-relevant="additions"
            tabIndex={0}
          />
          <p className="log__empty">
            Waiting for <code>banq-ready</code>… then press <strong>Pay with banq</strong>.
          </p>
        </div>

        <div className="fw-controls">
          <label className="switch">
            <input
              type="checkbox"
              role="switch"
              checked={outage}
              disabled={busy}
              onChange={(event) => void switchBackend(event.currentTarget.checked)}
            />
            <span className="switch__track" aria-hidden="true" />
            <span className="switch__text">Backend outage</span>
          </label>
          <div className="methods__buttons">
            <button
              className="btn btn--dark btn--small"
              type="button"
              disabled={!config || !!receipt}
              onClick={() => {
                note('destroy()');
                checkout.current?.destroy();
              }}
            >
              <code>destroy()</code>
            </button>
            <button
              className="btn btn--dark btn--small"
              type="button"
              disabled={!config || !!receipt}
              onClick={() => {
                note('bootstrap()');
                void checkout.current?.bootstrap();
              }}
            >
              <code>bootstrap()</code>
            </button>
            <button
              className="btn btn--ghost btn--small"
              type="button"
              onClick={() => {
                log.current?.clear();
                setCounts(noCounts());
              }}
            >
              Clear log
            </button>
          </div>
        </div>
      </section>
    </div>
  );
}

const container = document.getElementById('app');
if (!container) throw new Error('demo: #app is missing from react.html');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
