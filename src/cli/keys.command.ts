import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../core/auth/auth.service.js';
import { ROLES, type ApiKey, type Role } from '../core/auth/auth.js';
import { systemClock } from '../core/shared/clock.js';
import { isDomainError } from '../core/shared/errors.js';
import { DataDirBusyError } from '../db/data-dir-lock.js';
import type { Database } from '../db/dialect.js';
import { apiKeyRepository } from '../app/access.js';
import { repositoriesFor } from '../app/database.js';
import { openMigratedDatabase } from '../server.js';
import {
  createKeyThroughServer,
  listKeysThroughServer,
  loopbackUrl,
  revokeKeyThroughServer,
  type KeyListing,
} from './keys-through-server.js';

const listing = (key: ApiKey): KeyListing => ({
  id: key.id,
  name: key.name,
  role: key.role,
  createdAt: key.createdAt.toISOString(),
  revokedAt: key.revokedAt?.toISOString() ?? null,
});

/** One key a line: id, role, created, revoked (or active), name last since it may hold spaces. */
const line = (key: KeyListing) =>
  [
    key.id,
    key.role.padEnd(5),
    key.createdAt,
    (key.revokedAt ?? 'active').padEnd(24),
    key.name,
  ].join('  ');

/**
 * Runs `local` on the database, or, while a server owns the embedded data directory and
 * REGULARS_ADMIN_KEY is set, `remote` through that server's API (as `keys:create` does).
 * Without the admin key the DataDirBusyError goes up, and main.ts prints the usual refusal.
 */
const onDatabaseOrServer = async <T>(
  program: Command,
  local: (database: Database) => Promise<T>,
  remote: (url: string, adminKey: string) => Promise<T>,
): Promise<{ result: T; via: string | null }> => {
  const config = loadConfig();
  let database: Database;
  try {
    database = await openMigratedDatabase(config);
  } catch (error) {
    const url = error instanceof DataDirBusyError ? loopbackUrl(error.owner) : null;
    if (!url || !config.adminKey) throw error;
    const result = await remote(url, config.adminKey).catch((refusal: Error) =>
      program.error(`error: ${refusal.message}`),
    );
    return { result, via: url };
  }
  try {
    return { result: await local(database), via: null };
  } catch (error) {
    if (isDomainError(error)) program.error(`error: ${error.message}`, { exitCode: 1 });
    throw error;
  } finally {
    await database.close();
  }
};

/** `regulars keys:create`, `keys:list` and `keys:revoke ID`. */
export const registerKeysCommands = (program: Command): void => {
  program
    .command('keys:create')
    .description('Create an API key and print its secret once')
    .requiredOption('--name <name>', 'who or what uses the key')
    .option('--role <role>', `one of ${ROLES.join(', ')}`, 'pos')
    .action(async (options: { name: string; role: string }) => {
      if (!ROLES.includes(options.role as Role))
        program.error(`--role must be one of ${ROLES.join(', ')}`);
      const input = { name: options.name, role: options.role as Role };
      const { result, via } = await onDatabaseOrServer(
        program,
        async (database) => {
          const { key, secret } = await createApiKey(
            { ...repositoriesFor(database.db), clock: systemClock },
            input,
          );
          return `${key.id} (${key.role}): ${secret}\n`;
        },
        // The server owns the embedded database: with the admin key, it creates the key itself.
        (url, adminKey) => createKeyThroughServer(url, adminKey, input),
      );
      process.stdout.write(result);
      if (via) process.stderr.write(`(created by the running server at ${via})\n`);
    });

  program
    .command('keys:list')
    .description('List API keys: id, role, created, revoked or active, name (never a secret)')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const { result: keys, via } = await onDatabaseOrServer(
        program,
        async (database) =>
          (await listApiKeys({ apiKeys: apiKeyRepository(database.db) })).map(listing),
        listKeysThroughServer,
      );
      process.stdout.write(
        options.json
          ? `${JSON.stringify(keys, null, 2)}\n`
          : keys.map((k) => `${line(k)}\n`).join(''),
      );
      if (via) process.stderr.write(`(listed by the running server at ${via})\n`);
    });

  program
    .command('keys:revoke')
    .description(
      'Revoke an API key (idempotent); a running server stops accepting it within 5 seconds',
    )
    .argument('<id>', 'the key id (key_…), as keys:list shows it')
    .action(async (id: string) => {
      const { result: key, via } = await onDatabaseOrServer(
        program,
        async (database) =>
          listing(
            await revokeApiKey({ apiKeys: apiKeyRepository(database.db), clock: systemClock }, id),
          ),
        (url, adminKey) => revokeKeyThroughServer(url, adminKey, id),
      );
      process.stdout.write(`${line(key)}\n`);
      if (via) process.stderr.write(`(revoked by the running server at ${via})\n`);
    });
};
