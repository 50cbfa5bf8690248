/**
 * Churn: 1,000 cycles of adding a `<banq-checkout>`, letting it get a payment link and open
 * its events stream (the shopper clicked banq's button), and removing it. Afterwards nothing
 * may be left: no open EventSource, every widget destroyed, no mount node, popup or listener,
 * and the heap, after garbage collection, less than 1 MB above where it started. Measured
 * through the DevTools protocol, on a bare connection (see cdp.ts for why not Playwright's).
 */
import type { CdpTarget, RawChromium } from './cdp.js';
import type { PageServer } from './page-server.js';
import { median, sleep, until } from './stats.js';

const CYCLES = 1000;
/** Cycles before the first measurement: the widget script loaded, code compiled, caches warm. */
export const WARM_UP = 20;
const RUN_BUDGET_MS = 60_000;
export const HEAP_GOAL_BYTES = 1024 * 1024;

export interface Snapshot {
  /** V8's used heap after a full garbage collection (Runtime.getHeapUsage). */
  jsHeap: number;
  /** Blink's (Oilpan) heap after the same collection. */
  embedderHeap: number;
  /** Performance.getMetrics: JS event listeners alive in the renderer, DOM nodes, documents. */
  jsEventListeners: number;
  nodes: number;
  documents: number;
  /** DOMDebugger.getEventListeners on window, and on document with its whole subtree. */
  windowListeners: number;
  documentListeners: number;
}

export interface Leftovers {
  eventSourcesCreated: number;
  eventSourcesClosed: number;
  eventSourcesUnclosed: number;
  eventSourcesOpen: number;
  liveWidgets: number;
  elements: number;
  mountNodes: number;
  widgetRoots: number;
  popups: number;
  iframes: number;
}

export interface ChurnRun {
  cycles: number;
  ms: number;
  before: Snapshot;
  after: Snapshot;
  leftovers: Leftovers;
  /** Streams the server still holds open (should be 0), and payment links it made. */
  serverStreamsOpen: number;
  links: number;
  heapGrowth: number;
  embedderGrowth: number;
}

export interface ChurnResult {
  cycles: number;
  runs: ChurnRun[];
  /** Medians over the runs, bytes. */
  heapGrowth: number;
  embedderGrowth: number;
  /** JS heap and Blink's heap together. */
  totalGrowth: number;
  /** Every run completed its cycles and left nothing behind. */
  clean: boolean;
}

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>churn</title>
<script src="/bench/count-event-sources.js"></script>
<script src="/bench/churn.js"></script>
<script type="module" src="/banq-checkout.standalone.js"></script>
</head>
<body></body>
</html>`;

async function listenerCount(page: CdpTarget, expression: string, depth: number) {
  const { result } = await page.send<{ result: { objectId?: string } }>('Runtime.evaluate', {
    expression,
  });
  if (!result.objectId) throw new Error(`${expression} is not an object`);
  const { listeners } = await page.send<{ listeners: unknown[] }>('DOMDebugger.getEventListeners', {
    objectId: result.objectId,
    depth,
    pierce: true,
  });
  await page.send('Runtime.releaseObject', { objectId: result.objectId });
  return listeners.length;
}

async function snapshot(page: CdpTarget): Promise<Snapshot> {
  // Twice: the first collection can leave garbage that finalizers made for the second.
  await page.send('HeapProfiler.collectGarbage');
  await page.send('HeapProfiler.collectGarbage');
  const heap = await page.send<{ usedSize: number; embedderHeapUsedSize?: number }>(
    'Runtime.getHeapUsage',
  );
  const { metrics } = await page.send<{ metrics: { name: string; value: number }[] }>(
    'Performance.getMetrics',
  );
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
  return {
    jsHeap: heap.usedSize,
    embedderHeap: heap.embedderHeapUsedSize ?? NaN,
    jsEventListeners: metric('JSEventListeners'),
    nodes: metric('Nodes'),
    documents: metric('Documents'),
    windowListeners: await listenerCount(page, 'window', 0),
    documentListeners: await listenerCount(page, 'document', -1),
  };
}

async function churnOnce(chromium: RawChromium, server: PageServer): Promise<ChurnRun> {
  const page = await chromium.open(`${server.url}/churn.html`);
  try {
    await until(
      () =>
        page
          .evaluate<boolean>(`!!(customElements.get('banq-checkout') && window.churn)`)
          .catch(() => false),
      10_000,
      'the churn page loading',
    );
    await page.send('Performance.enable');
    const run = (cycles: number) =>
      page.evaluate<{ cycles: number; ms: number }>(
        `churn.run(${cycles}, ${RUN_BUDGET_MS})`,
        RUN_BUDGET_MS + 10_000,
      );
    const settle = async () => {
      await until(() => server.counts.streamsOpen === 0, 5000, 'the events streams closing');
      await sleep(250);
    };

    await run(WARM_UP);
    await settle();
    const before = await snapshot(page);
    server.reset();
    const { cycles, ms } = await run(CYCLES);
    await settle();
    const after = await snapshot(page);
    const leftovers = await page.evaluate<Leftovers>('churn.leftovers()');
    return {
      cycles,
      ms,
      before,
      after,
      leftovers,
      serverStreamsOpen: server.counts.streamsOpen,
      links: server.counts.links,
      heapGrowth: after.jsHeap - before.jsHeap,
      embedderGrowth: after.embedderHeap - before.embedderHeap,
    };
  } finally {
    await page.close();
  }
}

export function isClean(run: ChurnRun): boolean {
  const { cycles, leftovers: l, before, after, serverStreamsOpen } = run;
  return (
    cycles === CYCLES &&
    l.eventSourcesCreated === CYCLES + WARM_UP &&
    l.eventSourcesOpen === 0 &&
    l.eventSourcesUnclosed === 0 &&
    l.liveWidgets === 0 &&
    l.elements === 0 &&
    l.mountNodes === 0 &&
    l.widgetRoots === 0 &&
    l.popups === 0 &&
    l.iframes === 0 &&
    serverStreamsOpen === 0 &&
    after.windowListeners <= before.windowListeners &&
    after.documentListeners <= before.documentListeners &&
    after.jsEventListeners <= before.jsEventListeners
  );
}

export async function benchChurn(
  chromium: RawChromium,
  server: PageServer,
  runs = 3,
): Promise<ChurnResult> {
  server.page('/churn.html', PAGE);
  const results: ChurnRun[] = [];
  for (let i = 0; i < runs; i++) results.push(await churnOnce(chromium, server));
  return {
    cycles: CYCLES,
    runs: results,
    heapGrowth: median(results.map((r) => r.heapGrowth)),
    embedderGrowth: median(results.map((r) => r.embedderGrowth)),
    totalGrowth: median(results.map((r) => r.heapGrowth + r.embedderGrowth)),
    clean: results.every(isClean),
  };
}
