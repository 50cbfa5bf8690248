/**
 * The package as a user gets it: `npm pack`, installed from that tarball into an empty
 * project, then imported in Node and, bundled by esbuild as an app would, in Chromium.
 * Runs after a build; needs the npm registry (or its cache) for lit and React.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../../testing/chromium.js';
import { packAndInstall } from './packed.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
let project: string;

before(async () => {
  project = await mkdtemp(join(tmpdir(), 'banq-checkout-consumer-'));
  const packed = await packAndInstall(root, project, 'consumer', ['react@19', 'react-dom@19']);
  assert.ok(packed.includes('dist/index.js') && packed.includes('dist/custom-elements.json'));
  assert.ok(
    !packed.some((p) => p.startsWith('src/') || p.startsWith('test/') || p.startsWith('demo/')),
    'only dist ships',
  );
});
after(() => rm(project, { recursive: true, force: true }));

describe('the packed package in an empty project', () => {
  it('imports in Node, entry and React wrapper, through its exports map', async () => {
    const script = `
      const element = await import('banq-checkout');
      const react = await import('banq-checkout/react');
      const manifest = (await import('banq-checkout/custom-elements.json', { with: { type: 'json' } })).default;
      console.log(JSON.stringify({
        element: typeof element.BanqCheckout,
        defined: customElements.get('banq-checkout') === element.BanqCheckout,
        react: typeof react.BanqCheckout,
        manifest: manifest.schemaVersion !== undefined,
      }));`;
    const { stdout } = await run('node', ['--input-type=module', '-e', script], { cwd: project });
    assert.deepEqual(JSON.parse(stdout), {
      element: 'function',
      defined: true,
      react: 'object',
      manifest: true,
    });
  });

  it('ships types for every entry, and lit as a dependency, not bundled', async () => {
    const pkg = JSON.parse(
      await readFile(join(project, 'node_modules/banq-checkout/package.json'), 'utf8'),
    );
    for (const entry of ['.', './react', './vue', './svelte'])
      await readFile(join(project, 'node_modules/banq-checkout', pkg.exports[entry].types));
    assert.ok(pkg.dependencies.lit);
    const code = await readFile(
      join(project, 'node_modules/banq-checkout/dist/banq-checkout.js'),
      'utf8',
    );
    assert.match(code, /from "lit"/);
    assert.doesNotMatch(code, /class ReactiveElement/);
  });

  it('runs in Chromium, bundled as an app would bundle it, and defines a working element', async () => {
    const entry = join(project, 'app.js');
    await writeFile(
      entry,
      `import { BanqCheckout } from 'banq-checkout'; window.result = customElements.get('banq-checkout') === BanqCheckout;`,
    );
    const bundle = await build({
      entryPoints: [entry],
      bundle: true,
      format: 'esm',
      write: false,
      absWorkingDir: project,
    });
    const browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: CHROMIUM_ARGS,
    });
    try {
      const page = await browser.newPage();
      await page.setContent('<banq-checkout script-src="data:text/javascript,"></banq-checkout>');
      await page.addScriptTag({ content: bundle.outputFiles[0].text, type: 'module' });
      assert.equal(
        await page.evaluate(() => (window as unknown as { result: boolean }).result),
        true,
      );
      const state = await page.waitForFunction(() =>
        document.querySelector('banq-checkout')?.getAttribute('state'),
      );
      assert.ok(
        ['loading', 'error'].includes(String(await state.jsonValue())),
        'the tag upgraded and began to load',
      );
    } finally {
      await browser.close();
    }
  });
});
