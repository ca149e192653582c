import { execFile } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/**
 * A PostgreSQL primary of its own (initdb on a free loopback port) and a streaming standby made
 * from it with pg_basebackup, both in one temporary directory: a few seconds, whatever the shared
 * test server holds or how it is configured. PostgreSQL refuses to run as root, so when the tests
 * run as root (CI) every server command runs as the `postgres` OS user, which owns the directory.
 */
export interface PrimaryWithStandby {
  primaryUrl: string;
  standbyUrl: string;
  /** Waits until the standby has replayed everything the primary had written when called. */
  caughtUp(timeoutMs?: number): Promise<void>;
  /** Statements the standby has run in `database` so far (pg_stat_statements' calls). */
  standbyStatements(database: string): Promise<number>;
  /** Stops applying WAL on the standby (it keeps serving what it has), until resume(). */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  stop(): Promise<void>;
}

/** The newest PostgreSQL installed from Debian's packages, whose server binaries sit here. */
const binDir = (): string => {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) throw new Error(`No PostgreSQL server binaries under ${root}`);
  return join(root, versions[0]!, 'bin');
};

const asRoot = () => process.getuid?.() === 0;

/** Runs a server binary, as the postgres OS user when we are root. */
const pgCommand = async (bin: string, args: string[]): Promise<void> => {
  const [file, argv] = asRoot()
    ? ['runuser', ['-u', 'postgres', '--', join(binDir(), bin), ...args]]
    : [join(binDir(), bin), args];
  try {
    await run(file, argv, { timeout: 60_000 });
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`${bin} ${args.join(' ')} failed: ${e.stderr || e.message}`);
  }
};

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

/** A directory only the server's OS user may enter, as initdb and pg_ctl insist. */
const privateDir = (): string => {
  // As root, /tmp rather than TMPDIR: the postgres user must reach the directory, and a TMPDIR
  // under /root would not let it through.
  const dir = mkdtempSync(join(asRoot() ? '/tmp' : tmpdir(), 'regulars-replica-'));
  if (asRoot()) {
    const { uid, gid } = postgresUser();
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  return dir;
};

const postgresUser = (): { uid: number; gid: number } => {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('Running as root needs a postgres OS user to run PostgreSQL as');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
};

const serverOptions = (port: number, socketDir: string) =>
  // Loopback only; sockets in our directory; no fsync: the clusters are thrown away.
  `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off` +
  // Counts every statement each server runs, at once (pg_stat_database waits to flush).
  ' -c shared_preload_libraries=pg_stat_statements';

const until = async (done: () => Promise<boolean>, what: string, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

const scalar = async (url: string, text: string, values: unknown[] = []): Promise<unknown> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(text, values);
    return rows[0] ? Object.values(rows[0])[0] : undefined;
  } finally {
    await client.end();
  }
};

export const startPrimaryWithStandby = async (
  options: { database?: string } = {},
): Promise<PrimaryWithStandby> => {
  const dir = privateDir();
  const primaryDir = join(dir, 'primary');
  const standbyDir = join(dir, 'standby');
  const [primaryPort, standbyPort] = [await freePort(), await freePort()];
  const database = options.database ?? 'postgres';
  const started: string[] = [];
  const stop = async () => {
    for (const data of started.reverse()) {
      await pgCommand('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => {});
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // initdb's default pg_hba.conf lets local users replicate over 127.0.0.1 with -A trust.
    await pgCommand('initdb', ['-D', primaryDir, '-U', 'postgres', '-A', 'trust', '--no-sync']);
    await pgCommand('pg_ctl', [
      '-D',
      primaryDir,
      '-l',
      join(dir, 'primary.log'),
      '-w',
      '-o',
      serverOptions(primaryPort, dir),
      'start',
    ]);
    started.push(primaryDir);
    const primaryAdmin = `postgres://postgres@127.0.0.1:${primaryPort}/postgres`;
    if (database !== 'postgres') await scalar(primaryAdmin, `create database ${database}`);
    await scalar(primaryAdmin, 'create extension pg_stat_statements');
    // -R writes standby.signal and primary_conninfo; -c fast asks for an immediate checkpoint.
    await pgCommand('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(primaryPort),
      '-U',
      'postgres',
      '-D',
      standbyDir,
      '-R',
      '-X',
      'stream',
      '-c',
      'fast',
    ]);
    await pgCommand('pg_ctl', [
      '-D',
      standbyDir,
      '-l',
      join(dir, 'standby.log'),
      '-w',
      '-o',
      serverOptions(standbyPort, dir),
      'start',
    ]);
    started.push(standbyDir);
  } catch (error) {
    await stop();
    throw error;
  }
  const standbyAdmin = `postgres://postgres@127.0.0.1:${standbyPort}/postgres`;
  const primaryAdmin = `postgres://postgres@127.0.0.1:${primaryPort}/postgres`;
  return {
    primaryUrl: `postgres://postgres@127.0.0.1:${primaryPort}/${database}`,
    standbyUrl: `postgres://postgres@127.0.0.1:${standbyPort}/${database}`,
    caughtUp: async (timeoutMs = 10_000) => {
      const target = await scalar(primaryAdmin, 'select pg_current_wal_lsn()::text');
      await until(
        async () =>
          (await scalar(standbyAdmin, 'select pg_last_wal_replay_lsn() >= $1::pg_lsn', [
            target,
          ])) === true,
        `the standby to replay up to ${String(target)}`,
        timeoutMs,
      );
    },
    standbyStatements: async (name) =>
      Number(
        await scalar(
          standbyAdmin,
          `select coalesce(sum(calls), 0)::text from pg_stat_statements
            where dbid = (select oid from pg_database where datname = $1)`,
          [name],
        ),
      ),
    pauseReplay: async () => {
      await scalar(standbyAdmin, 'select pg_wal_replay_pause()');
      // The call only asks; replay stops at the next record it would apply.
      await until(
        async () =>
          (await scalar(standbyAdmin, 'select pg_get_wal_replay_pause_state()')) === 'paused',
        'replay to pause',
      );
    },
    resumeReplay: async () => {
      await scalar(standbyAdmin, 'select pg_wal_replay_resume()');
    },
    stop,
  };
};
