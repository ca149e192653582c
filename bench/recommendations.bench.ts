import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { importOrders } from '../src/cli/import/index.js';
import {
  RecommendationSettingsSchema,
  type RecommendationSettings,
  type RecommendationSettingsInput,
} from '../src/core/recommendations/recommendations.js';
import { refreshRecommendations } from '../src/core/recommendations/recommendations.service.js';
import { systemClock } from '../src/core/shared/clock.js';
import type { Database } from '../src/db/dialect.js';
import { recommendationStore } from '../src/db/recommendations/recommendations.repository.js';
import type { DB } from '../src/db/schema.js';
import { withScratchPglite, withScratchPostgres } from './scratch-database.js';

/**
 * Quality of the suggestions on UCI Online Retail with a time split. The production refresh
 * (the same SQL, through refreshRecommendations) runs as of the cut date, so it sees only orders
 * before it; the evaluation takes the customers who bought both before and after the cut and
 * checks the top 10 against the SKUs they bought after it (to the end of the data, 2011-12-09).
 * Beside it, a most-popular baseline: the 10 best sellers before the cut (by buyers) the customer
 * may still be offered under the same exclusion rule.
 *
 * Metrics per configuration: hit rate (share of customers whose later purchases include at least
 * one suggestion), precision@10 (suggestions bought ÷ 10), recall@10 (suggestions bought ÷ the
 * later SKUs the exclusion rule allowed to be suggested), coverage (distinct SKUs suggested).
 *
 * `npx tsx bench/recommendations.bench.ts [--cut=2011-09-01] [--db=pglite|postgres] [--quick]`;
 * figures go to BENCH_RESULT_FILE or bench/results/recommendations.json.
 */

const ROOT = resolve(import.meta.dirname, '..');
const RETAIL = resolve(ROOT, '../shared/data/online-retail/online_retail_lines.csv.gz');
const DEFAULT_RESULTS = resolve(ROOT, 'bench/results/recommendations.json');

/** Online Retail stock codes that are not products: postage, fees, manual lines, samples. */
const RETAIL_NON_PRODUCTS = [
  'POST',
  'DOT',
  'C2',
  'M',
  'm',
  'D',
  'S',
  'B',
  'BANK CHARGES',
  'AMAZONFEE',
  'CRUK',
  'PADS',
];

const arg = (name: string): string | undefined =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const flag = (name: string) => process.argv.includes(`--${name}`);
const say = (line: string) => process.stdout.write(`${line}\n`);

interface Metrics {
  customers: number;
  withRelevant: number;
  hitRate: number;
  precisionAt10: number;
  recallAt10: number;
  coverageSkus: number;
}

interface ConfigResult {
  label: string;
  settings: RecommendationSettings;
  refreshMs: number;
  suggestions: number;
  model: Metrics;
  baseline: Metrics;
}

const CONFIGS: { label: string; settings: RecommendationSettingsInput }[] = [
  { label: 'default: order baskets, exclude ever bought', settings: {} },
  { label: 'customer baskets, exclude ever bought', settings: { basket: 'customer' } },
  { label: 'order baskets, exclude last 90 days', settings: { excludeWindowDays: 90 } },
];

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Scores the suggestions in `recs` (customer_id, sku, rank) against purchases after the cut,
 * for customers who bought on both sides of it. All in SQL.
 */
const evaluate = async (
  db: Kysely<DB>,
  cut: Date,
  s: RecommendationSettings,
  recs: ReturnType<typeof sql>,
): Promise<Metrics> => {
  const skip = sql.join(s.excludeSkus.map((x) => sql`${x}`));
  const owned =
    s.excludeWindowDays === null
      ? sql`o.placed_at < ${cut}::timestamptz`
      : sql`o.placed_at < ${cut}::timestamptz
            and o.placed_at >= ${cut}::timestamptz - make_interval(days => ${s.excludeWindowDays}::int)`;
  const { rows } = await sql<Metrics>`
    with lines as (
      select l.customer_id, l.sku, o.placed_at from order_line l join sales_order o on o.id = l.order_id
       where l.sku not in (${skip})
    ),
    before as (select distinct customer_id from lines where placed_at < ${cut}::timestamptz),
    after as (select distinct customer_id, sku from lines where placed_at >= ${cut}::timestamptz),
    judged as (select customer_id from before intersect select customer_id from after),
    owned as (
      select distinct l.customer_id, l.sku from order_line l join sales_order o on o.id = l.order_id
       where ${owned}
    ),
    relevant as (
      select a.customer_id, a.sku from after a join judged j on j.customer_id = a.customer_id
       where not exists (select 1 from owned w where w.customer_id = a.customer_id and w.sku = a.sku)
    ),
    suggested as (select r.customer_id, r.sku from (${recs}) r join judged j on j.customer_id = r.customer_id),
    hits as (
      select x.customer_id, count(*) as n from suggested x
        join relevant y on y.customer_id = x.customer_id and y.sku = x.sku
       group by x.customer_id
    ),
    relevant_counts as (select customer_id, count(*) as n from relevant group by customer_id),
    per_customer as (
      select j.customer_id, coalesce(h.n, 0) as hits, coalesce(r.n, 0) as relevant
        from judged j
        left join hits h on h.customer_id = j.customer_id
        left join relevant_counts r on r.customer_id = j.customer_id
    )
    select count(*)::int as customers,
           (count(*) filter (where relevant > 0))::int as "withRelevant",
           avg(case when hits > 0 then 1.0 else 0.0 end)::float8 as "hitRate",
           avg(hits / 10.0)::float8 as "precisionAt10",
           (avg(hits::float8 / relevant) filter (where relevant > 0))::float8 as "recallAt10",
           (select count(distinct sku) from suggested)::int as "coverageSkus"
      from per_customer
  `.execute(db);
  const m = rows[0]!;
  return {
    ...m,
    hitRate: round(m.hitRate),
    precisionAt10: round(m.precisionAt10),
    recallAt10: round(m.recallAt10),
  };
};

/** The most-popular baseline: best sellers before the cut by buyers, minus what is excluded. */
const baselineSql = (cut: Date, s: RecommendationSettings) => {
  const skip = sql.join(s.excludeSkus.map((x) => sql`${x}`));
  const owned =
    s.excludeWindowDays === null
      ? sql`o.placed_at < ${cut}::timestamptz`
      : sql`o.placed_at < ${cut}::timestamptz
            and o.placed_at >= ${cut}::timestamptz - make_interval(days => ${s.excludeWindowDays}::int)`;
  return sql`
    with owned as (
      select distinct l.customer_id, l.sku from order_line l join sales_order o on o.id = l.order_id
       where ${owned}
    ),
    best as (
      select l.sku, count(distinct l.customer_id) as buyers
        from order_line l join sales_order o on o.id = l.order_id
       where o.placed_at < ${cut}::timestamptz and l.sku not in (${skip})
       group by l.sku order by buyers desc, l.sku limit 500
    )
    select customer_id, sku from (
      select c.customer_id, p.sku,
             row_number() over (partition by c.customer_id order by p.buyers desc, p.sku) as rank
        from (select distinct customer_id from sales_order where placed_at < ${cut}::timestamptz) c
        cross join best p
       where not exists (select 1 from owned w where w.customer_id = c.customer_id and w.sku = p.sku)
    ) ranked where rank <= ${s.limit}::int
  `;
};

const runConfig = async (
  database: Database,
  cut: Date,
  label: string,
  input: RecommendationSettingsInput,
): Promise<ConfigResult> => {
  const settings = RecommendationSettingsSchema.parse({
    excludeSkus: RETAIL_NON_PRODUCTS,
    ...input,
  });
  const refreshed = await refreshRecommendations(
    {
      recommendations: recommendationStore(database.db),
      clock: systemClock,
      programme: { currency: 'GBP' },
    },
    { asOf: cut, settings },
  );
  const model = await evaluate(
    database.db,
    cut,
    settings,
    sql`select customer_id, sku from recommendation`,
  );
  const baseline = await evaluate(database.db, cut, settings, baselineSql(cut, settings));
  return {
    label,
    settings,
    refreshMs: refreshed.durationMs,
    suggestions: refreshed.suggestions,
    model,
    baseline,
  };
};

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

const table = (results: ConfigResult[]) => {
  const lines = [
    '| configuration | refresh | suggester | customers | hit rate | precision@10 | recall@10 | SKUs suggested |',
    '|---|---:|---|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    for (const [who, m] of [
      ['ours', r.model],
      ['most popular', r.baseline],
    ] as const) {
      lines.push(
        `| ${r.label} | ${who === 'ours' ? `${(r.refreshMs / 1000).toFixed(1)} s` : ''} | ${who} | ${m.customers} | ${pct(m.hitRate)} | ${pct(m.precisionAt10)} | ${pct(m.recallAt10)} | ${m.coverageSkus} |`,
      );
    }
  }
  return lines.join('\n');
};

const main = async () => {
  if (!existsSync(RETAIL)) {
    say(`skipped: ${RETAIL} not found`);
    return;
  }
  const cut = new Date(`${arg('cut') ?? '2011-09-01'}T00:00:00Z`);
  const kind = arg('db') ?? 'pglite';
  const configs = flag('quick') ? CONFIGS.slice(0, 1) : CONFIGS;
  const run = async (database: Database) => {
    const started = performance.now();
    const summary = await importOrders(
      { db: database.db, clock: systemClock },
      { file: RETAIL, format: 'online-retail' },
    );
    say(
      `${kind}: imported ${summary.orders.new} orders in ${((performance.now() - started) / 1000).toFixed(1)} s (not timed below); cut ${cut.toISOString().slice(0, 10)}`,
    );
    const results: ConfigResult[] = [];
    for (const c of configs) {
      results.push(await runConfig(database, cut, c.label, c.settings));
      say(`  ${c.label}: refresh ${results.at(-1)!.refreshMs} ms`);
    }
    return results;
  };
  const results =
    kind === 'postgres'
      ? await withScratchPostgres('regulars_reco_bench', run)
      : await withScratchPglite('regulars-recommendations-bench', run);
  say(`\n${table(results)}\n`);
  const file = process.env.BENCH_RESULT_FILE ?? DEFAULT_RESULTS;
  mkdirSync(dirname(file), { recursive: true });
  const report = {
    data: RETAIL,
    database: kind,
    cut: cut.toISOString(),
    results,
    machine: {
      cores: os.availableParallelism(),
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      node: process.version,
      loadAverageAtStart: os.loadavg().map((l) => round(l, 2)),
    },
  };
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  say(`figures written to ${file}`);
};

await main();
