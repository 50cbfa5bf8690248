/**
 * `banq-checkout/angular` as Angular apps get it: the built, partially compiled directive
 * (dist/frameworks/angular.js), imported through the package's exports map by the example in
 * test/frameworks/angular/, which `ngc` compiles with strict templates, as an app's build does.
 * The README's component compiles; a template binding the element wrongly does not, with one
 * diagnostic per wrong binding; and the compiled app, linked and bundled the way the Angular CLI
 * does it (Angular's Babel linker, then a bundler: no JIT compiler on the page), runs in
 * Chromium with its inputs on the element's properties and each output handled once.
 * Runs after a build (`npm run build`), which writes dist/frameworks/angular.js.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../../testing/chromium.js';

declare global {
  interface Window {
    /** What test/frameworks/angular/main.ts hands the test, once the app has started. */
    angularTest: Promise<{
      page: Record<'getPaymentLink' | 'headers' | 'metadata' | 'strings', unknown> &
        Record<'destroyedViaOutput' | 'destroyedViaDom', unknown[]> & {
          /** BanqCheckoutDirective, as far as checkDirectiveAccessors reads it. */
          directive?: Record<'comment' | 'funds', unknown> & {
            element: HTMLElement & Record<'comment' | 'funds', unknown>;
          };
        };
      successes: unknown[];
    }>;
  }
}

const root = fileURLToPath(new URL('../..', import.meta.url));
const example = join(root, 'test/frameworks/angular');
const ngcBin = join(root, 'node_modules/.bin/ngc');

interface Ngc {
  code: number;
  output: string;
}

/** Runs `ngc -p <tsconfig>` with `args`; resolves with its exit code and what it printed, uncoloured. */
const ngc = (tsconfig: string, ...args: string[]) =>
  new Promise<Ngc>((resolve) => {
    execFile(
      ngcBin,
      ['-p', join(example, tsconfig), ...args],
      { cwd: root },
      (error, stdout, stderr) =>
        resolve({
          code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
          // eslint-disable-next-line no-control-regex -- ANSI colour codes
          output: (stdout + stderr).replace(/\x1b\[[0-9;]*m/g, ''),
        }),
    );
  });

let out: string;
let app: Promise<Ngc>;
let wrong: Promise<Ngc>;

before(async () => {
  await access(join(root, 'dist/frameworks/angular.js')).catch(() => {
    throw new Error('dist/frameworks/angular.js is missing: run `npm run build` first');
  });
  out = await mkdtemp(join(tmpdir(), 'banq-checkout-angular-'));
  // Both compilations at once: each takes a few seconds.
  app = ngc('tsconfig.app.json', '--outDir', out);
  wrong = ngc('tsconfig.wrong.json');
  await Promise.all([app, wrong]);
});
after(() => rm(out, { recursive: true, force: true }));

describe('banq-checkout/angular', () => {
  it('imports in Node with no DOM, and declares an input per property, an output per event', async () => {
    assert.equal(typeof (globalThis as { document?: unknown }).document, 'undefined');
    // Not linked at build time here: Angular's JIT compiler links the partial declaration.
    await import('@angular/compiler');
    const { BanqCheckoutDirective } = await import('../../dist/frameworks/angular.js');
    const { BanqCheckout } = await import('../../dist/index.js');
    const dir = (BanqCheckoutDirective as any).ɵdir;
    assert.deepEqual(dir.selectors, [['banq-checkout']]);
    assert.deepEqual(dir.exportAs, ['banqCheckout']);
    assert.equal(dir.standalone, true);
    // The element's declared properties, and the built-in `nonce` it reads for its script tag.
    const properties = [...Object.keys(BanqCheckout.properties), 'nonce'];
    assert.deepEqual(Object.keys(dir.inputs).sort(), properties.sort());
    assert.deepEqual(Object.keys(dir.outputs).sort(), [
      'banqClose',
      'banqDestroy',
      'banqError',
      'banqReady',
      'banqSuccess',
    ]);
  });

  it('ngc compiles the README example, as the README shows it, with strict templates, against the built package', async () => {
    const { code, output } = await app;
    assert.equal(code, 0, output);
    const compiled = await readFile(join(out, 'checkout.component.js'), 'utf8');
    assert.match(compiled, /from 'banq-checkout\/angular'/);
    assert.match(compiled, /dependencies: \[BanqCheckoutDirective\]/);
    // The README shows this very component: the file, from its imports on.
    const readme = await readFile(join(root, 'README.md'), 'utf8');
    const snippet = /\*\*Angular\*\*[^]*?```ts\n([^]*?)```/.exec(readme)?.[1];
    const source = await readFile(join(example, 'checkout.component.ts'), 'utf8');
    assert.equal(snippet, source.slice(source.indexOf('import ')), "the README's Angular snippet");
  });

  it('ngc rejects each wrong binding of the element, each with its own diagnostic', async () => {
    const { code, output } = await wrong;
    assert.notEqual(code, 0, 'the wrong template compiled');
    const source = await readFile(join(example, 'wrong.component.ts'), 'utf8');
    const lines = source.split('\n');
    const lineOf = (binding: string) => {
      const index = lines.findIndex((line) => line.trim() === binding);
      assert.ok(index >= 0, `wrong.component.ts has no line ${binding}`);
      return index + 1;
    };
    // What each wrong binding must draw, on its own line of the template.
    const expected: [binding: string, code: string, message: RegExp][] = [
      [`[funds]="'abc'"`, 'TS2322', /Type 'string' is not assignable to type 'number'/],
      ['[orderId]="42"', 'TS2322', /Type 'number' is not assignable to type 'string'/],
      ['[fundz]="2"', 'NG8002', /Can't bind to 'fundz' since it isn't a known property/],
      ['funds="2"', 'TS2322', /Type 'string' is not assignable to type 'number'/],
      [`[metadata]="'c-7'"`, 'TS2322', /not assignable to type 'Record<string, unknown>'/],
      [`[getPaymentLink]="'/link'"`, 'TS2322', /not assignable to type 'GetPaymentLink'/],
      [
        '(banqSuccess)="onError($event.detail)"',
        'TS2345',
        /'BanqSuccessDetail' is not assignable to parameter of type 'BanqErrorDetail'/,
      ],
      [
        '(banqError)="onSuccess($event.detail)"',
        'TS2345',
        /'BanqErrorDetail' is not assignable to parameter of type 'BanqSuccessDetail'/,
      ],
      [
        '(banq-success)="onError($event.detail)"',
        'TS2345',
        /'BanqSuccessDetail' is not assignable to parameter of type 'BanqErrorDetail'/,
      ],
      [
        '(banqSucess)="onSuccess($event.detail)"',
        'TS2339',
        /Property 'detail' does not exist on type 'Event'/,
      ],
      ['#checkout="banqCheckOut"', 'NG8003', /No directive found with exportAs 'banqCheckOut'/],
    ];
    const diagnostics = [
      ...output.matchAll(/wrong\.component\.ts:(\d+):\d+ - error (\w+): (.*)/g),
    ].map(([, line, diagnostic, message]) => ({ line: Number(line), code: diagnostic, message }));
    for (const [binding, diagnostic, message] of expected) {
      const line = lineOf(binding);
      assert.ok(
        diagnostics.some(
          (d) => d.line === line && d.code === diagnostic && message.test(d.message),
        ),
        `no ${diagnostic} /${message.source}/ on line ${line}, ${binding}:\n${output}`,
      );
    }
    assert.equal(diagnostics.length, expected.length, `other diagnostics:\n${output}`);
  });

  it('the compiled app, linked and bundled, runs in Chromium: inputs set properties, outputs fire once', async () => {
    assert.equal((await app).code, 0, 'the app compiled');
    const bundle = await build({
      entryPoints: [join(out, 'main.js')],
      bundle: true,
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
      plugins: [fromTheRepository, angularLinker],
    });
    const code = bundle.outputFiles[0].text;
    assert.doesNotMatch(code, /ɵɵngDeclare/, 'every partial declaration was linked');
    const inputs = Object.keys(bundle.metafile.inputs);
    assert.ok(inputs.includes('dist/frameworks/angular.js'), 'the built directive is bundled');
    assert.ok(!inputs.some((file) => file.includes('@angular/compiler/')), 'no JIT compiler');
    const spyWidget = await readFile(join(root, 'testing/spy-widget.js'), 'utf8');

    const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      // Every step here takes milliseconds: a failing one fails in seconds, not Playwright's 30.
      page.setDefaultTimeout(5000);
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('console', (message) => {
        const text = message.text();
        // The one failure the test scripts: the backend's 500, which Chromium logs.
        if (text.includes('status of 500')) return;
        if (message.type() === 'error' || message.type() === 'warning') problems.push(text);
      });
      await page.route('https://sandbox.banq.com/**', (route) =>
        route.fulfill({ contentType: 'text/javascript', body: spyWidget }),
      );
      await page.route('http://shop.test/**', (route) => {
        const { pathname } = new URL(route.request().url());
        if (pathname === '/main.js')
          return route.fulfill({ contentType: 'text/javascript', body: code });
        if (pathname === '/generate-payment-link')
          return route.fulfill({ status: 500, body: 'scripted failure' });
        return route.fulfill({
          contentType: 'text/html',
          body: '<!doctype html><test-page></test-page><script type="module" src="/main.js"></script>',
        });
      });
      await page.goto('http://shop.test/');
      await page.evaluate(async () => {
        await window.angularTest;
      });
      await page.waitForFunction(() =>
        [...document.querySelectorAll('banq-checkout')].every(
          (el) => el.getAttribute('state') === 'ready',
        ),
      );

      await checkEveryInput(page);
      await checkDirectiveAccessors(page);
      await checkReadmeComponent(page);
      await checkOutputAndDomEvent(page);
      assert.deepEqual(problems, [], 'no errors or warnings on the page');
    } finally {
      await browser.close();
    }
  });
});

/** The page's `<banq-checkout>` bound through every input: each set as the element's property. */
async function checkEveryInput(page: Page) {
  const seen = await page.evaluate(async () => {
    const { page: component } = await window.angularTest;
    const el = document.querySelector<HTMLElement & Record<string, unknown>>('#every-input')!;
    return {
      values: {
        scriptSrc: el.scriptSrc,
        backendUrl: el.backendUrl,
        orderId: el.orderId,
        comment: el.comment,
        funds: el.funds,
        frequency: el.frequency,
        startDate: el.startDate,
        endDate: el.endDate,
        eventsUrl: el.eventsUrl,
        timeout: el.timeout,
        nonce: el.nonce,
        headers: el.headers,
        metadata: el.metadata,
        strings: el.strings,
      },
      // The very objects and function the component holds, not copies or strings.
      same: [
        el.getPaymentLink === component.getPaymentLink,
        el.headers === component.headers,
        el.metadata === component.metadata,
        el.strings === component.strings,
      ],
      attributes: el.getAttributeNames(),
    };
  });
  assert.deepEqual(seen.values, {
    scriptSrc: 'https://sandbox.banq.com/widget/ecommerce.js',
    backendUrl: '/every-input-link',
    orderId: 'order-every',
    comment: 'Flat white',
    funds: 12.5,
    frequency: 'monthly',
    startDate: '2026-01-01',
    endDate: '2026-12-01',
    eventsUrl: '/every-input-events',
    timeout: 5000,
    nonce: 'n0nce',
    headers: { 'X-CSRF-Token': 't0ken' },
    metadata: { customerId: 'c-8' },
    strings: { loading: 'Chargement' },
  });
  assert.deepEqual(seen.same, [true, true, true, true]);
  // Properties only: no attribute for any input (an object as one would be "[object Object]").
  assert.deepEqual(seen.attributes.sort(), ['id', 'state']);
}

/**
 * Code holding the directive (`@ViewChild`, `#checkout="banqCheckout"`) reads the element's
 * properties through it, and writes them: the element holds the state, not the directive.
 */
async function checkDirectiveAccessors(page: Page) {
  const seen = await page.evaluate(async () => {
    const { page: component } = await window.angularTest;
    const directive = component.directive!;
    const el = directive.element;
    el.comment = 'Set on the element';
    const comment = directive.comment;
    directive.funds = 7;
    return {
      comment,
      funds: el.funds,
      isTheElement: el === document.querySelector('#every-input'),
    };
  });
  assert.deepEqual(seen, { comment: 'Set on the element', funds: 7, isTheElement: true });
}

/** The README's component: its bindings on the element, and each of its handlers run once. */
async function checkReadmeComponent(page: Page) {
  const bound = await page.evaluate(() => {
    const el = document.querySelector<HTMLElement & Record<string, unknown>>(
      'app-checkout banq-checkout',
    )!;
    return { orderId: el.orderId, funds: el.funds, metadata: el.metadata, url: el.backendUrl };
  });
  assert.deepEqual(bound, {
    orderId: '009221',
    funds: 2,
    metadata: { customerId: 'c-7' },
    url: '/generate-payment-link',
  });

  // banq's stand-in widget, as banq's script calls it: asked for a link (the backend answers
  // 500, so banq-error), then told the payment succeeded (banq-success).
  const widget = `window.spyWidgets.find((w) =>
    document.querySelector(w.options.selector)?.closest('app-checkout')).options`;
  await page.evaluate(`${widget}.getPaymentInfo().catch(() => {})`);
  const alert = page.locator('app-checkout [role="alert"]');
  await alert.waitFor();
  assert.match(await alert.innerText(), /backend-url answered 500/);
  await page.evaluate(`${widget}.onPaymentSuccess()`);
  await page.getByText('Paid: order 009221').waitFor();
  await page.waitForTimeout(50);
  const successes = await page.evaluate(async () => (await window.angularTest).successes);
  assert.deepEqual(successes, [{ orderId: '009221', source: 'widget' }], 'onSuccess ran once');
}

/** `(banqDestroy)` and `(banq-destroy)` on one element: each handler runs once per event. */
async function checkOutputAndDomEvent(page: Page) {
  await page.evaluate(() => {
    document.querySelector<HTMLElement & { destroy(): void }>('#every-input')!.destroy();
  });
  await page.locator('output').getByText('1 1').waitFor();
  await page.waitForTimeout(50);
  const counts = await page.evaluate(async () => {
    const { page: component } = await window.angularTest;
    return [component.destroyedViaOutput, component.destroyedViaDom];
  });
  assert.deepEqual(counts, [[{ orderId: 'order-every' }], [{ orderId: 'order-every' }]]);
}

/**
 * The compiled example lives in a temporary directory: its imports (`banq-checkout/angular`,
 * `@angular/core`…) resolve as from the repository's root, where `banq-checkout` is the
 * package itself, through its exports map, as an app's node_modules would hold it.
 */
const fromTheRepository: Plugin = {
  name: 'from-the-repository',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^[@a-z]/ }, (args) =>
      args.pluginData === 'from-root'
        ? undefined
        : esbuild.resolve(args.path, {
            kind: args.kind,
            resolveDir: root,
            pluginData: 'from-root',
          }),
    );
  },
};

interface Babel {
  transformAsync(
    code: string,
    options: Record<string, unknown>,
  ): Promise<{ code?: string | null } | null>;
}

/**
 * Angular's linker, as the Angular CLI runs it on every library it bundles: partial
 * declarations (`ɵɵngDeclareDirective`…) in this package and in Angular's own become the
 * definitions an AOT-compiled app needs, so no JIT compiler is loaded. Babel is the one
 * @angular/compiler-cli depends on and runs its linker with.
 */
const angularLinker: Plugin = {
  name: 'angular-linker',
  setup(esbuild) {
    const fromCompilerCli = createRequire(import.meta.resolve('@angular/compiler-cli'));
    const babel = fromCompilerCli('@babel/core') as Babel;
    esbuild.onLoad({ filter: /\.m?js$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      if (!source.includes('ɵɵngDeclare')) return undefined;
      const { default: linkerPlugin } = await import('@angular/compiler-cli/linker/babel');
      const linked = await babel.transformAsync(source, {
        filename: path,
        babelrc: false,
        configFile: false,
        compact: false,
        sourceMaps: false,
        plugins: [linkerPlugin],
      });
      return { contents: linked?.code ?? '', loader: 'js' };
    });
  },
};
