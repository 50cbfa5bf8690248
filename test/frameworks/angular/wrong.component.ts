/**
 * Bindings strict templates must reject, one per line, each marked with the diagnostic
 * test/node/angular.test.ts expects on that line: this file must not compile. Under
 * CUSTOM_ELEMENTS_SCHEMA every one of them passed.
 */
import { Component } from '@angular/core';
import type { BanqErrorDetail, BanqSuccessDetail } from 'banq-checkout';
import { BanqCheckoutDirective } from 'banq-checkout/angular';

@Component({
  selector: 'app-wrong',
  imports: [BanqCheckoutDirective],
  template: `
    <banq-checkout
      [funds]="'abc'"
      [orderId]="42"
      [fundz]="2"
      funds="2"
      [metadata]="'c-7'"
      [getPaymentLink]="'/link'"
      (banqSuccess)="onError($event.detail)"
      (banqError)="onSuccess($event.detail)"
      (banq-success)="onError($event.detail)"
      (banqSucess)="onSuccess($event.detail)"
      #checkout="banqCheckOut"
    ></banq-checkout>
  `,
})
export class WrongComponent {
  onSuccess(paid: BanqSuccessDetail): string {
    return paid.orderId;
  }

  onError(problem: BanqErrorDetail): string {
    return problem.message;
  }
}
