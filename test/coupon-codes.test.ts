import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCouponCode } from '../src/core/rewards/coupon-code.js';
import { insertWithCodes } from '../src/core/rewards/coupons.service.js';
import type { CouponDraft } from '../src/core/rewards/coupons.js';
import { newId } from '../src/core/shared/ids.js';
import type { Database } from '../src/db/dialect.js';
import * as couponsByCoupon from '../src/db/migrations/20261208_0100_coupons_by_coupon.js';
import { couponRepository } from '../src/db/rewards/coupons.repository.js';
import { openTestDatabase } from './support/database.js';

// A coupon's code is unique across all coupons through the coupon_code lookup (coupons are
// distributed by id on Citus, docs/scale.md): the code is claimed there in the coupon's own
// transaction, and a code already taken is drawn again, as it was when coupon (code) was unique.
let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

const draft = (): CouponDraft => ({
  id: newId('coupon'),
  customerId: null,
  rewardId: null,
  batchId: null,
  benefit: { kind: 'percent_discount', value: 10 },
  currency: 'GBP',
  minBasketMinor: null,
  validFrom: null,
  validUntil: null,
  usesAllowed: 1,
  usesCount: 0,
  status: 'active',
  voidedAt: null,
  voidReason: null,
  createdAt: new Date('2026-06-01T09:00:00Z'),
});

/** Draws the given codes in turn, then fresh ones. */
const draws = (...codes: string[]) => {
  const queue = [...codes];
  return () => queue.shift() ?? newCouponCode();
};

const issue = (drafts: CouponDraft[], newCode: () => string, holdMs = 0) =>
  database.db.transaction().execute(async (trx) => {
    const coupons = await insertWithCodes(couponRepository(trx), drafts, newCode);
    if (holdMs > 0) await new Promise((resolve) => setTimeout(resolve, holdMs));
    return coupons;
  });

const ownerOf = async (code: string) =>
  (
    await database.db
      .selectFrom('coupon_code')
      .select('coupon_id')
      .where('code', '=', code)
      .execute()
  ).map((r) => r.coupon_id);

const codesAgree = async () => {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n
      from coupon c full join coupon_code cc on cc.coupon_id = c.id and cc.code = c.code
     where c.id is null or cc.code is null
  `.execute(database.db);
  expect(rows[0]!.n).toBe(0);
};

describe('coupon codes', () => {
  it('a code already taken is drawn again, and the lookup refuses it outright', async () => {
    const taken = newCouponCode();
    const [first] = await issue([draft()], draws(taken));
    expect(first!.code).toBe(taken);
    const [second, third] = await issue([draft(), draft()], draws(taken, taken));
    expect(second!.code).not.toBe(taken);
    expect(third!.code).not.toBe(taken);
    expect(await ownerOf(taken)).toEqual([first!.id]);
    await expect(
      database.db.insertInto('coupon_code').values({ code: taken, coupon_id: 'cou_x' }).execute(),
    ).rejects.toThrow(/duplicate key|unique/i);
    await expect(issue([draft()], () => taken)).rejects.toThrow('could not draw unique');
    await codesAgree();
  });

  it('two transactions drawing one code at once: one keeps it, the other draws again', async () => {
    const contested = newCouponCode();
    const [a, b] = await Promise.all([
      issue([draft()], draws(contested), 200),
      issue([draft()], draws(contested), 200),
    ]);
    const winners = [a![0]!, b![0]!].filter((c) => c.code === contested);
    expect(winners).toHaveLength(1);
    expect(await ownerOf(contested)).toEqual([winners[0]!.id]);
    expect(a![0]!.code).not.toBe(b![0]!.code);
    await codesAgree();
  });

  it('the migration fills coupon_code from coupon, and its down restores the unique code', async () => {
    const [kept] = await issue([draft()], newCouponCode);
    await couponsByCoupon.down(database.db as Kysely<unknown>);
    await expect(
      database.db
        .insertInto('coupon')
        .values({ ...columnsOf(draft()), code: kept!.code })
        .execute(),
    ).rejects.toThrow(/duplicate key|unique/i);
    await couponsByCoupon.up(database.db as Kysely<unknown>);
    expect(await ownerOf(kept!.code)).toEqual([kept!.id]);
    await codesAgree();
  });
});

const columnsOf = (d: CouponDraft) => ({
  id: d.id,
  customer_id: d.customerId,
  reward_id: d.rewardId,
  batch_id: d.batchId,
  kind: d.benefit.kind,
  benefit: JSON.stringify(d.benefit),
  currency: d.currency,
  min_basket_minor: d.minBasketMinor,
  valid_from: d.validFrom,
  valid_until: d.validUntil,
  uses_allowed: d.usesAllowed,
  status: d.status,
  voided_at: d.voidedAt,
  void_reason: d.voidReason,
  created_at: d.createdAt,
});
