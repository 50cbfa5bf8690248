// @ts-check
/**
 * custom-elements.json, for editors, docs and framework tooling: `npm run build` writes it
 * to dist/. Lit mode; only the public API: `#private` members and the variable event name
 * of the internal `#emit` are left out (the events come from the element's `@fires` tags).
 */
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/frameworks/**'],
  outdir: 'dist',
  litelement: true,
  plugins: [
    {
      name: 'banq-checkout-public-api',
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules)
          for (const declaration of module.declarations ?? []) {
            if (declaration.members)
              declaration.members = declaration.members.filter((m) => !m.name.startsWith('#'));
            if (declaration.events)
              declaration.events = declaration.events.filter((e) => e.name?.startsWith('banq-'));
          }
      },
    },
  ],
};
