import { defineConfig } from 'vitest/config';

/**
 * Projects:
 * - unit: pure code next to its source (src/**\/*.test.ts);
 * - integration: store, services and API against a real database. QINGSHOU_TEST_DB picks the engine
 *   (pglite, the default, or postgres with QINGSHOU_TEST_PG_URL); scripts/test.mjs runs it on both;
 * - e2e: the built web UI in Chromium through Playwright.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
