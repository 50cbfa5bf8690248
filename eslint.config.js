// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'server/dist/',
      'dist-demo/',
      '.data/',
      'node_modules/',
      'test/frameworks/react18/node_modules/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  { languageOptions: { globals: globals.browser } },
  {
    // Runs in Node: configs, scripts, and the servers tests and the demo talk to.
    files: [
      '*.config.{js,ts}',
      'scripts/**',
      'test/server/**',
      'test/chromium.js',
      'demo/server/**',
      'server/**',
      'mock-banq/*.ts',
      'test/backend/**',
      'test/e2e/**',
      'test/node/**',
      'test/scale-out/**',
      'bench/*.ts',
      '*.config.mjs',
    ],
    languageOptions: { globals: globals.node },
  },
  {
    // Tests may reach into untyped corners of the page, and chai asserts by property access.
    files: ['test/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
);
