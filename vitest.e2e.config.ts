import { defineConfig } from 'vitest/config';

/** Browser end-to-end tests: the built renderer in Debian's Chromium against the real core, server and MariaDB. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 150_000,
    hookTimeout: 120_000,
    maxWorkers: 1,
    fileParallelism: false,
  },
});
