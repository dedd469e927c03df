import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources in tests, so unit and integration tests
// need no build. The e2e project runs the built programs (`npm run build` first; `npm test` does).
const alias = {
  // Before the package's main entry: aliases match by prefix, in order.
  '@pons/protocol/pure': new URL('./packages/protocol/src/pure.ts', import.meta.url).pathname,
  '@pons/protocol': new URL('./packages/protocol/src/index.ts', import.meta.url).pathname,
  '@pons/crypto': new URL('./packages/crypto/src/index.ts', import.meta.url).pathname,
  '@pons/agent-link': new URL('./packages/agent-link/src/index.ts', import.meta.url).pathname,
  '@pons/test-kit': new URL('./packages/test-kit/src/index.ts', import.meta.url).pathname,
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'tools/*/src/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**', '**/dist/**'],
          environment: 'node',
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['apps/*/src/**/*.int.test.ts', 'tools/*/src/**/*.int.test.ts'],
          exclude: ['**/node_modules/**', '**/dist/**'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['e2e/src/**/*.e2e.test.ts'],
          exclude: ['**/node_modules/**', '**/dist/**'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
