import { randomBytes } from 'node:crypto';
import {
  linkSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
  type PathLike,
} from 'node:fs';
import { hostname } from 'node:os';
import { basename, join, resolve } from 'node:path';

/**
 * One owner for an embedded (PGlite) data directory. PGlite has no server in front of its files:
 * two processes that open the same directory are two writers, and they corrupt it or lose each
 * other's commits. So the opener takes `<dataDir>/regulars.lock`, created atomically (a link that
 * fails when the name exists) and holding who owns it: pid, host, command, since when and, for a
 * server, its URL. It is held, with no heartbeat, until the database is closed or the process
 * exits; a long synchronous import cannot make it look abandoned. A lock whose process is gone
 * (killed with SIGKILL, say) is stale: the next opener takes it over.
 */

export const LOCK_FILE_NAME = 'regulars.lock';

export interface DataDirOwner {
  pid: number;
  host: string;
  /** Linux: the boot the owner ran in (/proc/sys/kernel/random/boot_id). */
  bootId?: string;
  /** Linux: when the owner started, in clock ticks since boot (/proc/<pid>/stat), to tell a reused pid. */
  startTicks?: number;
  /** When it took the lock (ISO 8601). */
  since: string;
  /** What it runs, e.g. `regulars serve`. */
  command: string;
  /** The server's address, once it listens. */
  url?: string;
  /** Tells this holding apart from any other by the same pid. */
  nonce: string;
}

/** The data directory is owned by another live process; nothing was opened. */
export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: DataDirOwner,
  ) {
    super(
      `${dataDir} is in use by ${owner.command} (pid ${owner.pid}${owner.host === hostname() ? '' : ` on ${owner.host}`}${owner.url ? `, ${owner.url}` : ''}) since ${owner.since}`,
    );
    this.name = 'DataDirBusyError';
  }
}

export interface DataDirLock {
  readonly path: string;
  /** Adds what others should know, e.g. the URL a server listens on. */
  describe(details: { url: string }): void;
  /** Gives the directory up; only removes the file while it is still ours. */
  release(): void;
}

/** Locks this process holds, by lock path: a second opening in the same process is refused too. */
const held = new Map<string, string>();

/**
 * When a process started, in clock ticks since boot (field 22 of Linux's /proc/<pid>/stat): fixed
 * for the life of the process, unlike anything derived from the wall clock. Null elsewhere.
 */
const processStartTicks = (pid: number): number | null => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which sits in parentheses and may hold spaces.
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    return Number.isFinite(ticks) ? ticks : null;
  } catch {
    return null;
  }
};

const currentBootId = (): string | null => {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
  } catch {
    return null;
  }
};

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it just belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Whether the recorded owner still holds the lock. Another host's process cannot be checked, so
 * it counts as alive. A lock from before a reboot does not, nor a pid that now belongs to another
 * process (reused, e.g. after a container restart), nor our own pid unless this process holds it.
 */
const ownerAlive = (owner: DataDirOwner, lockPath: string): boolean => {
  if (owner.host !== hostname()) return true;
  const bootId = currentBootId();
  if (owner.bootId && bootId && owner.bootId !== bootId) return false;
  if (owner.pid === process.pid) return held.get(lockPath) === owner.nonce;
  if (!isAlive(owner.pid)) return false;
  const started = processStartTicks(owner.pid);
  return owner.startTicks === undefined || started === null || started === owner.startTicks;
};

const readOwner = (path: PathLike): DataDirOwner | null => {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<DataDirOwner>;
    if (typeof parsed.pid !== 'number' || typeof parsed.nonce !== 'string') return null;
    return parsed as DataDirOwner;
  } catch {
    return null;
  }
};

const errno = (error: unknown): string | undefined => (error as NodeJS.ErrnoException).code;

/** Writes the record beside the lock, then links it into place: no reader ever sees half of it. */
const tryCreate = (lockPath: string, owner: DataDirOwner): boolean => {
  const temp = `${lockPath}.${owner.pid}.${owner.nonce}.tmp`;
  writeFileSync(temp, `${JSON.stringify(owner, null, 2)}\n`, { mode: 0o644 });
  try {
    linkSync(temp, lockPath);
    return true;
  } catch (error) {
    if (errno(error) === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(temp);
  }
};

/**
 * Moves a stale lock aside. Another opener may have taken it over in between: if what was moved
 * is not the stale record we read, it is that opener's live lock, and it is put back.
 */
const removeStale = (lockPath: string, stale: DataDirOwner, nonce: string) => {
  const aside = `${lockPath}.${process.pid}.${nonce}.stale`;
  try {
    renameSync(lockPath, aside);
  } catch (error) {
    if (errno(error) === 'ENOENT') return;
    throw error;
  }
  const moved = readOwner(aside);
  if (moved && moved.nonce !== stale.nonce) {
    try {
      linkSync(aside, lockPath);
    } catch (error) {
      if (errno(error) !== 'EEXIST') throw error;
    }
  }
  unlinkSync(aside);
};

/** `regulars serve` for our CLI (run as main.ts by tsx, main.js when built), else the script. */
const describeCommand = (): string => {
  const script = basename(process.argv[1] ?? 'node');
  const name = /^main\.[jt]s$/.test(script) ? 'regulars' : script;
  return [name, ...process.argv.slice(2)].join(' ');
};

/**
 * Takes the lock of `dataDir` (which must exist) or throws DataDirBusyError naming its owner.
 * The lock is given up by `release()` and, failing that, when the process exits.
 */
export const lockDataDir = (dataDir: string, options: { command?: string } = {}): DataDirLock => {
  const lockPath = resolve(join(dataDir, LOCK_FILE_NAME));
  const nonce = randomBytes(8).toString('hex');
  let owner: DataDirOwner = {
    pid: process.pid,
    host: hostname(),
    ...(currentBootId() ? { bootId: currentBootId()! } : {}),
    ...(processStartTicks(process.pid) === null
      ? {}
      : { startTicks: processStartTicks(process.pid)! }),
    since: new Date().toISOString(),
    command: options.command ?? describeCommand(),
    nonce,
  };
  // A bounded number of rounds: each one either takes the lock, meets a live owner, or clears
  // a stale lock that another opener may then take first.
  for (let round = 0; round < 5; round += 1) {
    if (tryCreate(lockPath, owner)) {
      held.set(lockPath, nonce);
      const release = () => {
        process.removeListener('exit', release);
        if (held.get(lockPath) !== nonce) return;
        held.delete(lockPath);
        if (readOwner(lockPath)?.nonce === nonce) unlinkSync(lockPath);
      };
      process.once('exit', release);
      return {
        path: lockPath,
        describe: (details) => {
          if (held.get(lockPath) !== nonce) return;
          owner = { ...owner, ...details };
          const temp = `${lockPath}.${process.pid}.${nonce}.tmp`;
          writeFileSync(temp, `${JSON.stringify(owner, null, 2)}\n`, { mode: 0o644 });
          renameSync(temp, lockPath);
        },
        release,
      };
    }
    const current = readOwner(lockPath);
    if (current && ownerAlive(current, lockPath)) throw new DataDirBusyError(dataDir, current);
    if (current) removeStale(lockPath, current, nonce);
    else {
      // Unreadable: a lock written by hand or cut short by a full disk. Treated as stale.
      removeStale(lockPath, { nonce: '' } as DataDirOwner, nonce);
    }
  }
  const last = readOwner(lockPath);
  if (last) throw new DataDirBusyError(dataDir, last);
  throw new Error(
    `${lockPath}: could not take the lock; remove the file if no process uses ${dataDir}`,
  );
};
