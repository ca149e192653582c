import type { Command } from 'commander';
import { repositoriesFor } from '../../app/database.js';
import { experimentNamed, resultsOf } from '../../app/experiment-results.js';
import { getProgramme } from '../../core/programme/programme.service.js';
import type { ExperimentResults } from '../../core/experiments/results.js';
import { systemClock, type Clock } from '../../core/shared/clock.js';
import type { Database } from '../../db/dialect.js';
import { runPrintingRefusals } from '../refusals.js';

type Results = ExperimentResults & { experiment: { key: string; name: string } };

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3));

/** One row per treatment × cohort × metric: what --csv prints and the table shows. */
const rows = (r: Results) =>
  r.comparisons.flatMap((c) =>
    (['fixed', 'toDate'] as const).flatMap((cohort) =>
      c[cohort].metrics.map((m) => ({
        variant: c.variant,
        cohort,
        metric: m.metric,
        treatmentN: c[cohort].treatment.n,
        controlN: c[cohort].control.n,
        ...('skipped' in m
          ? { method: '', difference: '', lower: '', upper: '', pValue: '', note: m.skipped }
          : {
              method: m.method,
              difference: String(m.difference),
              lower: String(m.interval.lower),
              upper: String(m.interval.upper),
              pValue: String(m.pValue),
              note: m.significant ? 'significant' : '',
            }),
      })),
    ),
  );

const csvCell = (v: string | number) => {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export const resultsCsv = (r: Results): string => {
  const list = rows(r);
  const header = [
    'variant',
    'cohort',
    'metric',
    'method',
    'treatmentN',
    'controlN',
    'difference',
    'lower',
    'upper',
    'pValue',
    'note',
  ] as const;
  return [
    header.join(','),
    ...list.map((row) => header.map((h) => csvCell(row[h])).join(',')),
  ].join('\n');
};

export const resultsTable = (r: Results): string => {
  const lines = [
    `${r.experiment.name} (${r.experiment.key}) as of ${r.asOf}`,
    `Arms: ${r.arms.map((a) => `${a.variant} ${a.exposed} exposed, ${a.horizonComplete} complete`).join('; ')}`,
    `Sample ratio: p = ${r.sampleRatio.pValue.toPrecision(3)}${r.sampleRatio.blocking ? ' MISMATCH' : ''}`,
    ...r.warnings.map((w) => `! ${w}`),
    '',
    ['variant', 'cohort', 'metric', 'difference', '95% interval', 'p']
      .map((h) => h.padEnd(14))
      .join(''),
  ];
  for (const row of rows(r)) {
    const cells =
      row.note && row.difference === ''
        ? [row.note]
        : [
            fmt(Number(row.difference)),
            `${fmt(Number(row.lower))} to ${fmt(Number(row.upper))}`,
            Number(row.pValue).toPrecision(2),
          ];
    lines.push([row.variant, row.cohort, row.metric, ...cells].map((c) => c.padEnd(14)).join(''));
  }
  lines.push('', ...r.summary.map((s) => s.sentence));
  return `${lines.join('\n')}\n`;
};

/** `regulars experiments results KEY [--json|--csv] [--as-of DATE]`. */
export const registerExperimentsCommand = (
  program: Command,
  open: () => Promise<Pick<Database, 'db' | 'close'>>,
  clock: Clock = systemClock,
): Command => {
  const experiments = program
    .command('experiments')
    .description('Experiments (docs/experiments.md)');
  experiments
    .command('results')
    .description("An experiment's results: each treatment against the control")
    .argument('<key>', 'the experiment key')
    .option('--json', 'the results document as JSON')
    .option('--csv', 'one row per treatment × cohort × metric')
    .option('--as-of <date>', 'results as they stood then (ISO date or instant); default now')
    .action(async (key: string, options: { json?: boolean; csv?: boolean; asOf?: string }) => {
      const asOf = options.asOf ? new Date(options.asOf) : clock.now();
      if (Number.isNaN(asOf.getTime())) program.error(`--as-of: not a date: ${options.asOf}`);
      await runPrintingRefusals(program, open, async (database) => {
        const programme = await getProgramme(repositoriesFor(database.db));
        const experiment = await experimentNamed(database.db, key, 'key');
        const r = await resultsOf(database.db, programme, experiment, asOf);
        const text = options.json
          ? `${JSON.stringify(r, null, 2)}\n`
          : options.csv
            ? `${resultsCsv(r)}\n`
            : resultsTable(r);
        process.stdout.write(text);
      });
    });
  return experiments;
};
