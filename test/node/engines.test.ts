/**
 * Engines tell the truth: every package a clean `npm install` puts in place (the root's, the
 * workspaces' and their dependencies', as package-lock.json records them) admits the oldest
 * Node the project's own `engines` promises, and the Node running this test. A dependency
 * that does not is what makes npm print `EBADENGINE`.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import semver from 'semver';

interface LockedPackage {
  version?: string;
  engines?: { node?: string } | string[];
}

const readJson = async <T>(path: string): Promise<T> =>
  JSON.parse(await readFile(new URL(path, import.meta.url), 'utf8')) as T;

describe('engines', () => {
  it('every installed package admits the project’s oldest Node and this one', async () => {
    const { engines } = await readJson<{ engines: { node: string } }>('../../package.json');
    const oldest = semver.minVersion(engines.node)!.version;
    const nodes = [oldest, process.versions.node];
    const lock = await readJson<{ packages: Record<string, LockedPackage> }>(
      '../../package-lock.json',
    );

    const refusing = Object.entries(lock.packages).flatMap(([path, { version, engines }]) => {
      // Old packages wrote engines as an array, which npm ignores.
      const range = engines && !Array.isArray(engines) ? engines.node : undefined;
      if (!range) return [];
      const refused = nodes.filter((node) => !semver.satisfies(node, range));
      return refused.length
        ? [`${path || 'the root'}@${version ?? '?'}: node ${range} refuses ${refused.join(', ')}`]
        : [];
    });

    assert.ok(Object.keys(lock.packages).length > 100, 'the lockfile lists the installed tree');
    assert.deepEqual(refusing, []);
  });
});
