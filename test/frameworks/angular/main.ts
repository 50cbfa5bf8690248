/**
 * Boots the test page as an app would (`bootstrapApplication`, zoneless: Angular 21's default,
 * no zone.js loaded), and hands test/node/angular.test.ts what it checks: each call of the
 * README component's `onSuccess`, and the page's component.
 */
import { bootstrapApplication } from '@angular/platform-browser';
import type { BanqSuccessDetail } from 'banq-checkout';
import { CheckoutComponent } from './checkout.component.js';
import { TestPageComponent } from './test-page.component.js';

declare global {
  interface Window {
    /** Set once the app has started, or failed to. */
    angularTest: Promise<{ page: TestPageComponent; successes: BanqSuccessDetail[] }>;
  }
}

const successes: BanqSuccessDetail[] = [];
// eslint-disable-next-line @typescript-eslint/unbound-method -- called with its `this` below
const onSuccess = CheckoutComponent.prototype.onSuccess;
CheckoutComponent.prototype.onSuccess = function (this: CheckoutComponent, paid) {
  successes.push(paid);
  onSuccess.call(this, paid);
};

window.angularTest = bootstrapApplication(TestPageComponent).then((app) => ({
  page: app.components[0].instance as TestPageComponent,
  successes,
}));
