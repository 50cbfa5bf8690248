/**
 * Many buttons: a listing page with 200 `<banq-checkout>` elements against the same page built
 * from banq's guide's raw snippet (script tag, container div, `new ecommerceBanqWidget`,
 * `bootstrapApp()`) pasted 200 times. Each load is a fresh browser context (a first visit,
 * cold HTTP cache); the two pages alternate, and the figures are medians.
 */
import type { Browser } from 'playwright-core';
import type { PageServer } from './page-server.js';
import { median, within } from './stats.js';

export interface PageLoad {
  /** ms from navigation start until the 200th widget was ready. */
  readyMs: number;
  /** Requests for banq's widget script the page made. */
  widgetRequests: number;
  /** Widget buttons on the page at the end. */
  buttons: number;
}

export interface ManyButtonsResult {
  buttons: number;
  runs: number;
  element: PageLoad[];
  snippet: PageLoad[];
  elementMedianMs: number;
  snippetMedianMs: number;
  /** Median of element / snippet over the runs, paired in the order they ran. */
  ratio: number;
  /** Widget script requests of every element page (the goal: each exactly 1). */
  elementWidgetRequests: number[];
  snippetWidgetRequests: number[];
}

/** Checkout buttons on the listing page. */
const BUTTONS = 200;
/** Loads of each page, alternating: the figures are their medians. */
const RUNS = 11;
/** A page's load, and its buttons' readiness, each abandoned after this. */
const LOAD_TIMEOUT_MS = 15_000;

const COUNTER = `<script>
window.bench = { ready: 0, count: ${BUTTONS} };
</script>`;

/** The page a shop would write with the element: one module script, 200 tags. */
function elementPage(count = BUTTONS): string {
  const tags = Array.from(
    { length: count },
    (_, i) =>
      `<banq-checkout script-src="/ecommerce.js" backend-url="/link" order-id="order-${i}" comment="Product ${i}" funds="2"></banq-checkout>`,
  ).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${count} banq-checkout elements</title>
${COUNTER}
<script>
document.addEventListener('banq-ready', () => {
  if (++bench.ready === bench.count) bench.done = performance.now();
});
document.addEventListener('banq-error', (event) => (bench.error = event.detail.message));
</script>
<script type="module" src="/banq-checkout.standalone.js"></script>
</head>
<body>
${tags}
</body>
</html>`;
}

/**
 * The guide's "Adding the Widget" snippet, verbatim but for the numbering: its top-level
 * `const app` would be a SyntaxError the second time, so each copy has its own name. The
 * counter line after `bootstrapApp()` is the benchmark's.
 */
function snippetPage(count = BUTTONS): string {
  const snippets = Array.from(
    { length: count },
    (_, i) => `<script src="/ecommerce.js"></script>
<div id="pay-with-banq-${i}"></div>
<script>
const app${i} = new window.ecommerceBanqWidget({
  selector: '#pay-with-banq-${i}',
  getPaymentInfo: () => {
    return fetch('/link', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json'
      },
      body: JSON.stringify({
        orderId: 'order-${i}',
        comment: 'Product ${i}',
        funds: 2
      })
    })
    .then((response) => response.json())
    .then((data) => data.data.url);
  },
  onPopUpClose: () => {
    console.log('pop up is closed');
  },
  onPaymentSuccess: () => {
    console.log('this triggers after payment completed successfully');
  }
});
app${i}.bootstrapApp();
if (++bench.ready === bench.count) bench.done = performance.now();
</script>`,
  ).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${count} copies of the guide's snippet</title>
${COUNTER}
</head>
<body>
${snippets}
</body>
</html>`;
}

async function load(browser: Browser, server: PageServer, path: string): Promise<PageLoad> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    server.reset();
    await page.goto(server.url + path, { timeout: LOAD_TIMEOUT_MS });
    await page.waitForFunction('window.bench.done !== undefined || window.bench.error', null, {
      timeout: LOAD_TIMEOUT_MS,
      polling: 10,
    });
    const { done, error, buttons } = await page.evaluate<{
      done?: number;
      error?: string;
      buttons: number;
    }>(
      `({ done: bench.done, error: bench.error, buttons: document.querySelectorAll('.banq-w-button').length })`,
    );
    if (error || done === undefined) throw new Error(`${path}: ${error ?? 'not ready'}`);
    return { readyMs: done, widgetRequests: server.counts.widget, buttons };
  } finally {
    await context.close();
  }
}

export async function benchManyButtons(
  browser: Browser,
  server: PageServer,
): Promise<ManyButtonsResult> {
  server.page('/many/element.html', elementPage());
  server.page('/many/snippet.html', snippetPage());
  const element: PageLoad[] = [];
  const snippet: PageLoad[] = [];
  const ratios: number[] = [];
  const run = () => within(load(browser, server, '/many/element.html'), 30_000, 'element page');
  const base = () => within(load(browser, server, '/many/snippet.html'), 30_000, 'snippet page');
  // One of each first, not counted: the browser's own first-load costs.
  await run();
  await base();
  for (let i = 0; i < RUNS; i++) {
    // Alternate which goes first, so neither always follows the other.
    let a: PageLoad;
    let b: PageLoad;
    if (i % 2) {
      b = await base();
      a = await run();
    } else {
      a = await run();
      b = await base();
    }
    element.push(a);
    snippet.push(b);
    ratios.push(a.readyMs / b.readyMs);
  }
  for (const result of [...element, ...snippet])
    if (result.buttons !== BUTTONS)
      throw new Error(`a page showed ${result.buttons} buttons, not ${BUTTONS}`);
  return {
    buttons: BUTTONS,
    runs: RUNS,
    element,
    snippet,
    elementMedianMs: median(element.map((r) => r.readyMs)),
    snippetMedianMs: median(snippet.map((r) => r.readyMs)),
    ratio: median(ratios),
    elementWidgetRequests: element.map((r) => r.widgetRequests),
    snippetWidgetRequests: snippet.map((r) => r.widgetRequests),
  };
}
