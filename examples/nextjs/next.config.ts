import type { NextConfig } from 'next';

const config: NextConfig = {
  // PGlite and postgres.js load their own files at run time: Node requires them as they are.
  serverExternalPackages: ['banq-checkout-server', '@electric-sql/pglite', 'postgres'],
};

export default config;
