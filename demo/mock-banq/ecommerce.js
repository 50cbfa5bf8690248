/*
 * Stand-in for banq's checkout widget script,
 *   https://sandbox.banq.com/widget/ecommerce.js
 * which cannot be reached from here. It is a classic (non-module) script with no
 * dependencies and no build step, used by the demo page and by tests.
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
 * Assumed (not documented by banq, so invented here): the look of the button
 * (240x48 px, navy with a teal mark) and of the pop-up; the pop-up's contents
 * (title "banq checkout", a decorative QR-like pattern, the payment link, a
 * "Pay now" button standing in for banq's real authentication + payment flow, and
 * a close button); Escape closes the pop-up; destroyWidget() does not call
 * onPopUpClose(); a failed or empty getPaymentInfo() re-enables the button with a
 * console.warn; a link that is not http(s) is refused the same way; merchant
 * callbacks that throw are caught and logged.
 *
 * Hooks for tests and the demo (markup details are not banq's API either):
 *   - button: `.banq-w-button` (inside `.banq-w-root`, inside the container);
 *     `aria-busy="true"` and disabled while getPaymentInfo() is in flight or the
 *     pop-up is open;
 *   - pop-up: `[data-banq-popup]` appended to document.body, with
 *     `[role="dialog"]`, `a[data-banq-link]`, `[data-banq-action="pay"]` and
 *     `[data-banq-action="close"]`;
 *   - styles: one `<style id="banq-widget-styles">` in document.head, classes `banq-w-*`;
 *   - `window.ecommerceBanqWidget.liveInstances`: NOT part of banq's API. The number
 *     of instances that have been bootstrapped and not destroyed since, to check
 *     that an integration cleans up after itself.
 */
(() => {
  'use strict';

  const BRAND = Symbol.for('banq-checkout.mock-ecommerce-widget');
  // Loaded twice: keep the first definition, so `liveInstances` stays one count.
  if (window.ecommerceBanqWidget && window.ecommerceBanqWidget[BRAND]) return;

  const STYLE_ID = 'banq-widget-styles';
  const LABEL = 'Pay with banq';
  const BUSY_LABEL = 'Connecting to banq…';
  let liveInstances = 0;

  const LOGO =
    '<svg class="banq-w-logo" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">' +
    '<rect width="24" height="24" rx="7" fill="#1fc8b4"/>' +
    '<path d="M8.5 5.5v13h4.25a4.25 4.25 0 0 0 0-8.5H8.5" fill="none" stroke="#0a1f3d" ' +
    'stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round"/></svg>';

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
    '.banq-w-card{position:relative;width:100%;max-width:360px;max-height:calc(100vh - 32px);overflow:auto;' +
      'background:#fff;border-radius:18px;padding:22px 24px 24px;' +
      'box-shadow:0 24px 60px -12px rgba(6,17,36,.5),0 0 0 1px rgba(10,31,61,.06);' +
      'animation:banq-w-pop .18s cubic-bezier(.2,.9,.3,1.2)}',
    '.banq-w-head{display:flex;align-items:center;gap:10px;margin:0 36px 18px 0}',
    '.banq-w-title{margin:0;font-size:17px;font-weight:700;letter-spacing:-.01em;color:#0a1f3d}',
    '.banq-w-badge{margin-left:auto;font-size:11px;font-weight:600;text-transform:uppercase;' +
      'letter-spacing:.06em;color:#0b7d70;background:#e3f8f5;border-radius:999px;padding:3px 8px}',
    '.banq-w-close{all:unset;position:absolute;top:14px;right:14px;width:32px;height:32px;' +
      'display:flex;align-items:center;justify-content:center;border-radius:50%;cursor:pointer;' +
      'font:400 24px/1 system-ui,sans-serif;color:#5b6b82}',
    '.banq-w-close:hover{background:#f0f3f8;color:#0a1f3d}',
    '.banq-w-close:focus-visible{outline:3px solid #1fc8b4;outline-offset:1px}',
    '.banq-w-qr{display:block;width:176px;height:176px;margin:0 auto 14px;padding:10px;' +
      'border-radius:14px;background:#fff;box-shadow:inset 0 0 0 1px #dfe5ee}',
    '.banq-w-qr svg{display:block;width:100%;height:100%}',
    '.banq-w-text{margin:0 0 6px;text-align:center;font-size:14px;color:#3d4d66}',
    '.banq-w-link{display:block;margin:0 0 18px;text-align:center;font-size:12.5px;color:#0b7d70;' +
      'overflow:hidden;text-overflow:ellipsis;white-space:nowrap;text-decoration:underline;' +
      'text-underline-offset:2px}',
    '.banq-w-link:hover{color:#085e55}',
    '.banq-w-pay{all:unset;box-sizing:border-box;display:flex;width:100%;height:46px;' +
      'align-items:center;justify-content:center;border-radius:12px;cursor:pointer;' +
      'background:#1fc8b4;color:#06213a;font:700 16px/1 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;' +
      'transition:background .15s ease}',
    '.banq-w-pay:hover{background:#19b3a1}',
    '.banq-w-pay:focus-visible{outline:3px solid #0a1f3d;outline-offset:2px}',
    '.banq-w-scan{all:unset;box-sizing:border-box;display:block;width:100%;margin-top:10px;' +
      'padding:8px;border-radius:10px;text-align:center;cursor:pointer;color:#0b7d70;' +
      'font:600 13.5px/1.3 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}',
    '.banq-w-scan:hover{background:#eefaf8}',
    '.banq-w-scan:focus-visible{outline:3px solid #1fc8b4;outline-offset:2px}',
    '.banq-w-scan:disabled{cursor:default;color:#3d4d66;background:#f3f6f9}',
    '.banq-w-foot{margin:12px 0 0;text-align:center;font-size:11.5px;color:#8391a7}',
    '@keyframes banq-w-fade{from{opacity:0}}',
    '@keyframes banq-w-pop{from{opacity:0;transform:translateY(8px) scale(.97)}}',
    '@media (prefers-reduced-motion:reduce){.banq-w-backdrop,.banq-w-card{animation:none}' +
      '.banq-w-spinner{animation-duration:2s}}',
  ].join('\n');

  function ensureStyles() {
    if (document.getElementById(STYLE_ID)) return;
    const style = document.createElement('style');
    style.id = STYLE_ID;
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

  // A decorative QR-like pattern, derived from the link so each link looks different.
  // It is not a scannable QR code.
  function qrSvg(text) {
    const n = 25;
    let seed = 2166136261;
    for (let i = 0; i < text.length; i++) {
      seed ^= text.charCodeAt(i);
      seed = Math.imul(seed, 16777619) >>> 0;
    }
    function next() {
      seed ^= seed << 13;
      seed >>>= 0;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      seed >>>= 0;
      return seed / 4294967296;
    }
    function inFinder(x, y) {
      return (x < 8 && y < 8) || (x >= n - 8 && y < 8) || (x < 8 && y >= n - 8);
    }
    let path = '';
    for (let y = 0; y < n; y++) {
      for (let x = 0; x < n; x++) {
        if (!inFinder(x, y) && next() < 0.48) path += 'M' + x + ' ' + y + 'h1v1h-1z';
      }
    }
    let finders = '';
    for (const p of [
      [0, 0],
      [n - 7, 0],
      [0, n - 7],
    ]) {
      finders +=
        '<rect x="' +
        (p[0] + 0.5) +
        '" y="' +
        (p[1] + 0.5) +
        '" width="6" height="6" rx="1.2" ' +
        'fill="none" stroke="#0a1f3d" stroke-width="1"/>' +
        '<rect x="' +
        (p[0] + 2) +
        '" y="' +
        (p[1] + 2) +
        '" width="3" height="3" rx=".6" fill="#0a1f3d"/>';
    }
    const c = (n - 5) / 2;
    return (
      '<svg viewBox="0 0 ' +
      n +
      ' ' +
      n +
      '" shape-rendering="crispEdges" aria-hidden="true" focusable="false">' +
      '<path d="' +
      path +
      '" fill="#0a1f3d"/>' +
      finders +
      '<rect x="' +
      (c - 0.5) +
      '" y="' +
      (c - 0.5) +
      '" width="6" height="6" rx="1.5" fill="#fff"/>' +
      '<g transform="translate(' +
      c +
      ' ' +
      c +
      ') scale(.2083)" shape-rendering="auto">' +
      '<rect width="24" height="24" rx="7" fill="#1fc8b4"/>' +
      '<path d="M8.5 5.5v13h4.25a4.25 4.25 0 0 0 0-8.5H8.5" fill="none" stroke="#0a1f3d" ' +
      'stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round"/></g></svg>'
    );
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
      head.append(title, badge);

      const close = el('button', 'banq-w-close', {
        type: 'button',
        'data-banq-action': 'close',
        'aria-label': 'Close',
      });
      close.textContent = '×';

      const qr = el('div', 'banq-w-qr');
      qr.innerHTML = qrSvg(url);
      const text = el('p', 'banq-w-text');
      text.textContent = 'Scan with the banq app or pay here';
      const link = el('a', 'banq-w-link', {
        'data-banq-link': '',
        href: url,
        target: '_blank',
        rel: 'noopener',
      });
      link.textContent = url;
      const pay = el('button', 'banq-w-pay', { type: 'button', 'data-banq-action': 'pay' });
      pay.textContent = 'Pay now';
      // The shopper's phone, simulated: banq completes the payment on its side and the
      // widget is NOT told (the guide: onPaymentSuccess does not fire); the shop hears of
      // it through banq's webhook. POSTs to the link's `/scan`, which the demo's mock serves.
      const scan = el('button', 'banq-w-scan', { type: 'button', 'data-banq-action': 'scan' });
      scan.textContent = 'Simulate scanning with the banq app';
      const foot = el('p', 'banq-w-foot');
      foot.textContent = 'Secured by banq · stand-in widget';

      card.append(close, head, qr, text, link, pay, scan, foot);
      popup.append(backdrop, card);

      popup.addEventListener('click', (event) => {
        const target = event.target.closest ? event.target.closest('[data-banq-action]') : null;
        if (!target) return;
        const action = target.getAttribute('data-banq-action');
        if (action === 'pay') this._paid();
        else if (action === 'scan') this._scanWithApp(url, target);
        else this._closeByShopper();
      });

      this._popup = popup;
      document.body.appendChild(popup);
      document.addEventListener('keydown', this._onKeyDown, true);
      pay.focus({ preventScroll: true });
    }

    _handleKeyDown(event) {
      if (!this._popup) return;
      if (event.key === 'Escape') {
        event.stopPropagation();
        this._closeByShopper();
      } else if (event.key === 'Tab') {
        // Keep focus inside the dialog.
        const focusable = this._popup.querySelectorAll('button, a[href]');
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
      this._popup.remove();
      this._popup = null;
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

    _scanWithApp(url, button) {
      const scanUrl = new URL(url, document.baseURI);
      scanUrl.pathname = scanUrl.pathname.replace(/\/?$/, '/scan');
      button.disabled = true;
      button.textContent = 'Paid in the banq app: waiting for the shop to confirm…';
      fetch(scanUrl, { method: 'POST' })
        .then((response) => {
          if (!response.ok) throw new Error('answered ' + response.status);
        })
        .catch((error) => {
          console.warn('ecommerceBanqWidget: the simulated banq app could not pay', error);
          button.disabled = false;
          button.textContent = 'Simulate scanning with the banq app';
        });
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
})();
