import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type {
  Coupon,
  CouponBatch,
  CouponIssue,
  CouponRedemption,
  CouponRepository,
} from '../../core/rewards/coupons.js';
import { BATCH_KINDS } from '../../core/rewards/coupons.js';
import { BenefitSchema } from '../../core/rewards/rewards.js';
import type { CouponBatchTable, CouponRedemptionTable, CouponTable, DB } from '../schema.js';

// Rows per INSERT: 17 parameters each stays well under PostgreSQL's 65,535 per statement.
const INSERT_CHUNK_ROWS = 2000;

const toCoupon = (row: Selectable<CouponTable>): Coupon => ({
  id: row.id,
  code: row.code,
  customerId: row.customer_id,
  rewardId: row.reward_id,
  batchId: row.batch_id,
  benefit: BenefitSchema.parse(row.benefit),
  currency: row.currency,
  minBasketMinor: row.min_basket_minor,
  validFrom: row.valid_from,
  validUntil: row.valid_until,
  usesAllowed: row.uses_allowed,
  usesCount: row.uses_count,
  status: row.status,
  voidedAt: row.voided_at,
  voidReason: row.void_reason,
  createdAt: row.created_at,
});

const couponRow = (c: Coupon): Insertable<CouponTable> => ({
  id: c.id,
  code: c.code,
  customer_id: c.customerId,
  reward_id: c.rewardId,
  batch_id: c.batchId,
  kind: c.benefit.kind,
  benefit: JSON.stringify(c.benefit),
  currency: c.currency,
  min_basket_minor: c.minBasketMinor,
  valid_from: c.validFrom,
  valid_until: c.validUntil,
  uses_allowed: c.usesAllowed,
  uses_count: c.usesCount,
  status: c.status,
  voided_at: c.voidedAt,
  void_reason: c.voidReason,
  created_at: c.createdAt,
});

const toBatch = (row: Selectable<CouponBatchTable>): CouponBatch => {
  const benefit = BenefitSchema.parse(row.benefit);
  if (!(BATCH_KINDS as readonly string[]).includes(benefit.kind)) {
    throw new Error(`coupon batch ${row.id} has a ${benefit.kind} benefit`);
  }
  return {
    id: row.id,
    name: row.name,
    benefit: benefit as CouponBatch['benefit'],
    currency: row.currency,
    minBasketMinor: row.min_basket_minor,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    usesPerCode: row.uses_per_code,
    onePerCustomer: row.one_per_customer,
    createdAt: row.created_at,
  };
};

const toRedemption = (row: Selectable<CouponRedemptionTable> & { code: string }) =>
  ({
    id: row.id,
    couponId: row.coupon_id,
    code: row.code,
    batchId: row.batch_id,
    customerId: row.customer_id,
    orderExternalId: row.order_external_id,
    discountMinor: row.discount_minor,
    currency: row.currency,
    status: row.status,
    redeemedAt: row.redeemed_at,
    releasedAt: row.released_at,
  }) satisfies CouponRedemption;

const findCoupon = async (db: Kysely<DB>, id: string, lock: boolean) => {
  let query = db.selectFrom('coupon').selectAll().where('id', '=', id);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toCoupon(row) : null;
};

export const couponRepository = (db: Kysely<DB>): CouponRepository => ({
  insertMany: async (coupons) => {
    // The code is claimed in the lookup first: the coupons whose codes it took are inserted, the
    // others are handed back for new codes. Both in the caller's transaction, so a coupon never
    // exists without its code, nor a code without its coupon.
    const inserted = new Set<string>();
    for (let i = 0; i < coupons.length; i += INSERT_CHUNK_ROWS) {
      const chunk = coupons.slice(i, i + INSERT_CHUNK_ROWS);
      const claimed = await db
        .insertInto('coupon_code')
        .values(chunk.map((c) => ({ code: c.code, coupon_id: c.id })))
        .onConflict((oc) => oc.column('code').doNothing())
        .returning('coupon_id')
        .execute();
      const won = new Set(claimed.map((row) => row.coupon_id));
      const rows = chunk.filter((c) => won.has(c.id));
      if (rows.length > 0) await db.insertInto('coupon').values(rows.map(couponRow)).execute();
      for (const id of won) inserted.add(id);
    }
    return coupons.filter((c) => !inserted.has(c.id)).map((c) => c.id);
  },
  findByCode: async (code, options = {}) => {
    // A code never changes its coupon, so the lookup needs no lock; the coupon row takes it.
    const entry = await db
      .selectFrom('coupon_code')
      .select('coupon_id')
      .where('code', '=', code)
      .executeTakeFirst();
    return entry ? findCoupon(db, entry.coupon_id, options.lock ?? false) : null;
  },
  findById: async (id) => findCoupon(db, id, false),
  listForCustomer: async (customerId) => {
    const rows = await db
      .selectFrom('coupon')
      .selectAll()
      .where('customer_id', '=', customerId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map(toCoupon);
  },
  addUse: async (couponId, delta) => {
    await db
      .updateTable('coupon')
      .set({ uses_count: sql<number>`uses_count + ${delta}` })
      .where('id', '=', couponId)
      .execute();
  },
  voidCoupon: async (couponId, at, reason) => {
    await db
      .updateTable('coupon')
      .set({ status: 'void', voided_at: at, void_reason: reason })
      .where('id', '=', couponId)
      .execute();
  },

  findRedemption: async (couponId, orderExternalId) => {
    const row = await db
      .selectFrom('coupon_redemption')
      .innerJoin('coupon', 'coupon.id', 'coupon_redemption.coupon_id')
      .selectAll('coupon_redemption')
      .select('coupon.code')
      .where('coupon_redemption.coupon_id', '=', couponId)
      .where('coupon_redemption.order_external_id', '=', orderExternalId)
      .executeTakeFirst();
    return row ? toRedemption(row) : null;
  },
  insertRedemption: async (r) => {
    await db
      .insertInto('coupon_redemption')
      .values({
        id: r.id,
        coupon_id: r.couponId,
        batch_id: r.batchId,
        customer_id: r.customerId,
        order_external_id: r.orderExternalId,
        discount_minor: r.discountMinor,
        currency: r.currency,
        status: r.status,
        redeemed_at: r.redeemedAt,
        released_at: r.releasedAt,
      })
      .execute();
  },
  releaseRedemption: async (couponId, redemptionId, at) => {
    await db
      .updateTable('coupon_redemption')
      .set({ status: 'released', released_at: at })
      .where('coupon_id', '=', couponId)
      .where('id', '=', redemptionId)
      .execute();
  },
  customerUsedBatch: async (batchId, customerId) => {
    const row = await db
      .selectFrom('coupon_redemption')
      .select('id')
      .where('batch_id', '=', batchId)
      .where('customer_id', '=', customerId)
      .where('status', '=', 'redeemed')
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  },

  insertBatch: async (b) => {
    await db
      .insertInto('coupon_batch')
      .values({
        id: b.id,
        name: b.name,
        kind: b.benefit.kind,
        benefit: JSON.stringify(b.benefit),
        currency: b.currency,
        min_basket_minor: b.minBasketMinor,
        valid_from: b.validFrom,
        valid_until: b.validUntil,
        uses_per_code: b.usesPerCode,
        one_per_customer: b.onePerCustomer,
        created_at: b.createdAt,
      })
      .execute();
  },
  findBatch: async (id, options = {}) => {
    let query = db.selectFrom('coupon_batch').selectAll().where('id', '=', id);
    if (options.lock) query = query.forUpdate();
    const row = await query.executeTakeFirst();
    return row ? toBatch(row) : null;
  },
  listBatches: async () => {
    const rows = await db
      .selectFrom('coupon_batch')
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map(toBatch);
  },
  batchCounts: async (batchId) => {
    const codes = await db
      .selectFrom('coupon')
      .select((eb) => [
        eb.fn.countAll<number>().as('issued'),
        eb.fn.countAll<number>().filterWhere('uses_count', '>', 0).as('used'),
      ])
      .where('batch_id', '=', batchId)
      .executeTakeFirstOrThrow();
    const uses = await db
      .selectFrom('coupon_redemption')
      .select((eb) => [
        eb.fn.countAll<number>().filterWhere('status', '=', 'redeemed').as('redeemed'),
        eb.fn.countAll<number>().filterWhere('status', '=', 'released').as('released'),
      ])
      .where('batch_id', '=', batchId)
      .executeTakeFirstOrThrow();
    return {
      issued: Number(codes.issued),
      codesUsed: Number(codes.used),
      redeemed: Number(uses.redeemed),
      released: Number(uses.released),
    };
  },
  batchCodes: async (batchId) => {
    const rows = await db
      .selectFrom('coupon')
      .selectAll()
      .where('batch_id', '=', batchId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toCoupon);
  },

  findIssue: async (customerId, sourceKey) => {
    const row = await db
      .selectFrom('coupon_issue')
      .selectAll()
      .where('customer_id', '=', customerId)
      .where('source_key', '=', sourceKey)
      .executeTakeFirst();
    return row
      ? {
          sourceKey: row.source_key,
          customerId: row.customer_id,
          kind: row.kind,
          ref: row.ref,
          couponId: row.coupon_id,
          skippedReason: row.skipped_reason,
          createdAt: row.created_at,
        }
      : null;
  },
  recordIssue: async (issue: CouponIssue) => {
    await db
      .insertInto('coupon_issue')
      .values({
        source_key: issue.sourceKey,
        customer_id: issue.customerId,
        kind: issue.kind,
        ref: issue.ref,
        coupon_id: issue.couponId,
        skipped_reason: issue.skippedReason,
        created_at: issue.createdAt,
      })
      .execute();
  },
});
