/**
 * The mock's hosted payment page: what a banq payment link opens, in the widget's popup
 * (an iframe) or in a tab of its own. One self-contained HTML document (inline CSS and
 * script under a CSP nonce, inline SVG, no external assets), mobile-first.
 *
 * Two ways to pay, as banq offers them:
 *   - "Pay here" (`[data-banq-action="pay"]`): completes the payment (`via: 'browser'`) and,
 *     when framed by the widget, tells it with `parent.postMessage({type: 'banq:payment-success',
 *     paymentId}, parentOrigin)`: only to the origin the widget named (HOSTED_PAGE_ORIGIN_PARAM),
 *     the one the page's `frame-ancestors` lets frame it, never to `'*'`;
 *   - "Scan with the banq app" (`[data-banq-action="scan"]`): a simulated phone scans the real
 *     QR code and approves (`via: 'app'`); the widget is NOT told.
 * A completed payment renders as paid, with no buttons.
 */
import qrcode from 'qrcode-generator';
import {
  CURRENCY,
  PAYMENT_STATUS,
  PAYMENT_SUCCESS_MESSAGE,
  type BanqPayment,
  type PaymentChannel,
  type PaymentFrequency,
} from '../server/src/banq-contract.js';

export interface PayPageInput {
  nonce: string;
  payment: BanqPayment;
  /** The payment link, encoded in the QR code. */
  link: string;
  /** Where the page POSTs `{via}` to complete the payment. */
  completeUrl: string;
  merchantName: string;
  paidVia?: PaymentChannel;
  /**
   * The serialised origin (already checked) allowed to frame the page, and the only one the
   * page tells of a payment. Without it the page cannot be framed and tells no one.
   */
  parentOrigin?: string;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  );

/** JSON safe inside a `<script>` element. */
const scriptJson = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028|\u2029/g, '');

const moneyFormat = new Intl.NumberFormat('en-US', { style: 'currency', currency: CURRENCY });
const dateFormat = new Intl.DateTimeFormat('en-US', {
  dateStyle: 'medium',
  timeZone: 'UTC',
});
const dateTimeFormat = new Intl.DateTimeFormat('en-US', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

const EVERY: Record<Exclude<PaymentFrequency, 'once'>, string> = {
  daily: 'Every day',
  weekly: 'Every week',
  biweekly: 'Every 2 weeks',
  monthly: 'Every month',
  quarterly: 'Every 3 months',
  yearly: 'Every year',
};

function schedule(payment: BanqPayment): string {
  const day = (iso: string) => dateFormat.format(new Date(`${iso}T00:00:00Z`));
  let text = payment.frequency === 'once' ? 'One-time payment' : EVERY[payment.frequency];
  if (payment.startDate) text += `, from ${day(payment.startDate)}`;
  if (payment.endDate) text += ` until ${day(payment.endDate)}`;
  return text;
}

function initials(name: string): string {
  const words = name.split(/\s+/).filter((w) => /^[\p{L}\p{N}]/u.test(w));
  return (
    words
      .slice(0, 2)
      .map((w) => w[0].toUpperCase())
      .join('') || '?'
  );
}

const LOGO_PATH =
  '<rect width="24" height="24" rx="7" fill="#1fc8b4"/>' +
  '<path d="M8.5 5.5v13h4.25a4.25 4.25 0 0 0 0-8.5H8.5" fill="none" stroke="#0a1f3d" ' +
  'stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round"/>';
const logo = (size: number, cls = '') =>
  `<svg class="${cls}" viewBox="0 0 24 24" width="${size}" height="${size}" aria-hidden="true" focusable="false">${LOGO_PATH}</svg>`;

const ICON = {
  lock: '<svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false"><rect x="3" y="7" width="10" height="7.5" rx="1.6" fill="currentColor"/><path d="M5.2 7V5.2a2.8 2.8 0 0 1 5.6 0V7" fill="none" stroke="currentColor" stroke-width="1.6"/></svg>',
  shield:
    '<svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false"><path d="M8 1.5 3 3.5v4c0 3.2 2.1 5.6 5 7 2.9-1.4 5-3.8 5-7v-4z" fill="none" stroke="currentColor" stroke-width="1.4" stroke-linejoin="round"/><path d="m5.8 8 1.6 1.6L10.4 6.6" fill="none" stroke="currentColor" stroke-width="1.4" stroke-linecap="round" stroke-linejoin="round"/></svg>',
  phone:
    '<svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false"><rect x="5" y="1.5" width="10" height="17" rx="2.4" fill="none" stroke="currentColor" stroke-width="1.6"/><path d="M8.5 15.5h3" stroke="currentColor" stroke-width="1.6" stroke-linecap="round"/></svg>',
  check:
    '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="m6.5 12.5 3.6 3.6L17.5 8.5" fill="none" stroke="currentColor" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round"/></svg>',
  verified:
    '<svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false"><circle cx="8" cy="8" r="7" fill="#1fc8b4"/><path d="m5 8.2 2 2 4-4.2" fill="none" stroke="#0a1f3d" stroke-width="1.7" stroke-linecap="round" stroke-linejoin="round"/></svg>',
};

/**
 * A real, scannable QR code of `text` as inline SVG: error correction H, a 4-module quiet
 * zone, and banq's mark on a white patch in the middle (well under the 30% H recovers).
 */
function qrSvg(text: string, className = ''): string {
  const qr = qrcode(0, 'H');
  qr.addData(text, 'Byte');
  qr.make();
  const count = qr.getModuleCount();
  const quiet = 4;
  const size = count + quiet * 2;
  // The centre patch: odd number of modules, about a fifth of the code's width.
  let patch = Math.round(count * 0.22);
  if (patch % 2 === 0) patch++;
  const start = (count - patch) / 2;
  const inPatch = (r: number, c: number) =>
    r >= start && r < start + patch && c >= start && c < start + patch;
  let path = '';
  for (let r = 0; r < count; r++) {
    for (let c = 0; c < count; c++) {
      if (qr.isDark(r, c) && !inPatch(r, c)) path += `M${c + quiet} ${r + quiet}h1v1h-1z`;
    }
  }
  const logoSize = patch - 1;
  const logoAt = start + quiet + 0.5;
  return (
    `<svg class="${className}" viewBox="0 0 ${size} ${size}" role="img" aria-label="QR code of the payment link" focusable="false">` +
    `<rect width="${size}" height="${size}" fill="#fff"/>` +
    `<path d="${path}" fill="#0a1f3d" shape-rendering="crispEdges"/>` +
    `<g transform="translate(${logoAt} ${logoAt}) scale(${logoSize / 24})">${LOGO_PATH}</g>` +
    `</svg>`
  );
}

const STYLE = `
:root{--navy:#0a1f3d;--navy-2:#143764;--teal:#1fc8b4;--teal-2:#19b3a1;--teal-ink:#0b7d70;
--ink:#0f1f38;--soft:#4a5872;--faint:#8391a7;--line:#e4e9f1;--page:#eef2f7;--danger:#b42318;
color-scheme:light;-webkit-text-size-adjust:100%}
*,*::before,*::after{box-sizing:border-box}
html,body{margin:0}
body{min-height:100vh;display:flex;justify-content:center;align-items:flex-start;padding:40px 16px;
background:var(--page);color:var(--ink);-webkit-font-smoothing:antialiased;
font:400 15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
.sheet{width:100%;max-width:440px;background:#fff;border-radius:22px;overflow:hidden;
box-shadow:0 1px 2px rgba(10,31,61,.06),0 24px 48px -24px rgba(10,31,61,.28)}
.band{position:relative;padding:16px 24px 22px;color:#fff;
background:radial-gradient(120% 90% at 100% 0%,#1b4a7a 0%,rgba(27,74,122,0) 60%),
linear-gradient(160deg,#0c2447 0%,var(--navy) 60%,#0b3550 100%)}
.brandrow{display:flex;align-items:center;gap:10px;margin-bottom:18px}
.brand{display:inline-flex;align-items:center;gap:8px;font-weight:800;font-size:20px;letter-spacing:-.02em}
.brand svg{display:block}
.secure{margin-left:auto;display:inline-flex;align-items:center;gap:6px;font-size:12.5px;font-weight:600;color:#bfe9e3;
background:rgba(31,200,180,.12);border:1px solid rgba(31,200,180,.28);padding:4px 10px;border-radius:999px}
.payee{display:flex;align-items:center;gap:12px}
.payee>div{min-width:0}
.avatar{flex:none;width:44px;height:44px;border-radius:14px;display:grid;place-items:center;
background:#f6efe4;color:#3b2416;font-weight:800;font-size:15px;letter-spacing:.02em}
.payee__label{display:block;font-size:12.5px;color:#a9bad3}
.payee__name{display:flex;align-items:center;gap:6px;font-size:17px;font-weight:700;letter-spacing:-.01em}
.amount{margin:16px 0 4px;font-size:40px;line-height:1.05;font-weight:750;letter-spacing:-.03em;
font-variant-numeric:tabular-nums}
.amount small{font-size:15px;font-weight:600;color:#a9bad3;letter-spacing:0;margin-left:6px}
.memo{margin:0;color:#d5deeb;font-size:14.5px;overflow-wrap:anywhere}
.sandbox{font-size:10.5px;font-weight:700;letter-spacing:.08em;text-transform:uppercase;color:#0a1f3d;
background:#ffd66b;padding:2px 7px;border-radius:6px}
.amountrow{display:flex;align-items:flex-end;justify-content:space-between;gap:12px;margin:16px 0 4px}
.amountrow .amount{margin:0}
.state{flex:none;margin-bottom:8px;display:inline-flex;align-items:center;gap:6px;font-size:12.5px;font-weight:600;
color:#ffe3a3}
.state::before{content:"";width:8px;height:8px;border-radius:50%;background:#ffc93d;box-shadow:0 0 0 3px rgba(255,201,61,.22)}
.state--paid{color:#9ff0e4}.state--paid::before{background:var(--teal);box-shadow:0 0 0 3px rgba(31,200,180,.25)}
.details{margin:0;padding:6px 24px;border-bottom:1px solid var(--line)}
.details div{display:flex;justify-content:space-between;gap:16px;padding:9px 0;font-size:14px}
.details div+div{border-top:1px dashed var(--line)}
.details dt{color:var(--soft)}
.details dd{margin:0;font-weight:600;text-align:right;overflow-wrap:anywhere}
.details code{font:600 13px/1.4 ui-monospace,"SF Mono",Menlo,Consolas,monospace}
.actions{padding:20px 24px 4px}
.btn{all:unset;box-sizing:border-box;display:flex;width:100%;min-height:52px;align-items:center;
justify-content:center;gap:10px;padding:0 18px;border-radius:14px;cursor:pointer;
font:700 16px/1.2 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;text-align:center;
transition:background .15s ease,box-shadow .15s ease,transform .1s ease}
.btn:active{transform:translateY(1px)}
.btn:focus-visible{outline:3px solid var(--teal);outline-offset:2px}
.btn:disabled{cursor:progress;transform:none}
.btn--primary{background:var(--teal);color:#06213a;box-shadow:0 8px 18px -10px rgba(11,125,112,.7)}
.btn--primary:hover{background:var(--teal-2)}
.btn--secondary{min-height:46px;background:#fff;color:var(--navy);font-size:15px;
box-shadow:inset 0 0 0 1.5px #cfd8e5}
.btn--secondary:hover{background:#f4f7fb}
.tag{font-size:10.5px;font-weight:700;letter-spacing:.06em;text-transform:uppercase;color:var(--teal-ink);
background:#e3f8f5;border-radius:999px;padding:2px 7px}
.spinner{width:18px;height:18px;border-radius:50%;border:2.5px solid rgba(6,33,58,.25);
border-top-color:#06213a;animation:spin .8s linear infinite}
.fine{margin:10px 0 0;text-align:center;font-size:12.5px;color:var(--faint)}
.error{margin:12px 0 0;padding:10px 12px;border-radius:10px;background:#fef3f2;color:var(--danger);
font-size:13.5px}
.divider{display:flex;align-items:center;gap:12px;margin:18px 0 14px;color:var(--faint);font-size:12.5px;
font-weight:600;text-transform:uppercase;letter-spacing:.08em}
.divider::before,.divider::after{content:"";flex:1;height:1px;background:var(--line)}
.scan{display:flex;align-items:center;gap:18px;margin-bottom:14px}
.qr{flex:none;width:136px;height:136px;margin:0;padding:4px;border-radius:16px;background:#fff;
box-shadow:0 0 0 1px var(--line),0 6px 16px -10px rgba(10,31,61,.35)}
.qr svg{display:block;width:100%;height:100%}
.scan h2{margin:0 0 8px;font-size:16px;letter-spacing:-.01em}
.scan ol{margin:0;padding:0;list-style:none;counter-reset:step;font-size:13.5px;color:var(--soft)}
.scan li{counter-increment:step;display:flex;gap:8px;align-items:baseline;margin:0 0 5px}
.scan li::before{content:counter(step);flex:none;width:18px;height:18px;border-radius:50%;display:inline-grid;
place-items:center;background:#eef2f7;color:var(--navy);font-size:11px;font-weight:700}
.done{padding:30px 24px 10px;text-align:center}
.done__icon{width:64px;height:64px;margin:0 auto 14px;border-radius:50%;display:grid;place-items:center;
background:var(--teal);color:#06213a;box-shadow:0 0 0 8px #e3f8f5;animation:pop .35s cubic-bezier(.2,.9,.3,1.3)}
.done__icon svg{width:34px;height:34px}
.done h2{margin:0 0 6px;font-size:21px;letter-spacing:-.01em}
.done__line{margin:0;color:var(--soft)}
.done__via{display:inline-flex;align-items:center;gap:6px;margin:14px 0 0;padding:5px 12px;border-radius:999px;
background:#eef2f7;color:var(--navy);font-size:13px;font-weight:600}
.done__hint{margin:18px 0 0;font-size:13px;color:var(--faint)}
.foot{display:flex;flex-direction:column;align-items:center;gap:4px;padding:12px 24px 18px;
font-size:12px;color:var(--faint);text-align:center}
.foot span{display:inline-flex;align-items:center;gap:6px}
.foot code{font:11.5px ui-monospace,"SF Mono",Menlo,Consolas,monospace;color:#9aa6b8}
.phone-layer[hidden]{display:none}
.phone-layer{position:fixed;inset:0;z-index:10;display:grid;place-items:center;padding:16px;
background:rgba(6,17,36,.55);-webkit-backdrop-filter:blur(2px);backdrop-filter:blur(2px);animation:fade .16s ease-out}
.phone{position:relative;width:min(250px,72vw);aspect-ratio:9/18.5;max-height:calc(100vh - 32px);
border-radius:38px;padding:10px;background:#10151d;
box-shadow:0 0 0 2px #2a3340,0 30px 60px -20px rgba(0,0,0,.6);animation:rise .28s cubic-bezier(.2,.9,.3,1.1)}
.phone__screen{position:relative;height:100%;border-radius:29px;overflow:hidden;background:#f4f7fb;
display:flex;flex-direction:column}
.phone__notch{position:absolute;top:10px;left:50%;transform:translateX(-50%);width:84px;height:22px;
border-radius:0 0 14px 14px;background:#10151d;z-index:2}
.app__bar{display:flex;justify-content:space-between;align-items:center;padding:8px 18px 6px;
font-size:11px;font-weight:700;color:var(--navy)}
.app__head{display:flex;align-items:center;gap:6px;padding:8px 16px;font-weight:800;color:var(--navy)}
.app__view{flex:1;display:flex;flex-direction:column;align-items:center;justify-content:center;
gap:10px;padding:12px 16px 20px;text-align:center}
.app__view[hidden]{display:none}
.viewfinder{position:relative;width:70%;aspect-ratio:1;border-radius:14px;background:#0b1526;padding:12%;
overflow:hidden}
.viewfinder .mini{display:block;width:100%;height:100%;border-radius:4px;opacity:.92}
.viewfinder::before{content:"";position:absolute;inset:8%;border-radius:10px;
border:2px solid var(--teal);-webkit-mask:linear-gradient(#000 0 0) top/100% 22% no-repeat,
linear-gradient(#000 0 0) bottom/100% 22% no-repeat;mask:linear-gradient(#000 0 0) top/100% 22% no-repeat,
linear-gradient(#000 0 0) bottom/100% 22% no-repeat}
.viewfinder::after{content:"";position:absolute;left:8%;right:8%;top:10%;height:2px;background:var(--teal);
box-shadow:0 0 12px 2px rgba(31,200,180,.8);animation:sweep 1.1s ease-in-out infinite alternate}
.app__title{margin:0;font-size:14px;font-weight:700;color:var(--navy)}
.app__sub{margin:0;font-size:12px;color:var(--soft)}
.app__amount{margin:0;font-size:28px;font-weight:800;letter-spacing:-.02em;color:var(--navy)}
.app__card{width:100%;padding:12px;border-radius:14px;background:#fff;box-shadow:0 0 0 1px var(--line)}
.app__face{display:inline-flex;align-items:center;gap:8px;font-size:12px;font-weight:600;color:var(--teal-ink)}
.app__face .spinner{width:14px;height:14px;border-color:rgba(11,125,112,.25);border-top-color:var(--teal-ink)}
.app__ok{width:54px;height:54px;border-radius:50%;display:grid;place-items:center;background:var(--teal);
color:#06213a;animation:pop .35s cubic-bezier(.2,.9,.3,1.3)}
.app__ok svg{width:30px;height:30px}
.app__btn{all:unset;box-sizing:border-box;margin-top:6px;padding:10px 26px;border-radius:12px;background:var(--navy);
color:#fff;font-size:14px;font-weight:700;cursor:pointer}
.app__btn:focus-visible{outline:3px solid var(--teal);outline-offset:2px}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@keyframes spin{to{transform:rotate(360deg)}}
@keyframes fade{from{opacity:0}}
@keyframes rise{from{opacity:0;transform:translateY(24px)}}
@keyframes pop{from{transform:scale(.6);opacity:0}}
@keyframes sweep{to{top:88%}}
@media (max-width:520px){
  body{padding:0;background:#fff}
  .sheet{max-width:none;min-height:100vh;border-radius:0;box-shadow:none}
  .band{padding:16px 20px 22px}.details{padding:4px 20px}.actions{padding:18px 20px 4px}.foot{padding:12px 20px 18px}
}
@media (max-width:400px){.qr{width:118px;height:118px}.scan{gap:14px}.amount{font-size:36px}}
@media (max-width:340px){.scan{flex-direction:column;text-align:center}.scan li{justify-content:center}}
@media (prefers-reduced-motion:reduce){*,*::before,*::after{animation-duration:1ms!important;animation-iteration-count:1!important}}
`;

/** The page's script: the two ways to pay, and telling the widget. Plain ES2020, no imports. */
const SCRIPT = `
(() => {
  'use strict';
  const data = JSON.parse(document.getElementById('banq-page-data').textContent);
  const $ = (id) => document.getElementById(id);
  const actions = $('actions');
  const done = $('done');
  // Framed, as the widget frames it: by the one origin the page's frame-ancestors allows.
  const framed = window.parent !== window && typeof data.parentOrigin === 'string';

  function complete(via) {
    return fetch(data.completeUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ via: via }),
    }).then((response) => {
      if (response.ok) return 'paid';
      if (response.status === 409) return 'already';
      throw new Error('banq answered ' + response.status);
    });
  }

  const VIA = {
    browser: 'Paid with banq',
    app: 'Paid in the banq app',
    already: 'This payment was already made',
  };

  function showPaid(via) {
    $('done-title').textContent = via === 'already' ? 'Already paid' : 'Payment complete';
    $('done-via-text').textContent = VIA[via];
    $('done-when').textContent = new Date().toLocaleString('en-US', {
      dateStyle: 'medium',
      timeStyle: 'short',
    });
    $('done-hint').textContent =
      framed && via === 'browser'
        ? 'Returning you to ' + data.merchantName + '…'
        : 'You can close this window and return to ' + data.merchantName + '.';
    $('status').textContent = 'Paid';
    $('status').classList.add('state--paid');
    $('payee-label').textContent = 'Paid to';
    if (actions) actions.remove();
    done.hidden = false;
    document.title = 'Paid · ' + data.merchantName + ' · banq';
  }

  if (!actions) return; // rendered as paid

  const pay = actions.querySelector('[data-banq-action="pay"]');
  const scan = actions.querySelector('[data-banq-action="scan"]');
  const error = $('pay-error');
  const payLabel = pay.innerHTML;

  function busy(on) {
    pay.disabled = on;
    scan.disabled = on;
    if (on) {
      pay.setAttribute('aria-busy', 'true');
      pay.innerHTML = '<span class="spinner" aria-hidden="true"></span><span>Processing payment…</span>';
    } else {
      pay.removeAttribute('aria-busy');
      pay.innerHTML = payLabel;
    }
  }

  function fail(message) {
    busy(false);
    error.textContent = message;
    error.hidden = false;
  }

  pay.addEventListener('click', () => {
    error.hidden = true;
    busy(true);
    complete('browser').then(
      (result) => {
        showPaid(result === 'paid' ? 'browser' : 'already');
        if (result === 'paid' && framed) {
          // Let the shopper see the confirmation, then tell the widget (it closes the popup):
          // to the origin it named only, even should another page frame this one anyway (a
          // browser or proxy that drops frame-ancestors).
          setTimeout(() => {
            window.parent.postMessage(
              { type: data.successMessage, paymentId: data.paymentId },
              data.parentOrigin,
            );
          }, data.notifyDelayMs);
        }
      },
      () => fail('The payment did not go through. Nothing was charged; please try again.'),
    );
  });

  // The shopper's phone, simulated: the banq app scans the code and approves. banq completes
  // the payment on its side; the widget is not told (the shop hears of it by webhook).
  const layer = $('phone');
  const steps = layer.querySelectorAll('[data-step]');
  const step = (name) => steps.forEach((el) => (el.hidden = el.getAttribute('data-step') !== name));
  const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  let result = null;

  scan.addEventListener('click', () => {
    error.hidden = true;
    busy(true);
    step('scan');
    layer.hidden = false;
    wait(700)
      .then(() => {
        step('confirm');
        return wait(600);
      })
      .then(() => complete('app'))
      .then(
        (outcome) => {
          result = outcome === 'paid' ? 'app' : 'already';
          step(outcome === 'paid' ? 'done' : 'already');
          layer.querySelector('[data-step]:not([hidden]) button').focus();
        },
        () => {
          step('failed');
          layer.querySelector('[data-step="failed"] button').focus();
        },
      );
  });

  layer.addEventListener('click', (event) => {
    if (!event.target.closest('[data-phone-close]')) return;
    layer.hidden = true;
    if (result) showPaid(result);
    else busy(false);
  });

  // For tests and tools (not banq's): the buttons work from here on.
  document.documentElement.dataset.ready = '';
})();
`;

function page(nonce: string, title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1,viewport-fit=cover">
<meta name="robots" content="noindex">
<meta name="theme-color" content="#0a1f3d">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">${LOGO_PATH}</svg>`)}">
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
${body}
</body>
</html>`;
}

/** What the page's sections share: the input, and what is worked out of it once. */
interface PageView {
  input: PayPageInput;
  payment: BanqPayment;
  /** The amount, formatted in CURRENCY. */
  amount: string;
  /** The merchant's name, escaped for HTML. */
  merchant: string;
  paid: boolean;
}

/** The band: banq's mark, who is paid, how much, for what, and whether it is paid yet. */
function band({ input, payment, amount, merchant, paid }: PageView): string {
  return `
  <header class="band">
    <div class="brandrow">
      <span class="brand">${logo(28)}<span>banq</span></span>
      <span class="sandbox">Sandbox</span>
      <span class="secure">${ICON.lock}Secure payment</span>
    </div>
    <div class="payee">
      <span class="avatar" aria-hidden="true">${escapeHtml(initials(input.merchantName))}</span>
      <div>
        <span class="payee__label" id="payee-label">${paid ? 'Paid to' : 'Payment to'}</span>
        <span class="payee__name">${merchant}${ICON.verified}<span class="sr-only">(verified merchant)</span></span>
      </div>
    </div>
    <div class="amountrow">
      <p class="amount">${amount}<small>${CURRENCY}</small></p>
      <span class="state${paid ? ' state--paid' : ''}" id="status">${paid ? 'Paid' : 'Awaiting payment'}</span>
    </div>
    ${payment.comment ? `<p class="memo">${escapeHtml(payment.comment)}</p>` : ''}
  </header>
  <dl class="details">
    <div><dt>Order</dt><dd><code>${escapeHtml(payment.externalOrderCode)}</code></dd></div>
    <div><dt>Schedule</dt><dd>${escapeHtml(schedule(payment))}</dd></div>
  </dl>`;
}

/** The two ways to pay, "Pay here" and the QR code; none once paid. */
function waysToPay({ input, amount, paid }: PageView): string {
  if (paid) return '';
  return `
  <section class="actions" id="actions" aria-label="Ways to pay">
    <button class="btn btn--primary" type="button" data-banq-action="pay">${ICON.lock}<span>Pay here</span></button>
    <p class="fine">Pay ${amount} from your banq account.</p>
    <p class="error" id="pay-error" role="alert" hidden></p>
    <div class="divider" role="separator"><span>or use your phone</span></div>
    <div class="scan">
      <figure class="qr">${qrSvg(input.link)}</figure>
      <div>
        <h2>Scan with the banq app</h2>
        <ol>
          <li><span>Open the banq app on your phone</span></li>
          <li><span>Tap <b>Scan</b> and point at the code</span></li>
          <li><span>Approve ${amount}</span></li>
        </ol>
      </div>
    </div>
    <button class="btn btn--secondary" type="button" data-banq-action="scan">${ICON.phone}<span>Scan with the banq app</span></button>
    <p class="fine"><span class="tag">Simulated</span> a phone on this page scans the code.</p>
  </section>`;
}

/** The confirmation: shown once paid, hidden until then (the script fills it in on payment). */
function confirmation({ input, payment, amount, merchant, paid }: PageView): string {
  const viaText = input.paidVia === 'app' ? 'Paid in the banq app' : 'Paid with banq';
  const when = payment.completedAt
    ? `${dateTimeFormat.format(new Date(payment.completedAt))} UTC`
    : '';
  return `
  <section class="done" id="done" role="status" aria-live="polite"${paid ? '' : ' hidden'}>
    <div class="done__icon">${ICON.check}</div>
    <h2 id="done-title">Payment complete</h2>
    <p class="done__line"><strong>${amount}</strong> paid to ${merchant}</p>
    <p class="done__via">${ICON.shield}<span id="done-via-text">${viaText}</span></p>
    <p class="done__line"><small id="done-when">${escapeHtml(when)}</small></p>
    <p class="done__hint" id="done-hint">You can close this window and return to ${merchant}.</p>
  </section>`;
}

/** The simulated phone the "Scan" button opens, one view a step; none once paid. */
function simulatedPhone({ input, payment, amount, merchant, paid }: PageView): string {
  if (paid) return '';
  return `
  <div class="phone-layer" id="phone" hidden>
    <div class="phone" role="dialog" aria-modal="true" aria-label="banq app (simulated phone)">
      <div class="phone__notch" aria-hidden="true"></div>
      <div class="phone__screen">
        <div class="app__bar" aria-hidden="true"><span>9:41</span><span>●●● ▮</span></div>
        <div class="app__head">${logo(20)}<span>banq</span></div>
        <div class="app__view" data-step="scan">
          <div class="viewfinder">${qrSvg(input.link, 'mini')}</div>
          <p class="app__title">Scanning code…</p>
          <p class="app__sub">Hold steady</p>
        </div>
        <div class="app__view" data-step="confirm" hidden>
          <p class="app__sub">Pay ${merchant}</p>
          <p class="app__amount">${amount}</p>
          <div class="app__card"><p class="app__sub">${escapeHtml(payment.comment || 'Payment')}</p></div>
          <p class="app__face"><span class="spinner" aria-hidden="true"></span>Approving with Face ID…</p>
        </div>
        <div class="app__view" data-step="done" hidden>
          <div class="app__ok">${ICON.check}</div>
          <p class="app__title">Paid in the banq app</p>
          <p class="app__sub">${amount} to ${merchant}</p>
          <button class="app__btn" type="button" data-phone-close>Done</button>
        </div>
        <div class="app__view" data-step="already" hidden>
          <p class="app__title">Already paid</p>
          <p class="app__sub">This payment link was already used.</p>
          <button class="app__btn" type="button" data-phone-close>Done</button>
        </div>
        <div class="app__view" data-step="failed" hidden>
          <p class="app__title">Payment failed</p>
          <p class="app__sub">Nothing was charged. Try again.</p>
          <button class="app__btn" type="button" data-phone-close>Close</button>
        </div>
      </div>
    </div>
  </div>`;
}

/** What the page's script reads (SCRIPT): where to complete, and whom to tell of it. */
function scriptData({ input, payment }: PageView) {
  return {
    paymentId: payment.id,
    completeUrl: input.completeUrl,
    merchantName: input.merchantName,
    successMessage: PAYMENT_SUCCESS_MESSAGE,
    notifyDelayMs: 600,
    parentOrigin: input.parentOrigin ?? null,
  };
}

export function renderPayPage(input: PayPageInput): string {
  const { payment, merchantName, nonce } = input;
  const view: PageView = {
    input,
    payment,
    amount: moneyFormat.format(payment.funds),
    merchant: escapeHtml(merchantName),
    paid: payment.status === PAYMENT_STATUS.completed,
  };
  const body = `
<main class="sheet">${band(view)}${waysToPay(view)}${confirmation(view)}
  <footer class="foot">
    <span>${ICON.shield}Protected by banq · sandbox: no real money</span>
    <code>Payment ${escapeHtml(payment.id)}</code>
  </footer>
</main>${simulatedPhone(view)}
<script type="application/json" id="banq-page-data">${scriptJson(scriptData(view))}</script>
<script nonce="${nonce}">${SCRIPT}</script>`;
  const title = `${view.paid ? 'Paid' : `Pay ${view.amount}`} · ${merchantName} · banq`;
  return page(nonce, title, body);
}

export function renderNotFoundPage({ nonce }: { nonce: string }): string {
  return page(
    nonce,
    'Payment link not found · banq',
    `
<main class="sheet">
  <header class="band">
    <div class="brandrow"><span class="brand">${logo(28)}<span>banq</span></span></div>
    <p class="amount">Link not found</p>
    <p class="memo">This payment link does not exist or has been removed. Ask the shop for a new one.</p>
  </header>
  <footer class="foot"><span>${ICON.shield}Protected by banq</span></footer>
</main>`,
  );
}
