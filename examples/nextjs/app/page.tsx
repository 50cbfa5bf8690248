/**
 * A server component: the order is made and priced here, on the server, and the page arrives
 * with `<banq-checkout order-id=… funds=…>` in its HTML. <Checkout> is the client part.
 */
import { Checkout } from './checkout';
import { banqSettings } from './banq-settings';
import { newOrder } from './orders';

export const dynamic = 'force-dynamic';

export default function Page() {
  const order = newOrder();
  return (
    <main>
      <h1>{order.title}</h1>
      <p>
        Order {order.id}: {order.funds.toFixed(2)}
      </p>
      <Checkout order={order} scriptSrc={banqSettings().widgetUrl} />
    </main>
  );
}
