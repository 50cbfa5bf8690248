import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The demo pages (root `demo/`) are served through this config by `npm start`
 * (demo/server/main.ts, Vite in middleware mode beside the backend);
 * `vite build` emits the element with lit external (for bundlers), and
 * `vite build --mode standalone` the same entry with lit inside, for a plain
 * `<script type="module">`.
 */
export default defineConfig(({ mode }) => {
  const standalone = mode === 'standalone';
  return {
    root: here('demo'),
    build: {
      outDir: here('dist'),
      emptyOutDir: !standalone,
      target: 'es2022',
      lib: {
        entry: here('src/index.ts'),
        formats: ['es'],
        fileName: () => (standalone ? 'banq-checkout.standalone.js' : 'index.js'),
      },
      rollupOptions: { external: standalone ? [] : [/^lit(\/|$)/, /^@lit\//] },
    },
  };
});
