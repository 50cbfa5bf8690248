/**
 * banq-checkout-server as a merchant installs it: `npm pack` of the workspace (after
 * `npm run build:server`), installed into an empty project with nothing but its own
 * dependencies, then run with plain Node (no TypeScript loader). Needs the npm registry or
 * its cache, like package.test.ts.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { packAndInstall } from './packed.js';

const run = promisify(execFile);
const server = fileURLToPath(new URL('../../server', import.meta.url));
let project: string;
let packed: string[];

before(async () => {
  project = await mkdtemp(join(tmpdir(), 'banq-checkout-server-consumer-'));
  packed = await packAndInstall(server, project, 'merchant');
});
after(() => rm(project, { recursive: true, force: true }));

/** Every package a file of server/src imports (bare specifiers, not node: built-ins). */
async function importedPackages(): Promise<Set<string>> {
  const found = new Set<string>();
  const folder = join(server, 'src');
  for (const file of await readdir(folder, { recursive: true })) {
    if (!file.endsWith('.ts')) continue;
    const text = await readFile(join(folder, file), 'utf8');
    for (const [, specifier] of text.matchAll(/(?:from|import\()\s*'([^'.][^']*)'/g)) {
      if (specifier.startsWith('node:')) continue;
      const parts = specifier.split('/');
      found.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
    }
  }
  return found;
}

describe('banq-checkout-server, packed', () => {
  it('ships the built JavaScript and types, not the tests or the demo', () => {
    assert.ok(
      packed.includes('dist/server/src/index.js') && packed.includes('dist/server/src/index.d.ts'),
    );
    assert.ok(packed.includes('dist/server/src/main.js'), 'the production entry');
    assert.ok(packed.includes('dist/src/funds.js'), 'the amount rule it shares with the element');
    assert.ok(!packed.some((p) => p.endsWith('.ts') && !p.endsWith('.d.ts')), packed.join(', '));
  });

  it('declares every package its code imports as its own dependency', async () => {
    const { dependencies = {} } = JSON.parse(
      await readFile(join(server, 'package.json'), 'utf8'),
    ) as { dependencies?: Record<string, string> };
    for (const name of await importedPackages())
      assert.ok(name in dependencies, `server/src imports ${name}: add it to server/package.json`);
  });

  it('runs with plain Node: a backend on the embedded store answers its OpenAPI document', async () => {
    const script = `
      import { createBanqBackend, openStore } from 'banq-checkout-server';
      const store = await openStore({ dataDir: 'memory://' });
      const backend = createBanqBackend({
        banq: { authUrl: 'http://127.0.0.1:9/t', apiUrl: 'http://127.0.0.1:9/api/v1', clientId: 'c',
                username: 'u', password: 'p', audience: 'a', widgetUrl: 'w', merchantGuid: 'g' },
        store,
        resolveOrder: async () => null,
        reconcileIntervalMs: 0,
      });
      const answer = await backend.fetch(new Request('http://shop.test/openapi.json'));
      const unknown = await backend.fetch(new Request('http://shop.test/generate-payment-link', {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"orderId":"x"}' }));
      console.log(JSON.stringify({ status: answer.status, openapi: (await answer.json()).openapi,
        unknown: (await unknown.json()).error.code }));
      await backend.close();
      await store.close();`;
    const { stdout } = await run('node', ['--input-type=module', '-e', script], {
      cwd: project,
      timeout: 60_000,
    });
    assert.deepEqual(JSON.parse(stdout), {
      status: 200,
      openapi: '3.0.0',
      unknown: 'unknown_order',
    });
  });
});
