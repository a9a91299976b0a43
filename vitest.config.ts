import { defineConfig } from 'vitest/config';

// Two suites: fast unit tests beside the code (src/**/x.test.ts), and integration
// tests against the real test bed (test/**). `npm test` runs both.
export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    // Integration files each start their own test bed; on 2 cores they run one at a time.
    fileParallelism: false,
    projects: [
      {
        test: { name: 'unit', include: ['src/**/*.test.ts'], testTimeout: 10_000 },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 600_000,
          globalSetup: ['./test/support/global-setup.ts'],
        },
      },
    ],
  },
});
