import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { sql } from 'kysely';
import { DEFAULT_PROGRAMME } from '../src/core/programme/programme.js';
import { SegmentDefinitionSchema, type Segment } from '../src/core/segments/segments.js';
import { systemClock } from '../src/core/shared/clock.js';
import { segmentRepository } from '../src/db/segments/segments.repository.js';
import { withScratchPostgres } from './scratch-database.js';
import { generateSyntheticShop } from './synthetic-shop.js';

/**
 * Segment evaluation at scale: a synthetic shop of N customers (default 1,000,000) on PostgreSQL,
 * then a segment tree over purchases, channel, consent and sign-up date previewed (count and
 * sample) and materialised (refresh), medians of 3, beside a baseline scan of the customer table
 * measured in the same run. `npx tsx bench/segments.bench.ts [--customers=N] [--runs=N]`
 */

const arg = (name: string, fallback: number) => {
  const raw = process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  return raw === undefined ? fallback : Number(raw);
};
const CUSTOMERS = arg('customers', 1_000_000);
const RUNS = arg('runs', 3);
const say = (line: string) => process.stdout.write(`${line}\n`);

const definition = SegmentDefinitionSchema.parse({
  schemaVersion: 1,
  filter: {
    all: [
      { field: 'orderCount', gte: 3 },
      { field: 'totalSpendMinor', gte: 10_000 },
      {
        any: [
          { field: 'channel', in: ['pos'] },
          { field: 'lastOrderDate', withinDays: 365 },
        ],
      },
      { not: { field: 'createdAt', after: '2026-06-01' } },
    ],
  },
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const time = async (work: () => Promise<unknown>) => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};

const main = () =>
  withScratchPostgres('regulars_segments_bench', async (database) => {
    await sql`select set_config('work_mem', '256MB', false)`.execute(database.db);
    const started = performance.now();
    const shop = await generateSyntheticShop(database.db, {
      customers: CUSTOMERS,
      ordersPerCustomer: 3,
      end: new Date(),
      currency: DEFAULT_PROGRAMME.currency,
      onProgress: (d) =>
        say(
          `  generated ${d.customers.toLocaleString('en-GB')} customers, ${d.orders.toLocaleString('en-GB')} orders`,
        ),
    });
    say(`shop generated in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    const store = segmentRepository(database.db);
    const scope = {
      currency: DEFAULT_PROGRAMME.currency,
      timeZone: DEFAULT_PROGRAMME.timeZone,
      now: systemClock.now(),
    };
    const now = new Date();
    const segment: Segment = {
      id: 'seg_bench',
      key: 'bench',
      name: 'bench',
      kind: 'dynamic',
      definition,
      memberCount: 0,
      refreshedAt: null,
      createdAt: now,
      updatedAt: now,
      archivedAt: null,
    };
    await store.insert(segment);
    const baseline: number[] = [];
    const preview: number[] = [];
    const refresh: number[] = [];
    let size = 0;
    for (let run = 1; run <= RUNS; run += 1) {
      baseline.push(await time(() => sql`select count(*) from customer`.execute(database.db)));
      preview.push(
        await time(async () => {
          size = (await store.preview(definition, scope, 10)).size;
        }),
      );
      refresh.push(
        await time(() => database.db.transaction().execute(() => store.refresh(segment, scope))),
      );
      say(
        `run ${run}: baseline ${baseline.at(-1)!.toFixed(0)} ms, preview ${preview.at(-1)!.toFixed(0)} ms, refresh ${refresh.at(-1)!.toFixed(0)} ms`,
      );
    }
    const figures = {
      customers: shop.customers,
      orders: shop.orders,
      members: size,
      baselineMs: Math.round(median(baseline)),
      previewMs: Math.round(median(preview)),
      refreshMs: Math.round(median(refresh)),
    };
    say(
      `\n${figures.customers.toLocaleString('en-GB')} customers, ${figures.orders.toLocaleString('en-GB')} orders; segment of ${size.toLocaleString('en-GB')} members (medians of ${RUNS}):\n` +
        `| step | median | × baseline |\n|---|---:|---:|\n` +
        `| baseline: count(*) of customers | ${figures.baselineMs} ms | 1 |\n` +
        `| preview (size and sample) | ${figures.previewMs} ms | ${(figures.previewMs / figures.baselineMs).toFixed(1)} |\n` +
        `| refresh (materialise) | ${figures.refreshMs} ms | ${(figures.refreshMs / figures.baselineMs).toFixed(1)} |`,
    );
    const out =
      process.env.BENCH_RESULT_FILE ?? resolve(import.meta.dirname, 'results/segments.json');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(figures, null, 2));
  });

await main();
