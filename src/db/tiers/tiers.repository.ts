import { sql, type Kysely, type Selectable } from 'kysely';
import { instantOfWallClock } from '../zoned-time.sql.js';
import {
  TierBenefitsSchema,
  TierTranslationsSchema,
  type MemberTier,
  type TierChange,
  type TierChangeReason,
  type TierConfig,
  type TierDefinition,
  type TierMetric,
  type TierPolicy,
  type TierRepository,
} from '../../core/tiers/tiers.js';
import { lockByCustomer } from '../lock-by-customer.js';
import type { DB, MemberTierTable, TierChangeTable, TierPolicyTable } from '../schema.js';
import { placementStandings, standingsOf } from './tier-metrics.queries.js';

// Ranks are unique: a new order is written in two steps, first out of the way, then in place.
const RANK_PARKING = 1_000_000;

const toPolicy = (row: Selectable<TierPolicyTable>): TierPolicy => ({
  metric: row.metric,
  window:
    row.window_kind === 'rolling'
      ? { kind: 'rolling', days: row.window_days ?? 365 }
      : { kind: 'calendarYear' },
  graceDays: row.grace_days,
});

interface DefinitionJson {
  code: string;
  name: string;
  rank: number;
  threshold: number | string;
  earn_multiplier_percent: number;
  benefits: unknown;
  translations: unknown;
}

const toDefinition = (row: DefinitionJson): TierDefinition => {
  // Stored JSON is checked on the way out: anything unexpected reads as no benefits.
  const benefits = TierBenefitsSchema.safeParse(row.benefits);
  const translations = TierTranslationsSchema.safeParse(row.translations);
  return {
    code: row.code,
    name: row.name,
    rank: row.rank,
    threshold: Number(row.threshold),
    earnMultiplierPercent: row.earn_multiplier_percent,
    benefits: benefits.success ? benefits.data : [],
    translations: translations.success ? translations.data : {},
  };
};

const toMember = (row: Selectable<MemberTierTable>): MemberTier => ({
  customerId: row.customer_id,
  tierCode: row.tier_code,
  since: row.since,
  reviewAt: row.review_at,
});

const changeRow = (change: TierChange) => ({
  customer_id: change.customerId,
  from_tier: change.from,
  to_tier: change.to,
  reason: change.reason,
  metric: change.metric,
  metric_value: change.value,
  window_start: change.windowStart,
  window_end: change.windowEnd,
  review_at: change.reviewAt,
  changed_at: change.at,
});

const toChange = (row: Selectable<TierChangeTable>): TierChange => ({
  customerId: row.customer_id,
  from: row.from_tier,
  to: row.to_tier,
  reason: row.reason as TierChangeReason,
  metric: row.metric as TierMetric,
  value: Number(row.metric_value),
  windowStart: row.window_start,
  windowEnd: row.window_end,
  reviewAt: row.review_at,
  at: row.changed_at,
});

export const tierRepository = (db: Kysely<DB>): TierRepository => ({
  config: async () => {
    // One round trip: the policy row with every tier as JSON, lowest rank first.
    const row = await db
      .selectFrom('tier_policy as p')
      .selectAll('p')
      .select(
        sql<DefinitionJson[]>`(select coalesce(json_agg(json_build_object(
            'code', d.code, 'name', d.name, 'rank', d.rank, 'threshold', d.threshold,
            'earn_multiplier_percent', d.earn_multiplier_percent, 'benefits', d.benefits,
            'translations', d.translations
          ) order by d.rank), '[]'::json) from tier_definition d)`.as('tiers'),
      )
      .executeTakeFirst();
    if (!row) return null;
    const tiers = typeof row.tiers === 'string' ? JSON.parse(row.tiers) : row.tiers;
    return { policy: toPolicy(row), tiers: (tiers as DefinitionJson[]).map(toDefinition) };
  },

  saveConfig: async (config: TierConfig, at: Date) => {
    const { policy } = config;
    const policyRow = {
      metric: policy.metric,
      window_kind: policy.window.kind,
      window_days: policy.window.kind === 'rolling' ? policy.window.days : null,
      grace_days: policy.graceDays,
      updated_at: at,
    };
    await db
      .insertInto('tier_policy')
      .values({ id: true, ...policyRow })
      .onConflict((oc) => oc.column('id').doUpdateSet(policyRow))
      .execute();
    const codes = config.tiers.map((t) => t.code);
    await db
      .deleteFrom('tier_definition')
      .$if(codes.length > 0, (q) => q.where('code', 'not in', codes))
      .execute();
    if (codes.length === 0) return;
    await db
      .updateTable('tier_definition')
      .set((eb) => ({ rank: eb('rank', '+', RANK_PARKING) }))
      .execute();
    await db
      .insertInto('tier_definition')
      .values(
        config.tiers.map((t) => ({
          code: t.code,
          name: t.name,
          rank: t.rank,
          threshold: t.threshold,
          earn_multiplier_percent: t.earnMultiplierPercent,
          benefits: JSON.stringify(t.benefits),
          translations: JSON.stringify(t.translations),
          created_at: at,
          updated_at: at,
        })),
      )
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          rank: eb.ref('excluded.rank'),
          threshold: eb.ref('excluded.threshold'),
          earn_multiplier_percent: eb.ref('excluded.earn_multiplier_percent'),
          benefits: eb.ref('excluded.benefits'),
          translations: eb.ref('excluded.translations'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  },

  holders: async (codes) => {
    if (codes.length === 0) return {};
    const rows = await db
      .selectFrom('member_tier')
      .select((eb) => ['tier_code', eb.fn.countAll<number>().as('n')])
      .where('tier_code', 'in', codes)
      .groupBy('tier_code')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.tier_code, Number(r.n)]));
  },

  shiftReviews: async (days, timeZone) => {
    // Local wall-clock arithmetic, as addLocalDays does: to local time, add days, back to UTC.
    const wall = sql`((review_at at time zone ${timeZone}) + make_interval(days => ${days}::integer))`;
    // citus: every shard — a change of the grace period moves every member's review date.
    await db
      .updateTable('member_tier')
      .set({
        review_at: instantOfWallClock(wall, timeZone),
      })
      .where('review_at', 'is not', null)
      .execute();
  },

  metricValues: async (metric, currency, requests) =>
    (await standingsOf(db, metric, currency, requests)).map((s) => s.value),

  standing: async (metric, currency, request) => {
    const [standing] = await standingsOf(db, metric, currency, [request]);
    return standing ?? { value: 0, member: null };
  },

  measureBatch: (metric, currency, window, batch) =>
    placementStandings(db, metric, currency, window, batch),

  lockTiers: async (customerIds) => {
    if (customerIds.length === 0) return [];
    const rows = await lockByCustomer(customerIds, (customerId) =>
      db
        .selectFrom('member_tier')
        .selectAll()
        .where('customer_id', '=', customerId)
        .forUpdate()
        .execute(),
    );
    return rows.map(toMember);
  },

  memberTier: async (customerId) => {
    const row = await db
      .selectFrom('member_tier')
      .selectAll()
      .where('customer_id', '=', customerId)
      .executeTakeFirst();
    return row ? toMember(row) : null;
  },

  raiseTo: async (member, rank, at) => {
    // Selecting from tier_definition writes nothing if the tier was removed meanwhile; the
    // conflict's WHERE re-reads the committed row, so a concurrent move up is never undone.
    const { rows } = await sql<{ customer_id: string }>`
      insert into member_tier (customer_id, tier_code, since, review_at, updated_at)
      select ${member.customerId}, d.code, ${member.since}::timestamptz,
             ${member.reviewAt}::timestamptz, ${at}::timestamptz
      from tier_definition d where d.code = ${member.tierCode}
      on conflict (customer_id) do update set
        tier_code = excluded.tier_code, since = excluded.since,
        review_at = excluded.review_at, updated_at = excluded.updated_at
      where coalesce((select h.rank from tier_definition h
                      where h.code = member_tier.tier_code), 0) < ${rank}::integer
      returning customer_id
    `.execute(db);
    return rows.length > 0;
  },

  raiseAll: async (members, at) => {
    if (members.length === 0) return new Set();
    // raiseTo for many, rows in customer id order (the order lockTiers took them in); the guard
    // compares the committed row's rank with the new tier's, both read from the definitions.
    const values = sql.join(
      members.map(
        (m) =>
          sql`(${m.customerId}::text, ${m.tierCode}::text, ${m.since}::timestamptz, ${m.reviewAt}::timestamptz)`,
      ),
    );
    const { rows } = await sql<{ customer_id: string }>`
      insert into member_tier (customer_id, tier_code, since, review_at, updated_at)
      select v.customer_id, d.code, v.since, v.review_at, ${at}::timestamptz
      from (values ${values}) as v(customer_id, tier_code, since, review_at)
      join tier_definition d on d.code = v.tier_code
      order by v.customer_id
      on conflict (customer_id) do update set
        tier_code = excluded.tier_code, since = excluded.since,
        review_at = excluded.review_at, updated_at = excluded.updated_at
      where coalesce((select h.rank from tier_definition h
                      where h.code = member_tier.tier_code), 0)
            < (select n.rank from tier_definition n where n.code = excluded.tier_code)
      returning customer_id
    `.execute(db);
    return new Set(rows.map((r) => r.customer_id));
  },

  extendReview: async (customerId, tierCode, reviewAt, at) => {
    await db
      .updateTable('member_tier')
      .set({ review_at: reviewAt, updated_at: at })
      .where('customer_id', '=', customerId)
      .where('tier_code', '=', tierCode)
      .where('review_at', '<', reviewAt)
      .execute();
  },

  replace: async (member, at) => {
    await db
      .updateTable('member_tier')
      .set({
        tier_code: member.tierCode,
        since: member.since,
        review_at: member.reviewAt,
        updated_at: at,
      })
      .where('customer_id', '=', member.customerId)
      .execute();
  },

  remove: async (customerId) => {
    await db.deleteFrom('member_tier').where('customer_id', '=', customerId).execute();
  },

  dueForReview: async (now, limit) => {
    const rows = await db
      .selectFrom('member_tier')
      .selectAll()
      .where('review_at', '<=', now)
      .orderBy('review_at')
      .orderBy('customer_id')
      .limit(limit)
      .execute();
    return rows.map(toMember);
  },

  recordChange: async (change) => {
    await db.insertInto('tier_change').values(changeRow(change)).execute();
  },

  recordChanges: async (changes) => {
    if (changes.length === 0) return;
    await db.insertInto('tier_change').values(changes.map(changeRow)).execute();
  },

  history: async (customerId, limit) => {
    const rows = await db
      .selectFrom('tier_change')
      .selectAll()
      .where('customer_id', '=', customerId)
      .orderBy('seq', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toChange);
  },

  counts: async () => {
    const rows = await db
      .selectFrom('tier_definition as d')
      .leftJoin('member_tier as m', 'm.tier_code', 'd.code')
      .select((eb) => ['d.code', 'd.name', 'd.rank', eb.fn.count<number>('m.customer_id').as('n')])
      .groupBy(['d.code', 'd.name', 'd.rank'])
      .orderBy('d.rank')
      .execute();
    return rows.map((r) => ({ code: r.code, name: r.name, rank: r.rank, members: Number(r.n) }));
  },

  members: async (tierCode, limit, after) => {
    const rows = await db
      .selectFrom('member_tier')
      .selectAll()
      .$if(tierCode !== null, (q) => q.where('tier_code', '=', tierCode!))
      .$if(after !== null, (q) => q.where('customer_id', '>', after!))
      .orderBy('customer_id')
      .limit(limit)
      .execute();
    return rows.map(toMember);
  },
});
