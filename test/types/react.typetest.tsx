/**
 * Compile-time tests of the React typings (checked by `npm run typecheck`, not run): each
 * `@ts-expect-error` fails the build if the mistake under it ever type-checks.
 */
import type { BanqErrorDetail, BanqSuccessDetail } from '../../src/index.js';
import { BanqCheckout } from '../../src/frameworks/react.js';

// React 19: the plain tag, with properties and `onbanq-*` handlers.
export const tag = (
  <banq-checkout
    orderId="009221"
    funds={2}
    comment="Demo"
    backendUrl="/generate-payment-link"
    events-url="/payment-events"
    metadata={{ customerId: 'c-1' }}
    headers={{ 'x-csrf-token': 't' }}
    getPaymentLink={async (request) => `https://pay.example/${request.orderId}`}
    onbanq-success={(event) => {
      const detail: BanqSuccessDetail = event.detail;
      // @ts-expect-error a success has no phase
      void event.detail.phase;
      return detail;
    }}
    onbanq-error={(event) => {
      const phase: BanqErrorDetail['phase'] = event.detail.phase;
      return phase;
    }}
  />
);

// @ts-expect-error funds is a number
export const wrongFunds = <banq-checkout funds="2" />;

// @ts-expect-error timeout is a number
export const wrongTimeout = <banq-checkout timeout="soon" />;

export const wrongDetail = (
  <banq-checkout
    onbanq-close={(event) => {
      // @ts-expect-error a close has only orderId
      void event.detail.source;
    }}
  />
);

// React 18: the wrapper, with `onBanq*` handlers.
export const wrapper = (
  <BanqCheckout
    orderId="009221"
    funds={2}
    onBanqSuccess={(event) => {
      const source: 'widget' | 'events' = event.detail.source;
      return source;
    }}
    onBanqError={(event) => event.detail.message}
  />
);

// @ts-expect-error funds is a number
export const wrapperWrongFunds = <BanqCheckout funds="2" />;

export const wrapperWrongDetail = (
  <BanqCheckout
    onBanqSuccess={(event) => {
      // @ts-expect-error a success has no message
      void event.detail.message;
    }}
  />
);
