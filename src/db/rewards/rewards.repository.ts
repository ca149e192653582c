import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import {
  flatBenefit,
  RewardTranslationsSchema,
  type Benefit,
  type Reward,
  type RewardRedemption,
  type RewardRepository,
} from '../../core/rewards/rewards.js';
import type { DB, RewardRedemptionTable, RewardTable } from '../schema.js';

const benefitOf = (row: Selectable<RewardTable>): Benefit => {
  switch (row.kind) {
    case 'percent_discount':
      return { kind: row.kind, value: row.percent_off! };
    case 'fixed_discount':
      return { kind: row.kind, valueMinor: row.value_minor!, currency: row.currency! };
    case 'free_product':
    case 'sample':
      return { kind: row.kind, sku: row.sku! };
    case 'gift':
      return { kind: row.kind, description: row.description! };
  }
};

// Stored JSON is checked on the way out: anything unexpected reads as untranslated.
const translationsOf = (stored: unknown) => {
  const parsed = RewardTranslationsSchema.safeParse(stored);
  return parsed.success ? parsed.data : {};
};

const toReward = (row: Selectable<RewardTable>): Reward => ({
  id: row.id,
  name: row.name,
  description: row.description,
  benefit: benefitOf(row),
  pointsCost: row.points_cost,
  stock: row.stock,
  perMemberLimit: row.per_member_limit,
  validFrom: row.valid_from,
  validUntil: row.valid_until,
  tierCodes: row.tier_codes,
  couponValidityDays: row.coupon_validity_days,
  usesPerCoupon: row.uses_per_coupon,
  minBasketMinor: row.min_basket_minor,
  active: row.active,
  translations: translationsOf(row.translations),
  archivedAt: row.archived_at,
  issuedCount: row.issued_count,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const rewardRow = (r: Reward): Insertable<RewardTable> => {
  const b = flatBenefit(r.benefit);
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    kind: b.kind,
    percent_off: b.percent,
    value_minor: b.valueMinor,
    currency: b.currency,
    sku: b.sku,
    points_cost: r.pointsCost,
    stock: r.stock,
    per_member_limit: r.perMemberLimit,
    valid_from: r.validFrom,
    valid_until: r.validUntil,
    tier_codes: r.tierCodes ? JSON.stringify(r.tierCodes) : null,
    coupon_validity_days: r.couponValidityDays,
    uses_per_coupon: r.usesPerCoupon,
    min_basket_minor: r.minBasketMinor,
    active: r.active,
    translations: JSON.stringify(r.translations),
    archived_at: r.archivedAt,
    issued_count: r.issuedCount,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
  };
};

const toRedemption = (row: Selectable<RewardRedemptionTable>): RewardRedemption => ({
  id: row.id,
  rewardId: row.reward_id,
  customerId: row.customer_id,
  couponId: row.coupon_id,
  pointsSpent: row.points_spent,
  entryId: row.entry_id,
  idempotencyKey: row.idempotency_key,
  actor: row.actor,
  createdAt: row.created_at,
});

export const rewardRepository = (db: Kysely<DB>): RewardRepository => ({
  insert: async (reward) => {
    await db.insertInto('reward').values(rewardRow(reward)).execute();
  },
  update: async (reward) => {
    // The running count belongs to takeOne: an edit must not write back a stale one.
    const { id: _id, issued_count: _count, created_at: _created, ...fields } = rewardRow(reward);
    await db.updateTable('reward').set(fields).where('id', '=', reward.id).execute();
  },
  findById: async (id, options = {}) => {
    let query = db.selectFrom('reward').selectAll().where('id', '=', id);
    if (options.lock) query = query.forUpdate();
    const row = await query.executeTakeFirst();
    return row ? toReward(row) : null;
  },
  list: async ({ includeArchived, activeOnly }) => {
    let query = db.selectFrom('reward').selectAll();
    if (!includeArchived) query = query.where('archived_at', 'is', null);
    if (activeOnly) query = query.where('active', '=', true);
    const rows = await query.orderBy('created_at').orderBy('id').execute();
    return rows.map(toReward);
  },
  takeOne: async (rewardId) => {
    await db
      .updateTable('reward')
      .set({
        stock: sql<number | null>`stock - 1`,
        issued_count: sql<number>`issued_count + 1`,
      })
      .where('id', '=', rewardId)
      .execute();
  },
  redemptionCounts: async (customerId) => {
    const rows = await db
      .selectFrom('reward_redemption')
      .select(['reward_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('customer_id', '=', customerId)
      .groupBy('reward_id')
      .execute();
    return new Map(rows.map((r) => [r.reward_id, Number(r.n)]));
  },
  findRedemptionByKey: async (customerId, idempotencyKey) => {
    const row = await db
      .selectFrom('reward_redemption')
      .selectAll()
      .where('customer_id', '=', customerId)
      .where('idempotency_key', '=', idempotencyKey)
      .executeTakeFirst();
    return row ? toRedemption(row) : null;
  },
  insertRedemption: async (r) => {
    await db
      .insertInto('reward_redemption')
      .values({
        id: r.id,
        reward_id: r.rewardId,
        customer_id: r.customerId,
        coupon_id: r.couponId,
        points_spent: r.pointsSpent,
        entry_id: r.entryId,
        idempotency_key: r.idempotencyKey,
        actor: r.actor,
        created_at: r.createdAt,
      })
      .execute();
  },
  // The tiers module's member_tier, read here for tier-only rewards until it offers a read.
  tierOf: async (customerId) => {
    const row = await db
      .selectFrom('member_tier')
      .select('tier_code')
      .where('customer_id', '=', customerId)
      .executeTakeFirst();
    return row?.tier_code ?? null;
  },
});
