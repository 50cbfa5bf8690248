import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { demoBackend } from './demo/dev-backend.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * `vite` serves the demo (root `demo/`) with a small stand-in backend;
 * `vite build` emits the element with lit external (for bundlers), and
 * `vite build --mode standalone` the same entry with lit inside, for a plain
 * `<script type="module">`.
 */
export default defineConfig(({ mode }) => {
  const standalone = mode === 'standalone';
  return {
    root: here('demo'),
    plugins: [demoBackend()],
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
