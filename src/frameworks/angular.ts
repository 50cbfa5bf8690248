/**
 * `banq-checkout/angular`: `BanqCheckoutDirective`, a standalone directive on the
 * `<banq-checkout>` tag that gives Angular's template type checker the element's contract, which
 * `CUSTOM_ELEMENTS_SCHEMA` switches off. Each property is an `@Input()` typed from the element's
 * own property types, so `strictTemplates` rejects `[funds]="'abc'"` and a misspelt `[fundz]`;
 * each event is an `@Output()` (`banqSuccess` for `banq-success`), its `$event` typed.
 *
 * ```ts
 * import { BanqCheckoutDirective } from 'banq-checkout/angular';
 * @Component({ imports: [BanqCheckoutDirective], template: `<banq-checkout [orderId]="id"
 *   [funds]="2" (banqSuccess)="paid($event.detail.orderId)"></banq-checkout>` })
 * ```
 *
 * Built by `ngc` in partial compilation mode (tsconfig.angular.json), as Angular libraries ship.
 * The outputs are camelCase because Angular's listener instruction adds a DOM listener as well
 * as subscribing to a directive output of the same name: an output named `banq-success` would
 * call its handler twice. `(banq-success)` still binds the DOM event itself, as before.
 * Importing this module defines the tag and nothing else: no DOM work until Angular creates the
 * element, so it is safe in server rendering.
 */
import { DestroyRef, Directive, ElementRef, Output, inject } from '@angular/core';
import type { OutputRef } from '@angular/core';
import type { BanqCheckout } from '../banq-checkout.js';
import type { BanqCheckoutEventMap } from '../events.js';
import type { BanqCheckoutProperties } from '../props.js';
import '../index.js';

export type * from '../types.js';
export type { BanqCheckoutEventMap, BanqCheckoutProperties } from '../index.js';

/**
 * The element's `name` events as an output (Angular subscribes to anything with `subscribe`):
 * a listener on the element per subscriber, removed on unsubscribe or when the directive is
 * destroyed. No rxjs, so the package asks nothing of an app but `@angular/core`.
 */
function output<K extends keyof BanqCheckoutEventMap>(
  element: BanqCheckout,
  name: K,
): OutputRef<BanqCheckoutEventMap[K]> {
  const destroyRef = inject(DestroyRef);
  return {
    subscribe(callback) {
      const listener = (event: Event) => {
        callback(event as BanqCheckoutEventMap[K]);
      };
      element.addEventListener(name, listener);
      const remove = () => {
        element.removeEventListener(name, listener);
      };
      const forget = destroyRef.onDestroy(remove);
      return {
        unsubscribe: () => {
          forget();
          remove();
        },
      };
    },
  };
}

/** Every setting of the element (BanqCheckoutProperties), each an input of the same name. */
const INPUTS: readonly (keyof BanqCheckoutProperties)[] = [
  'scriptSrc',
  'backendUrl',
  'orderId',
  'comment',
  'funds',
  'frequency',
  'startDate',
  'endDate',
  'eventsUrl',
  'timeout',
  'nonce',
  'getPaymentLink',
  'headers',
  'metadata',
  'strings',
];

/**
 * `<banq-checkout>`'s properties as inputs and its events as outputs. Every input sets the
 * element's property of the same name (never an attribute: `[funds]` stays a number), and
 * reads back from it: the element holds the state, the directive only types and forwards it.
 * `#checkout="banqCheckout"` refers to the directive; `.element` is the element itself
 * (`destroy()`, `bootstrap()`, `state`).
 */
@Directive({
  selector: 'banq-checkout',
  standalone: true,
  exportAs: 'banqCheckout',
  inputs: [...INPUTS],
})
export class BanqCheckoutDirective {
  /** The `<banq-checkout>` the directive sits on. */
  readonly element: BanqCheckout = inject<ElementRef<BanqCheckout>>(ElementRef).nativeElement;

  /** `banq-ready`: banq's button is up. */
  @Output() readonly banqReady = output(this.element, 'banq-ready');
  /** `banq-success`: the payment completed (`$event.detail.orderId`, `.source`). */
  @Output() readonly banqSuccess = output(this.element, 'banq-success');
  /** `banq-close`: the shopper closed banq's popup. */
  @Output() readonly banqClose = output(this.element, 'banq-close');
  /** `banq-destroy`: `destroy()` tore the widget down. */
  @Output() readonly banqDestroy = output(this.element, 'banq-destroy');
  /** `banq-error`: something failed (`$event.detail.phase`, `.message`). */
  @Output() readonly banqError = output(this.element, 'banq-error');

  /** URL of banq's widget script. */
  declare scriptSrc: BanqCheckout['scriptSrc'];
  /** The merchant's endpoint that answers with a payment link. */
  declare backendUrl: BanqCheckout['backendUrl'];
  /** The merchant's order id. */
  declare orderId: BanqCheckout['orderId'];
  /** Text the banq app shows on the payment screen. */
  declare comment: BanqCheckout['comment'];
  /** Amount to charge, a number: `[funds]="2"`. */
  declare funds: BanqCheckout['funds'];
  /** Recurring payments only: banq's frequency. */
  declare frequency: BanqCheckout['frequency'];
  /** Recurring payments only: first payment date, `YYYY-MM-DD`. */
  declare startDate: BanqCheckout['startDate'];
  /** Recurring payments only: last payment date, `YYYY-MM-DD`. */
  declare endDate: BanqCheckout['endDate'];
  /** Server-Sent Events URL reporting completions the widget cannot see. */
  declare eventsUrl: BanqCheckout['eventsUrl'];
  /** Milliseconds before the backend request, or the script load, is abandoned. */
  declare timeout: BanqCheckout['timeout'];
  /** CSP nonce for the script tag the element injects. */
  declare nonce: BanqCheckout['nonce'];
  /** Replaces the built-in POST to `backendUrl`: `(request, {signal}) => Promise<url>`. */
  declare getPaymentLink: BanqCheckout['getPaymentLink'];
  /** Extra headers for the backend request, such as a CSRF token. */
  declare headers: BanqCheckout['headers'];
  /** Sent to the backend as `metadata`, such as the customer id. */
  declare metadata: BanqCheckout['metadata'];
  /** The element's own words, for another language: `{loading, unavailable, retry, paid}`. */
  declare strings: BanqCheckout['strings'];
}

// Each input an accessor of the element's property of the same name, as Angular sets it and as
// code holding the directive reads or writes it: the element holds the state. Defined on the
// prototype (the fields above are types only), so no DOM is touched here.
for (const name of INPUTS)
  Object.defineProperty(BanqCheckoutDirective.prototype, name, {
    get(this: BanqCheckoutDirective) {
      return this.element[name];
    },
    set(this: BanqCheckoutDirective, value: unknown) {
      Object.assign(this.element, { [name]: value });
    },
  });
