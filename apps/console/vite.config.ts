import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The protocol package exports its built dist/; the console compiles its sources directly so
// that `vite` (dev) follows protocol changes without a rebuild. Only types and plain objects are
// imported from it, so little reaches the bundle.
const protocolDir = fileURLToPath(new URL('../../packages/protocol/src/', import.meta.url));

export default defineConfig({
  base: '/',
  plugins: [react()],
  resolve: {
    // The schema-free entry first: aliases match by prefix, in order.
    alias: { '@pons/protocol/pure': `${protocolDir}pure.ts`, '@pons/protocol': `${protocolDir}index.ts` },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // The protocol package builds TypeBox schemas when it loads; the console takes only types and
    // two plain constants from it. Its modules have no side effects (it is the bottom layer: no
    // I/O) and schema builders are pure, so the bundler may drop every schema: ~95 kB less.
    rolldownOptions: {
      treeshake: {
        manualPureFunctions: ['Type'],
        moduleSideEffects: (id) => (id.startsWith(protocolDir) ? false : undefined),
      },
    },
  },
  server: {
    // `npm run dev -w @pons/console` with a local server: PONS_DEV_SERVER=https://127.0.0.1:8443
    proxy: { '/api': { target: process.env.PONS_DEV_SERVER ?? 'https://127.0.0.1:8443', secure: false, changeOrigin: false } },
  },
});
