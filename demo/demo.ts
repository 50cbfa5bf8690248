/**
 * The demo shop: a catalog, a cart, and one `<banq-checkout>` taking the payment, wired the
 * way a merchant's page would wire it. Every change of the cart is posted to the shop's
 * server, which makes the order and prices it; the element gets that order (never one the
 * page made up) and cannot be clicked until it has it. Beside it, for the merchant's team,
 * the element's `state`, a switch that takes the shop's backend down, and a live log of the
 * page's events interleaved with what the server and banq did for this page's order.
 *
 * Each concern is a module of demo/shop/: the state, rendering, the cart, the element, the
 * receipt, the flow strip, the server's log, the controls and the messages.
 */
import '../src/index.js';
import { byId } from './shop/page.js';
import { listenToCart, startNewOrder } from './shop/cart.js';
import { mountCheckout } from './shop/checkout.js';
import { startControls } from './shop/controls.js';
import { render, renderProducts } from './shop/render.js';

startControls();
listenToCart();
byId('new-order').addEventListener('click', () => startNewOrder());
renderProducts();
render();
void mountCheckout();
