import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pino } from 'pino';
import { importOrders } from '../src/cli/import/index.js';
import { createApiKey } from '../src/core/auth/auth.service.js';
import { manualClock } from '../src/core/shared/clock.js';
import type { Database } from '../src/db/dialect.js';
import { repositoriesFor } from '../src/db/repositories.js';
import { createApp } from '../src/http/app.js';
import { withScratchPglite } from './scratch-database.js';

/**
 * Issue 14, item 11: what one order dated 2030 does to the range, retention and cohort reports
 * on the Online Retail history, when it is taken (as before: no limit) and when it is refused
 * (the default skew of a day). The clock reads the day after the data ends.
 *
 *   npx tsx bench/future-dated-order.ts [online_retail_lines.csv.gz]
 */
const RETAIL =
  process.argv[2] ??
  resolve(import.meta.dirname, '../../shared/data/online-retail/online_retail_lines.csv.gz');
const NOW = new Date('2011-12-10T12:00:00Z');
const FUTURE_ORDER = {
  externalId: 'future-2030',
  customerExternalId: '17850',
  customerExternalIdSource: 'online-retail',
  currency: 'GBP',
  placedAt: '2030-01-01T10:00:00Z',
  lines: [{ sku: '85123A', quantity: 6, unitPriceMinor: 255 }],
};
// "Before" had no limit at all; a hundred years' worth of minutes stands in for it.
const NO_LIMIT_MINUTES = 100 * 366 * 1440;

interface Cell {
  start: string;
  customers: number | null;
  partial: boolean;
}

/** The parts of the answers the table reads. */
interface Reply {
  status: number;
  body: {
    code?: string;
    errors?: { path: string }[];
    firstPurchaseDay?: string;
    lastPurchaseDay?: string;
    today?: string;
    periods?: { start: string; buyers: { total: number }; churnRatePct: number | null }[];
    observedUntil?: string | null;
    cohorts?: { cells: Cell[] }[];
  };
}

const figures = async (call: (path: string) => Promise<Reply>) => {
  const range = (await call('/v1/analytics/range')).body;
  const span = `from=${range.firstPurchaseDay}&to=${range.lastPurchaseDay}`;
  const retention = await call(`/v1/analytics/retention?granularity=month&${span}`);
  const toToday = await call(
    `/v1/analytics/retention?granularity=month&from=${range.firstPurchaseDay}&to=${range.today}`,
  );
  const cohorts = await call(`/v1/analytics/cohorts?granularity=month&${span}`);
  const periods = retention.body.periods ?? [];
  const dec2011 = periods.find((p) => p.start === '2011-12-01');
  const empty = periods.filter((p) => p.buyers.total === 0);
  const first = cohorts.body.cohorts?.[0];
  const lastObserved = first?.cells.filter((c) => c.customers !== null).at(-1);
  return {
    'range.lastPurchaseDay': range.lastPurchaseDay,
    'range.today': range.today,
    'retention months, first..lastPurchaseDay': periods.length,
    'of which months without a buyer': empty.length,
    'Dec 2011 churn % (first..lastPurchaseDay)': dec2011?.churnRatePct ?? null,
    'retention months, first..today': toToday.body.periods?.length ?? toToday.status,
    'cohorts.observedUntil': cohorts.body.observedUntil,
    'Dec 2010 cohort: observed cells': first?.cells.filter((c) => c.customers !== null).length,
    'Dec 2010 cohort: last observed cell (partial?)': lastObserved
      ? `${lastObserved.start} ${lastObserved.customers} (${lastObserved.partial})`
      : null,
  };
};

const run = async (database: Database) => {
  const clock = manualClock(NOW);
  const summary = await importOrders(
    { db: database.db, clock },
    { file: RETAIL, format: 'online-retail' },
  );
  console.error(`imported ${summary.orders.new} orders of ${summary.customersCreated} customers`);
  const { secret } = await createApiKey(
    { ...repositoriesFor(database.db), clock },
    { name: 'figures', role: 'admin' },
  );
  const appWith = (maxFutureSkewMinutes: number | undefined) => {
    const app = createApp({
      db: database.db,
      clock,
      log: pino({ level: 'silent' }),
      bodyLimitBytes: 1024 * 1024,
      maxFutureSkewMinutes,
      database,
    });
    const request = async (method: string, path: string, body?: unknown): Promise<Reply> => {
      const res = await app.request(path, {
        method,
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Reply['body'] };
    };
    return { request, get: (path: string) => request('GET', path) };
  };
  // After: the default skew refuses the order and the reports are those of the history alone.
  const after = appWith(undefined);
  const refused = await after.request('POST', '/v1/orders', FUTURE_ORDER);
  const afterFigures = await figures(after.get);
  // Before: the same order taken, as it was without a limit.
  const before = appWith(NO_LIMIT_MINUTES);
  const taken = await before.request('POST', '/v1/orders', FUTURE_ORDER);
  const beforeFigures = await figures(before.get);
  const rows = [
    [
      'POST /v1/orders placedAt 2030-01-01',
      `${taken.status}`,
      `${refused.status} ${refused.body.code} ${refused.body.errors?.[0]?.path}`,
    ],
    ...Object.keys(afterFigures).map((k) => [
      k,
      String(beforeFigures[k as keyof typeof beforeFigures]),
      String(afterFigures[k as keyof typeof afterFigures]),
    ]),
  ];
  console.log('| figure | before (taken) | after (refused) |\n|---|---|---|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
};

if (!existsSync(RETAIL)) {
  console.error(`Online Retail not found at ${RETAIL}`);
  process.exit(1);
}
await withScratchPglite('future-dated', run);
