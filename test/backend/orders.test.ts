/** The order book: records, idempotent payment, and subscriptions. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OrderBook, type OrderEvent } from '../../demo/server/orders.js';

describe('OrderBook', () => {
  it('marks an order paid once, telling its subscribers once', () => {
    const orders = new OrderBook();
    const told: OrderEvent[] = [];
    orders.subscribe('o-1', (event) => told.push(event));
    assert.equal(orders.markPaid('o-1', 'pay-1', 5), true);
    assert.equal(orders.markPaid('o-1', 'pay-1', 5), false);
    assert.deepEqual(told, [{ id: 1, orderId: 'o-1', status: 'completed', paymentId: 'pay-1' }]);
  });

  it('a late second unsubscribe leaves a newer subscriber of the same order alone', () => {
    const orders = new OrderBook();
    const unsubscribeFirst = orders.subscribe('o-2', () => {});
    unsubscribeFirst();
    const told: OrderEvent[] = [];
    orders.subscribe('o-2', (event) => told.push(event));
    unsubscribeFirst();
    orders.markPaid('o-2', 'pay-2', 5);
    assert.equal(told.length, 1);
    assert.equal(orders.subscribers, 1);
  });

  it('forgets an order that got neither a link nor a payment', () => {
    const orders = new OrderBook();
    orders.open('o-3', 5, '');
    orders.discardUnpaid('o-3');
    assert.equal(orders.get('o-3'), undefined);
    orders.open('o-4', 5, '').url = 'https://banq.test/pay/1';
    orders.discardUnpaid('o-4');
    assert.ok(orders.get('o-4'));
  });
});
