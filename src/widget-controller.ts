import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { widgetProblem } from './configuration.js';
import { BanqCheckoutError } from './errors.js';
import { loadWidgetScript } from './script-loader.js';
import type { BanqWidget, BanqWidgetOptions } from './types.js';

/** What the controller reads from its element. */
export interface WidgetHost extends ReactiveControllerHost, HTMLElement {
  scriptSrc: string;
  timeout: number;
}

/** The element's side of banq's callbacks; each reaches it only from the widget still up. */
export type WidgetCallbacks = Required<Omit<BanqWidgetOptions, 'selector'>>;

/** What the controller tells its element: the widget is loading, ready, or failed. */
export type WidgetStatusListener = (
  status: 'loading' | 'ready' | 'error',
  error?: BanqCheckoutError,
) => void;

/** Page-unique ids for mount nodes, shared by every element on the page. */
let mounts = 0;

/**
 * Owns one instance of banq's widget: loads the script, renders the mount node
 * in the host's light DOM (banq finds it with a document-level selector),
 * creates the widget, and tears it all down again. Connecting bootstraps in
 * the next update (once frameworks have set their properties), disconnecting destroys; a change of `scriptSrc`
 * re-bootstraps.
 */
export class WidgetController implements ReactiveController {
  #widget?: BanqWidget;
  #mount?: HTMLElement;
  /** The `scriptSrc` of the last bootstrap; null (set on connection) asks for one in the next update. */
  #src?: string | null = null;
  /** Bumped by every bootstrap and teardown, so a superseded load stops where it is. */
  #run = 0;

  readonly #host: WidgetHost;
  readonly #options: WidgetCallbacks;
  readonly #onStatus: WidgetStatusListener;

  constructor(host: WidgetHost, options: WidgetCallbacks, onStatus: WidgetStatusListener) {
    (this.#host = host).addController(this);
    this.#options = options;
    this.#onStatus = onStatus;
  }

  hostConnected(): void {
    this.#src = null;
    this.#host.requestUpdate();
  }

  // Before the host renders, so the `loading` state is part of the same update.
  hostUpdate(): void {
    if (this.#src !== this.#host.scriptSrc) void this.bootstrap();
  }

  hostDisconnected(): void {
    this.teardown();
  }

  /** (Re)creates the widget; resolves once it is ready or has failed (reported to the host). */
  async bootstrap(): Promise<void> {
    this.teardown();
    const run = this.#run;
    const host = this.#host;
    const onStatus = this.#onStatus;
    const src = (this.#src = host.scriptSrc);
    const problem = widgetProblem(host);
    if (problem) {
      onStatus('error', new BanqCheckoutError('config', problem));
      return;
    }
    onStatus('loading');
    let Widget;
    try {
      Widget = await loadWidgetScript(src, host.nonce, host.timeout);
    } catch (error) {
      if (run === this.#run) onStatus('error', error as BanqCheckoutError);
      return;
    }
    if (run !== this.#run) return;
    const mount = (this.#mount = document.createElement('div'));
    mount.id = `banq-checkout-${++mounts}`;
    mount.slot = 'widget';
    host.append(mount);
    // banq may still call a widget it was told to destroy: such calls go nowhere (and a
    // getPaymentInfo never settles, so no link is asked for).
    const options = { selector: `#${mount.id}` } as BanqWidgetOptions;
    for (const [name, callback] of Object.entries(this.#options))
      options[name as keyof WidgetCallbacks] = (() =>
        run === this.#run ? callback() : new Promise(() => {})) as () => Promise<never>;
    try {
      this.#widget = new Widget(options);
      this.#widget.bootstrapApp();
    } catch (error) {
      this.teardown();
      onStatus(
        'error',
        new BanqCheckoutError(
          'script',
          `banq's widget failed to start: ${(error as Error).message}`,
          {
            cause: error,
          },
        ),
      );
      return;
    }
    onStatus('ready');
  }

  /** Destroys the widget and its mount node, and stops a bootstrap under way. */
  teardown(): void {
    this.#run++;
    try {
      this.#widget?.destroyWidget();
    } catch {
      // banq's widget failed to clean up after itself; its mount node goes below all the same.
    }
    this.#mount?.remove();
    this.#widget = this.#mount = undefined;
  }
}
