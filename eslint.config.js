// @ts-check
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import lit from 'eslint-plugin-lit';
// @ts-expect-error -- the plugin has no types
import litA11y from 'eslint-plugin-lit-a11y';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** @import { Linter } from 'eslint' */

// The files holding Lit templates or custom elements: the element, the demo, the browser tests.
const components = ['src/**/*.ts', 'demo/**/*.ts', 'test/*.ts', 'test/frameworks/**'];

// strictTypeChecked's options for restrict-template-expressions, but for numbers: a number
// reads as written, with no format to choose.
const templateOptions = {
  allowAny: false,
  allowBoolean: false,
  allowNever: false,
  allowNullish: false,
  allowNumber: true,
  allowRegExp: false,
};

// tsconfig.node.json's files. The project service finds only a file's nearest tsconfig.json
// (the root one, which leaves these out), so they name their tsconfig instead.
const nodeProject = [
  'vite.config.ts',
  'bench/**/*.ts',
  'demo/server/**/*.ts',
  'mock-banq/*.ts',
  'test/server/**/*.ts',
  'testing/fake-banq.ts',
  'testing/orders-service.ts',
  'test/e2e/**/*.ts',
  'test/node/**/*.ts',
  'test/scale-out/**/*.ts',
];

export default defineConfig(
  {
    ignores: [
      'dist/',
      'server/dist/',
      'dist-demo/',
      '.data/',
      'node_modules/',
      'test/frameworks/react18/node_modules/',
      // What `next build` writes.
      'examples/nextjs/.next/',
      'examples/nextjs/next-env.d.ts',
    ],
  },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      globals: globals.browser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            // node:test's describe() and it() return promises the runner itself awaits.
            { from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite'] },
            // @open-wc/testing's DOM-diff plugin types chai's equal() as a promise: it is one
            // only for snapshots, which these tests do not take.
            { from: 'package', package: '@open-wc/semantic-dom-diff', name: 'Equal' },
          ],
        },
      ],
      // `() => resolve()`, and `return done()` from a function that returns nothing: a
      // shorthand, not a value used.
      '@typescript-eslint/no-confusing-void-expression': [
        'error',
        { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true },
      ],
      '@typescript-eslint/restrict-template-expressions': ['error', templateOptions],
      // An async implementation of a promise-returning interface (a store, resolveOrder, a
      // getPaymentLink) needs no await, and `async` keeps its throws rejections.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: nodeProject,
    languageOptions: {
      parserOptions: { projectService: false, project: './tsconfig.node.json' },
    },
  },
  {
    // Runs in Node: configs, scripts, and the servers tests and the demo talk to.
    files: [
      '*.config.{js,ts}',
      'scripts/**',
      'testing/scripted-backend.js',
      'testing/chromium.js',
      'testing/fake-banq.ts',
      'testing/orders-service.ts',
      'demo/server/**',
      'server/**',
      'mock-banq/*.ts',
      'test/server/**',
      'test/e2e/**',
      'test/node/**',
      'test/scale-out/**',
      'bench/*.ts',
      '*.config.mjs',
    ],
    languageOptions: { globals: globals.node },
  },
  {
    files: components,
    // Both plugins type their configs as flat or legacy: these two are flat.
    extends: [
      /** @type {Linter.Config} */ (lit.configs?.['flat/recommended']),
      /** @type {Linter.Config} */ (wc.configs?.['flat/best-practice']),
    ],
    plugins: { 'lit-a11y': litA11y },
    // lit-a11y has only a legacy (eslintrc) config: its rules, with the plugin registered above.
    rules: {
      ...litA11y.configs.recommended.rules,
      // TypeScript already rejects a super call to a callback the base class lacks (LitElement
      // has them all): the guard would be dead code.
      'wc/guard-super-call': 'off',
    },
    // Without it the wc rules look only at classes extending HTMLElement, not at Lit's.
    settings: { wc: { elementBaseClasses: ['LitElement'] } },
  },
  {
    // Tests may reach into untyped corners of the page, and chai asserts by property access:
    // `any` is allowed here, so the no-unsafe-* rules, which flag its every use, are off too.
    files: ['test/**', 'testing/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-expressions': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { ...templateOptions, allowAny: true },
      ],
    },
  },
  {
    // Compile-time tests, never run: `void value` marks a value used, for noUnusedLocals.
    files: ['test/types/**'],
    rules: { '@typescript-eslint/no-meaningless-void-operator': 'off' },
  },
  {
    // The element, the reference backend, the mock banq, and the stand-ins and benchmarks that
    // drive them: no function longer than 80 lines (blank lines and comments count), so each
    // reads as one step; immediately invoked ones too.
    files: [
      'src/**/*.ts',
      'server/src/**/*.ts',
      'mock-banq/**/*.{ts,js}',
      'testing/**/*.{ts,js}',
      'bench/**/*.ts',
    ],
    rules: { 'max-lines-per-function': ['error', { max: 80, IIFEs: true }] },
  },
  {
    // No tsconfig takes plain JS (none sets allowJs): linted without types. Last, so that no
    // type-aware rule set above comes back for it.
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
