#!/usr/bin/env node
import { Command } from 'commander';
import { DataDirBusyError } from '../db/data-dir-lock.js';
import { DATA_DIR_BUSY_EXIT_CODE, dataDirBusyMessage } from './data-dir-busy.js';
import { loadConfig } from '../config.js';
import { systemClock } from '../core/shared/clock.js';
import { repositoriesFor } from '../app/database.js';
import { purchaseDayRange } from '../app/analytics.js';
import { openMigratedDatabase, startServer, type RunningServer } from '../server.js';
import { demoRefreshAsOf, loadDemoIfEmpty, registerDemoCommand } from './demo.js';
import { getProgramme } from '../core/programme/programme.service.js';
import { ANALYTICS_REFRESH_JOB } from '../jobs/analytics-refresh.job.js';
import { registerClvCommand } from './clv/clv.command.js';
import { registerReportCommand } from './report/report.command.js';
import { registerRulesCommand } from './rules.command.js';
import { registerUsersCommand } from './users.command.js';
import { registerKeysCommands } from './keys.command.js';
import { registerCustomersCommand } from './customers.command.js';
import { registerCitusCommands } from './citus.command.js';
import { registerExperimentsCommand } from './experiments/experiments.command.js';
import { logProgress, registerImportCommand } from './import/index.js';

const program = new Command()
  .name('regulars')
  .description('Regulars: customer loyalty and retention platform')
  .showHelpAfterError();

const openFromConfig = () => openMigratedDatabase(loadConfig());

/** Past the shutdown grace, how long a stop may still take before the process exits regardless. */
const SHUTDOWN_OVERRUN_MS = 4_000;

/** The API answers at once; the demo orders arrive batch by batch behind it. */
const loadDemoInBackground = (server: RunningServer, options: { synthetic?: boolean }) => {
  const log = (line: string) => server.log.info(line);
  loadDemoIfEmpty(
    { db: server.database.db, clock: systemClock, progress: logProgress(log) },
    { log, batchSize: 50, synthetic: options.synthetic },
  )
    .then(async (summary) => {
      if (!summary) return;
      server.log.info(
        { orders: summary.orders.new, seconds: summary.elapsedSeconds },
        'demo.loaded',
      );
      // The dashboard's RFM, lifecycle and CLV figures come from the refresh: run it now, not at night.
      // The real demo's orders may be years old: compute as of the day after its last purchase.
      const { last } = await purchaseDayRange(
        server.database.db,
        await getProgramme(repositoriesFor(server.database.db)),
      );
      const asOf = demoRefreshAsOf(last, systemClock.now());
      await server.jobs.enqueue(ANALYTICS_REFRESH_JOB, asOf ? { asOf } : {});
    })
    .catch((error: unknown) => server.log.error({ err: error }, 'demo.failed'));
};

program
  .command('serve')
  .description('Serve the API, the dashboard (/admin) and member pages (/m/…); migrates first')
  .option('--demo', 'load demo data in the background when the database has no orders')
  .option(
    '--synthetic',
    'with --demo: generate the synthetic shop even when the real data is there',
  )
  .action(async (options: { demo?: boolean; synthetic?: boolean }) => {
    const config = loadConfig();
    const server = await startServer(config);
    // After the admin key (printed on a first start): where to go with it.
    process.stdout.write(`Open the dashboard: ${server.publicUrl}/admin\n`);
    if (options.demo) loadDemoInBackground(server, options);
    // The first signal stops gracefully within the grace; a second one, or a stop that overruns
    // the grace by more than SHUTDOWN_OVERRUN_MS, exits at once.
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        server.log.warn({ signal }, 'server.forced_exit');
        process.exit(1);
      }
      stopping = true;
      server.log.info({ signal }, 'server.signal');
      setTimeout(() => {
        server.log.error('server.shutdown_overran: exiting without a clean stop');
        process.exit(1);
      }, config.shutdownGraceMs + SHUTDOWN_OVERRUN_MS).unref();
      server.close().then(
        () => process.exit(0),
        (error: unknown) => {
          server.log.error({ err: error }, 'server.shutdown_failed');
          process.exit(1);
        },
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });

program
  .command('migrate')
  .description('Apply database migrations and exit')
  .action(async () => {
    const database = await openFromConfig();
    process.stdout.write(`Database (${database.kind}) is up to date.\n`);
    await database.close();
  });

registerKeysCommands(program);
registerImportCommand(program, openFromConfig, () => ({
  maxFutureSkewMinutes: loadConfig().maxFutureSkewMinutes,
}));
registerDemoCommand(program, openFromConfig);
registerRulesCommand(program, openFromConfig);
registerUsersCommand(program, openFromConfig);
registerClvCommand(program);
registerReportCommand(program, openFromConfig);
registerCustomersCommand(program, openFromConfig);
registerExperimentsCommand(program, openFromConfig);
registerCitusCommands(program, openFromConfig);

// The command being run, for a refusal that names what to do instead.
let running: Command | null = null;
program.hook('preAction', (_program, action) => {
  running = action;
});

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (!(error instanceof DataDirBusyError)) throw error;
  process.stderr.write(`${dataDirBusyMessage(error, running)}\n`);
  process.exit(DATA_DIR_BUSY_EXIT_CODE);
}
