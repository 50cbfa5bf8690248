/**
 * Angular 21 with `banq-checkout/angular`'s `BanqCheckoutDirective` (src/frameworks/angular.ts):
 * the checkout suite through `[input]` bindings and `(banqSuccess)`-style outputs, and through
 * `(banq-success)` DOM event bindings beside the directive. The components here are compiled
 * in the browser by Angular's JIT compiler (hence `@angular/compiler`), from the decorators
 * esbuild keeps; test/node/angular.test.ts compiles and runs the AOT build of the example.
 * Zoneless, Angular 21's default: no zone.js on the page.
 */
import '@angular/compiler';
import { Component, InjectionToken, VERSION, inject, type Type } from '@angular/core';
import { createApplication } from '@angular/platform-browser';
import { expect } from '@open-wc/testing';
import type { BanqCheckout as BanqCheckoutElement } from '../../src/index.js';
import { BanqCheckoutDirective } from '../../src/frameworks/angular.js';
import {
  checkoutSuite,
  type BanqHandlers,
  type CheckoutProps,
  type Mount,
} from './checkout-suite.js';

/** What a test host component holds: the props its template binds, and the handlers. */
interface Host {
  p: CheckoutProps;
  on: BanqHandlers;
}

/** The mount's first props and its handlers, which the host takes when Angular creates it. */
const MOUNT = new InjectionToken<{ props: CheckoutProps; on: BanqHandlers }>('mount');

const inputs = `
  [orderId]="p.orderId"
  [funds]="p.funds"
  [backendUrl]="p.backendUrl"
  [scriptSrc]="p.scriptSrc"
  [comment]="p.comment"
  [metadata]="p.metadata"`;

/** Boots `component` (a fresh application per mount) into `container`, with props and handlers. */
function angularMount(component: Type<Host>): Mount {
  return async (container, props, on) => {
    const app = await createApplication({
      providers: [{ provide: MOUNT, useValue: { props, on } }],
    });
    const hostElement = document.createElement('div');
    container.append(hostElement);
    const ref = app.bootstrap(component, hostElement);
    const el = container.querySelector<BanqCheckoutElement>('banq-checkout');
    if (!el) throw new Error('Angular rendered no <banq-checkout>');
    return {
      el,
      rerender: async (next) => {
        ref.instance.p = next;
        ref.changeDetectorRef.detectChanges();
      },
      unmount: () => {
        app.destroy();
      },
    };
  };
}

@Component({
  selector: 'outputs-host',
  imports: [BanqCheckoutDirective],
  template: `<banq-checkout
    ${inputs}
    (banqReady)="on['banq-ready']($event)"
    (banqSuccess)="on['banq-success']($event)"
    (banqClose)="on['banq-close']($event)"
    (banqDestroy)="on['banq-destroy']($event)"
    (banqError)="on['banq-error']($event)"
  ></banq-checkout>`,
})
class OutputsHost implements Host {
  p = inject(MOUNT).props;
  on = inject(MOUNT).on;
}

@Component({
  selector: 'events-host',
  imports: [BanqCheckoutDirective],
  template: `<banq-checkout
    ${inputs}
    (banq-ready)="on['banq-ready']($event)"
    (banq-success)="on['banq-success']($event)"
    (banq-close)="on['banq-close']($event)"
    (banq-destroy)="on['banq-destroy']($event)"
    (banq-error)="on['banq-error']($event)"
  ></banq-checkout>`,
})
class EventsHost implements Host {
  p = inject(MOUNT).props;
  on = inject(MOUNT).on;
}

describe('Angular', () => {
  it('is the Angular under test', () => {
    expect(VERSION.major).to.equal('21');
  });

  describe('BanqCheckoutDirective: [inputs] and (banqSuccess)-style outputs', () => {
    checkoutSuite(angularMount(OutputsHost));
  });

  describe('BanqCheckoutDirective: [inputs] and (banq-success)-style DOM events', () => {
    checkoutSuite(angularMount(EventsHost));
  });
});
