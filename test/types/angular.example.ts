/**
 * The README's Angular example, compiled against the typings by `npm run typecheck`:
 * with CUSTOM_ELEMENTS_SCHEMA, `(banq-success)="onSuccess($event)"`'s `$event` is the
 * DOM event Angular finds in the global event map, which the package types.
 */
import { Component, CUSTOM_ELEMENTS_SCHEMA } from '@angular/core';
import '../../src/index.js';

@Component({
  selector: 'app-checkout',
  standalone: true,
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <banq-checkout
      [orderId]="orderId"
      [funds]="funds"
      backend-url="/generate-payment-link"
      (banq-success)="onSuccess($event)"
      (banq-error)="onError($event)"
    ></banq-checkout>
  `,
})
export class CheckoutComponent {
  orderId = '009221';
  funds = 2;
  paidVia?: 'widget' | 'events';
  problem?: string;

  onSuccess(event: GlobalEventHandlersEventMap['banq-success']): void {
    this.paidVia = event.detail.source;
  }

  onError(event: GlobalEventHandlersEventMap['banq-error']): void {
    this.problem = `${event.detail.phase}: ${event.detail.message}`;
    // @ts-expect-error an error has no orderId
    void event.detail.orderId;
  }
}
