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
import { DestroyRef, Directive, ElementRef, Input, Output, inject } from '@angular/core';
import type { OutputRef } from '@angular/core';
import type { BanqCheckout } from '../banq-checkout.js';
import type { BanqCheckoutEventMap } from '../events.js';
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

/**
 * `<banq-checkout>`'s properties as inputs and its events as outputs. Every input sets the
 * element's property of the same name (never an attribute: `[funds]` stays a number), and
 * reads back from it: the element holds the state, the directive only types and forwards it.
 * `#checkout="banqCheckout"` refers to the directive; `.element` is the element itself
 * (`destroy()`, `bootstrap()`, `state`).
 */
@Directive({ selector: 'banq-checkout', standalone: true, exportAs: 'banqCheckout' })
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
  @Input() set scriptSrc(value: BanqCheckout['scriptSrc']) {
    this.element.scriptSrc = value;
  }
  get scriptSrc(): BanqCheckout['scriptSrc'] {
    return this.element.scriptSrc;
  }

  /** The merchant's endpoint that answers with a payment link. */
  @Input() set backendUrl(value: BanqCheckout['backendUrl']) {
    this.element.backendUrl = value;
  }
  get backendUrl(): BanqCheckout['backendUrl'] {
    return this.element.backendUrl;
  }

  /** The merchant's order id. */
  @Input() set orderId(value: BanqCheckout['orderId']) {
    this.element.orderId = value;
  }
  get orderId(): BanqCheckout['orderId'] {
    return this.element.orderId;
  }

  /** Text the banq app shows on the payment screen. */
  @Input() set comment(value: BanqCheckout['comment']) {
    this.element.comment = value;
  }
  get comment(): BanqCheckout['comment'] {
    return this.element.comment;
  }

  /** Amount to charge, a number: `[funds]="2"`. */
  @Input() set funds(value: BanqCheckout['funds']) {
    this.element.funds = value;
  }
  get funds(): BanqCheckout['funds'] {
    return this.element.funds;
  }

  /** Recurring payments only: banq's frequency. */
  @Input() set frequency(value: BanqCheckout['frequency']) {
    this.element.frequency = value;
  }
  get frequency(): BanqCheckout['frequency'] {
    return this.element.frequency;
  }

  /** Recurring payments only: first payment date, `YYYY-MM-DD`. */
  @Input() set startDate(value: BanqCheckout['startDate']) {
    this.element.startDate = value;
  }
  get startDate(): BanqCheckout['startDate'] {
    return this.element.startDate;
  }

  /** Recurring payments only: last payment date, `YYYY-MM-DD`. */
  @Input() set endDate(value: BanqCheckout['endDate']) {
    this.element.endDate = value;
  }
  get endDate(): BanqCheckout['endDate'] {
    return this.element.endDate;
  }

  /** Server-Sent Events URL reporting completions the widget cannot see. */
  @Input() set eventsUrl(value: BanqCheckout['eventsUrl']) {
    this.element.eventsUrl = value;
  }
  get eventsUrl(): BanqCheckout['eventsUrl'] {
    return this.element.eventsUrl;
  }

  /** Milliseconds before the backend request, or the script load, is abandoned. */
  @Input() set timeout(value: BanqCheckout['timeout']) {
    this.element.timeout = value;
  }
  get timeout(): BanqCheckout['timeout'] {
    return this.element.timeout;
  }

  /** CSP nonce for the script tag the element injects. */
  @Input() set nonce(value: BanqCheckout['nonce']) {
    this.element.nonce = value;
  }
  get nonce(): BanqCheckout['nonce'] {
    return this.element.nonce;
  }

  /** Replaces the built-in POST to `backendUrl`: `(request, {signal}) => Promise<url>`. */
  @Input() set getPaymentLink(value: BanqCheckout['getPaymentLink']) {
    this.element.getPaymentLink = value;
  }
  get getPaymentLink(): BanqCheckout['getPaymentLink'] {
    return this.element.getPaymentLink;
  }

  /** Extra headers for the backend request, such as a CSRF token. */
  @Input() set headers(value: BanqCheckout['headers']) {
    this.element.headers = value;
  }
  get headers(): BanqCheckout['headers'] {
    return this.element.headers;
  }

  /** Sent to the backend as `metadata`, such as the customer id. */
  @Input() set metadata(value: BanqCheckout['metadata']) {
    this.element.metadata = value;
  }
  get metadata(): BanqCheckout['metadata'] {
    return this.element.metadata;
  }

  /** The element's own words, for another language: `{loading, unavailable, retry, paid}`. */
  @Input() set strings(value: BanqCheckout['strings']) {
    this.element.strings = value;
  }
  get strings(): BanqCheckout['strings'] {
    return this.element.strings;
  }
}
