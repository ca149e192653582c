import { Writable } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import { pino, type Logger } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../src/db/schema.js';
import { applicationJobs } from '../src/jobs/index.js';
import { createJobRunner, type JobDefinition, type JobRunner } from '../src/jobs/job-runner.js';
import { manualClock, startTestApp, type TestApp } from './support/app.js';
import { testDatabaseKind } from './support/database.js';
import { createCustomer, orderBody } from './support/fixtures.js';

/**
 * The durable job runner (pg-boss) on the database under test. A job's effect is a row in a
 * scratch table, written with `n = n + 1` on conflict, so a job that ran twice shows n = 2
 * instead of hiding behind the key.
 */

const START = new Date('2026-03-01T12:00:00.000Z');
const clock = manualClock(START);
let t: TestApp;
let db: Kysely<DB>;
const runners: JobRunner[] = [];

beforeAll(async () => {
  t = await startTestApp({ clock });
  db = t.database.db;
});
afterAll(async () => {
  for (const runner of runners) await runner.stop({ graceful: false });
  await t?.close();
});

const quiet = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const waitFor = async (what: string, check: () => Promise<boolean>, timeoutMs = 30_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
};

/** A pino logger whose lines land in `lines`. */
const capture = (lines: string[]): Logger =>
  pino(
    { level: 'info' },
    new Writable({
      write: (chunk, _encoding, done) => {
        lines.push(String(chunk));
        done();
      },
    }),
  );

const logged = (lines: string[], msg: string) =>
  lines.map((l) => JSON.parse(l)).filter((l) => l.msg === msg);

const runner = (
  schema: string,
  jobs: JobDefinition<any>[],
  options: { log?: Logger; work?: boolean } = {},
): JobRunner => {
  const created = createJobRunner({
    database: t.database,
    log: options.log ?? quiet,
    work: options.work ?? true,
    jobs,
    schema,
    pollingIntervalSeconds: 0.5,
    maintenanceIntervalSeconds: 1,
  });
  runners.push(created);
  return created;
};

const createEffectTable = (table: string) =>
  sql`create table ${sql.table(table)} (key text primary key, n int not null)`.execute(db);

/** The handler's write: a second run of the same job would make n = 2. */
const writeEffect = (trx: Kysely<DB>, table: string, key: string) =>
  sql`
    insert into ${sql.table(table)} (key, n) values (${key}, 1)
    on conflict (key) do update set n = ${sql.table(table)}.n + 1
  `.execute(trx);

const effects = async (table: string) => {
  const { rows } = await sql<{ key: string; n: number }>`
    select key, n from ${sql.table(table)} order by key
  `.execute(db);
  return rows;
};

const jobStates = async (schema: string, name: string): Promise<Record<string, number>> => {
  const { rows } = await sql<{ state: string; n: number }>`
    select state::text as state, count(*)::int as n from ${sql.table(`${schema}.job`)}
    where name = ${name} group by state
  `.execute(db);
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
};

const completed = async (schema: string, name: string) =>
  (await jobStates(schema, name)).completed ?? 0;

const effectJob = (
  table: string,
  overrides: Partial<JobDefinition<{ key: string }>> = {},
): JobDefinition<{ key: string }> => ({
  name: 'effect',
  concurrency: 4,
  retryDelaySeconds: 0,
  retryBackoff: false,
  handle: async (data, { db: trx }) => {
    await writeEffect(trx, table, data.key);
  },
  ...overrides,
});

const keys = (count: number) =>
  Array.from({ length: count }, (_, i) => `k${String(i).padStart(3, '0')}`);

describe('job runner', () => {
  it('runs each enqueued job once, with its effect written once', async () => {
    await createEffectTable('effect_basic');
    const jobs = runner('jobs_basic', [effectJob('effect_basic')]);
    await jobs.start();
    for (const key of keys(30)) await jobs.enqueue('effect', { key });

    await waitFor(
      '30 completed jobs',
      async () => (await completed('jobs_basic', 'effect')) === 30,
    );
    await sleep(700); // more than a polling interval: nothing runs a second time
    const rows = await effects('effect_basic');
    expect(rows.map((r) => r.key)).toEqual(keys(30));
    expect(rows.every((r) => r.n === 1)).toBe(true);
    expect(await jobStates('jobs_basic', 'effect')).toEqual({ completed: 30 });
    await jobs.stop();
  });

  it('loses and doubles nothing when a runner dies mid-queue and another takes over', async () => {
    await createEffectTable('effect_restart');
    const total = 200;
    let ranOnA = 0;
    let crashed = false;
    let releaseCrash: () => void = () => {};
    const crash = new Promise<void>((resolve) => {
      releaseCrash = resolve;
    });
    const definition = { expireInSeconds: 2, retryLimit: 5 };
    // Runner A writes its effect, then, once 60 jobs are done, "dies" holding its open
    // transactions: the handlers hang with their writes uncommitted, then the process is gone.
    const a = runner('jobs_restart', [
      effectJob('effect_restart', {
        ...definition,
        handle: async (data, { db: trx }) => {
          await writeEffect(trx, 'effect_restart', data.key);
          if (crashed) {
            await crash;
            throw new Error('process killed');
          }
          ranOnA += 1;
          if (ranOnA >= 60) crashed = true;
        },
      }),
    ]);
    // The queue is filled first (on PGlite an enqueue would wait behind A's hung transaction).
    const producer = runner('jobs_restart', [effectJob('effect_restart', definition)], {
      work: false,
    });
    await producer.start();
    for (const key of keys(total)) await producer.enqueue('effect', { key });
    await producer.stop();
    await a.start();
    await waitFor('runner A to die mid-queue', async () => crashed);
    const stopped = a.stop({ graceful: false });
    releaseCrash();
    await stopped;

    const afterCrash = await jobStates('jobs_restart', 'effect');
    expect(afterCrash.completed ?? 0).toBeGreaterThanOrEqual(60);
    expect(afterCrash.completed ?? 0).toBeLessThan(total);
    expect(afterCrash.active ?? 0).toBeGreaterThanOrEqual(1); // abandoned by A, not yet expired

    const b = runner('jobs_restart', [effectJob('effect_restart', definition)]);
    await b.start();
    await waitFor(
      'all jobs completed by runner B',
      async () => (await completed('jobs_restart', 'effect')) === total,
    );
    await sleep(700);

    const rows = await effects('effect_restart');
    expect(rows).toHaveLength(total);
    expect(new Set(rows.map((r) => r.key)).size).toBe(total);
    expect(rows.filter((r) => r.n !== 1)).toEqual([]);
    expect(await jobStates('jobs_restart', 'effect')).toEqual({ completed: total });
    // The jobs A was holding came back through expiry and ran again, on B.
    const { rows: retried } = await sql<{ n: number }>`
      select count(*)::int as n from jobs_restart.job where name = 'effect' and retry_count > 0
    `.execute(db);
    expect(Number(retried[0]?.n)).toBeGreaterThanOrEqual(1);
    await b.stop();
  });

  it('a handler that outlives its expiry commits nothing once another attempt has completed the job', async () => {
    await createEffectTable('effect_slow');
    const attempts: number[] = [];
    const lines: string[] = [];
    const jobs = runner(
      'jobs_slow',
      [
        effectJob('effect_slow', {
          concurrency: 2,
          expireInSeconds: 1,
          handle: async (data, { db: trx, retryCount }) => {
            attempts.push(retryCount);
            // The first attempt is still busy when maintenance declares it lost (after ~2 s) and
            // hands it out again; on PostgreSQL it goes on only once the retry has completed the job.
            // (On PGlite a handler cannot wait for another statement: one connection.)
            if (retryCount === 0 && testDatabaseKind() === 'postgres') {
              await waitFor(
                'the retry',
                async () => (await completed('jobs_slow', 'effect')) === 1,
              );
            } else if (retryCount === 0) {
              await sleep(2_500);
            }
            await writeEffect(trx, 'effect_slow', data.key);
          },
        }),
      ],
      { log: capture(lines) },
    );
    await jobs.start();
    await jobs.enqueue('effect', { key: 'slow' });
    await waitFor(
      'the slow job to complete',
      async () => (await completed('jobs_slow', 'effect')) === 1,
    );
    await waitFor('the first attempt to end', async () =>
      lines.some((l) => /job\.(completed|superseded)/.test(l) && l.includes('"retryCount":0')),
    );

    expect(await effects('effect_slow')).toEqual([{ key: 'slow', n: 1 }]);
    if (testDatabaseKind() === 'postgres') {
      // Expired at ~2 s and retried while the first attempt slept; that attempt then found the job
      // completed by the retry, and rolled its write back.
      expect(attempts).toEqual([0, 1]);
      expect(logged(lines, 'job.superseded')).toHaveLength(1);
    } else {
      // PGlite has one connection: maintenance waits for the first attempt's transaction to end.
      expect(attempts).toEqual([0]);
    }
    await jobs.stop();
  });

  it('retries a failing handler with its writes rolled back each time, then lands the effect once', async () => {
    await createEffectTable('effect_retry');
    const attempts: number[] = [];
    const lines: string[] = [];
    const log = capture(lines);
    const jobs = runner(
      'jobs_retry',
      [
        effectJob('effect_retry', {
          retryLimit: 2,
          handle: async (data, { db: trx, retryCount }) => {
            attempts.push(retryCount);
            await writeEffect(trx, 'effect_retry', data.key);
            if (attempts.length <= 2) throw new Error(`flaky ${attempts.length}`);
          },
        }),
      ],
      { log },
    );
    await jobs.start();
    const id = await jobs.enqueue('effect', { key: 'flaky' });
    expect(id).toEqual(expect.any(String));

    await waitFor(
      'the flaky job to complete',
      async () => (await completed('jobs_retry', 'effect')) === 1,
    );
    expect(attempts).toEqual([0, 1, 2]);
    expect(await effects('effect_retry')).toEqual([{ key: 'flaky', n: 1 }]);
    const failures = logged(lines, 'job.failed');
    expect(failures.map((f) => [f.jobId, f.err.message, f.willRetry])).toEqual([
      [id, 'flaky 1', true],
      [id, 'flaky 2', true],
    ]);
    await jobs.stop();
  });

  it('enqueues inside the caller transaction: no job if it rolls back, job and write together if it commits', async () => {
    await createEffectTable('effect_trx');
    await createEffectTable('caller_write');
    const jobs = runner('jobs_trx', [effectJob('effect_trx')]);
    await jobs.start();

    await expect(
      db.transaction().execute(async (trx) => {
        await writeEffect(trx, 'caller_write', 'rolled-back');
        await jobs.enqueue('effect', { key: 'rolled-back' }, { db: trx });
        throw new Error('caller gives up');
      }),
    ).rejects.toThrow('caller gives up');
    await db.transaction().execute(async (trx) => {
      await writeEffect(trx, 'caller_write', 'committed');
      await jobs.enqueue('effect', { key: 'committed' }, { db: trx });
    });

    await waitFor('the committed job', async () => (await completed('jobs_trx', 'effect')) === 1);
    await sleep(700);
    expect(await jobStates('jobs_trx', 'effect')).toEqual({ completed: 1 });
    expect(await effects('caller_write')).toEqual([{ key: 'committed', n: 1 }]);
    expect(await effects('effect_trx')).toEqual([{ key: 'committed', n: 1 }]);
    await jobs.stop();
  });

  it('registers cron schedules, and drops the schedule of a job that no longer has one', async () => {
    const handle = async () => {};
    const first = runner('jobs_cron', [
      { name: 'nightly', schedule: { cron: '0 3 * * *', data: { full: true } }, handle },
      ...applicationJobs({ clock }),
    ]);
    await first.start();
    const schedules = async () =>
      (
        await sql<{ name: string; cron: string; timezone: string; data: unknown }>`
          select name, cron, timezone, data from jobs_cron.schedule order by name
        `.execute(db)
      ).rows;
    expect(await schedules()).toEqual([
      { name: 'analytics-refresh', cron: '30 2 * * *', timezone: 'UTC', data: {} },
      { name: 'at-risk', cron: '30 4 * * *', timezone: 'UTC', data: {} },
      { name: 'birthdays', cron: '7 * * * *', timezone: 'UTC', data: {} },
      { name: 'message-send', cron: '* * * * *', timezone: 'UTC', data: {} },
      { name: 'nightly', cron: '0 3 * * *', timezone: 'UTC', data: { full: true } },
      { name: 'points-expiring', cron: '40 1 * * *', timezone: 'UTC', data: {} },
      { name: 'recommendations-refresh', cron: '10 3 * * *', timezone: 'UTC', data: {} },
      { name: 'segments-refresh', cron: '15 * * * *', timezone: 'UTC', data: {} },
      { name: 'settle-points', cron: '*/1 * * * *', timezone: 'UTC', data: {} },
      { name: 'tier-review', cron: '20 0 * * *', timezone: 'UTC', data: {} },
      { name: 'webhook-deliver', cron: '* * * * *', timezone: 'UTC', data: {} },
    ]);
    await first.stop();

    const second = runner('jobs_cron', [
      { name: 'nightly', handle },
      ...applicationJobs({ clock }),
    ]);
    await second.start();
    expect((await schedules()).map((s) => s.name)).toEqual([
      'analytics-refresh',
      'at-risk',
      'birthdays',
      'message-send',
      'points-expiring',
      'recommendations-refresh',
      'segments-refresh',
      'settle-points',
      'tier-review',
      'webhook-deliver',
    ]);
    await second.stop();
  });

  it('settles due points when the settle-points job runs', async () => {
    clock.set(START);
    const c = await createCustomer(t);
    const order = await t.call(
      'POST',
      '/v1/orders',
      orderBody(c.id, { placedAt: START.toISOString() }),
    );
    expect(order.status).toBe(201);
    clock.set(new Date(START.getTime() + 15 * 86_400_000)); // past the 14-day return window

    const jobs = runner('jobs_settle', applicationJobs({ clock, settleEveryMinutes: 0 }));
    await jobs.start();
    await jobs.enqueue('settle-points', {});
    await waitFor(
      'the settle job',
      async () => (await completed('jobs_settle', 'settle-points')) === 1,
    );
    // Read the ledger directly: reading points through the API would settle the member itself.
    const entries = await db
      .selectFrom('ledger_entry')
      .select('code')
      .where('customer_id', '=', c.id)
      .execute();
    expect(entries.map((e) => e.code).sort()).toEqual(['earn.order.pending', 'pending.post']);
    await jobs.stop();
  });

  it('refreshes every customer’s analytics when the analytics job runs', async () => {
    const c = await createCustomer(t);
    const jobs = runner('jobs_analytics', applicationJobs({ clock, settleEveryMinutes: 0 }));
    await jobs.start();
    await jobs.enqueue('analytics-refresh', { asOf: clock.now().toISOString() });
    await waitFor(
      'the analytics job',
      async () => (await completed('jobs_analytics', 'analytics-refresh')) === 1,
    );
    const row = await db
      .selectFrom('customer_analytics')
      .select(['customer_id', 'lifecycle_stage', 'rfm_computed_at'])
      .where('customer_id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(row.rfm_computed_at).not.toBeNull();
    await jobs.stop();
  });

  it('two runners starting at once on a fresh schema share it, and share the work', async () => {
    await createEffectTable('effect_pair');
    const [a, b] = [0, 1].map(() => runner('jobs_pair', [effectJob('effect_pair')]));
    await Promise.all([a!.start(), b!.start()]);
    for (const key of keys(40))
      await (Number(key.slice(1)) % 2 ? a! : b!).enqueue('effect', { key });

    await waitFor('40 completed jobs', async () => (await completed('jobs_pair', 'effect')) === 40);
    const rows = await effects('effect_pair');
    expect(rows.map((r) => r.key)).toEqual(keys(40));
    expect(rows.every((r) => r.n === 1)).toBe(true);
    await Promise.all([a!.stop(), b!.stop()]);
  });
});
