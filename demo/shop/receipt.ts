/**
 * The receipt the shop page shows in place of the order once it is paid: what was bought, the
 * amount, and which of banq's two ways confirmed it.
 */
import type { BanqSuccessDetail } from '../../src/index.js';
import { SHOP_NAME } from '../catalog.js';
import { confirmedBy, money } from '../page-helpers.js';
import { byId } from './page.js';
import type { OrderSnapshot } from './state.js';

const orderView = byId('order-view');
const receipt = byId('receipt');
const receiptPaymentId = byId('receipt-payment-id');

/** The receipt of `paid`, confirmed as `detail` says, in place of the order; focused. */
export function showReceipt(paid: OrderSnapshot, detail: BanqSuccessDetail): void {
  byId('receipt-lede').textContent =
    `Thank you! ${money(paid.cents)} reached ${SHOP_NAME}. Your coffee is on its way.`;
  byId('receipt-items').replaceChildren(
    ...paid.lines.map(({ product, quantity }) => {
      const item = document.createElement('li');
      const name = document.createElement('span');
      name.textContent = `${quantity} × ${product.name}`;
      const price = document.createElement('span');
      price.textContent = money(product.priceCents * quantity);
      item.append(name, price);
      return item;
    }),
  );
  byId('receipt-order-id').textContent = detail.orderId;
  byId('receipt-amount').textContent = money(paid.cents);
  byId('receipt-source').textContent = confirmedBy(detail.source);
  receipt.dataset.source = detail.source;
  receiptPaymentId.textContent = detail.paymentId ?? '';
  const paymentRow = receiptPaymentId.closest('div');
  if (paymentRow) paymentRow.hidden = !detail.paymentId;

  orderView.hidden = true;
  receipt.hidden = false;
  receipt.focus({ preventScroll: true });
  receipt.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
}

/** The order again, in place of the receipt. */
export function hideReceipt(): void {
  receipt.hidden = true;
  orderView.hidden = false;
}
