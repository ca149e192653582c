import { configDefaults, defineConfig } from 'vitest/config';
import { SummaryLineReporter } from './test/support/summary-reporter.js';

// Suites under test/ that open no database: running them on PostgreSQL as well would only repeat
// them (the statistics simulation takes some 8 s of CPU), so they run in the pglite project alone.
const DATABASE_FREE_SUITES = ['test/experiments-statistics.simulation.test.ts'];

// Suites that need PostgreSQL itself (a streaming standby): PGlite has nothing to run them on.
const POSTGRES_ONLY_SUITES = ['test/read-replica.test.ts'];

// The integration suite runs twice, on the embedded PGlite and on a PostgreSQL server, so both
// dialects are held to the same behaviour. Unit tests of pure domain logic run once.
const integration = (name: 'pglite' | 'postgres') => ({
  test: {
    name,
    include: ['test/**/*.test.ts'],
    exclude: [
      ...configDefaults.exclude,
      ...(name === 'postgres' ? DATABASE_FREE_SUITES : POSTGRES_ONLY_SUITES),
    ],
    env: { REGULARS_TEST_DB: name },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

// The suites that drive POST /v1/orders once more with group commit off, on both databases, so
// the per-request path is held to the same answers as the batch the other projects use.
const ORDER_PATH_SUITES = [
  'test/orders-and-points.test.ts',
  'test/order-batching.test.ts',
  'test/idempotency.test.ts',
  'test/bad-input.test.ts',
  'test/orders-future-dated.test.ts',
  'test/concurrency.test.ts',
  'test/crash.test.ts',
];

const unbatched = (db: 'pglite' | 'postgres') => ({
  test: {
    name: `${db}-unbatched`,
    include: ORDER_PATH_SUITES,
    env: { REGULARS_TEST_DB: db, REGULARS_ORDER_BATCHING: 'off' },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    reporters: ['default', new SummaryLineReporter()],
    pool: 'forks',
    projects: [
      {
        // bench/*.test.ts: the benchmarks' pure helpers (schedules, percentiles), no database.
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'web/src/**/*.test.ts', 'bench/**/*.test.ts'],
        },
      },
      integration('pglite'),
      integration('postgres'),
      unbatched('pglite'),
      unbatched('postgres'),
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
