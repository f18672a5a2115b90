import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 240_000,
    // Suites share one Neo4j; each uses its own data and runs its files one after another.
    fileParallelism: false,
  },
});
