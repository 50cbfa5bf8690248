import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import minifyHTMLLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { defineConfig, type Plugin } from 'vite';
import { inPageShell } from './demo/page-shell.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Lit's `html` and `css` templates in src/ minified as they are built (Lit's own plugin), so the
 * source keeps them readable and the shipped files carry no indentation. A template it cannot
 * parse fails the build rather than shipping unminified. It is a Rollup plugin, which Vite runs
 * as one of its own: only their TypeScript types differ.
 */
const minifyTemplates = {
  ...minifyHTMLLiterals({
    include: [`${here('src')}/**/*.ts`],
    failOnError: true,
    options: { minifyOptions: { removeAttributeQuotes: true } },
  }),
  apply: 'build',
} as unknown as Plugin;

/**
 * - `vite build`: the package, ESM with lit and React external, for bundlers:
 *   `dist/index.js` (the element) and `dist/react.js` (the React wrapper).
 * - `vite build --mode standalone`: the element with lit inside, for a plain `<script type="module">`.
 * - `vite build --mode demo`: the demo pages (every `demo/*.html`) into `dist-demo/`.
 * - `npm start` (demo/server/main.ts) serves the demo pages through this config's demo mode, in
 *   middleware mode.
 */
export default defineConfig(({ mode }) => {
  const demoPages = Object.fromEntries(
    readdirSync(here('demo'))
      .filter((file) => file.endsWith('.html'))
      .map((file) => [file.replace(/\.html$/, ''), here(`demo/${file}`)]),
  );
  // The demo's Vue page compiles its template in the browser, which needs Vue's full build.
  const resolve = { alias: { vue: 'vue/dist/vue.esm-bundler.js' } };
  // Vue's compile-time feature flags, which its ESM build expects a bundler to set.
  const define = {
    __VUE_OPTIONS_API__: 'true',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  };

  if (mode === 'demo')
    return {
      root: here('demo'),
      resolve,
      define,
      // Every page in the one shell of header, demos bar and footer (demo/page-shell.ts).
      plugins: [
        {
          name: 'demo-page-shell',
          transformIndexHtml: {
            order: 'pre',
            handler: (html, { filename }) => inPageShell(html, filename),
          },
        },
      ],
      build: {
        outDir: here('dist-demo'),
        emptyOutDir: true,
        rolldownOptions: { input: demoPages },
      },
    };

  const standalone = mode === 'standalone';
  return {
    root: here('demo'),
    resolve,
    define,
    plugins: [minifyTemplates],
    build: {
      outDir: here('dist'),
      emptyOutDir: !standalone,
      target: 'es2022',
      lib: standalone
        ? {
            entry: here('src/index.ts'),
            formats: ['es'],
            fileName: () => 'banq-checkout.standalone.js',
          }
        : {
            entry: { index: here('src/index.ts'), react: here('src/frameworks/react.ts') },
            formats: ['es'],
            fileName: (_format, name) => `${name}.js`,
          },
      rolldownOptions: {
        external: standalone ? [] : [/^lit(\/|$)/, /^@lit\//, /^react(\/|$)/],
        // src/frameworks/react.ts is an entry, so Rolldown keeps its 'use client' at the top of
        // react.js, where React server components look for it; it warns all the same.
        onLog: (level, log, handler) => {
          if (log.code === 'MODULE_LEVEL_DIRECTIVE' && log.id === here('src/frameworks/react.ts'))
            return;
          handler(level, log);
        },
        output: {
          // The code both entries share: one file, so the element is defined once.
          chunkFileNames: 'banq-checkout.js',
          // The standalone file goes straight to browsers, so it is minified whole (Vite keeps
          // a library's ES output readable for the bundler that will minify it).
          ...(standalone && { minify: true }),
        },
      },
    },
  };
});
