import { defineConfig } from 'vitest/config';

// One run, two projects: fast Node tests on the real encrypted database, and browser /
// Electron tests that drive the real renderer. The summary reporter prints the plain
// "N passed, N failed" line CI reads.
export default defineConfig({
  test: {
    reporters: ['default', './tests/harness/summaryReporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['./tests/harness/tempRoot.ts'],
          testTimeout: 30_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts', 'tests/electron/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['./tests/harness/tempRoot.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          pool: 'forks',
          fileParallelism: false,
        },
      },
    ],
  },
});
