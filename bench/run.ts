/**
 * `npm run bench`: every benchmark in one run, on this machine, then a table on the console
 * and BENCHMARKS.md. Run `npm run build` first: the browser benchmarks and the size
 * measurements use the built files in dist/. The backend's PostgreSQL figures need the
 * database at BENCH_DATABASE_URL (bench/backend.ts says how to get one), and so does the
 * scale-out benchmark (two instances on that database); without it they are marked not
 * measured.
 */
import { existsSync, statSync, readdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchBackend } from './backend.js';
import { launchRawChromium } from './cdp.js';
import { launchChromium } from './chromium.js';
import { benchChurn } from './churn.js';
import { benchManyButtons } from './many-buttons.js';
import { machine, type Results, consoleTable, markdown } from './report.js';
import { startPageServer } from './page-server.js';
import { benchScaleOut } from './scale-out.js';
import { benchSize } from './size.js';

/**
 * The whole run stops here, whatever happens. It takes five to six minutes on 2 cores (the
 * backend on three stores is about half of it, the scale-out about a minute and a half); this
 * leaves room for a busy machine, as 480 s did before the scale-out was added.
 */
const RUN_LIMIT_MS = 600_000;

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);

const watchdog = setTimeout(() => {
  console.error(`npm run bench: still running after ${RUN_LIMIT_MS / 1000} s; stopped.`);
  process.exit(1);
}, RUN_LIMIT_MS);
watchdog.unref();

function checkBuild() {
  for (const file of ['dist/index.js', 'dist/banq-checkout.standalone.js'])
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  const built = statSync('dist/banq-checkout.standalone.js').mtimeMs;
  const newer = readdirSync('src', { recursive: true, encoding: 'utf8' }).filter(
    (file) => file.endsWith('.ts') && statSync(`src/${file}`).mtimeMs > built,
  );
  if (newer.length)
    console.warn(
      `warning: src/ changed after the last build (${newer.join(', ')}): run \`npm run build\` for current figures`,
    );
}

const step = async <T>(name: string, task: () => Promise<T>): Promise<T> => {
  const start = performance.now();
  process.stdout.write(`· ${name}…\n`);
  const result = await task();
  console.log(`  done in ${((performance.now() - start) / 1000).toFixed(1)} s`);
  return result;
};

const started = performance.now();
const loadAtStart = loadavg()[0];
checkBuild();
const size = await step('size', benchSize);
const server = await startPageServer();
let results: Results;
try {
  const browser = await launchChromium();
  const chromiumVersion = browser.version();
  let many;
  try {
    many = await step('many buttons', () => benchManyButtons(browser, server));
  } finally {
    await browser.close();
  }
  const raw = await launchRawChromium();
  let churn;
  try {
    churn = await step('churn', () => benchChurn(raw, server));
  } finally {
    await raw.close();
  }
  const backend = await step('backend', () => benchBackend());
  const scaleOut = await step('scale-out', () => benchScaleOut());
  results = {
    machine: machine(chromiumVersion, loadAtStart),
    size,
    many,
    churn,
    backend,
    scaleOut,
    seconds: (performance.now() - started) / 1000,
  };
} finally {
  await server.close();
}

console.log('\n' + consoleTable(results));
writeFileSync('BENCHMARKS.md', markdown(results));
console.log(`\nBENCHMARKS.md written (${results.seconds.toFixed(0)} s in all).`);
