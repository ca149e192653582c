import { defineConfig } from 'vitest/config';
import { SummaryLineReporter } from './test/support/summary-reporter.js';

// The integration suite runs twice, on the embedded PGlite and on a PostgreSQL server, so both
// dialects are held to the same behaviour. Unit tests of pure domain logic run once.
const integration = (name: 'pglite' | 'postgres') => ({
  test: {
    name,
    include: ['test/**/*.test.ts'],
    env: { REGULARS_TEST_DB: name },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    reporters: ['default', new SummaryLineReporter()],
    pool: 'forks',
    projects: [
      { test: { name: 'unit', include: ['src/**/*.test.ts'] } },
      integration('pglite'),
      integration('postgres'),
      {
        // The web pages in Debian's Chromium, against the built pages and a seeded PGlite.
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.ts'],
          globalSetup: ['test/e2e/build-web.ts'],
          env: { REGULARS_TEST_DB: 'pglite' },
          testTimeout: 120_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
