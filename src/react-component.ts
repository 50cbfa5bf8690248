/**
 * The React component wrapping `<banq-checkout>` for React 18 and earlier, which set
 * attributes rather than properties and cannot listen to custom events. Built from
 * the React it is given, so the wrapper does not pin a copy of React.
 */
import { createComponent, type EventName } from '@lit/react';
import type ReactModule from 'react';
import { BanqCheckout as BanqCheckoutElement } from './banq-checkout.js';
import type { BanqCheckoutEventMap } from './events.js';

const event = <K extends keyof BanqCheckoutEventMap>(name: K) =>
  name as EventName<BanqCheckoutEventMap[K]>;

export function createBanqCheckoutComponent(react: typeof ReactModule) {
  return createComponent({
    react,
    tagName: 'banq-checkout',
    elementClass: BanqCheckoutElement,
    displayName: 'BanqCheckout',
    events: {
      onBanqReady: event('banq-ready'),
      onBanqSuccess: event('banq-success'),
      onBanqClose: event('banq-close'),
      onBanqDestroy: event('banq-destroy'),
      onBanqError: event('banq-error'),
    },
  });
}
