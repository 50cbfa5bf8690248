/**
 * The page test/node/angular.test.ts runs: the README's component, and a `<banq-checkout>`
 * bound through every input of the directive (so strict templates check each one's type)
 * and both ways of listening to an event, the output and the DOM event, each counted; and that
 * directive, for code holding it.
 */
import { Component, ViewChild } from '@angular/core';
import type { BanqCheckout, BanqDestroyDetail, PaymentLinkRequest } from 'banq-checkout';
import { BanqCheckoutDirective } from 'banq-checkout/angular';
import { CheckoutComponent } from './checkout.component.js';

@Component({
  selector: 'test-page',
  imports: [BanqCheckoutDirective, CheckoutComponent],
  template: `
    <app-checkout />
    <banq-checkout
      id="every-input"
      #checkout="banqCheckout"
      [scriptSrc]="scriptSrc"
      [backendUrl]="'/every-input-link'"
      [orderId]="'order-every'"
      [comment]="'Flat white'"
      [funds]="12.5"
      [frequency]="'monthly'"
      [startDate]="'2026-01-01'"
      [endDate]="'2026-12-01'"
      [eventsUrl]="'/every-input-events'"
      [timeout]="5000"
      [nonce]="'n0nce'"
      [getPaymentLink]="getPaymentLink"
      [headers]="headers"
      [metadata]="metadata"
      [strings]="strings"
      (banqDestroy)="destroyedViaOutput.push($event.detail)"
      (banq-destroy)="destroyedViaDom.push($event.detail)"
    ></banq-checkout>
    <output>{{ destroyedViaOutput.length }} {{ destroyedViaDom.length }}</output>
  `,
})
export class TestPageComponent {
  readonly scriptSrc: BanqCheckout['scriptSrc'] = 'https://sandbox.banq.com/widget/ecommerce.js';
  readonly getPaymentLink = (request: PaymentLinkRequest) =>
    Promise.resolve(`https://pay.example/${request.orderId}`);
  readonly headers = { 'X-CSRF-Token': 't0ken' };
  readonly metadata = { customerId: 'c-8' };
  readonly strings = { loading: 'Chargement' };
  readonly destroyedViaOutput: BanqDestroyDetail[] = [];
  readonly destroyedViaDom: BanqDestroyDetail[] = [];
  /** The directive on #every-input, as code that holds it reads and writes it. */
  @ViewChild('checkout') directive?: BanqCheckoutDirective;
}
