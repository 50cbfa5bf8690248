import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * - `vite build`: the package, ESM with lit, @lit/react and React external, for bundlers:
 *   `dist/index.js` (the element) and `dist/react.js` (the React wrapper).
 * - `vite build --mode standalone`: the element with lit inside, for a plain `<script type="module">`.
 * - `vite build --mode demo`: the demo pages (every `demo/*.html`) into `dist-demo/`.
 * - `npm start` (demo/server/main.ts) serves the demo pages through this config, in middleware mode.
 */
export default defineConfig(({ mode }) => {
  const demoPages = Object.fromEntries(
    readdirSync(here('demo'))
      .filter((file) => file.endsWith('.html'))
      .map((file) => [file.replace(/\.html$/, ''), here(`demo/${file}`)]),
  );
  // The demo's Vue page compiles its template in the browser, which needs Vue's full build.
  const resolve = { alias: { vue: 'vue/dist/vue.esm-bundler.js' } };

  if (mode === 'demo')
    return {
      root: here('demo'),
      resolve,
      build: { outDir: here('dist-demo'), emptyOutDir: true, rollupOptions: { input: demoPages } },
    };

  const standalone = mode === 'standalone';
  return {
    root: here('demo'),
    resolve,
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
            entry: { index: here('src/index.ts'), react: here('src/react.ts') },
            formats: ['es'],
            fileName: (_format, name) => `${name}.js`,
          },
      rollupOptions: {
        external: standalone ? [] : [/^lit(\/|$)/, /^@lit\//, /^react(\/|$)/],
        // The code both entries share: one file, so the element is defined once.
        output: { chunkFileNames: 'banq-checkout.js' },
      },
    },
  };
});
