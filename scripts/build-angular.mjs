// @ts-check
/**
 * `banq-checkout/angular`, built the way Angular libraries ship: `ngc` (the Angular compiler's
 * own API, as the `ngc` command runs it) in partial compilation mode, from tsconfig.angular.json.
 * The directive imports the rest of src/, which ngc would emit too, over the files Vite and tsc
 * wrote to dist/: only the directive's own dist/frameworks/angular.js and .d.ts are written.
 * The last step of `npm run build`.
 */
import {
  createCompilerHost,
  exitCodeFromResult,
  formatDiagnostics,
  performCompilation,
  readConfiguration,
} from '@angular/compiler-cli';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const ours = new Set(
  ['dist/frameworks/angular.js', 'dist/frameworks/angular.d.ts'].map((file) => resolve(root, file)),
);

const config = readConfiguration(resolve(root, 'tsconfig.angular.json'));
if (config.errors.length) {
  console.error(formatDiagnostics(config.errors));
  process.exit(1);
}
const host = createCompilerHost({ options: config.options });
const written = new Set();
const writeFile = host.writeFile.bind(host);
host.writeFile = (fileName, ...rest) => {
  if (!ours.has(resolve(fileName))) return;
  written.add(resolve(fileName));
  writeFile(fileName, ...rest);
};

const result = performCompilation({
  rootNames: config.rootNames,
  options: config.options,
  emitFlags: config.emitFlags,
  host,
});
if (result.diagnostics.length) console.error(formatDiagnostics(result.diagnostics));
const missing = [...ours].filter((file) => !written.has(file));
if (missing.length) console.error(`build-angular: nothing written to ${missing.join(', ')}`);
process.exit(exitCodeFromResult(result.diagnostics) || (missing.length ? 1 : 0));
