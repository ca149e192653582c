import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { exportCustomer } from '../core/customers/export.js';
import { getPointsSummary } from '../core/ledger/ledger.service.js';
import { systemClock, type Clock } from '../core/shared/clock.js';
import type { Database } from '../db/dialect.js';
import { privacyDeps } from '../app/privacy-deps.js';
import { runUnitOfWork } from '../app/run-unit-of-work.js';
import { runPrintingRefusals } from './refusals.js';

/** Who ran the command, for the audit log: the operating-system user. */
const cliActor = () => {
  let name = 'unknown';
  try {
    name = userInfo().username;
  } catch {
    // no user name on this system: keep "unknown"
  }
  return { keyId: null, userId: null, label: `cli:${name}` };
};

/**
 * `regulars customers export ID [--out FILE]`: the same JSON as GET /v1/customers/{id}/export,
 * printed or written to a file; recorded in the audit log like the API's export.
 */
export const registerCustomersCommand = (
  program: Command,
  open: () => Promise<Pick<Database, 'db' | 'close'>>,
  clock: Clock = systemClock,
): Command => {
  const customers = program.command('customers').description('Customer data (GDPR)');
  customers
    .command('export')
    .description('Everything the platform holds about a customer, as JSON (docs/privacy.md)')
    .argument('<id>', 'the customer id (cus_…)')
    .option('--out <file>', 'write the JSON to this file instead of printing it')
    .action(async (id: string, options: { out?: string }) => {
      await runPrintingRefusals(program, open, async (database) => {
        const result = await runUnitOfWork(database.db, clock, (uow) =>
          exportCustomer(
            privacyDeps(uow.db, clock, (customerId) =>
              getPointsSummary(uow, uow.programme, customerId),
            ),
            { customerId: id, actor: cliActor() },
          ),
        );
        const json = `${JSON.stringify(result, null, 2)}\n`;
        if (options.out) {
          writeFileSync(options.out, json, { mode: 0o600 });
          process.stdout.write(`Wrote the export of ${id} to ${options.out}\n`);
        } else process.stdout.write(json);
      });
    });
  return customers;
};
