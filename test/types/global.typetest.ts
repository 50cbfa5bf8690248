/**
 * Compile-time tests of the public types, checked by `npm run typecheck` (tsc), not run:
 * each `@ts-expect-error` fails the build if the mistake below it ever type-checks.
 */
import type {
  BanqCheckout,
  BanqErrorDetail,
  BanqSuccessDetail,
  GetPaymentLink,
  PaymentLinkOptions,
  PaymentLinkRequest,
} from '../../src/index.js';

declare const el: BanqCheckout;

// The tag name maps to the class.
const created: BanqCheckout = document.createElement('banq-checkout');
void created;

// Event details are typed through the global event map, on the element and on window.
el.addEventListener('banq-success', (event) => {
  const source: 'widget' | 'events' = event.detail.source;
  const paymentId: string | undefined = event.detail.paymentId;
  // @ts-expect-error success has no `phase`
  void event.detail.phase;
  void source;
  void paymentId;
});
window.addEventListener('banq-error', (event) => {
  const detail: BanqErrorDetail = event.detail;
  // @ts-expect-error phases are a closed set
  const phase: 'network' = detail.phase;
  void phase;
});
el.addEventListener('banq-close', (event) => {
  const orderId: string = event.detail.orderId;
  // @ts-expect-error the close detail has only orderId
  void event.detail.source;
  void orderId;
});

// Properties keep their types.
el.funds = 12.5;
// @ts-expect-error funds is a number
el.funds = '12.5';
el.getPaymentLink = async (request: PaymentLinkRequest) =>
  `https://pay.example.test/${request.orderId}`;
// @ts-expect-error getPaymentLink resolves with the URL string
el.getPaymentLink = async () => ({ url: 'x' });
// The second argument carries the abort signal, for the hook's own fetch.
el.getPaymentLink = async (request, { signal }) => {
  const answer = await fetch('/my-link', { method: 'POST', body: JSON.stringify(request), signal });
  return ((await answer.json()) as { link: string }).link;
};
const hook: GetPaymentLink = async (_request, options: PaymentLinkOptions) => {
  const aborted: boolean = options.signal.aborted;
  return String(aborted);
};
el.getPaymentLink = hook;
// @ts-expect-error the options carry only the signal
el.getPaymentLink = async (_request, { timeout }) => String(timeout);
// @ts-expect-error state is read-only
el.state = 'paid';

const success: BanqSuccessDetail = { orderId: 'o', source: 'events', paymentId: 'p' };
// @ts-expect-error source is widget or events
const wrong: BanqSuccessDetail = { orderId: 'o', source: 'app' };
void success;
void wrong;
