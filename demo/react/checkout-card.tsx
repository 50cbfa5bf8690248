/**
 * The React page's checkout card, in parts: the product, the quantity, the order's summary,
 * the pay area with `<banq-checkout>` written as a plain tag (React 19 sets its properties and
 * listens through `onbanq-*` props; `import type {} from '../../src/frameworks/react.js'`, in an app
 * 'banq-checkout/react', types the tag), and the receipt once paid.
 */
import type { CSSProperties, Ref } from 'react';
import type { BanqCheckout } from '../../src/index.js';
import type {} from '../../src/frameworks/react.js';
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

export function ProductHeader() {
  return (
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
  );
}

export function PaidReceipt({ receipt, onNewOrder }: { receipt: Receipt; onNewOrder: () => void }) {
  return (
    <div className="receipt fw-receipt" aria-live="polite">
      <div
        className="receipt__badge"
        aria-hidden="true"
        dangerouslySetInnerHTML={{ __html: ICON.paid }}
      />
      <h2>Payment received</h2>
      <p className="receipt__lede">
        Thank you! {money(receipt.cents)} reached {SHOP_NAME}: {receipt.quantity} × {PRODUCT.name}.
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
          <dd>{confirmedBy(receipt.source)}</dd>
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
      <button className="btn btn--primary btn--block" type="button" onClick={onNewOrder}>
        Start a new order
      </button>
    </div>
  );
}

export function QuantityPicker(props: {
  quantity: number;
  locked: boolean;
  onChange: (quantity: number) => void;
}) {
  const { quantity, locked, onChange } = props;
  return (
    <div className="fw-qty">
      <span className="fw-qty__label" id="qty-label">
        Quantity
      </span>
      <div className="qty" role="group" aria-labelledby="qty-label">
        <button
          className="qty__btn"
          type="button"
          aria-label={`Remove one ${PRODUCT.name}`}
          disabled={quantity <= 1 || locked}
          onClick={() => onChange(quantity - 1)}
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
          disabled={quantity >= MAX_QUANTITY || locked}
          onClick={() => onChange(quantity + 1)}
        >
          +
        </button>
      </div>
    </div>
  );
}

export function OrderSummary({ cents, order }: { cents: number; order?: ShopOrder }) {
  return (
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
  );
}

function ShopperNotice({ message }: { message: ShopperMessage }) {
  return (
    <div className="notice" role="alert">
      <span className="icon" dangerouslySetInnerHTML={{ __html: ICON.alert }} />
      <div>
        <strong>{message.title}</strong>
        <span>{message.text}</span>
      </div>
    </div>
  );
}

export interface PayAreaProps {
  config?: CheckoutConfig;
  configFailed: boolean;
  order?: ShopOrder;
  orderFailed: boolean;
  message?: ShopperMessage;
  /** banq's window was closed, and no error says more. */
  closed: boolean;
  elementRef: Ref<BanqCheckout>;
  /** Every event of the element's, as React's handler gets it. */
  onEvent: (event: BanqEvent) => void;
}

export function PayArea({ config, order, elementRef, onEvent, ...shown }: PayAreaProps) {
  return (
    <div className="pay">
      {/* No order from the server yet: nothing to pay, so nothing to click. */}
      <div className="pay__widget" inert={!order}>
        {config ? (
          <banq-checkout
            ref={elementRef}
            orderId={order?.orderId ?? ''}
            funds={order?.funds}
            comment={order?.comment ?? ''}
            scriptSrc={config.scriptSrc}
            backendUrl={config.backendUrl}
            eventsUrl={config.eventsUrl}
            onbanq-ready={onEvent}
            onbanq-success={onEvent}
            onbanq-close={onEvent}
            onbanq-destroy={onEvent}
            onbanq-error={onEvent}
          />
        ) : (
          !shown.configFailed && <div className="pay__skeleton" aria-hidden="true" />
        )}
      </div>
      {!order && !shown.orderFailed && (
        <p className="pay__preparing">Preparing your order: the shop's server prices it…</p>
      )}
      {shown.message && <ShopperNotice message={shown.message} />}
      <p className="pay__status" role="status">
        {shown.closed ? WINDOW_CLOSED : ''}
      </p>
      <div className="paths" dangerouslySetInnerHTML={{ __html: PAY_PATHS }} />
    </div>
  );
}
