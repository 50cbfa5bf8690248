'use client';
/**
 * The client part of the page: `<BanqCheckout>` from `banq-checkout/react`, server-rendered
 * with its attributes, given its listeners once hydrated. A receipt replaces it once paid.
 */
import { BanqCheckout } from 'banq-checkout/react';
import { useState } from 'react';
import type { ShopOrder } from './orders';

export function Checkout({ order, scriptSrc }: { order: ShopOrder; scriptSrc: string }) {
  const [paid, setPaid] = useState<{ orderId: string; source: string }>();
  const [problem, setProblem] = useState<string>();

  if (paid)
    return (
      <p role="status" id="receipt">
        Paid, thank you: order {paid.orderId} ({paid.source})
      </p>
    );
  return (
    <>
      <BanqCheckout
        scriptSrc={scriptSrc}
        backendUrl="/banq/generate-payment-link"
        eventsUrl="/banq/payment-events"
        orderId={order.id}
        funds={order.funds}
        comment={order.title}
        onBanqSuccess={(e) => setPaid({ orderId: e.detail.orderId, source: e.detail.source })}
        onBanqError={(e) => setProblem(e.detail.message)}
      />
      {problem && <p role="alert">{problem}</p>}
    </>
  );
}
