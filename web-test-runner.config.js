// @ts-check
import rollupCommonjs from '@rollup/plugin-commonjs';
import rollupReplace from '@rollup/plugin-replace';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { a11ySnapshotPlugin } from '@web/test-runner-commands/plugins';
import { CHROMIUM_ARGS, chromiumPath } from './testing/chromium.js';
import { testBackend } from './testing/scripted-backend.js';

/**
 * Ends the run with one plain line, `browser tests: N passed, N failed`, that CI can read.
 * A file that fails to load counts as a failure.
 * @returns {import('@web/test-runner').Reporter}
 */
function summaryLine() {
  return {
    onTestRunFinished({ sessions }) {
      let passed = 0;
      let failed = 0;
      let skipped = 0;
      /** @param {import('@web/test-runner').TestSuiteResult} suite */
      const count = (suite) => {
        for (const test of suite.tests) {
          if (test.skipped) skipped++;
          else if (test.passed) passed++;
          else failed++;
        }
        suite.suites.forEach(count);
      };
      for (const session of sessions) {
        if (session.testResults) count(session.testResults);
        if (session.errors.length > 0) failed++;
      }
      console.log(
        `browser tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`,
      );
    },
  };
}

/**
 * `vue` is Vue's full build, with the template compiler, as in vite.config.ts: tests compile
 * templates in the browser, as the demo does.
 * @type {import('@web/dev-server-core').Plugin}
 */
const vueFullBuild = {
  name: 'vue-full-build',
  resolveImport: ({ source }) =>
    source === 'vue' ? '/node_modules/vue/dist/vue.esm-bundler.js' : undefined,
};

/** @type {WeakMap<object, import('puppeteer-core').CDPSession>} */
const devtoolsOfPage = new WeakMap();

/**
 * `executeServerCommand('emulate-media-features', [{name, value}, …])`: emulates any CSS media
 * feature Chromium knows, `forced-colors` included, which @web/test-runner-commands'
 * `emulateMedia` drops for this (puppeteer-based) launcher. It goes to the DevTools protocol
 * itself, since puppeteer 24 refuses `forced-colors` by name. Replaces every feature emulated
 * before, `emulateMedia`'s included; `[]` resets them all.
 * @type {import('@web/test-runner').TestRunnerPlugin<{name: string, value: string}[]>}
 */
const emulateMediaFeatures = {
  name: 'emulate-media-features',
  async executeCommand({ command, payload, session }) {
    if (command !== 'emulate-media-features') return undefined;
    if (!Array.isArray(payload)) throw new Error('emulate-media-features takes [{name, value}]');
    if (session.browser.type !== 'puppeteer')
      throw new Error(`emulate-media-features needs puppeteer, not ${session.browser.type}`);
    const browser = /** @type {import('@web/test-runner-chrome').ChromeLauncher} */ (
      session.browser
    );
    const page = browser.getPage(session.id);
    // Emulation lasts as long as the DevTools session that set it: one per page, kept open.
    let devtools = devtoolsOfPage.get(page);
    if (!devtools) devtoolsOfPage.set(page, (devtools = await page.createCDPSession()));
    await devtools.send('Emulation.setEmulatedMedia', { features: payload });
    return true;
  },
};

const commonjs = fromRollup(rollupCommonjs);
const replace = fromRollup(rollupReplace);

/** Tests run in real Chromium: the system's, or CHROME_PATH's; never a downloaded one. */
export default {
  // Browser tests only: test/element/, and test/frameworks/ (the element under React 19,
  // React 18 in its own workspace, Vue, Angular). The other test folders hold Node tests.
  files: ['test/element/*.test.ts', 'test/frameworks/**/*.test.ts', '!**/node_modules/**'],
  nodeResolve: true,
  plugins: [
    vueFullBuild,
    // `a11ySnapshot()`: Chromium's accessibility tree of the page (not registered by default).
    a11ySnapshotPlugin(),
    emulateMediaFeatures,
    // React and Vue read NODE_ENV to pick their development builds; no bundler defines it here.
    replace({
      preventAssignment: true,
      values: {
        'process.env.NODE_ENV': '"development"',
        // Vue's bundler build expects its feature flags defined (as @vitejs/plugin-vue does).
        __VUE_OPTIONS_API__: 'true',
        __VUE_PROD_DEVTOOLS__: 'false',
        __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
      },
    }),
    // React, ReactDOM and scheduler ship CommonJS only (React 18's copy included).
    commonjs({
      // The plugin needs Rollup's module graph to know what a required file is; the dev server
      // has none. So: hoisted requires (each file plain ESM with a default export, not a
      // wrapped `__require`), and `require(x)` is x's default export, the `module.exports`.
      strictRequires: false,
      requireReturnsDefault: 'preferred',
      include: [
        '**/node_modules/react/**',
        '**/node_modules/react-dom/**',
        '**/node_modules/scheduler/**',
      ],
    }),
    esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' }),
  ],
  middleware: [testBackend()],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: chromiumPath(),
        headless: true,
        args: [
          ...CHROMIUM_ARGS,
          // Loopback only: a payment link on another host (the popup frames it) fails at once.
          '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
        ],
      },
    }),
  ],
  testFramework: { config: { timeout: 10000 } },
  reporters: [defaultReporter(), summaryLine()],
};
