/**
 * The React page's app: the one-product checkout's card beside the console. The order and its
 * amount come from the shop's server, asked again on every change of the quantity; each event
 * lands in the live log as the handler receives it.
 */
import { shownMessage } from '../framework-demo.js';
import type { BanqEvent } from '../page-helpers.js';
import {
  OrderSummary,
  PaidReceipt,
  PayArea,
  ProductHeader,
  QuantityPicker,
} from './checkout-card.js';
import { EventConsole } from './event-console.js';
import {
  useCheckoutConfig,
  useElementState,
  useEventLog,
  useOrder,
  useOutageSwitch,
} from './hooks.js';

export function App() {
  const log = useEventLog();
  const config = useCheckoutConfig(log.note);
  const order = useOrder(log);
  const outage = useOutageSwitch(log.note, order.clearProblem);
  const element = useElementState();
  const onEvent = (event: BanqEvent) => order.heard(event, outage.down);

  return (
    <div className="fw-grid">
      <section className="panel fw-card" aria-labelledby="checkout-title">
        <ProductHeader />
        {order.receipt ? (
          <PaidReceipt receipt={order.receipt} onNewOrder={order.startNew} />
        ) : (
          <>
            <QuantityPicker
              quantity={order.quantity}
              locked={element.state === 'pending'}
              onChange={order.changeQuantity}
            />
            <OrderSummary cents={order.cents} order={order.order} />
            <PayArea
              config={config.config}
              configFailed={config.failed}
              order={order.order}
              orderFailed={order.failed}
              message={shownMessage(config.failed, order.failed, order.problem)}
              closed={order.closed && !order.problem}
              elementRef={element.ref}
              onEvent={onEvent}
            />
          </>
        )}
      </section>
      <EventConsole
        state={element.state}
        counts={order.counts}
        logList={log.attach}
        outage={outage}
        methods={!!config.config && !order.receipt}
        onDestroy={() => {
          log.note('destroy()');
          element.element.current?.destroy();
        }}
        onBootstrap={() => {
          log.note('bootstrap()');
          void element.element.current?.bootstrap();
        }}
        onClear={() => {
          log.clear();
          order.clearCounts();
        }}
      />
    </div>
  );
}
