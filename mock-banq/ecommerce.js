/*
 * Stand-in for banq's checkout widget script,
 *   https://sandbox.banq.com/widget/ecommerce.js
 * which cannot be reached from here. It is a classic (non-module) script with no
 * dependencies and no build step, used by the demo page and by tests, and served by the
 * mock of banq (./widget.ts) at `/mock-banq/widget/ecommerce.js`.
 *
 * Faithful to banq's "Dynamic Integration" guide (the only public description):
 *   - a classic <script> that defines `window.ecommerceBanqWidget`;
 *   - `new window.ecommerceBanqWidget({ selector, getPaymentInfo, onPopUpClose, onPaymentSuccess })`;
 *   - `app.bootstrapApp()` renders a "pay with banq" button into the element that
 *     `document.querySelector(selector)` finds (a document-level selector, so the
 *     container must be in the light DOM of the document);
 *   - clicking the button calls `getPaymentInfo()`, which returns a Promise of the
 *     payment link URL (built by the merchant's backend via /payments/get-paid-link);
 *   - the payment then happens in a pop-up: `onPaymentSuccess()` fires when it is
 *     paid in the pop-up, `onPopUpClose()` when the shopper closes it. A payment
 *     made by scanning the QR code in the banq app fires neither (the merchant has
 *     to learn of it from banq's webhook, pushed to the page e.g. by SSE);
 *   - `app.destroyWidget()` force-closes the widget.
 *
 * Assumed (not documented by banq, so invented here; the protocol with the hosted page is in
 * server/src/banq-contract.ts): the look of the button (240x48 px, navy with a teal mark) and of the
 * pop-up; the pop-up shows the payment link, banq's hosted payment page, in an <iframe>
 * (which offers "Pay here" and the QR code for the banq app), with `origin=<window.origin>`
 * added to the link so that the page lets only this page frame it (`frame-ancestors`) and
 * tells only it; the page reports a payment made in it with
 * `parent.postMessage({type: 'banq:payment-success', paymentId}, <this page's origin>)`, which
 * the widget accepts only from its own iframe and the link's origin, then closes the pop-up and
 * calls onPaymentSuccess(); Escape closes the pop-up (while focus is outside the iframe);
 * destroyWidget() does not call onPopUpClose(); a failed or empty getPaymentInfo()
 * re-enables the button with a console.warn; a link that is not http(s) is refused the same
 * way; merchant callbacks that throw are caught and logged.
 *
 * Hooks for tests and the demo (markup details are not banq's API either):
 *   - button: `.banq-w-button` (inside `.banq-w-root`, inside the container);
 *     `aria-busy="true"` and disabled while getPaymentInfo() is in flight or the
 *     pop-up is open;
 *   - pop-up: `[data-banq-popup]` appended to document.body, with `[role="dialog"]`,
 *     `iframe[data-banq-frame]` (src = the link with `origin=`), `a[data-banq-link]`
 *     ("Open in a new tab", href = the link as given)
 *     and `[data-banq-action="close"]`;
 *   - styles: one `<style id="banq-widget-styles">` in document.head, classes `banq-w-*`;
 *   - Content-Security-Policy: the style takes the nonce of the `<script>` that loaded this
 *     file (`document.currentScript.nonce`, read as the script starts; none without one), so a
 *     page that allows scripts by nonce allows it with `style-src 'nonce-…'`. Nothing else it
 *     adds needs a nonce: no inline scripts, no `style="…"` attributes (style-src-attr), no
 *     requests of its own; the pop-up's iframe needs `frame-src <the link's origin>`. What
 *     real banq is ASSUMED to need: "widget under a CSP" in server/src/banq-contract.ts;
 *   - `window.ecommerceBanqWidget.liveInstances`: NOT part of banq's API. The number
 *     of instances that have been bootstrapped and not destroyed since, to check
 *     that an integration cleans up after itself.
 */
// The file's first statement, so that the whole script is strict: the block below keeps its
// function declarations to itself only in strict mode.
'use strict';

// Loaded twice: keep the first definition, so `liveInstances` stays one count. A block, not a
// function: in strict mode its declarations stay inside it, out of the page's globals.
if (!window.ecommerceBanqWidget?.[Symbol.for('banq-checkout.mock-ecommerce-widget')]) {
  const BRAND = Symbol.for('banq-checkout.mock-ecommerce-widget');

  // The nonce of the <script> that loaded this file, for the <style> it injects. Read now:
  // document.currentScript is null once this first run is over. '' when it has none.
  const NONCE = document.currentScript?.nonce ?? '';
  const STYLE_ID = 'banq-widget-styles';
  const LABEL = 'Pay with banq';
  const BUSY_LABEL = 'Connecting to banq…';
  let liveInstances = 0;

  const LOGO =
    '<svg class="banq-w-logo" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">' +
    '<rect width="24" height="24" rx="7" fill="#1fc8b4"/>' +
    '<path d="M8.5 5.5v13h4.25a4.25 4.25 0 0 0 0-8.5H8.5" fill="none" stroke="#0a1f3d" ' +
    'stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round"/></svg>';
  const LOCK =
    '<svg viewBox="0 0 16 16" width="13" height="13" aria-hidden="true" focusable="false">' +
    '<rect x="3" y="7" width="10" height="7.5" rx="1.6" fill="currentColor"/>' +
    '<path d="M5.2 7V5.2a2.8 2.8 0 0 1 5.6 0V7" fill="none" stroke="currentColor" stroke-width="1.6"/></svg>';
  const EXTERNAL =
    '<svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">' +
    '<path d="M9 3h4v4M13 3 7.5 8.5M11 9.5V13H3V5h3.5" fill="none" stroke="currentColor" ' +
    'stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round"/></svg>';
  // ASSUMED (see server/src/banq-contract.ts, PAYMENT_SUCCESS_MESSAGE): what the hosted page posts on payment.
  const PAYMENT_SUCCESS_MESSAGE = 'banq:payment-success';
  // ASSUMED (see server/src/banq-contract.ts, HOSTED_PAGE_ORIGIN_PARAM): the query parameter
  // that tells the hosted page which origin frames it.
  const HOSTED_PAGE_ORIGIN_PARAM = 'origin';

  const CSS = [
    '.banq-w-root{display:inline-block;vertical-align:middle;line-height:0}',
    '.banq-w-button{all:unset;box-sizing:border-box;width:240px;height:48px;display:inline-flex;' +
      'align-items:center;justify-content:center;gap:10px;padding:0 18px;border-radius:12px;' +
      'background:linear-gradient(135deg,#0c2447 0%,#0a1f3d 55%,#0b3550 100%);color:#fff;' +
      'font:600 16px/1 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;' +
      'letter-spacing:.01em;white-space:nowrap;cursor:pointer;user-select:none;' +
      'box-shadow:0 1px 2px rgba(10,31,61,.25),0 6px 16px -6px rgba(10,31,61,.45);' +
      'transition:background .15s ease,box-shadow .15s ease,transform .1s ease}',
    '.banq-w-button:hover{background:linear-gradient(135deg,#10305c 0%,#0d2a52 55%,#0c4262 100%);' +
      'box-shadow:0 1px 2px rgba(10,31,61,.25),0 10px 22px -8px rgba(10,31,61,.55)}',
    '.banq-w-button:active{transform:translateY(1px)}',
    '.banq-w-button:focus-visible{outline:3px solid #1fc8b4;outline-offset:2px}',
    '.banq-w-button:disabled{cursor:progress;opacity:.88;transform:none}',
    '.banq-w-logo{flex:none;display:block;width:24px;height:24px}',
    '.banq-w-label b{font-weight:800;letter-spacing:-.01em}',
    '.banq-w-spinner{flex:none;box-sizing:border-box;width:20px;height:20px;border-radius:50%;' +
      'border:2.5px solid rgba(255,255,255,.3);border-top-color:#1fc8b4;' +
      'animation:banq-w-spin .8s linear infinite}',
    '@keyframes banq-w-spin{to{transform:rotate(360deg)}}',
    '.banq-w-popup{position:fixed;inset:0;z-index:2147483000;display:flex;align-items:center;' +
      'justify-content:center;padding:16px;box-sizing:border-box;' +
      'font:400 15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;' +
      'color:#0a1f3d;text-align:left}',
    '.banq-w-popup *,.banq-w-popup *::before,.banq-w-popup *::after{box-sizing:border-box}',
    '.banq-w-backdrop{position:absolute;inset:0;background:rgba(6,17,36,.62);' +
      '-webkit-backdrop-filter:blur(3px);backdrop-filter:blur(3px);animation:banq-w-fade .16s ease-out}',
    '.banq-w-card{position:relative;display:flex;flex-direction:column;width:100%;max-width:440px;' +
      'height:min(780px,calc(100vh - 32px));background:#fff;border-radius:18px;overflow:hidden;' +
      'box-shadow:0 24px 60px -12px rgba(6,17,36,.5),0 0 0 1px rgba(10,31,61,.06);' +
      'animation:banq-w-pop .18s cubic-bezier(.2,.9,.3,1.2)}',
    '.banq-w-head{flex:none;display:flex;align-items:center;gap:10px;height:56px;padding:0 10px 0 18px;' +
      'border-bottom:1px solid #e6ebf2}',
    '.banq-w-title{margin:0;font-size:16px;font-weight:700;letter-spacing:-.01em;color:#0a1f3d}',
    '.banq-w-badge{font-size:10.5px;font-weight:700;text-transform:uppercase;' +
      'letter-spacing:.06em;color:#0b7d70;background:#e3f8f5;border-radius:999px;padding:3px 8px}',
    '.banq-w-close{all:unset;margin-left:auto;width:36px;height:36px;flex:none;' +
      'display:flex;align-items:center;justify-content:center;border-radius:50%;cursor:pointer;' +
      'font:400 26px/1 system-ui,sans-serif;color:#5b6b82}',
    '.banq-w-close:hover{background:#f0f3f8;color:#0a1f3d}',
    '.banq-w-close:focus-visible{outline:3px solid #1fc8b4;outline-offset:1px}',
    '.banq-w-body{position:relative;flex:1;min-height:0;background:#f6f8fb}',
    '.banq-w-frame{display:block;width:100%;height:100%;border:0;background:transparent;' +
      'opacity:0;transition:opacity .2s ease}',
    '.banq-w-body--loaded .banq-w-frame{opacity:1}',
    '.banq-w-loading{position:absolute;inset:0;display:flex;flex-direction:column;align-items:center;' +
      'justify-content:center;gap:12px;font-size:13.5px;color:#5b6b82}',
    '.banq-w-body--loaded .banq-w-loading{display:none}',
    '.banq-w-spinner--dark{width:26px;height:26px;border-color:rgba(10,31,61,.14);border-top-color:#1fc8b4}',
    '.banq-w-foot{flex:none;display:flex;align-items:center;justify-content:space-between;gap:12px;' +
      'height:40px;padding:0 16px;border-top:1px solid #e6ebf2;font-size:12px;color:#6b7a91}',
    '.banq-w-address{display:inline-flex;align-items:center;gap:6px;min-width:0;overflow:hidden;' +
      'white-space:nowrap;text-overflow:ellipsis}',
    '.banq-w-address svg{flex:none;color:#0b7d70}',
    '.banq-w-link{flex:none;display:inline-flex;align-items:center;gap:4px;color:#0b7d70;font-weight:600;' +
      'text-decoration:none}',
    '.banq-w-link:hover{color:#085e55;text-decoration:underline;text-underline-offset:2px}',
    '.banq-w-link:focus-visible{outline:3px solid #1fc8b4;outline-offset:2px;border-radius:4px}',
    '@media (max-width:520px){.banq-w-popup{padding:12px 0 0;align-items:flex-end}' +
      '.banq-w-card{max-width:none;height:100%;border-radius:18px 18px 0 0;' +
      'animation:banq-w-sheet .24s cubic-bezier(.2,.9,.3,1)}}',
    '@keyframes banq-w-sheet{from{transform:translateY(40px);opacity:0}}',
    '@keyframes banq-w-fade{from{opacity:0}}',
    '@keyframes banq-w-pop{from{opacity:0;transform:translateY(8px) scale(.97)}}',
    '@media (prefers-reduced-motion:reduce){.banq-w-backdrop,.banq-w-card{animation:none}' +
      '.banq-w-frame{transition:none}' +
      '.banq-w-spinner{animation-duration:2s}}',
  ].join('\n');

  function ensureStyles() {
    if (document.getElementById(STYLE_ID)) return;
    const style = document.createElement('style');
    style.id = STYLE_ID;
    // The property, not the attribute: the nonce stays out of the DOM, as the browser keeps it.
    if (NONCE) style.nonce = NONCE;
    style.textContent = CSS;
    (document.head || document.documentElement).appendChild(style);
  }

  function safeCall(name, fn) {
    if (typeof fn !== 'function') return;
    try {
      fn();
    } catch (error) {
      console.error('ecommerceBanqWidget: ' + name + ' threw', error);
    }
  }

  function el(tag, className, attrs) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (attrs) {
      for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
    }
    return node;
  }

  class EcommerceBanqWidget {
    /**
     * @param {{selector: string, getPaymentInfo: () => Promise<string>,
     *          onPopUpClose?: () => void, onPaymentSuccess?: () => void}} options
     */
    constructor(options) {
      if (!options || typeof options !== 'object') {
        throw new TypeError('ecommerceBanqWidget: expected an options object');
      }
      const selector = options.selector;
      if (typeof selector !== 'string' || selector.trim() === '') {
        throw new TypeError(
          'ecommerceBanqWidget: "selector" must be a non-empty CSS selector string',
        );
      }
      if (typeof options.getPaymentInfo !== 'function') {
        throw new TypeError(
          'ecommerceBanqWidget: "getPaymentInfo" must be a function returning a Promise of the payment link',
        );
      }
      for (const name of ['onPopUpClose', 'onPaymentSuccess']) {
        const cb = options[name];
        if (cb != null && typeof cb !== 'function') {
          throw new TypeError('ecommerceBanqWidget: "' + name + '" must be a function when given');
        }
      }
      this._selector = selector;
      this._getPaymentInfo = options.getPaymentInfo;
      this._onPopUpClose = options.onPopUpClose;
      this._onPaymentSuccess = options.onPaymentSuccess;
      this._live = false; // bootstrapped and not destroyed
      this._root = null;
      this._button = null;
      this._popup = null;
      this._busy = false;
      this._request = 0; // bumped to invalidate an in-flight getPaymentInfo()
      this._onClick = this._handleClick.bind(this);
      this._onKeyDown = this._handleKeyDown.bind(this);
      this._onMessage = this._handleMessage.bind(this);
      this._frame = null; // the popup's iframe showing the payment link
      this._frameOrigin = null;
    }

    bootstrapApp() {
      const container = document.querySelector(this._selector);
      if (!container) {
        throw new Error('ecommerceBanqWidget: no element matches "' + this._selector + '"');
      }
      if (this._live) {
        // Already rendered: never a second button. If our button was taken out of the
        // document, move it into the element the selector matches now.
        if (this._root.parentNode !== container) container.appendChild(this._root);
        return;
      }
      ensureStyles();
      const root = el('div', 'banq-w-root');
      const button = el('button', 'banq-w-button', { type: 'button' });
      button.addEventListener('click', this._onClick);
      root.appendChild(button);
      container.appendChild(root);
      this._root = root;
      this._button = button;
      this._busy = false;
      this._live = true;
      liveInstances++;
      this._setButtonBusy(false);
    }

    destroyWidget() {
      this._request++;
      this._removePopup();
      if (!this._live) return;
      this._live = false;
      liveInstances--;
      this._button.removeEventListener('click', this._onClick);
      this._root.remove();
      this._root = null;
      this._button = null;
      this._busy = false;
    }

    _setButtonBusy(busy) {
      const button = this._button;
      if (!button) return;
      button.disabled = busy;
      if (busy) {
        button.setAttribute('aria-busy', 'true');
        button.innerHTML = '<span class="banq-w-spinner" aria-hidden="true"></span>';
        const label = el('span', 'banq-w-label');
        label.textContent = BUSY_LABEL;
        button.appendChild(label);
      } else {
        button.removeAttribute('aria-busy');
        button.innerHTML = LOGO + '<span class="banq-w-label">Pay with <b>banq</b></span>';
      }
      button.setAttribute('aria-label', busy ? BUSY_LABEL : LABEL);
    }

    _handleClick() {
      if (!this._live || this._busy || this._popup) return;
      this._busy = true;
      this._setButtonBusy(true);
      const request = ++this._request;
      let pending;
      try {
        pending = Promise.resolve(this._getPaymentInfo());
      } catch (error) {
        pending = Promise.reject(error);
      }
      pending.then(
        (url) => {
          if (request !== this._request || !this._live) return; // destroyed meanwhile
          const problem = checkLink(url);
          if (problem) {
            this._fail(problem, url);
            return;
          }
          this._openPopup(url);
        },
        (error) => {
          if (request !== this._request || !this._live) return;
          this._fail('getPaymentInfo() rejected', error);
        },
      );
    }

    _fail(message, value) {
      this._busy = false;
      this._setButtonBusy(false);
      console.warn('ecommerceBanqWidget: ' + message, value);
    }

    _openPopup(url) {
      const link = new URL(url, document.baseURI);
      const popup = el('div', 'banq-w-popup', { 'data-banq-popup': '' });
      const backdrop = el('div', 'banq-w-backdrop');
      const card = el('div', 'banq-w-card', {
        role: 'dialog',
        'aria-modal': 'true',
        'aria-label': 'banq checkout',
      });

      const head = el('div', 'banq-w-head');
      head.innerHTML = LOGO;
      const title = el('h2', 'banq-w-title');
      title.textContent = 'banq checkout';
      const badge = el('span', 'banq-w-badge');
      badge.textContent = 'Sandbox';
      const close = el('button', 'banq-w-close', {
        type: 'button',
        'data-banq-action': 'close',
        'aria-label': 'Close',
      });
      close.textContent = '×';
      head.append(title, badge, close);

      // banq's hosted payment page (the link) does the paying; it tells us by postMessage.
      // It lets only the origin named here frame it, and tells only that origin.
      const frameUrl = new URL(link.href);
      // window.origin: this document's origin (an about:blank page's is its creator's), which
      // is what the hosted page's frame-ancestors will compare.
      frameUrl.searchParams.set(HOSTED_PAGE_ORIGIN_PARAM, window.origin);
      const body = el('div', 'banq-w-body');
      const loading = el('div', 'banq-w-loading', { 'aria-hidden': 'true' });
      loading.innerHTML =
        '<span class="banq-w-spinner banq-w-spinner--dark"></span><span>Loading secure payment page…</span>';
      const frame = el('iframe', 'banq-w-frame', {
        'data-banq-frame': '',
        src: frameUrl.href,
        title: 'banq payment page',
        allow: 'payment',
      });
      frame.addEventListener('load', () => body.classList.add('banq-w-body--loaded'), {
        once: true,
      });
      body.append(loading, frame);

      const foot = el('div', 'banq-w-foot');
      const address = el('span', 'banq-w-address');
      address.innerHTML = LOCK;
      const host = el('span');
      host.textContent = link.host;
      address.appendChild(host);
      const open = el('a', 'banq-w-link', {
        'data-banq-link': '',
        href: url,
        target: '_blank',
        rel: 'noopener',
      });
      open.textContent = 'Open in a new tab';
      open.insertAdjacentHTML('beforeend', EXTERNAL);
      foot.append(address, open);

      card.append(head, body, foot);
      popup.append(backdrop, card);
      close.addEventListener('click', () => this._closeByShopper());

      this._popup = popup;
      this._frame = frame;
      this._frameOrigin = link.origin;
      document.body.appendChild(popup);
      document.addEventListener('keydown', this._onKeyDown, true);
      window.addEventListener('message', this._onMessage);
      close.focus({ preventScroll: true });
    }

    _handleMessage(event) {
      // Only our own frame, showing the link's origin, can say the payment went through.
      if (!this._frame || event.source !== this._frame.contentWindow) return;
      if (event.origin !== this._frameOrigin) return;
      const data = event.data;
      if (!data || typeof data !== 'object' || data.type !== PAYMENT_SUCCESS_MESSAGE) return;
      this._paid();
    }

    _handleKeyDown(event) {
      if (!this._popup) return;
      if (event.key === 'Escape') {
        event.stopPropagation();
        this._closeByShopper();
      } else if (event.key === 'Tab') {
        // Keep focus inside the dialog.
        const focusable = this._popup.querySelectorAll('button, iframe, a[href]');
        const first = focusable[0];
        const last = focusable[focusable.length - 1];
        const active = document.activeElement;
        if (!this._popup.contains(active)) {
          event.preventDefault();
          first.focus();
        } else if (event.shiftKey && active === first) {
          event.preventDefault();
          last.focus();
        } else if (!event.shiftKey && active === last) {
          event.preventDefault();
          first.focus();
        }
      }
    }

    _removePopup() {
      if (!this._popup) return false;
      document.removeEventListener('keydown', this._onKeyDown, true);
      window.removeEventListener('message', this._onMessage);
      this._popup.remove();
      this._popup = null;
      this._frame = null;
      this._frameOrigin = null;
      return true;
    }

    _endPopup() {
      if (!this._removePopup()) return false;
      this._busy = false;
      this._setButtonBusy(false);
      if (this._button && this._button.isConnected) this._button.focus({ preventScroll: true });
      return true;
    }

    _paid() {
      if (this._endPopup()) safeCall('onPaymentSuccess', this._onPaymentSuccess);
    }

    _closeByShopper() {
      if (this._endPopup()) safeCall('onPopUpClose', this._onPopUpClose);
    }

    /** Not part of banq's API: bootstrapped-and-not-destroyed instances (for tests). */
    static get liveInstances() {
      return liveInstances;
    }
  }

  function checkLink(url) {
    if (typeof url !== 'string' || url.trim() === '') {
      return 'getPaymentInfo() must resolve with the payment link (a non-empty string), got';
    }
    let parsed;
    try {
      parsed = new URL(url, document.baseURI);
    } catch {
      return 'getPaymentInfo() resolved with an invalid URL';
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      return 'getPaymentInfo() resolved with a non-http(s) URL';
    }
    return null;
  }

  Object.defineProperty(EcommerceBanqWidget, BRAND, { value: true });
  window.ecommerceBanqWidget = EcommerceBanqWidget;
}
