/**
 * Size: what a shopper's browser downloads for the element, measured by the very function
 * `npm run size` uses (scripts/size.mjs: esbuild bundle + minify, gzip -9), and the same for
 * the packages a shop would otherwise use, each bundled from its own entry with its
 * dependencies. Deterministic: one measurement is the figure.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

interface Budget {
  file: string;
  ratio?: number;
  bytes?: number;
}

interface SizeScript {
  gzippedSize: (file: string, external: string[]) => Promise<number>;
  budgets: Budget[];
  limitOf: (budget: Budget, referenceBytes: number) => number;
  REFERENCE: string;
}

export interface SizeRow {
  name: string;
  /** What was bundled: a file of ours or a package entry. */
  entry: string;
  version: string;
  bytes: number;
  budget?: number;
  /** The budget as a ratio to the reference element's size, when it is one. */
  budgetRatio?: number;
  note: string;
}

export interface SizeResult {
  element: SizeRow;
  standalone: SizeRow;
  others: SizeRow[];
}

const LIT_EXTERNAL = ['lit', 'lit/*', '@lit/*'];

const version = (pkg: string) =>
  (
    JSON.parse(readFileSync(root(`node_modules/${pkg}/package.json`), 'utf8')) as {
      version: string;
    }
  ).version;

export async function benchSize(): Promise<SizeResult> {
  // The measure and the budgets `npm run size` enforces in CI, so the two cannot disagree.
  const { gzippedSize, budgets, limitOf, REFERENCE } = (await import(
    pathToFileURL(root('scripts/size.mjs')).href
  )) as SizeScript;
  const reference = await gzippedSize(REFERENCE, []);
  const budgetOf = (file: string) => budgets.find((b) => b.file === file);
  const budget = (file: string) => {
    const found = budgetOf(file);
    return found && limitOf(found, reference);
  };
  const own = version('lit');
  const self = (JSON.parse(readFileSync(root('package.json'), 'utf8')) as { version: string })
    .version;
  const element: SizeRow = {
    name: '<banq-checkout>, lit external',
    entry: 'dist/index.js',
    version: self,
    bytes: await gzippedSize(root('dist/index.js'), LIT_EXTERNAL),
    budget: budget('dist/index.js'),
    budgetRatio: budgetOf('dist/index.js')?.ratio,
    note: 'for pages that already load lit (or share it in a bundle)',
  };
  const standalone: SizeRow = {
    name: '<banq-checkout> standalone, lit inside',
    entry: 'dist/banq-checkout.standalone.js',
    version: `${self}, lit ${own}`,
    bytes: await gzippedSize(root('dist/banq-checkout.standalone.js'), []),
    budget: budget('dist/banq-checkout.standalone.js'),
    note: 'everything, for a plain `<script type="module">`',
  };
  const others: SizeRow[] = [];
  for (const [pkg, entry, note] of [
    [
      '@google-pay/button-element',
      '@google-pay/button-element',
      "a custom element rendering Google Pay's button; loads pay.google.com's pay.js at runtime",
    ],
    [
      '@stripe/stripe-js',
      '@stripe/stripe-js/pure',
      "a loader only: renders nothing; loadStripe() fetches js.stripe.com's Stripe.js at runtime",
    ],
    [
      '@paypal/paypal-js',
      '@paypal/paypal-js',
      "a loader only: renders nothing; loadScript() fetches PayPal's JS SDK at runtime",
    ],
  ] as const)
    others.push({
      name: entry,
      entry,
      version: version(pkg),
      bytes: await gzippedSize(entry, []),
      note,
    });
  return { element, standalone, others };
}
