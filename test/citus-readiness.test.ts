import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCatalogue } from '../src/db/citus/catalogue.js';
import { lockingOffencesIn } from '../src/db/citus/locking-queries.js';
import { TABLE_PLACEMENT, TRIGGERS_ON_SHARDS } from '../src/db/citus/placement.js';
import { readinessOffences } from '../src/db/citus/readiness.js';
import { citusScript } from '../src/db/citus/script.js';
import type { Database } from '../src/db/dialect.js';
import { registerCitusCommands } from '../src/cli/citus.command.js';
import { openTestDatabase } from './support/database.js';
import { runCli } from './support/run-cli.js';

/**
 * The schema and the queries keep to the rules of a Citus cluster sharded by customer
 * (docs/scale.md). What still breaks them is listed below, exactly: a new offence fails the test,
 * and so does a mended one still listed, so the lists shrink as the work is done and never grow.
 */
const SCHEMA_STILL_TO_MEND = [
  'coupon: customer_id may be null',
  'coupon: primary key (id) does not start with customer_id',
  'coupon: unique index coupon_code_key (code) does not start with customer_id',
  'coupon_issue: primary key (source_key) does not start with customer_id',
  'coupon_issue: foreign key coupon_issue_coupon_id_fkey (coupon_id) → coupon(id): does not pair customer_id with customer_id',
  'coupon_redemption: customer_id may be null',
  'coupon_redemption: primary key (id) does not start with customer_id',
  'coupon_redemption: unique index coupon_redemption_order_key (coupon_id, order_external_id) does not start with customer_id',
  'coupon_redemption: foreign key coupon_redemption_coupon_id_fkey (coupon_id) → coupon(id): does not pair customer_id with customer_id',
  'ledger_entry: unique index ledger_entry_idempotency_key_key (idempotency_key) does not start with customer_id',
  'loyalty_activity: unique index loyalty_activity_idempotency_key_key (idempotency_key) does not start with customer_id',
  'referral: has no customer_id column to distribute by',
  'referral: primary key (id) does not start with customer_id',
  'referral: unique index referral_live_referred_key (referred_id) does not start with customer_id',
  'referral: foreign key referral_referrer_id_fkey (referrer_id) → customer(id): does not pair customer_id with id',
  'referral: foreign key referral_referred_id_fkey (referred_id) → customer(id): does not pair customer_id with id',
  'referral_code: unique index referral_code_code_key (code) does not start with customer_id',
  'review: unique index review_external_id_key (external_id) does not start with customer_id',
  'reward_redemption: unique index reward_redemption_key (idempotency_key) does not start with customer_id',
  'reward_redemption: foreign key reward_redemption_coupon_id_fkey (coupon_id) → coupon(id): does not pair customer_id with customer_id',
  'rule_award: has no primary key',
];

/** "file: what on table", one per statement (line numbers move with every edit). */
const QUERIES_STILL_TO_MEND: string[] = [
  'src/db/activities.repository.ts: upsert on loyalty_activity',
  'src/db/referrals.repository.ts: upsert on referral_code',
  'src/db/referrals.repository.ts: upsert on referral',
  'src/db/referrals.repository.ts: update on referral',
  'src/db/feedback/reviews.repository.ts: upsert on review',
  'src/db/rewards/coupons.repository.ts: upsert on coupon',
  'src/db/rewards/coupons.repository.ts: locking select on coupon',
  'src/db/rewards/coupons.repository.ts: update on coupon',
  'src/db/rewards/coupons.repository.ts: update on coupon_redemption',
];

const ROOT = resolve(import.meta.dirname, '..');

const sourceFiles = () =>
  (readdirSync(resolve(ROOT, 'src'), { recursive: true }) as string[])
    .map((file) => `src/${file.replaceAll('\\', '/')}`)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.includes('/migrations/'));

const expectExactly = (found: string[], listed: string[]) => {
  const unlisted = found.filter((o) => !listed.includes(o));
  const mended = listed.filter((o) => !found.includes(o));
  expect({ unlisted, mended }).toEqual({ unlisted: [], mended: [] });
};

describe('Citus readiness', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());

  it('the migrated schema breaks no distribution rule but those listed', async () => {
    const tables = await readCatalogue(database.db as never);
    const offences = readinessOffences({
      tables,
      placement: TABLE_PLACEMENT,
      triggersOnShards: TRIGGERS_ON_SHARDS,
    });
    expectExactly(offences, SCHEMA_STILL_TO_MEND);
  });

  it('docs/scale.md shows the distribution script of this schema', async () => {
    const tables = await readCatalogue(database.db as never);
    const docs = readFileSync(resolve(ROOT, 'docs/scale.md'), 'utf8');
    const shown =
      /<!-- citus-script:start -->\n```sql\n([\s\S]*?)\n```\n<!-- citus-script:end -->/.exec(docs);
    expect(shown?.[1]).toBe(citusScript(tables, TABLE_PLACEMENT));
  });

  it('the CLI prints what is left (exit code 1 while anything is) and the script', async () => {
    const open = async () => ({ ...database, close: async () => undefined });
    const register = (program: Parameters<typeof registerCitusCommands>[0]) =>
      registerCitusCommands(program, open);
    const check = await runCli(['citus:check'], register);
    const exitCode = process.exitCode;
    process.exitCode = undefined;
    expect(exitCode).toBe(1);
    const lines = check.stdout.trim().split('\n');
    expect(lines.at(-1)).toBe(
      `${SCHEMA_STILL_TO_MEND.length} rules broken (docs/scale.md says what each means).`,
    );
    expect(lines.slice(0, -1).sort()).toEqual([...SCHEMA_STILL_TO_MEND].sort());
    const script = await runCli(['citus:script'], register);
    expect(script.stdout).toContain("SELECT create_distributed_table('customer', 'id');");
  });

  it('no query locks or changes customer rows without naming the customer but those listed', () => {
    const offences = sourceFiles().flatMap((file) =>
      lockingOffencesIn(file, readFileSync(resolve(ROOT, file), 'utf8'), TABLE_PLACEMENT).map(
        (o) => `${o.file}: ${o.what} on ${o.table}`,
      ),
    );
    expectExactly([...new Set(offences)], QUERIES_STILL_TO_MEND);
  });
});
