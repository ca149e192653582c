import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { getProgramme } from '../core/programme/programme.service.js';
import { simulateRule, type SimulationReport } from '../core/rules/rules.simulate.js';
import { RuleDocumentSchema } from '../core/rules/rules.js';
import { addDays, systemClock } from '../core/shared/clock.js';
import { orderHistorySource } from '../app/orders.js';
import { simulationExperiments } from '../app/rules.js';
import { repositoriesFor } from '../app/database.js';
import { runWithDatabase, type OpenDatabase } from './import/import.command.js';

const readRule = async (file: string, command: Command) => {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    command.error(`error: ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = RuleDocumentSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(rule)'}: ${i.message}`);
    command.error(`error: ${file} is not a valid rule:\n${lines.join('\n')}`);
  }
  return parsed.data;
};

const formatReport = (r: SimulationReport, seconds: number) =>
  [
    `Replayed ${r.ordersEvaluated} orders from ${r.from.toISOString()} to ${r.to.toISOString()} in ${seconds.toFixed(1)} s`,
    `  orders matched      ${r.ordersMatched}`,
    `  customers affected  ${r.customersAffected}`,
    `  points issued       ${r.pointsIssued} (before caps ${r.pointsBeforeCaps})`,
    `  cost                ${(r.costMinor / 100).toFixed(2)} ${r.currency} (minor units: ${r.costMinor})`,
    ...(r.skippedReasons.length ? ['  not matched because:'] : []),
    ...r.skippedReasons.slice(0, 10).map((s) => `    ${String(s.orders).padStart(8)}  ${s.reason}`),
  ].join('\n');

/** `regulars rules simulate RULE.json`: what a draft rule would have done, without the API. */
export const registerRulesCommand = (program: Command, open: OpenDatabase): Command => {
  const rules = program.command('rules').description('Earning rules');
  rules
    .command('simulate <file>')
    .description(
      'Replay a draft rule (JSON) over past orders and report points, customers and cost',
    )
    .option('--days <n>', 'how far back to replay', '90')
    .option('--json', 'print the report as JSON')
    .action(async (file: string, options: { days: string; json?: boolean }, command: Command) => {
      const days = Number(options.days);
      if (!Number.isInteger(days) || days < 1)
        command.error('error: --days must be a whole number of days ≥ 1');
      const document = await readRule(file, command);
      await runWithDatabase(open, command, async (db) => {
        const started = performance.now();
        const to = systemClock.now();
        const programme = await getProgramme(repositoriesFor(db));
        const report = await simulateRule(
          orderHistorySource(db),
          programme,
          document,
          { from: addDays(to, -days), to },
          await simulationExperiments(db, document),
        );
        const seconds = (performance.now() - started) / 1000;
        process.stdout.write(
          options.json
            ? `${JSON.stringify(report, null, 2)}\n`
            : `${formatReport(report, seconds)}\n`,
        );
      });
    });
  return rules;
};
