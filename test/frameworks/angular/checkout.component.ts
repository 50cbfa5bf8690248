/**
 * The README's Angular example, verbatim from `import` to the end of the class: compiled by
 * test/node/angular.test.ts with ngc and strict templates, then run in Chromium.
 */
import { Component } from '@angular/core';
import type { BanqSuccessDetail } from 'banq-checkout';
import { BanqCheckoutDirective } from 'banq-checkout/angular';

@Component({
  selector: 'app-checkout',
  imports: [BanqCheckoutDirective],
  template: `
    <banq-checkout
      backend-url="/generate-payment-link"
      [orderId]="orderId"
      [funds]="total"
      [metadata]="{ customerId: 'c-7' }"
      (banqSuccess)="onSuccess($event.detail)"
      (banqError)="problem = $event.detail.message"
    ></banq-checkout>
    @if (receipt) {
      <p>Paid: order {{ receipt }}</p>
    }
    @if (problem) {
      <p role="alert">{{ problem }}</p>
    }
  `,
})
export class CheckoutComponent {
  orderId = '009221';
  total = 2;
  receipt = '';
  problem = '';

  onSuccess(paid: BanqSuccessDetail): void {
    this.receipt = paid.orderId;
  }
}
