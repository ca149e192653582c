import { type Command } from 'commander';
import { getProgramme } from '../../core/programme/programme.service.js';
import { DomainError } from '../../core/shared/errors.js';
import { repositoriesFor } from '../../app/database.js';
import { runWithDatabase, type OpenDatabase } from '../import/import.command.js';
import {
  ReportOptionError,
  withFilters,
  withOutput,
  type ReportContext,
} from './report-options.js';
import { retention } from './retention.report.js';
import { cohorts } from './cohorts.report.js';
import { campaign } from './campaign.report.js';
import { rfm } from './rfm.report.js';
import { clv } from './clv.report.js';
import { kpis } from './kpis.report.js';

/** `regulars report retention|cohorts|campaign|rfm|clv|kpis`: readable tables, --json or --csv. */
export const registerReportCommand = (program: Command, open: OpenDatabase): Command => {
  const report = program
    .command('report')
    .description('Retention, cohorts, RFM, CLV and programme KPIs');
  const run =
    <O>(work: (ctx: ReportContext, options: O) => Promise<void>) =>
    async (options: O, command: Command) => {
      try {
        await runWithDatabase(open, command, async (db) => {
          const programme = await getProgramme(repositoriesFor(db));
          await work({ db, programme }, options);
        });
      } catch (error) {
        if (error instanceof ReportOptionError || error instanceof DomainError) {
          command.error(`error: ${error.message}`, { exitCode: 1 });
        }
        throw error;
      }
    };
  withFilters(
    report
      .command('retention')
      .description(
        'CRR, churn, repeat rate, frequency, AOV, time between purchases, new vs returning revenue per period',
      ),
  )
    .option(
      '--active-days <n>',
      'a customer is active for this many days after a purchase (default: derived from the gaps between purchases)',
    )
    .option('--include-partial', 'also draw periods the data ends inside of in the --svg picture')
    .action(run(retention));
  withFilters(
    report
      .command('cohorts')
      .description('Acquisition cohort × period retention (a heat map in the terminal)'),
  )
    .option('--metric <m>', 'retention or revenue', 'retention')
    .option('--max-offsets <n>', 'last period after acquisition to show')
    .option('--curves <file>', 'also draw retention curves as an SVG picture')
    .action(run(cohorts));
  withFilters(
    report
      .command('campaign')
      .description(
        'New and returning buyers and revenue in a date window against the window before',
      ),
    false,
  ).action(run(campaign));
  withOutput(
    report.command('rfm').description('RFM segments, the R × F grid and the lifecycle funnel'),
  )
    .option('--refresh', 'recompute every customer first')
    .option('--as-of <date>', 'with --refresh: compute as of this day (historic data); default now')
    .action(run(rfm));
  withOutput(
    report
      .command('clv')
      .description('The latest CLV fit, its validation and the most valuable customers'),
  )
    .option('--refresh', 'refit the models and recompute every customer first')
    .option('--as-of <date>', 'with --refresh: fit on data up to this day; default now')
    .option('--model <model>', 'with --refresh: bgnbd, pareto-nbd or mbgnbd')
    .option('--horizon-weeks <n>', 'with --refresh: how far ahead CLV looks')
    .option('--discount-rate <r>', 'with --refresh: yearly discount rate, e.g. 0.1')
    .option('--top <n>', 'how many customers to list', '10')
    .option('--tracking <file>', 'also draw the validation’s tracking curve as an SVG picture')
    .action(run(clv));
  withOutput(
    report
      .command('kpis')
      .description('Members, activity, points issued/redeemed/expired, breakage and liability'),
  )
    .option('--from <date>', 'first day (YYYY-MM-DD); default 30 days before --to')
    .option('--to <date>', 'last day (YYYY-MM-DD); default today')
    .action(run(kpis));
  return report;
};
