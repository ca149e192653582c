import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import { importOrders } from '../src/cli/import/index.js';
import {
  RecommendationSettingsSchema,
  type RecommendationSettings,
  type RecommendationSettingsInput,
} from '../src/core/recommendations/recommendations.js';
import {
  RECENT_POPULARITY_DAYS,
  summariseQuality,
  type QualitySplit,
  type QualitySummary,
  type Suggester,
  type SuggestionQuality,
} from '../src/core/recommendations/recommendations.quality.js';
import { refreshRecommendations } from '../src/core/recommendations/recommendations.service.js';
import { systemClock } from '../src/core/shared/clock.js';
import type { Database } from '../src/db/dialect.js';
import { evaluateSuggesters } from '../src/db/recommendations/recommendations.evaluate.js';
import { recommendationStore } from '../src/db/recommendations/recommendations.repository.js';
import { withScratchPglite, withScratchPostgres } from './scratch-database.js';

/**
 * Quality of the suggestions on UCI Online Retail with time splits. At each cut the production
 * refresh (the same SQL, through refreshRecommendations) runs as of the cut, so it sees only
 * orders before it; the customers who bought both before the cut and in the test window after it
 * (`--days`, 30 by default) are judged on the products they bought in that window. Beside ours,
 * two most-popular baselines: the best sellers before the cut by buyers (all time), and the best
 * sellers of the 30 days before the cut (ties by all-time buyers). Every suggester drops what the
 * customer bought before the cut under the same exclusion rule, and what it drops is not counted
 * as relevant (src/db/recommendations/recommendations.evaluate.ts).
 *
 * Metrics per suggester: hit rate (share of customers who bought at least one suggestion in the
 * window), precision@10 (suggestions bought ÷ 10), recall@10 (suggestions bought ÷ the window's
 * products the exclusion rule allowed to be suggested), coverage (distinct SKUs suggested).
 *
 * `npx tsx bench/recommendations.bench.ts [--db=pglite|postgres] [--cuts=2011-06-01,2011-07-01]
 * [--days=30] [--configs=all] [--quick]`; `--cut=YYYY-MM-DD` is one cut. Figures go to
 * BENCH_RESULT_FILE or bench/results/recommendations.json.
 */

const ROOT = resolve(import.meta.dirname, '..');
const RETAIL = resolve(ROOT, '../shared/data/online-retail/online_retail_lines.csv.gz');
const DEFAULT_RESULTS = resolve(ROOT, 'bench/results/recommendations.json');
const DAY_MS = 86_400_000;

/**
 * Monthly cuts whose 30-day windows do not overlap and all end before the data does
 * (2011-12-09); the first leaves six months of history to learn from.
 */
const DEFAULT_CUTS = [
  '2011-06-01',
  '2011-07-01',
  '2011-08-01',
  '2011-09-01',
  '2011-10-01',
  '2011-11-01',
];

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

interface ConfigResult {
  label: string;
  settings: RecommendationSettings;
  refreshMs: number;
  suggestions: number;
  splits: (QualitySplit & { refreshMs: number })[];
  summary: QualitySummary;
}

const CONFIGS: { label: string; settings: RecommendationSettingsInput }[] = [
  { label: 'default: order baskets, exclude ever bought', settings: {} },
  { label: 'customer baskets, exclude ever bought', settings: { basket: 'customer' } },
  { label: 'order baskets, exclude last 90 days', settings: { excludeWindowDays: 90 } },
];

const WHO: [Suggester, string][] = [
  ['ours', 'ours'],
  ['popularAllTime', 'popular, all time'],
  ['popularRecent', `popular, last ${RECENT_POPULARITY_DAYS} days`],
];

const day = (d: Date) => d.toISOString().slice(0, 10);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const times = (r: number | null) => (r === null ? '–' : `${r.toFixed(2)}×`);
const ratio = (ours: number, baseline: number) => times(baseline > 0 ? ours / baseline : null);

const cutsOf = (): Date[] => {
  const listed = arg('cuts')?.split(',') ?? (arg('cut') ? [arg('cut')!] : null);
  const cuts = listed ?? (flag('quick') ? ['2011-09-01'] : DEFAULT_CUTS);
  return cuts.map((c) => {
    const d = new Date(`${c.trim()}T00:00:00Z`);
    if (Number.isNaN(d.getTime())) throw new Error(`--cuts: ${c} is not a YYYY-MM-DD date`);
    return d;
  });
};

const daysOf = (): number => {
  const days = Number(arg('days') ?? 30);
  if (!Number.isInteger(days) || days < 1) throw new Error('--days must be a whole number ≥ 1');
  return days;
};

/** One configuration at every cut: a refresh as of the cut, then the three suggesters scored. */
const runConfig = async (
  database: Database,
  cuts: Date[],
  days: number,
  label: string,
  input: RecommendationSettingsInput,
): Promise<ConfigResult> => {
  const settings = RecommendationSettingsSchema.parse({
    excludeSkus: RETAIL_NON_PRODUCTS,
    ...input,
  });
  const splits: ConfigResult['splits'] = [];
  let suggestions = 0;
  for (const cut of cuts) {
    const refreshed = await refreshRecommendations(
      {
        recommendations: recommendationStore(database.db),
        clock: systemClock,
        programme: { currency: 'GBP' },
      },
      { asOf: cut, settings },
    );
    const window = { cut, end: new Date(cut.getTime() + days * DAY_MS) };
    const results = await evaluateSuggesters(database.db, window, settings);
    splits.push({ ...window, results, refreshMs: refreshed.durationMs });
    suggestions = refreshed.suggestions;
    say(`  ${label}, cut ${day(cut)}: refresh ${refreshed.durationMs} ms`);
  }
  return {
    label,
    settings,
    refreshMs: Math.max(...splits.map((s) => s.refreshMs)),
    suggestions,
    splits,
    summary: summariseQuality(splits),
  };
};

/** One split: a row per suggester, then ours ÷ each baseline. */
const splitTable = (split: QualitySplit & { refreshMs: number }) => {
  const lines = [
    `Cut ${day(split.cut)}, window to ${day(split.end)} (exclusive), refresh ${(split.refreshMs / 1000).toFixed(1)} s, ${split.results.ours.customers} customers judged:`,
    '',
    '| suggester | hit rate | precision@10 | recall@10 | SKUs suggested |',
    '|---|---:|---:|---:|---:|',
  ];
  const row = (name: string, m: SuggestionQuality) =>
    `| ${name} | ${pct(m.hitRate)} | ${pct(m.precisionAtK)} | ${pct(m.recallAtK)} | ${m.coverageSkus} |`;
  for (const [who, name] of WHO) lines.push(row(name, split.results[who]));
  const ours = split.results.ours;
  for (const [who, name] of WHO.slice(1)) {
    const b = split.results[who];
    lines.push(
      `| ours ÷ ${name} | ${ratio(ours.hitRate, b.hitRate)} | ${ratio(ours.precisionAtK, b.precisionAtK)} | ${ratio(ours.recallAtK, b.recallAtK)} | |`,
    );
  }
  return lines.join('\n');
};

/** Every split on one line per metric triple, then the means over splits and their ratios. */
const summaryTable = (r: ConfigResult) => {
  const triple = (f: (m: SuggestionQuality) => number, s: QualitySplit) =>
    WHO.map(([who]) => (f(s.results[who]) * 100).toFixed(1)).join(' / ');
  const ratios = (f: (m: SuggestionQuality) => number, s: QualitySplit) =>
    `${ratio(f(s.results.ours), f(s.results.popularAllTime))} / ${ratio(f(s.results.ours), f(s.results.popularRecent))}`;
  const metrics: ((m: SuggestionQuality) => number)[] = [
    (m) => m.hitRate,
    (m) => m.precisionAtK,
    (m) => m.recallAtK,
  ];
  const lines = [
    `Summary, ${r.label} (per cent: ours / popular all time / popular last ${RECENT_POPULARITY_DAYS} days; ratios: ours ÷ all time / ours ÷ last ${RECENT_POPULARITY_DAYS} days):`,
    '',
    '| cut | customers | hit rate | ratio | precision@10 | ratio | recall@10 | ratio |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const s of r.splits) {
    lines.push(
      `| ${day(s.cut)} | ${s.results.ours.customers} | ${metrics.map((f) => `${triple(f, s)} | ${ratios(f, s)}`).join(' | ')} |`,
    );
  }
  const { mean, ratio: rs, oursBelow } = r.summary;
  const rates = ['hitRate', 'precisionAtK', 'recallAtK'] as const;
  lines.push(
    `| mean of ${r.summary.splits} | | ${rates
      .map(
        (k) =>
          `${WHO.map(([who]) => (mean[who][k] * 100).toFixed(1)).join(' / ')} | ${times(rs.popularAllTime[k])} / ${times(rs.popularRecent[k])}`,
      )
      .join(' | ')} |`,
    `| splits where ours is below | | | ${rates.map((k) => `${oursBelow.popularAllTime[k]} / ${oursBelow.popularRecent[k]}`).join(' | | ')} |`,
  );
  return lines.join('\n');
};

const main = async () => {
  if (!existsSync(RETAIL)) {
    say(`skipped: ${RETAIL} not found`);
    return;
  }
  const cuts = cutsOf();
  const days = daysOf();
  const kind = arg('db') ?? 'pglite';
  const configs = arg('configs') === 'all' ? CONFIGS : CONFIGS.slice(0, 1);
  const run = async (database: Database) => {
    const started = performance.now();
    const summary = await importOrders(
      { db: database.db, clock: systemClock },
      { file: RETAIL, format: 'online-retail' },
    );
    say(
      `${kind}: imported ${summary.orders.new} orders in ${((performance.now() - started) / 1000).toFixed(1)} s (not timed below); cuts ${cuts.map(day).join(', ')}, ${days}-day windows`,
    );
    const results: ConfigResult[] = [];
    for (const c of configs)
      results.push(await runConfig(database, cuts, days, c.label, c.settings));
    return results;
  };
  const started = performance.now();
  const results =
    kind === 'postgres'
      ? await withScratchPostgres('regulars_reco_bench', run)
      : await withScratchPglite('regulars-recommendations-bench', run);
  for (const r of results) {
    say(`\n## ${r.label}\n`);
    for (const s of r.splits) say(`${splitTable(s)}\n`);
    say(`${summaryTable(r)}\n`);
  }
  say(`whole run ${((performance.now() - started) / 1000).toFixed(0)} s`);
  const file = process.env.BENCH_RESULT_FILE ?? DEFAULT_RESULTS;
  mkdirSync(dirname(file), { recursive: true });
  const report = {
    data: RETAIL,
    database: kind,
    cuts: cuts.map((c) => c.toISOString()),
    windowDays: days,
    recentPopularityDays: RECENT_POPULARITY_DAYS,
    results,
    machine: {
      cores: os.availableParallelism(),
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      node: process.version,
      loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
    },
  };
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  say(`figures written to ${file}`);
};

await main();
