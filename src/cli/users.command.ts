import type { Command } from 'commander';
import { ZodError } from 'zod';
import { ROLES } from '../core/auth/auth.js';
import { createUser } from '../core/auth/users.js';
import { systemClock } from '../core/shared/clock.js';
import { isDomainError } from '../core/shared/errors.js';
import { userRepository } from '../app/access.js';
import type { Database } from '../db/dialect.js';

const readStdin = async (): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
};

/** `regulars users:create`: the password comes on stdin, never in argv where `ps` would show it. */
export const registerUsersCommand = (program: Command, open: () => Promise<Database>): Command =>
  program
    .command('users:create')
    .description('Create a dashboard user; the password is read from stdin')
    .requiredOption('--email <email>', 'the sign-in e-mail')
    .requiredOption('--name <name>', 'the name shown in the dashboard')
    .option('--role <role>', `one of ${ROLES.join(', ')}`, 'admin')
    .action(async (options: { email: string; name: string; role: string }) => {
      const password = await readStdin();
      const database = await open();
      let refusal: string | null = null;
      try {
        const user = await createUser(
          { users: userRepository(database.db), clock: systemClock },
          { email: options.email, name: options.name, password, role: options.role as never },
        );
        process.stdout.write(`${user.id} ${user.email} (${user.role})\n`);
      } catch (error) {
        if (error instanceof ZodError) {
          refusal = error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
        } else if (isDomainError(error)) refusal = error.message;
        else throw error;
      } finally {
        await database.close();
      }
      if (refusal) program.error(refusal);
    });
