import type { Command } from 'commander';
import { isDomainError } from '../core/shared/errors.js';
import type { Database } from '../db/dialect.js';

/**
 * Runs a command's work on a database opened for it and closed however the work ends. A domain
 * error (an unknown id, a refused request) is the user's to fix, not a crash: its message is
 * printed and the command exits 1, once the database is closed. Any other error goes up.
 */
export const runPrintingRefusals = async <D extends Pick<Database, 'close'>>(
  program: Command,
  open: () => Promise<D>,
  work: (database: D) => Promise<void>,
): Promise<void> => {
  const database = await open();
  let refusal: string | null = null;
  try {
    await work(database);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    refusal = error.message;
  } finally {
    await database.close();
  }
  // Only now: program.error ends the process at once, and the database must be closed first.
  if (refusal !== null) program.error(refusal);
};
