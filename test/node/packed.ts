/** What package.test.ts and server-package.test.ts share: a package packed and installed as a user would. */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * `npm pack` of the package in `dir` into `project`, an empty folder made a project called
 * `name`, and `npm install` of that tarball there with `extra` packages; resolves with the paths
 * the tarball holds.
 */
export async function packAndInstall(
  dir: string,
  project: string,
  name: string,
  extra: string[] = [],
): Promise<string[]> {
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', project], {
    cwd: dir,
  });
  const [{ filename, files }] = JSON.parse(stdout) as {
    filename: string;
    files: { path: string }[];
  }[];
  await writeFile(
    join(project, 'package.json'),
    JSON.stringify({ name, private: true, type: 'module' }),
  );
  await run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', `./${filename}`, ...extra],
    { cwd: project },
  );
  return files.map((f) => f.path);
}
