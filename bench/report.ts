/** The run's figures as a console table and as BENCHMARKS.md. */
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import type { BackendResult, BackendRun, PhaseSummary, StoreKind, StoreResult } from './backend.js';
import {
  BURST_CONCURRENCY,
  LINK_CONCURRENCY,
  MEMORY_RATIO_GOAL,
  ORDER_FUNDS,
  P99_GOAL_MS,
  RACE_CONCURRENCY,
  RACES,
  STORE_NAMES,
  STORES,
} from './backend.js';
import type { ChurnResult } from './churn.js';
import { HEAP_GOAL_BYTES, isClean, WARM_UP } from './churn.js';
import type { ManyButtonsResult } from './many-buttons.js';
import type { ScaleOutResult, ScaleRun } from './scale-out.js';
import { SCALE, scaleComplete, scaleRatio } from './scale-out.js';
import type { SizeResult, SizeRow } from './size.js';
import { median, percentile, round } from './stats.js';

const RATIO_GOAL = 1.1;

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  chromium: string;
  date: string;
  /** 1-minute load average when the run started: other work on the machine skews timings. */
  load: number;
}

export interface Results {
  machine: Machine;
  size: SizeResult;
  many: ManyButtonsResult;
  churn: ChurnResult;
  backend: BackendResult;
  scaleOut: ScaleOutResult;
  seconds: number;
}

export function machine(chromium: string, load = loadavg()[0]): Machine {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGiB: round(totalmem() / 1024 ** 3, 1),
    os: `${type()} ${release()}`,
    node: process.version,
    chromium,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    load: round(load, 2),
  };
}

const n = (value: number) => Math.round(value).toLocaleString('en-US');
const kb = (bytes: number, digits = 2) => `${(bytes / 1024).toFixed(digits)} KB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const x = (ratio: number) => `${ratio.toFixed(2)}×`;
const met = (ok: boolean) => (ok ? 'met' : '**MISSED**');
const signedKb = (bytes: number) => `${bytes < 0 ? '−' : '+'}${kb(Math.abs(bytes), 1)}`;

interface Row {
  id: string;
  benchmark: string;
  figure: string;
  goal: string;
  status: string;
}

/** "a → b" for each run, or once when every run says the same. */
const perRun = (values: string[]) =>
  new Set(values).size === 1 ? `${values[0]} (each run)` : values.join(', ');

function rows({ size, many, churn, backend, scaleOut }: Results): Row[] {
  const { element, standalone, others } = size;
  const sizeRow = (row: SizeRow): Row => ({
    id: '1',
    benchmark: `Size: ${row.name}`,
    figure: `${n(row.bytes)} B (${kb(row.bytes)}) min+gzip`,
    goal: row.budgetRatio
      ? `≤ ${row.budgetRatio}× @google-pay/button-element (${n(row.budget ?? 0)} B), fails CI`
      : `≤ ${kb(row.budget ?? 0, 1)} (${n(row.budget ?? 0)} B), fails CI`,
    status: met(row.bytes <= (row.budget ?? 0)),
  });
  const requests = many.elementWidgetRequests;
  const leftovers = churn.runs.map((r) => r.leftovers);
  const sum = (pick: (l: (typeof leftovers)[number]) => number) =>
    leftovers.reduce((total, l) => total + pick(l), 0);
  const listeners = (pick: 'windowListeners' | 'documentListeners' | 'jsEventListeners') =>
    perRun(churn.runs.map((r) => `${r.before[pick]} → ${r.after[pick]}`));
  return [
    sizeRow(element),
    sizeRow(standalone),
    ...others.map((other): Row => ({
      id: '1',
      benchmark: `Size: ${other.name} ${other.version}`,
      figure: `${n(other.bytes)} B (${kb(other.bytes)}); ours is ${x(element.bytes / other.bytes)} its size (lit external), ${x(standalone.bytes / other.bytes)} (standalone)`,
      goal: 'comparison',
      status: '',
    })),
    {
      id: '2',
      benchmark: `Many buttons: banq script requests, page of ${many.buttons} elements`,
      figure: requests.every((r) => r === 1)
        ? `1 on each of ${requests.length} loads`
        : requests.join(', '),
      goal: 'exactly 1',
      status: met(requests.every((r) => r === 1)),
    },
    {
      id: '2',
      benchmark: `Many buttons: time until all ${many.buttons} ready`,
      figure: `${ms(many.elementMedianMs)} vs ${ms(many.snippetMedianMs)} for the guide's snippet ×${many.buttons}: ${x(many.ratio)}`,
      goal: `≤ ${x(RATIO_GOAL)}`,
      status: met(many.ratio <= RATIO_GOAL),
    },
    {
      id: '3',
      benchmark: `Churn, ${n(churn.cycles)} cycles × ${churn.runs.length} runs: left behind`,
      figure: `${sum((l) => l.eventSourcesOpen)} open EventSources, ${sum((l) => l.liveWidgets)} live widgets, ${sum((l) => l.mountNodes)} mount nodes, ${sum((l) => l.popups)} popups, ${sum((l) => l.elements)} elements`,
      goal: 'nothing',
      status: met(churn.runs.every(isClean)),
    },
    {
      id: '3',
      benchmark: 'Churn: event listeners before → after',
      figure: `window ${listeners('windowListeners')}; document tree ${listeners('documentListeners')}; all JS listeners ${listeners('jsEventListeners')}`,
      goal: 'no growth',
      status: met(
        churn.runs.every(
          (r) =>
            r.after.windowListeners <= r.before.windowListeners &&
            r.after.documentListeners <= r.before.documentListeners &&
            r.after.jsEventListeners <= r.before.jsEventListeners,
        ),
      ),
    },
    {
      id: '3',
      benchmark: 'Churn: heap growth after GC',
      figure: `JS heap ${signedKb(churn.heapGrowth)} (median; runs ${churn.runs.map((r) => signedKb(r.heapGrowth)).join(', ')}); with Blink's heap ${signedKb(churn.totalGrowth)}`,
      goal: `under ${HEAP_GOAL_BYTES / 1024 ** 2} MB`,
      status: met(
        churn.runs.every(
          (r) =>
            r.heapGrowth < HEAP_GOAL_BYTES && r.heapGrowth + r.embedderGrowth < HEAP_GOAL_BYTES,
        ),
      ),
    },
    ...backendRows(backend),
    ...scaleOutRows(scaleOut),
  ];
}

/* ------------------------------------------------------------ the backend, store by store */

const storeResult = (backend: BackendResult, kind: StoreKind) =>
  backend.stores.find((s) => s.store === kind);

/** Each store's figure, "in-memory baseline 1,234/s; PGlite …", in the stores' order. */
function perStore(backend: BackendResult, figure: (result: StoreResult) => string): string {
  return STORES.map((kind) => {
    const result = storeResult(backend, kind);
    return `${STORE_NAMES[kind]} ${result ? figure(result) : 'not measured'}`;
  }).join('; ');
}

/** A durable store's figure over the in-memory one's, measured in the same rounds. */
const overMemory = (
  backend: BackendResult,
  result: StoreResult,
  pick: (r: StoreResult) => number,
) => {
  const memory = storeResult(backend, 'memory');
  return memory ? pick(result) / pick(memory) : NaN;
};

export interface StoreGoals {
  /** p99 ≤ P99_GOAL_MS, every webhook through, one token. */
  absolute: boolean;
  /** p99 ≤ MEMORY_RATIO_GOAL × the in-memory p99 (true for the baseline itself). */
  relative: boolean;
  ratio: number;
}

function storeGoals(backend: BackendResult, result: StoreResult): StoreGoals {
  const ratio = overMemory(backend, result, (r) => r.p99);
  return {
    absolute: result.p99 <= P99_GOAL_MS && result.complete,
    relative: result.store === 'memory' || ratio <= MEMORY_RATIO_GOAL,
    ratio,
  };
}

function backendRows(backend: BackendResult): Row[] {
  const tokens = backend.stores.flatMap((s) => s.runs.map((r) => r.tokenRequestsBanq));
  const latencyRows = STORES.map((kind): Row => {
    const result = storeResult(backend, kind);
    const durable = kind !== 'memory';
    const benchmark = `Backend, ${durable ? STORE_NAMES[kind] : 'in-memory baseline (not durable)'}: webhook → browser stream, ${n(backend.streams)} open streams, ${n(backend.paced)} webhooks at ${backend.webhookRate}/s`;
    const goal = durable
      ? `p99 ≤ ${P99_GOAL_MS} ms and ≤ ${MEMORY_RATIO_GOAL}× the in-memory p99`
      : `p99 ≤ ${P99_GOAL_MS} ms`;
    if (!result)
      return {
        id: '4b',
        benchmark,
        figure: 'not measured (see section 4)',
        goal,
        status: '**NOT RUN**',
      };
    const { absolute, relative, ratio } = storeGoals(backend, result);
    return {
      id: '4b',
      benchmark,
      figure:
        `p50 ${ms(result.p50)}, p99 ${ms(result.p99)} (max ${ms(result.max)})` +
        (durable ? `, ${x(ratio)} the in-memory p99` : '') +
        `; ${perRun(result.runs.map((r) => `${n(r.delivered)} of ${n(backend.streams)}`))} streams told`,
      goal,
      status: met(absolute && relative),
    };
  });
  return [
    {
      id: '4a',
      benchmark: `Backend: banq token requests for ${n(backend.links)} payment links`,
      figure:
        new Set(tokens).size === 1 ? `${tokens[0]} (each run, each store)` : tokens.join(', '),
      goal: '1',
      status: met(tokens.every((t) => t === 1)),
    },
    {
      id: '4a',
      benchmark: `Backend: payment links a second, ${n(backend.links)} orders, ${LINK_CONCURRENCY} in flight`,
      figure: perStore(backend, (r) =>
        r.store === 'memory'
          ? `${n(r.linksPerSecond)}/s`
          : `${n(r.linksPerSecond)}/s (${x(overMemory(backend, r, (s) => s.linksPerSecond))})`,
      ),
      goal: 'recorded',
      status: '',
    },
    ...latencyRows,
    {
      id: '4b',
      benchmark: `Backend: the other ${n(backend.streams - backend.paced)} webhooks at once (${BURST_CONCURRENCY} in flight)`,
      figure: perStore(backend, (r) => `${n(r.burstPerSecond)}/s`),
      goal: 'recorded',
      status: '',
    },
    {
      id: '4b',
      benchmark: 'Backend: memory per open stream (JS heap + external, after GC)',
      figure: perStore(backend, (r) => kb(r.perStream, 1)),
      goal: 'recorded',
      status: '',
    },
  ];
}

/** The median over a store's runs of one phase's figure (NaN where a run lacks it). */
function phaseMedian(
  result: StoreResult,
  phase: string,
  pick: (p: NonNullable<BackendRun['phases'][string]>) => number | undefined,
): number {
  return median(
    result.runs.map((r) => {
      const summary = r.phases[phase];
      return summary ? (pick(summary) ?? NaN) : NaN;
    }),
  );
}

const STORE_CALLS = {
  links: ['getOrder', 'claimLink', 'saveLink'],
  paced: ['hasDelivery', 'getOrder', 'markPaid', 'addDelivery'],
} as const;
const REQUEST_OF = {
  links: 'POST /generate-payment-link',
  paced: 'POST /your-web-hooks/payment-status',
} as const;

/** Where a phase's time went, store by store: the rows of the "where the time goes" table. */
function timeRows(backend: BackendResult, phase: 'links' | 'paced'): string[] {
  const request = REQUEST_OF[phase];
  const columns = backend.stores;
  const row = (label: string, figure: (r: StoreResult) => string) =>
    `| ${label} | ${columns.map(figure).join(' | ')} |`;
  // A call the phase never made has no entry.
  const callOf = (calls: PhaseSummary['calls'], name: string) =>
    (calls as Partial<PhaseSummary['calls']>)[name];
  const call = (name: string, what: 'p50' | 'p99' | 'max') => (r: StoreResult) =>
    phaseMedian(r, phase, (p) => callOf(p.calls, name)?.[what]);
  const storeTotal = (r: StoreResult) =>
    phaseMedian(r, phase, (p) => {
      const requests = callOf(p.calls, request)?.count ?? 0;
      const total = Object.entries(p.calls)
        .filter(([name]) => name.startsWith('store.'))
        .reduce((sum, [, c]) => sum + c.totalMs, 0);
      return requests ? total / requests : undefined;
    });
  // A call the phase never made (its path no longer needs it) is a dash, not NaN.
  const spread = (name: string) => (r: StoreResult) => {
    const figures = (['p50', 'p99', 'max'] as const).map((what) => call(name, what)(r));
    return figures.every(Number.isNaN) ? 'not called' : figures.map(ms).join(' / ');
  };
  return [
    row(`\`${request}\` in the backend, p50 / p99 / max`, spread(request)),
    ...STORE_CALLS[phase].map((name) =>
      row(`\`store.${name}\`, p50 / p99 / max`, spread(`store.${name}`)),
    ),
    row('store time per request (all calls, mean)', (r) => ms(storeTotal(r))),
    row('backend event-loop delay, p50 / p99 / max', (r) =>
      [
        phaseMedian(r, phase, (p) => p.loopDelayP50),
        phaseMedian(r, phase, (p) => p.loopDelayP99),
        phaseMedian(r, phase, (p) => p.loopDelayMax),
      ]
        .map(ms)
        .join(' / '),
    ),
    row(
      'backend CPU (of one core)',
      (r) => `${Math.round(phaseMedian(r, phase, (p) => (100 * p.cpuMs) / p.wallMs))}%`,
    ),
    row('PostgreSQL server CPU (of one core)', (r) => {
      const share = postgresMedian(r, phase, (cpu, p) => (100 * cpu) / p.wallMs);
      return Number.isNaN(share) ? '—' : `${Math.round(share)}%`;
    }),
    row('CPU per request, backend + database', (r) =>
      ms(
        median(
          r.runs.map((run) => {
            const p = run.phases[phase];
            const requests = p?.calls[request]?.count;
            return p && requests ? (p.cpuMs + (run.postgresCpuMs[phase] ?? 0)) / requests : NaN;
          }),
        ),
      ),
    ),
  ];
}

/** The median over a store's runs of a figure of PostgreSQL's CPU in one phase (NaN for the others). */
function postgresMedian(
  result: StoreResult,
  phase: string,
  pick: (cpuMs: number, p: NonNullable<BackendRun['phases'][string]>) => number,
): number {
  if (result.store !== 'postgres') return NaN;
  return median(
    result.runs.map((r) => {
      const cpu = r.postgresCpuMs[phase];
      const summary = r.phases[phase];
      return cpu === undefined || !summary ? NaN : pick(cpu, summary);
    }),
  );
}

export function consoleTable(results: Results): string {
  const table = rows(results).map((r) => [
    r.id,
    r.benchmark,
    r.figure,
    r.goal,
    r.status.replace(/\*/g, ''),
  ]);
  const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...table.map((row) => row[i].length)));
  return table
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** A table cell: pipes escaped, and the element's tag as code, so it is text, not a tag. */
const cell = (text: string) =>
  text.replace(/\|/g, '\\|').replace(/<banq-checkout>/g, '`<banq-checkout>`');

export function markdown(results: Results): string {
  return (
    headerMarkdown(results) +
    sizeMarkdown(results.size) +
    manyButtonsMarkdown(results.many) +
    churnMarkdown(results.churn) +
    `${backendMarkdown(results.backend)}\n${scaleOutMarkdown(results.scaleOut)}`
  );
}

/** The file's head: the summary table, the machine, how to rerun. */
function headerMarkdown(results: Results): string {
  const m = results.machine;
  const table = [
    '| # | benchmark | figure | goal | |',
    '| --- | --- | --- | --- | --- |',
    ...rows(results).map(
      (r) =>
        `| ${r.id} | ${cell(r.benchmark)} | ${cell(r.figure)} | ${cell(r.goal)} | ${r.status} |`,
    ),
  ].join('\n');
  return `# Benchmarks

Written by \`npm run bench\` on ${m.date}, in ${results.seconds.toFixed(0)} s. Every figure comes
from that one run on the machine below; each comparison is a ratio of figures measured side by side
in the same run. Timings are medians of several runs (the counts are in each section).

## Summary

${table}

Regression guard: the two size budgets are enforced by \`npm run size\`, part of \`npm test\`,
so CI fails when either is exceeded; the element's is a ratio to \`@google-pay/button-element\`,
measured in the same run. The other figures are not timed tests; they are committed
here, so a change can be compared by running \`npm run bench\` again and diffing this file.

## Machine

| | |
| --- | --- |
| CPU | ${m.cpu}, ${m.cores} cores |
| memory | ${m.memoryGiB} GiB |
| OS | ${m.os} |
| Node | ${m.node} |
| Chromium | ${m.chromium} (system, headless) |
| load average at start | ${m.load} (1 min; anything else running skews timings, not ratios as much) |

## How to rerun

\`\`\`sh
npm install
npm run build   # the benchmarks measure and serve dist/
npm run bench   # about ${Math.ceil(results.seconds / 30) / 2} minutes; rewrites this file
# PostgreSQL for sections 4 and 5: bash scripts/postgres-for-tests.sh (as root), and once:
#   runuser -u postgres -- psql -c "create database banq_bench owner banq"
# or BENCH_DATABASE_URL=postgres://… (its tables are emptied before each run)
\`\`\`

It needs the system's Chromium (\`CHROME_PATH\`, else \`/usr/bin/chromium\`) and never downloads one.
Everything runs on 127.0.0.1: the pages, the stand-in widget, the backend, its databases and the
fake banq.
The code is in \`bench/\`, one module per benchmark; \`bench/run.ts\` runs them in order.

`;
}

/** Section 1: the sizes, ours and the other providers' packages. */
function sizeMarkdown(size: SizeResult): string {
  const sizeTable = [
    '| what | version | entry bundled | min+gzip | vs element (lit external) | vs standalone | what it is |',
    '| --- | --- | --- | ---: | ---: | ---: | --- |',
    ...[size.element, size.standalone, ...size.others].map(
      (r) =>
        `| ${cell(r.name)} | ${r.version} | \`${r.entry}\` | ${n(r.bytes)} B | ${x(r.bytes / size.element.bytes)} | ${x(r.bytes / size.standalone.bytes)} | ${cell(r.note)} |`,
    ),
  ].join('\n');
  return `## 1. Size

Each entry is bundled with esbuild (\`bundle\`, \`minify\`, ESM) and gzipped at level 9 by
\`gzippedSize()\` from \`scripts/size.mjs\`, the function \`npm run size\` uses for the CI budgets.
Ours are the built files; the others are each package's entry as esbuild resolves it for the
browser, with all their dependencies inside.

${sizeTable}

What this does and does not say: every one of these loads its provider's script at runtime
(banq's \`ecommerce.js\` for us), and none of those runtime downloads is counted, for anyone,
because they need the network. The Stripe and PayPal packages are loaders only: they render
nothing and offer no events until their SDK has downloaded, so they are smaller than an element
that also renders a placeholder and fallback, validates the order, calls the backend and listens
to the events stream. The like-for-like comparison is \`@google-pay/button-element\`, a custom
element rendering a pay button: ours is ${x(size.element.bytes / size.others[0].bytes)} its size where lit is shared, and
${x(size.standalone.bytes / size.others[0].bytes)} its size standalone (lit is ${kb(size.standalone.bytes - size.element.bytes)} of the standalone file).

`;
}

/** Section 2: a page of many buttons against the guide's snippet as many times. */
function manyButtonsMarkdown(many: ManyButtonsResult): string {
  const loads = [
    '| run | element page | snippet page | ratio | script requests (element / snippet) |',
    '| ---: | ---: | ---: | ---: | --- |',
    ...many.element.map(
      (e, i) =>
        `| ${i + 1} | ${ms(e.readyMs)} | ${ms(many.snippet[i].readyMs)} | ${x(e.readyMs / many.snippet[i].readyMs)} | ${e.widgetRequests} / ${many.snippet[i].widgetRequests} |`,
    ),
  ].join('\n');
  return `## 2. Many buttons

A page with ${many.buttons} \`<banq-checkout>\` elements (one \`<script type="module">\` for
\`dist/banq-checkout.standalone.js\`, then ${many.buttons} tags with \`script-src\`, \`backend-url\`,
\`order-id\`, \`comment\`, \`funds\`) against the same page built from the guide's "Adding the Widget"
snippet pasted ${many.buttons} times: \`<script src=ecommerce.js>\`, the container \`<div>\`, and the
inline script with \`new window.ecommerceBanqWidget({…})\`, its \`fetch\` glue and callbacks, and
\`app.bootstrapApp()\`. Verbatim but for one thing: the snippet's top-level \`const app\` is a
SyntaxError the second time on one page, so each copy's is numbered (\`app0\`, \`app1\`, …).

Both pages are served by a small Node server in \`bench/page-server.ts\` with the stand-in widget
\`mock-banq/ecommerce.js\`, served cacheable (\`max-age=600\`, as a CDN would) and counted. Each
load is a new browser context (a first visit, cold cache) driven by Playwright, whose DevTools
instrumentation is the same for both pages; the two pages alternate, after one uncounted load
of each. The time is \`performance.now()\` (from navigation start) when the
${many.buttons}th \`banq-ready\` fired, or, on the snippet page, when the ${many.buttons}th
\`bootstrapApp()\` returned. ${many.runs} loads of each; the ratio is the median of the per-pair
ratios.

${loads}

Median: element page ${ms(many.elementMedianMs)}, snippet page ${ms(many.snippetMedianMs)}.
The snippet page, too, fetched the widget script once: Chromium serves its 199 other
\`<script src>\` tags from the page's memory cache. (Served \`no-store\`, the script would be
fetched 200 times by the snippet page and still once by the element.)

`;
}

/** Section 3: what 1,000 add/pay/remove cycles leave behind. */
function churnMarkdown(churn: ChurnResult): string {
  const churnRuns = [
    `| run | cycles | time | JS heap before → after | Blink heap before → after | listeners (window / document / all JS) after | EventSources created / closed / open (with the ${WARM_UP} warm-up cycles) | widgets, mounts, popups, iframes left | server streams open |`,
    '| ---: | ---: | ---: | --- | --- | --- | --- | --- | ---: |',
    ...churn.runs.map(
      (r, i) =>
        `| ${i + 1} | ${n(r.cycles)} | ${(r.ms / 1000).toFixed(1)} s | ${kb(r.before.jsHeap, 0)} → ${kb(r.after.jsHeap, 0)} (${signedKb(r.heapGrowth)}) | ${kb(r.before.embedderHeap, 0)} → ${kb(r.after.embedderHeap, 0)} (${signedKb(r.embedderGrowth)}) | ${r.after.windowListeners} / ${r.after.documentListeners} / ${r.after.jsEventListeners} | ${n(r.leftovers.eventSourcesCreated)} / ${n(r.leftovers.eventSourcesClosed)} / ${r.leftovers.eventSourcesOpen} | ${r.leftovers.liveWidgets}, ${r.leftovers.mountNodes}, ${r.leftovers.popups}, ${r.leftovers.iframes} | ${r.serverStreamsOpen} |`,
    ),
  ].join('\n');
  return `## 3. Churn

One page (\`bench/pages/churn.js\`) adds a \`<banq-checkout>\` with \`events-url\`, waits for
\`banq-ready\`, clicks banq's button (the element POSTs for a payment link, opens its EventSource,
and the widget opens its popup with the link in an iframe), waits until the stream is open and the
popup is up, and removes the element; ${n(churn.cycles)} times, after ${WARM_UP} uncounted warm-up cycles,
in ${churn.runs.length} runs, each on a fresh page. Before and after, through the DevTools
protocol: \`HeapProfiler.collectGarbage\` (twice) then \`Runtime.getHeapUsage\` (V8's used heap,
and Blink's own heap), \`Performance.getMetrics\` (all JS event listeners alive in the page),
and \`DOMDebugger.getEventListeners\` on \`window\` and on \`document\` with its whole subtree.
\`window.EventSource\` is wrapped before the element loads, counting the streams opened and
closed; the server counts the streams still open; the stand-in widget's
\`ecommerceBanqWidget.liveInstances\` counts widgets not destroyed; the DOM is searched for mount
nodes (\`[id^=banq-checkout-]\`), banq's button roots, popups and iframes.

${churnRuns}

The goal is met when the JS heap, and the JS heap and Blink's heap together, grow by less than
${HEAP_GOAL_BYTES / 1024 ** 2} MB in every run. Blink's heap grows by a few hundred KB whatever the page does
and then stays there (its caches of recent requests are bounded: a page making the same
requests with no element settles at a few hundred KB too), so its figure moves from run to run.

The browser is driven here over a bare DevTools connection (\`bench/cdp.ts\`), not Playwright:
Playwright enables the protocol's Network domain, and Chromium then keeps a record of every
request for DevTools in Blink's heap, about 0.3 KB each, which would read as growth of the
page's heap (about 1.2 MB over these 1,000 cycles, and about 1 MB for the same cycles done with
the guide's snippet and no element at all).

`;
}

function backendMarkdown(backend: BackendResult): string {
  const skipped = backend.skipped
    .map((s) => `\n**${STORE_NAMES[s.store]}: not measured.** ${s.reason}\n`)
    .join('');
  const unsynced = backend.stores.filter((r) => r.runs[0]?.engine?.fsync === 'off');
  const durability = unsynced.length
    ? `\n${unsynced.map((r) => STORE_NAMES[r.store]).join(' and ')} ran with \`fsync\` off, as the database reports it: a commit is written to the system's files before the webhook is answered, so it survives the backend's process ending or crashing, but not the machine losing power before the system writes its cache out.\n`
    : '';
  return `${backendMethodMarkdown(backend)}${skipped}
${backendSideBySide(backend)}
${durability}
${backendTimesMarkdown(backend)}`;
}

/** Section 4's opening: what runs where, and what each phase does. */
function backendMethodMarkdown(backend: BackendResult): string {
  return `## 4. Backend

The reference backend (\`createBanqBackend()\`, server/src/backend.ts) on Node's \`http\` server
through \`@hono/node-server\`, alone in a child process started with \`--expose-gc\`
(\`bench/backend-server.ts\`), against the fake banq of the backend tests
(\`testing/fake-banq.ts\`); the fake banq, the streams and the webhook deliveries are the
parent process. The merchant's \`resolveOrder\` is a rule (every order costs ${ORDER_FUNDS.toFixed(2)}), the
reconciler is off. The same run is made on three stores:

- **in-memory baseline**: \`bench/memory-store.ts\`, the \`Store\` interface in plain Maps with the
  SQL store's semantics. Not durable, not shipped: it is here only as the floor the durable
  stores are compared with.
- **PGlite**: the embedded PostgreSQL in WebAssembly, in the backend's own process, on one new
  temporary directory for the whole benchmark (deleted after); the first run makes the database.
- **PostgreSQL**: a server on this machine, sharing its ${cpus().length} cores, at \`${backend.databaseUrl}\`
  (\`BENCH_DATABASE_URL\`), through the driver's pool of 10 connections.

Each durable store is opened as \`openStore()\` opens it (the driver, then the migrations) and
emptied (\`truncate … restart identity\`) before the backend starts.

${backend.runs} rounds; in each, one run per store (in-memory, PGlite, PostgreSQL), each with a fresh
backend, fake banq and database, so the three share the machine's ups and downs; the figures are
medians of the runs, and each ratio is a durable store's median over the in-memory one's. Load
average: ${backend.load.start.toFixed(2)} when this part began, ${backend.load.end.toFixed(2)} when it ended.

- (a) ${n(backend.links)} \`POST /generate-payment-link\` for distinct orders, ${LINK_CONCURRENCY} at a time, from a
  cold start (no token yet): banq's token endpoint is asked once, by the first request; the
  others wait for it or use the cached token. Each link is, in the store, a look-up, a claim
  (an insert) and the saved link (an update), around banq's \`get-paid-link\`. Then ${RACES} other
  orders are each asked for twice at once, ${RACE_CONCURRENCY} such pairs at a time, as a double click would: one
  request claims the order and asks banq, the other finds the claim and looks again every
  \`CLAIM_POLL_MS\` (server/src/payment-link.ts) until the link is saved; the figure is the time
  until both are answered, and both must answer the same link with banq asked once.
- (b) ${n(backend.streams)} \`GET /payment-events?orderId=…&token=…\` streams, one per order (each with its
  link and the \`eventsToken\` the link's answer carried), held open by plain HTTP clients. Memory
  per stream: the backend's \`process.memoryUsage()\` heap and external memory after two full
  GCs, before and with every stream open (after 20 streams opened and closed to warm up),
  divided by ${n(backend.streams)}. (Not RSS: the process's heap had grown while making the links, and V8
  reuses those pages rather than asking the system for more, so RSS growth says little.) Then
  banq completes each payment and delivers its webhook (\`id: evt_…\`, \`action: completed\`,
  \`resourceType: Payment\`); the backend checks the delivery is new, asks banq for the payment,
  books it (one transaction: the order marked paid and its event appended to the log), records
  the delivery, and writes the event to that order's stream. The first ${n(backend.paced)} webhooks go
  ${backend.webhookRate} a second on a fixed schedule (open loop, whatever the backend's pace), with all
  ${n(backend.streams)} streams open: their latency, from sending the webhook to the event arriving on the
  stream, is the goal's figure. The other ${n(backend.streams - backend.paced)} go at once, ${BURST_CONCURRENCY} in flight: how many
  webhooks a second the loop (banq's deliveries, the backend, its store, banq's payment lookups,
  the streams, on these cores) gets through. Above that rate webhooks queue and latency grows
  with the queue, so the goal holds at rates below it, not for a burst.
`;
}

/** Section 4's table: every figure of every store, side by side. */
function backendSideBySide(backend: BackendResult): string {
  const head = `| | ${STORES.map((k) => (k === 'memory' ? 'in-memory baseline (not durable)' : STORE_NAMES[k])).join(' | ')} |`;
  const rule = `| --- | ${STORES.map(() => '---:').join(' | ')} |`;
  const line = (label: string, figure: (r: StoreResult) => string) =>
    `| ${label} | ${STORES.map((k) => {
      const r = storeResult(backend, k);
      return r ? figure(r) : 'not measured';
    }).join(' | ')} |`;
  const vs = (r: StoreResult, pick: (s: StoreResult) => number) =>
    r.store === 'memory' ? '' : ` (${x(overMemory(backend, r, pick))})`;
  const sideBySide = [
    head,
    rule,
    line('database; durability settings', (r) => {
      const engine = r.runs[0]?.engine;
      return engine
        ? `PostgreSQL ${engine.version.split(' ')[0]}; fsync ${engine.fsync}, synchronous_commit ${engine.synchronousCommit}`
        : r.store === 'memory'
          ? 'none (Maps)'
          : 'unknown';
    }),
    line('store opened, migrated, emptied (each run)', (r) =>
      r.store === 'memory'
        ? '—'
        : r.runs.map((run) => `${(run.storeOpenMs / 1000).toFixed(2)} s`).join(', '),
    ),
    line(
      `payment links a second (${n(backend.links)}, ${LINK_CONCURRENCY} in flight)`,
      (r) => `${n(r.linksPerSecond)}/s${vs(r, (s) => s.linksPerSecond)}`,
    ),
    line('payment link p50 / p99', (r) => `${ms(r.linkP50)} / ${ms(r.linkP99)}`),
    line(
      `webhook → browser p50 (${backend.webhookRate}/s)`,
      (r) => `${ms(r.p50)}${vs(r, (s) => s.p50)}`,
    ),
    line(
      `webhook → browser p99 (${backend.webhookRate}/s)`,
      (r) => `**${ms(r.p99)}**${vs(r, (s) => s.p99)}`,
    ),
    line('webhook → browser max', (r) => ms(r.max)),
    line(`goal: p99 ≤ ${P99_GOAL_MS} ms`, (r) => met(storeGoals(backend, r).absolute)),
    line(`goal: p99 ≤ ${MEMORY_RATIO_GOAL}× the in-memory p99`, (r) =>
      r.store === 'memory' ? '—' : met(storeGoals(backend, r).relative),
    ),
    line(
      `burst: webhooks a second (${BURST_CONCURRENCY} in flight)`,
      (r) => `${n(r.burstPerSecond)}/s${vs(r, (s) => s.burstPerSecond)}`,
    ),
    line('burst: webhook → browser p50 / p99', (r) => `${ms(r.burstP50)} / ${ms(r.burstP99)}`),
    line(
      `double click: ${RACES} orders asked twice at once, both answered, p50 / p99`,
      (r) => `${ms(r.racingP50)} / ${ms(r.racingP99)}`,
    ),
    line('double click: one link per order (same link twice, banq asked once)', (r) =>
      met(r.runs.every((run) => run.racingDiffer === 0 && run.racingBanqCalls === RACES)),
    ),
    line('memory per open stream', (r) => kb(r.perStream, 1)),
    line('banq token requests (each run)', (r) =>
      r.runs.map((run) => run.tokenRequestsBanq).join(', '),
    ),
    line('streams told, webhook failures (each run)', (r) =>
      r.runs.map((run) => `${n(run.delivered)}, ${run.webhookFailures}`).join('; '),
    ),
  ].join('\n');
  return sideBySide;
}

/** Section 4's breakdown: where the time went inside the backend, and every run's figures. */
function backendTimesMarkdown(backend: BackendResult): string {
  const measured = backend.stores;
  const memory = storeResult(backend, 'memory');
  const pglite = storeResult(backend, 'pglite');
  const timeHead = `| | ${measured.map((r) => STORE_NAMES[r.store]).join(' | ')} |`;
  const timeRule = `| --- | ${measured.map(() => '---:').join(' | ')} |`;
  const timeTable = (phase: 'links' | 'paced') =>
    [timeHead, timeRule, ...timeRows(backend, phase)].join('\n');

  const runs = [
    '| store | run | store opened | links: time, links/s, p50 / p99 | token requests (backend / banq) | get-paid-link calls | per open stream | paced: p50 / p99 / max | burst: webhooks/s, p50 / p99 | streams told | webhook failures |',
    '| --- | ---: | ---: | --- | --- | ---: | ---: | --- | --- | ---: | ---: |',
    ...measured.flatMap((result) =>
      result.runs.map(
        (r, i) =>
          `| ${STORE_NAMES[result.store]} | ${i + 1} | ${r.store === 'memory' ? '—' : `${(r.storeOpenMs / 1000).toFixed(2)} s`} | ${(r.linksElapsedMs / 1000).toFixed(2)} s, ${n(r.linksPerSecond)}/s, ${ms(percentile(r.linkMs, 50))} / ${ms(percentile(r.linkMs, 99))} | ${r.tokenRequestsBackend} / ${r.tokenRequestsBanq} | ${n(r.linkRequestsBanq)} | ${kb(r.perStream, 1)} | ${ms(percentile(r.latencies, 50))} / ${ms(percentile(r.latencies, 99))} / ${ms(Math.max(...r.latencies))} | ${n(r.burstPerSecond)}, ${ms(percentile(r.burstLatencies, 50))} / ${ms(percentile(r.burstLatencies, 99))} | ${n(r.delivered)} | ${r.webhookFailures} |`,
      ),
    ),
  ].join('\n');

  const loopNote =
    memory && pglite
      ? ` Over the paced webhooks the backend's event loop was delayed by ${ms(phaseMedian(pglite, 'paced', (p) => p.loopDelayP99))} at p99 on PGlite against ${ms(phaseMedian(memory, 'paced', (p) => p.loopDelayP99))} on the in-memory store.`
      : '';

  return `### Where the time goes

Measured inside the backend's process: each call to the store, timed around the \`Store\`
method; each request, from the \`Request\` to its \`Response\` (for the webhook, that includes
banq's payment lookup over loopback); the event loop's delay (\`monitorEventLoopDelay\`); the
process's CPU. Medians of the runs.

The ${n(backend.paced)} paced webhooks (${backend.webhookRate}/s, ${n(backend.streams)} streams open):

${timeTable('paced')}

The ${n(backend.links)} payment links (${LINK_CONCURRENCY} in flight):

${timeTable('links')}

PGlite answers one query at a time, and runs it on the backend's own thread: while it works,
nothing else in the backend does.${loopNote} PostgreSQL runs in its own processes, and its
queries cost a round trip each over loopback, and a commit to disk for each transaction.

### Every run

${runs}
`;
}

/* ------------------------------------------------------------ scale-out */

const instancesName = (count: number) => `${count} instance${count === 1 ? '' : 's'}`;
const scaleRun = (result: ScaleOutResult, instances: number) =>
  result.runs.find((r) => r.instances === instances);
const p = (values: number[], q: number) => percentile(values, q);
/** "p50 / p99" of some latencies, or a dash when there are none. */
const spread = (values: number[]) =>
  values.length ? `${ms(p(values, 50))} / ${ms(p(values, 99))}` : '—';

/** Two instances: p99 within the goal and every paid stream told exactly once. */
const scaleGoalMet = (run: ScaleRun) =>
  p(run.latencies, 99) <= SCALE.p99GoalMs && scaleComplete(run);

const toldFigure = (run: ScaleRun) =>
  `${n(run.toldOnce)} of ${n(run.webhooks)} told once, ${n(run.missing)} missing, ${n(run.duplicates)} duplicates`;

function scaleOutRows(result: ScaleOutResult): Row[] {
  const two = scaleRun(result, 2);
  const one = scaleRun(result, 1);
  const load = `${n(result.streams)} open streams, ${n(result.webhooks)} webhooks at ${result.webhookRate}/s`;
  const goal = `p99 ≤ ${SCALE.p99GoalMs} ms, every stream told exactly once`;
  if (!two || !one)
    return [
      {
        id: '5',
        benchmark: `Scale-out, 2 instances on one PostgreSQL: webhook → browser, ${load} round-robin`,
        figure: 'not measured (see section 5)',
        goal,
        status: '**NOT RUN**',
      },
    ];
  return [
    {
      id: '5',
      benchmark: `Scale-out, 2 instances on one PostgreSQL: webhook → browser, ${load} round-robin`,
      figure: `p50 ${ms(p(two.latencies, 50))}, p99 ${ms(p(two.latencies, 99))} (max ${ms(Math.max(...two.latencies))}); ${toldFigure(two)}`,
      goal,
      status: met(scaleGoalMet(two)),
    },
    {
      id: '5',
      benchmark: `Scale-out: the same load on 1 instance, and 2 instances ÷ 1`,
      figure: `p50 ${ms(p(one.latencies, 50))}, p99 ${ms(p(one.latencies, 99))}; ${toldFigure(one)}; ratio p50 ${x(scaleRatio(result, (r) => p(r.latencies, 50)))}, p99 ${x(scaleRatio(result, (r) => p(r.latencies, 99)))}`,
      goal: 'recorded',
      status: '',
    },
  ];
}

/** One figure per instance of a configuration: "A 12.3 ms; B 4.5 ms" (or just the one). */
function perInstance(run: ScaleRun, figure: (i: ScaleRun['perInstance'][number]) => string) {
  return run.perInstance.length === 1
    ? figure(run.perInstance[0])
    : run.perInstance.map((i, k) => `${'AB'[k] ?? k + 1}: ${figure(i)}`).join('; ');
}

/** The instances' CPU while the webhooks were sent, in ms. */
const backendCpu = (r: ScaleRun) =>
  r.perInstance.reduce((sum, i) => sum + (i.phase?.cpuMs ?? NaN), 0);
/** How often the instances' relays read the log, in all. */
const relayReads = (r: ScaleRun) =>
  r.perInstance.reduce((sum, i) => sum + (i.phase?.calls['store.eventsSince']?.count ?? 0), 0);
/** The backends', PostgreSQL's and this process's CPU over the webhooks, % of all the cores. */
const cpuShare = (r: ScaleRun) =>
  (100 * (backendCpu(r) + (r.postgresCpuMs ?? NaN) + r.benchCpuMs)) /
  r.webhookPhaseMs /
  cpus().length;

/** Section 5's opening: what runs where. */
function scaleIntro(result: ScaleOutResult): string {
  return `## 5. Scale-out

${n(result.streams)} open \`/payment-events\` streams split over two instances of the reference backend on one
PostgreSQL database, banq's webhooks at ${result.webhookRate} a second delivered round-robin to either
instance; then the same load on one instance, for the ratio. Each instance is the backend
benchmark's child process (\`bench/backend-server.ts\`, its own Node process, \`maxStreams\` raised to
${n(SCALE.maxStreams)}, the link rate limit off), on \`${result.databaseUrl}\`
(\`BENCH_DATABASE_URL\`), each with the PostgreSQL driver's pool; every instance \`LISTEN\`s, and an
order event committed by either reaches the streams of both (\`server/src/event-relay.ts\`: the
commit \`NOTIFY\`s, each instance's relay reads the log after the last event it relayed). The fake
banq, the browsers' streams (plain HTTP GETs held open, one socket each) and banq's deliveries
are this benchmark's own process, on the same ${cpus().length} cores as the instances and the database.
`;
}

/** Section 5's table: each configuration's latencies and counts, and two instances ÷ one. */
function scaleTable(result: ScaleOutResult, runs: ScaleRun[]): string {
  const two = scaleRun(result, 2);
  const one = scaleRun(result, 1);
  const table = [
    '| instances | streams | webhooks/s (sent at) | webhook → browser p50 | p99 | max | told once | missing | duplicates |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...runs.map(
      (r) =>
        `| ${r.instances} | ${n(r.streams)} (${r.perInstance.map((i) => n(i.streams)).join(' + ')}) | ${r.webhookRate} (${n(r.sentPerSecond)}) | ${ms(p(r.latencies, 50))} | **${ms(p(r.latencies, 99))}** | ${ms(Math.max(...r.latencies))} | ${n(r.toldOnce)} of ${n(r.webhooks)} | ${n(r.missing)} | ${n(r.duplicates)} |`,
    ),
    ...(two && one
      ? [
          `| 2 ÷ 1 | | | ${x(scaleRatio(result, (r) => p(r.latencies, 50)))} | **${x(scaleRatio(result, (r) => p(r.latencies, 99)))}** | ${x(scaleRatio(result, (r) => Math.max(...r.latencies)))} | | | |`,
        ]
      : []),
  ].join('\n');
  return table;
}

/** Whether the goal was met, and what the two configurations' figures say beside it. */
function scaleVerdict(result: ScaleOutResult): string {
  const two = scaleRun(result, 2);
  const one = scaleRun(result, 1);
  const twoP99 = two ? p(two.latencies, 99) : NaN;
  const verdict = two
    ? `Goal (two instances: p99 ≤ ${SCALE.p99GoalMs} ms on these ${cpus().length} cores, every stream told exactly once): ` +
      (scaleGoalMet(two)
        ? `**met**: p99 ${ms(twoP99)}, and each of the ${n(two.webhooks)} paid orders' streams was told once, no other stream anything.`
        : `**MISSED**: ` +
          [
            twoP99 > SCALE.p99GoalMs
              ? `p99 ${ms(twoP99)}, ${x(twoP99 / SCALE.p99GoalMs)} the goal`
              : `p99 ${ms(twoP99)} is within the goal`,
            scaleComplete(two)
              ? `every paid order's stream was told exactly once`
              : `${toldFigure(two)}, ${n(two.strays)} messages on unpaid orders' streams, ${n(two.webhookFailures)} webhooks and ${n(two.streamFailures)} streams failed`,
          ].join('; ') +
          '.')
    : '';
  const ratioNote =
    two && one
      ? ` One instance with the same load had p99 ${ms(p(one.latencies, 99))}: two instances' p99 is ${x(scaleRatio(result, (r) => p(r.latencies, 99)))} one's. On one machine a second instance adds no cores: it spreads the same work (and adds a second relay, reading the log for the orders whose streams it holds) over the same ${cpus().length} cores, so the ratio says what the fan-out costs, not what a second machine would gain.`
      : '';
  const crossNote =
    two && two.crossLatencies.length && two.sameLatencies.length
      ? ` With two instances, the events whose stream is on the other instance took p50 / p99 ${spread(two.crossLatencies)}, those on the instance the webhook went to ${spread(two.sameLatencies)}; the webhook itself (sent → banq's delivery answered, after the commit) took ${spread(two.answeredMs)}.`
      : '';

  const cpuNote =
    two && one && two.postgresCpuMs !== undefined && one.postgresCpuMs !== undefined
      ? ` CPU per webhook, the backends' and PostgreSQL's: ${ms((backendCpu(two) + two.postgresCpuMs) / two.webhooks)} with two instances, ${ms((backendCpu(one) + one.postgresCpuMs) / one.webhooks)} with one (each instance's relay reads the log for the events of orders whose streams it holds, and after a gap: ${n(relayReads(two))} reads with two instances, ${n(relayReads(one))} with one). With this benchmark's own, they used ${Math.round(cpuShare(two))}% of the ${cpus().length} cores over the webhooks with two instances, ${Math.round(cpuShare(one))}% with one (table below), besides whatever else the machine ran. Where that nears 100%, webhooks queue for the CPU and for the store's connections, and the tail is the queue's.`
      : '';
  return verdict + ratioNote + crossNote + cpuNote;
}

/** Section 5's breakdown: where the time went, per configuration. */
function scaleTimeTable(runs: ScaleRun[]): string {
  const column = (label: string, figure: (r: ScaleRun) => string) =>
    `| ${label} | ${runs.map(figure).join(' | ')} |`;
  const call = (name: string) => (run: ScaleRun) =>
    perInstance(run, (i) => {
      const c = i.phase?.calls[name];
      return c ? `${ms(c.p50)} / ${ms(c.p99)}` : '—';
    });
  const waits = (r: ScaleRun) => r.waits;
  const timeTable = [
    `| | ${runs.map((r) => instancesName(r.instances)).join(' | ')} |`,
    `| --- | ${runs.map(() => '---:').join(' | ')} |`,
    column(
      'payment links made (through the instances, ' +
        `${SCALE.linkConcurrency} in flight each), a second`,
      (r) => `${n(r.links)}, ${n(r.linksPerSecond)}/s`,
    ),
    column('every stream opened in', (r) => `${(r.streamsOpenMs / 1000).toFixed(1)} s`),
    column('webhook sent → answered 200, p50 / p99', (r) => spread(r.answeredMs)),
    column('webhook → browser, stream on the instance the webhook went to, p50 / p99', (r) =>
      spread(r.sameLatencies),
    ),
    column('webhook → browser, stream on the other instance, p50 / p99', (r) =>
      spread(r.crossLatencies),
    ),
    column(
      '`POST /your-web-hooks/payment-status` in each backend, p50 / p99',
      call('POST /your-web-hooks/payment-status'),
    ),
    column('`store.hasDelivery` (a primary-key look-up), p50 / p99', call('store.hasDelivery')),
    column('`store.markPaid` (the booking, one commit), p50 / p99', call('store.markPaid')),
    column("the relay's reads of the log (`store.eventsSince`): count, p50 / p99", (r) =>
      perInstance(r, (i) => {
        const c = i.phase?.calls['store.eventsSince'];
        return c ? `${n(c.count)}, ${ms(c.p50)} / ${ms(c.p99)}` : '—';
      }),
    ),
    column('backend CPU (of one core); event-loop delay p99', (r) =>
      perInstance(r, (i) =>
        i.phase
          ? `${Math.round((100 * i.phase.cpuMs) / i.phase.wallMs)}%; ${ms(i.phase.loopDelayP99)}`
          : '—',
      ),
    ),
    column('PostgreSQL server CPU (of one core)', (r) =>
      r.postgresCpuMs === undefined
        ? '—'
        : `${Math.round((100 * r.postgresCpuMs) / r.webhookPhaseMs)}%`,
    ),
    column(
      'CPU per webhook: the backends + PostgreSQL; and this benchmark (fake banq, streams, deliveries)',
      (r) =>
        `${ms((backendCpu(r) + (r.postgresCpuMs ?? NaN)) / r.webhooks)}; ${ms(r.benchCpuMs / r.webhooks)}`,
    ),
    column(
      `all of it over the phase, of the machine's ${cpus().length} cores`,
      (r) => `${Math.round(cpuShare(r))}%`,
    ),
    column(
      "PostgreSQL connections in a statement (mean): all; waiting for a lock (the event log's); for the WAL; for the backend (`ClientRead`)",
      (r) =>
        `${waits(r).active.toFixed(1)}; ${waits(r).lockWaits.toFixed(1)}; ${waits(r).walWaits.toFixed(1)}; ${(waits(r).byEvent['Client:ClientRead'] ?? 0).toFixed(1)}`,
    ),
    column(
      "this benchmark's own event-loop delay, p99 / max (it timestamps the messages)",
      (r) => `${ms(r.benchLoopP99)} / ${ms(r.benchLoopMax)}`,
    ),
    column(
      'webhook phase: first sent → last stream told',
      (r) => `${(r.webhookPhaseMs / 1000).toFixed(1)} s`,
    ),
    column(
      'webhook failures; streams refused; messages on unpaid orders’ streams',
      (r) => `${n(r.webhookFailures)}; ${n(r.streamFailures)}; ${n(r.strays)}`,
    ),
  ].join('\n');
  return timeTable;
}

function scaleOutMarkdown(result: ScaleOutResult): string {
  const intro = scaleIntro(result);
  if (result.skipped)
    return `${intro}
**Not measured.** ${result.skipped}
`;
  const runs = SCALE.instances
    .map((k) => scaleRun(result, k))
    .filter((r): r is ScaleRun => r !== undefined);
  const table = scaleTable(result, runs);
  const verdict = scaleVerdict(result);
  const timeTable = scaleTimeTable(runs);
  const capped = result.capped ? `\n**Fewer streams than asked for:** ${result.capped}.\n` : '';
  const fileLimit =
    result.fileLimit === undefined
      ? ''
      : ` This process's open-file limit (\`ulimit -n\`, inherited by the instances) was ${n(result.fileLimit)}: one descriptor per stream on each side, the client's here and the instance's.`;

  return `${intro}
How: the first instance empties the tables (once, not per instance); the orders get their links
through the instances' own \`POST /generate-payment-link\` (${SCALE.linkConcurrency} in flight per instance, order by
order alternately on each), and the streams, ${n(result.streams / 2)} on each instance, are opened with each
order's \`eventsToken\`, half of them on the instance that did not sign it (the secret is
kept in the store). Then ${n(result.webhooks)} webhooks, one per order, at ${result.webhookRate} a second on a fixed schedule
(open loop, whatever the backends' pace, at most ${SCALE.webhookSockets} connections in all), alternately to
either instance and arranged so that exactly half are booked by the instance not holding that
order's stream. The latency is from the webhook's send to the message arriving on its order's
stream. Before them, ${SCALE.warmUp} webhooks for orders with no stream go the same way at the same rate, not
counted, so the measured ones find the instances warm (the code compiled, the pools' statements
prepared, banq's connections open), as a running shop's would be. Once every paid order's stream has been told (or ${SCALE.toldWithinMs / 1000} s after the last webhook's answer), the
streams are read for ${SCALE.quietMs / 1000} s more, and every stream is checked: the paid orders' told exactly once, the
${n(result.streams - result.webhooks)} others not at all. One instance then holds the same number of streams (the
unpaid orders, and as many new ones with new links) and takes the same ${n(result.webhooks)} webhooks.
One run of each (a run is most of a minute); load average ${result.load.start.toFixed(2)} when this part began,
${result.load.end.toFixed(2)} when it ended, ${result.seconds.toFixed(0)} s in all.${fileLimit}
${capped}
${table}

${verdict}

### Where the time goes (scale-out)

While the webhooks were sent: inside each instance as in section 4 (A and B are the two
instances), PostgreSQL's processes serving the database (CPU from /proc), and its connections
sampled every 20 ms from \`pg_stat_activity\` (those running a statement, and what they waited
for: \`Lock\` is the advisory lock every \`markPaid\` takes, to its commit, so that event ids follow
commit order; \`ClientRead\`, a connection in a statement waiting to read from its client, the
backend's Node process).

${timeTable}
`;
}
