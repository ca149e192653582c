import type { Command } from 'commander';
import { citusReadiness } from '../app/citus.js';
import type { Database } from '../db/dialect.js';

/**
 * `citus:check` lists what in the migrated schema still breaks the rules of a Citus cluster
 * sharded by customer (exit code 1 if anything does); `citus:script` prints the SQL that
 * distributes the tables (docs/scale.md).
 */
export const registerCitusCommands = (program: Command, open: () => Promise<Database>) => {
  program
    .command('citus:check')
    .description('List what in the schema still keeps it from running on Citus')
    .action(async () => {
      const database = await open();
      try {
        const { offences } = await citusReadiness(database.db);
        for (const offence of offences) process.stdout.write(`${offence}\n`);
        process.stdout.write(
          offences.length === 0
            ? 'The schema keeps every rule for Citus.\n'
            : `${offences.length} ${offences.length === 1 ? 'rule' : 'rules'} broken (docs/scale.md says what each means).\n`,
        );
        if (offences.length > 0) process.exitCode = 1;
      } finally {
        await database.close();
      }
    });
  program
    .command('citus:script')
    .description('Print the SQL that distributes the tables on a Citus cluster')
    .action(async () => {
      const database = await open();
      try {
        process.stdout.write(`${(await citusReadiness(database.db)).script}\n`);
      } finally {
        await database.close();
      }
    });
};
