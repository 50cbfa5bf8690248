// @ts-check
/**
 * `npm run size`: the element's weight as a shopper's browser gets it, minified
 * by esbuild and gzipped at level 9, against the budgets below. Runs on the
 * built files in dist/, so `npm run build` first.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const budgets = [
  {
    name: 'element (lit external)',
    file: 'dist/index.js',
    external: ['lit', 'lit/*', '@lit/*'],
    // 3 KiB until the link checks, the timeout on getPaymentLink, the shared funds rule and
    // the guard on torn-down widgets (about 230 B together) took it past.
    limit: 3.25 * 1024,
  },
  {
    name: 'standalone bundle (lit inside)',
    file: 'dist/banq-checkout.standalone.js',
    external: [],
    limit: 9.5 * 1024,
  },
];

/** Minified and gzipped size of one entry, in bytes. */
export async function gzippedSize(/** @type {string} */ file, /** @type {string[]} */ external) {
  const result = await build({
    entryPoints: [file],
    bundle: true,
    minify: true,
    format: 'esm',
    external,
    write: false,
    logLevel: 'silent',
  });
  return gzipSync(result.outputFiles[0].contents, { level: 9 }).length;
}

// The budgets are checked when this runs as `npm run size`, not when the benchmarks import it.
if (process.argv[1] === fileURLToPath(import.meta.url)) await checkBudgets();

async function checkBudgets() {
  let over = false;
  for (const { name, file, external, limit } of budgets) {
    const size = await gzippedSize(file, external);
    const ok = size <= limit;
    over ||= !ok;
    console.log(`${ok ? 'ok  ' : 'OVER'} ${name}: ${size} B min+gzip (budget ${limit} B)`);
  }
  if (over) {
    console.error(
      'A size budget is exceeded: make the code smaller, or argue for a new budget in review.',
    );
    process.exitCode = 1;
  }
}
