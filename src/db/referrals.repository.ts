import { sql, type Kysely, type Selectable } from 'kysely';
import type {
  Referral,
  ReferralCode,
  ReferralRepository,
  ReferralSettings,
} from '../core/referrals/referrals.js';
import { inTransaction } from './repositories.js';
import type { DB, ReferralTable } from './schema.js';

const SETTINGS_ID = 1;

const toReferral = (row: Selectable<ReferralTable>): Referral => ({
  id: row.id,
  code: row.code,
  referrerId: row.referrer_id,
  referredId: row.referred_id,
  status: row.status,
  reason: row.reason,
  source: row.source,
  orderId: row.order_id,
  minOrderMinor: row.min_order_minor === null ? null : Number(row.min_order_minor),
  referrerPoints: row.referrer_points,
  friendPoints: row.friend_points,
  referrerPointsUnrecovered: row.referrer_points_unrecovered,
  friendPointsUnrecovered: row.friend_points_unrecovered,
  returnId: row.return_id,
  createdAt: row.created_at,
  convertedAt: row.converted_at,
  reversedAt: row.reversed_at,
});

const referralRow = (r: Referral) => ({
  id: r.id,
  code: r.code,
  referrer_id: r.referrerId,
  referred_id: r.referredId,
  status: r.status,
  reason: r.reason,
  source: r.source,
  order_id: r.orderId,
  min_order_minor: r.minOrderMinor,
  referrer_points: r.referrerPoints,
  friend_points: r.friendPoints,
  referrer_points_unrecovered: r.referrerPointsUnrecovered,
  friend_points_unrecovered: r.friendPointsUnrecovered,
  return_id: r.returnId,
  created_at: r.createdAt,
  converted_at: r.convertedAt,
  reversed_at: r.reversedAt,
});

const settingsRepository = (
  db: Kysely<DB>,
): Pick<ReferralRepository, 'settings' | 'saveSettings'> => ({
  settings: async () => {
    const row = await db
      .selectFrom('referral_settings')
      .selectAll()
      .where('id', '=', SETTINGS_ID)
      .executeTakeFirst();
    if (!row) return null;
    return {
      enabled: row.enabled,
      referrerPoints: row.referrer_points,
      friendPoints: row.friend_points,
      minOrderMinor: Number(row.min_order_minor),
      maxConversionsPerReferrer: row.max_conversions_per_referrer,
      linkBaseUrl: row.link_base_url,
      updatedAt: row.updated_at,
    } satisfies ReferralSettings;
  },
  saveSettings: async (s) => {
    const values = {
      enabled: s.enabled,
      referrer_points: s.referrerPoints,
      friend_points: s.friendPoints,
      min_order_minor: s.minOrderMinor,
      max_conversions_per_referrer: s.maxConversionsPerReferrer,
      link_base_url: s.linkBaseUrl,
      updated_at: s.updatedAt,
    };
    await db
      .insertInto('referral_settings')
      .values({ id: SETTINGS_ID, ...values })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .execute();
  },
});

const codeRepository = (
  db: Kysely<DB>,
): Pick<ReferralRepository, 'codeOf' | 'insertCodeIfAbsent' | 'findCode'> => {
  const toCode = (row: { customer_id: string; code: string; created_at: Date }): ReferralCode => ({
    customerId: row.customer_id,
    code: row.code,
    createdAt: row.created_at,
  });
  const codeOfIn = async (db: Kysely<DB>, customerId: string) => {
    const row = await db
      .selectFrom('referral_code')
      .selectAll()
      .where('customer_id', '=', customerId)
      .executeTakeFirst();
    return row ? toCode(row) : null;
  };
  return {
    codeOf: (customerId) => codeOfIn(db, customerId),
    insertCodeIfAbsent: (code) =>
      // The code is claimed in its lookup table first (unique across all members), then given to
      // the member (one code each). A code another member holds and a member who already has one
      // both leave the tables as they were; which one it was shows in what the member now has.
      inTransaction(db, async (trx) => {
        const claimed = await trx
          .insertInto('referral_code_owner')
          .values({ code: code.code, customer_id: code.customerId })
          .onConflict((oc) => oc.column('code').doNothing())
          .returning('code')
          .executeTakeFirst();
        if (!claimed) return codeOfIn(trx, code.customerId);
        const given = await trx
          .insertInto('referral_code')
          .values({ customer_id: code.customerId, code: code.code, created_at: code.createdAt })
          .onConflict((oc) => oc.column('customer_id').doNothing())
          .returning('code')
          .executeTakeFirst();
        if (!given)
          await trx.deleteFrom('referral_code_owner').where('code', '=', code.code).execute();
        return codeOfIn(trx, code.customerId);
      }),
    findCode: async (code) => {
      const owner = await db
        .selectFrom('referral_code_owner')
        .select('customer_id')
        .where('code', '=', code)
        .executeTakeFirst();
      if (!owner) return null;
      const row = await db
        .selectFrom('referral_code')
        .selectAll()
        .where('customer_id', '=', owner.customer_id)
        .where('code', '=', code)
        .executeTakeFirst();
      return row ? toCode(row) : null;
    },
  };
};

export const referralRepository = (db: Kysely<DB>): ReferralRepository => ({
  ...settingsRepository(db),
  ...codeRepository(db),
  insert: async (referral) => {
    const inserted = await db
      .insertInto('referral')
      .values(referralRow(referral))
      .onConflict((oc) => oc.column('referred_id').where('status', '<>', 'refused').doNothing())
      .returning('id')
      .executeTakeFirst();
    return inserted !== undefined;
  },
  liveForReferred: async (customerId) => {
    const row = await db
      .selectFrom('referral')
      .selectAll()
      .where('referred_id', '=', customerId)
      .where('status', '<>', 'refused')
      .executeTakeFirst();
    return row ? toReferral(row) : null;
  },
  referrerOf: async (customerId) => {
    const row = await db
      .selectFrom('referral')
      .select('referrer_id')
      .where('referred_id', '=', customerId)
      .where('status', '<>', 'refused')
      .executeTakeFirst();
    return row?.referrer_id ?? null;
  },
  findByOrder: async (referredId, orderId) => {
    const row = await db
      .selectFrom('referral')
      .selectAll()
      .where('referred_id', '=', referredId)
      .where('order_id', '=', orderId)
      .executeTakeFirst();
    return row ? toReferral(row) : null;
  },
  markConverted: async ({ id, referredId }, u) => {
    const updated = await db
      .updateTable('referral')
      .set({
        status: 'converted',
        order_id: u.orderId,
        min_order_minor: u.minOrderMinor,
        referrer_points: u.referrerPoints,
        friend_points: u.friendPoints,
        reason: u.reason,
        converted_at: u.at,
      })
      .where('referred_id', '=', referredId)
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .returning('id')
      .executeTakeFirst();
    return updated !== undefined;
  },
  markReversed: async ({ id, referredId }, u) => {
    const updated = await db
      .updateTable('referral')
      .set({ status: 'reversed', return_id: u.returnId, reversed_at: u.at })
      .where('referred_id', '=', referredId)
      .where('id', '=', id)
      .where('status', '=', 'converted')
      .returning('id')
      .executeTakeFirst();
    return updated !== undefined;
  },
  recordUnrecovered: async ({ id, referredId }, referrer, friend) => {
    await db
      .updateTable('referral')
      .set({ referrer_points_unrecovered: referrer, friend_points_unrecovered: friend })
      .where('referred_id', '=', referredId)
      .where('id', '=', id)
      .execute();
  },
  countPaidConversions: async (referrerId, from, to) => {
    const row = await db
      .selectFrom('referral')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('referrer_id', '=', referrerId)
      .where('status', '=', 'converted')
      .where('referrer_points', '>', 0)
      .where('converted_at', '>=', from)
      .where('converted_at', '<', to)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
  stats: async (referrerId) => {
    const row = await db
      .selectFrom('referral')
      .select([
        sql<number>`count(*) filter (where status <> 'refused')`.as('invited'),
        sql<number>`count(*) filter (where status = 'converted')`.as('converted'),
        sql<number>`count(*) filter (where status = 'reversed')`.as('reversed'),
        sql<number>`coalesce(sum(referrer_points) filter (where status = 'converted'), 0)`.as(
          'points',
        ),
      ])
      .where('referrer_id', '=', referrerId)
      .executeTakeFirstOrThrow();
    return {
      invited: Number(row.invited),
      converted: Number(row.converted),
      reversed: Number(row.reversed),
      pointsEarned: Number(row.points),
    };
  },
  list: async (query) => {
    let q = db
      .selectFrom('referral')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(query.limit + 1);
    if (query.status) q = q.where('status', '=', query.status);
    if (query.referrerId) q = q.where('referrer_id', '=', query.referrerId);
    if (query.referredId) q = q.where('referred_id', '=', query.referredId);
    if (query.cursor) q = q.where('id', '<', query.cursor);
    const rows = await q.execute();
    const page = rows.slice(0, query.limit).map(toReferral);
    return {
      referrals: page,
      nextCursor: rows.length > query.limit ? (page[page.length - 1]?.id ?? null) : null,
    };
  },
});

/** Any set of dependencies bound to a connection, with the referral repository on the same one. */
export const withReferrals = <T extends { db: Kysely<DB> }>(
  deps: T,
): T & { referrals: ReferralRepository } => ({ ...deps, referrals: referralRepository(deps.db) });

/** The events of customers who have a pending referral: the only ones an order can convert. */
export const withPendingReferral = async <E extends { customerId: string | null }>(
  db: Kysely<DB>,
  events: E[],
): Promise<E[]> => {
  const ids = [...new Set(events.flatMap((e) => e.customerId ?? []))];
  if (ids.length === 0) return [];
  const pending = await db
    .selectFrom('referral')
    .select('referred_id')
    .where('referred_id', 'in', ids)
    .where('status', '=', 'pending')
    .execute();
  const referred = new Set(pending.map((r) => r.referred_id));
  return events.filter((e) => e.customerId !== null && referred.has(e.customerId));
};
