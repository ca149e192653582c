import { sql, type Kysely } from 'kysely';
import type {
  FactOptions,
  MemberFacts,
  RuleAward,
  RuleFactsRepository,
} from '../core/rules/rules.live.js';
import type { RuleDocument } from '../core/rules/rules.js';
import type { RuleRepository, StoredRule } from '../core/rules/rules.store.js';
import { openSegments } from '../core/rules/rules.experiments.js';
import { insertRows } from './batch/insert-rows.js';
import {
  experimentFactsOf,
  experimentsByKey,
  recordRuleExposures,
  runningExperiments,
} from './rules-experiments.queries.js';
import type { DB } from './schema.js';

const toRule = (r: {
  id: string;
  name: string;
  trigger: string;
  status: StoredRule['status'];
  version: number;
  document: unknown;
  created_at: Date;
  updated_at: Date;
}): StoredRule => ({
  id: r.id,
  name: r.name,
  trigger: r.trigger as StoredRule['trigger'],
  status: r.status,
  version: r.version,
  document: r.document as RuleDocument,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const versionRow = (rule: StoredRule, actor: string | null) => ({
  rule_id: rule.id,
  version: rule.version,
  status: rule.status,
  document: JSON.stringify(rule.document),
  actor,
  created_at: rule.updatedAt,
});

export const ruleRepository = (db: Kysely<DB>): RuleRepository => ({
  insert: async (rule, actor) => {
    await db
      .insertInto('rule')
      .values({
        id: rule.id,
        name: rule.name,
        trigger: rule.trigger,
        status: rule.status,
        version: rule.version,
        document: JSON.stringify(rule.document),
        created_at: rule.createdAt,
        updated_at: rule.updatedAt,
      })
      .execute();
    await db.insertInto('rule_version').values(versionRow(rule, actor)).execute();
  },
  saveVersion: async (rule, actor) => {
    await db
      .updateTable('rule')
      .set({
        name: rule.name,
        trigger: rule.trigger,
        status: rule.status,
        version: rule.version,
        document: JSON.stringify(rule.document),
        updated_at: rule.updatedAt,
      })
      .where('id', '=', rule.id)
      .execute();
    await db.insertInto('rule_version').values(versionRow(rule, actor)).execute();
  },
  findById: async (id, options = {}) => {
    let query = db.selectFrom('rule').selectAll().where('id', '=', id);
    if (options.lock) query = query.forUpdate();
    const row = await query.executeTakeFirst();
    return row ? toRule(row) : null;
  },
  list: async (filter) => {
    let query = db.selectFrom('rule').selectAll().orderBy('created_at').orderBy('id');
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.trigger) query = query.where('trigger', '=', filter.trigger);
    return (await query.execute()).map(toRule);
  },
  versions: async (id) =>
    (
      await db
        .selectFrom('rule_version')
        .selectAll()
        .where('rule_id', '=', id)
        .orderBy('version', 'desc')
        .execute()
    ).map((r) => ({
      ruleId: r.rule_id,
      version: r.version,
      status: r.status as StoredRule['status'],
      document: r.document as RuleDocument,
      actor: r.actor,
      createdAt: r.created_at,
    })),
  active: async () =>
    (
      await db
        .selectFrom('rule')
        .select(['id', 'version', 'document'])
        .where('status', '=', 'active')
        .execute()
    ).map((r) => ({ id: r.id, version: r.version, document: r.document as RuleDocument })),
  runningExperiments: () => runningExperiments(db),
  experimentsByKey: (keys) => experimentsByKey(db, keys),
  awardTotals: async (ruleIds, since) => {
    if (ruleIds.length === 0) return {};
    const rows = await db
      .selectFrom('rule_award')
      .select((eb) => [
        'rule_id',
        eb.fn.sum<number>('points').as('points'),
        eb.fn.count<number>('customer_id').distinct().as('customers'),
        eb.fn.countAll<number>().as('awards'),
      ])
      .where('rule_id', 'in', ruleIds)
      .where('awarded_at', '>=', since)
      .groupBy('rule_id')
      .execute();
    return Object.fromEntries(
      rows.map((r) => [
        r.rule_id!,
        { points: Number(r.points), customers: Number(r.customers), awards: Number(r.awards) },
      ]),
    );
  },
});

/**
 * The facts rules read about members, for many at once: attributes, tier with its multiplier,
 * analytics segments (RFM segment and lifecycle stage), the keys of the segments they belong to
 * and how many orders they placed.
 */
export const memberFactsOf = async (
  db: Kysely<DB>,
  customerIds: string[],
  options: FactOptions,
): Promise<Map<string, MemberFacts>> => {
  const facts = new Map<string, MemberFacts>();
  if (customerIds.length === 0) return facts;
  const rows = await db
    .selectFrom('customer as c')
    .leftJoin('member_tier as mt', 'mt.customer_id', 'c.id')
    .leftJoin('tier_definition as td', 'td.code', 'mt.tier_code')
    .leftJoin('customer_analytics as ca', 'ca.customer_id', 'c.id')
    .select([
      'c.id',
      'c.attributes',
      'mt.tier_code',
      'td.earn_multiplier_percent',
      'ca.rfm_segment',
      'ca.lifecycle_stage',
      sql<string[]>`array(select s.key from segment_member m join segment s on s.id = m.segment_id
        where m.customer_id = c.id and s.archived_at is null order by s.key)`.as('segment_keys'),
      options.orderCount
        ? sql<number>`(select count(*) from sales_order o where o.customer_id = c.id)`.as('orders')
        : sql<null>`null::int8`.as('orders'),
    ])
    .where('c.id', 'in', customerIds)
    .execute();
  for (const r of rows) {
    facts.set(r.id, {
      customer: {
        tier: r.tier_code,
        segments: [r.rfm_segment, r.lifecycle_stage, ...(r.segment_keys ?? [])].filter(
          (s): s is string => Boolean(s),
        ),
        attributes: r.attributes ?? {},
      },
      ordersBefore: r.orders === null ? null : Number(r.orders),
      tier: r.tier_code
        ? { code: r.tier_code, earnMultiplierPercent: r.earn_multiplier_percent ?? 100 }
        : null,
    });
  }
  return facts;
};

const unknownMember = (): MemberFacts => ({
  customer: { tier: null, segments: [], attributes: {} },
  ordersBefore: null,
  tier: null,
});

export const awardRow = (a: RuleAward) => ({
  entry_id: a.entryId,
  customer_id: a.customerId,
  rule_id: a.ruleId,
  rule_version: a.ruleVersion,
  tier_code: a.tierCode,
  points: a.points,
  order_id: a.orderId,
  activity_id: a.activityId,
  awarded_at: a.awardedAt,
});

export const awardedSinceIn = async (
  db: Kysely<DB>,
  customerId: string,
  windows: { ruleId: string; since: Date }[],
): Promise<Record<string, number>> => {
  if (windows.length === 0) return {};
  const rows = await db
    .selectFrom('rule_award')
    .select((eb) => ['rule_id', eb.fn.sum<number>('points').as('points')])
    .where('customer_id', '=', customerId)
    .where((eb) =>
      eb.or(
        windows.map((w) => eb.and([eb('rule_id', '=', w.ruleId), eb('awarded_at', '>=', w.since)])),
      ),
    )
    .groupBy('rule_id')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.rule_id!, Number(r.points)]));
};

export const ruleFactsRepository = (db: Kysely<DB>): RuleFactsRepository => ({
  memberFacts: async (customerId, options) =>
    (await memberFactsOf(db, [customerId], options)).get(customerId) ?? unknownMember(),
  awardedSince: (customerId, windows) => awardedSinceIn(db, customerId, windows),
  recordAwards: (awards) => insertRows(db, 'rule_award', awards.map(awardRow)),
  experimentFacts: (customerId, experiments) =>
    experimentFactsOf(
      db,
      customerId,
      experiments.map((e) => e.id),
      openSegments(experiments),
    ),
  recordExposures: (exposures) => recordRuleExposures(db, exposures),
});

export const customerAwards = async (
  db: Kysely<DB>,
  customerId: string,
  limit: number,
): Promise<RuleAward[]> =>
  (
    await db
      .selectFrom('rule_award')
      .selectAll()
      .where('customer_id', '=', customerId)
      .orderBy('awarded_at', 'desc')
      .orderBy('entry_id', 'desc')
      .limit(limit)
      .execute()
  ).map((r) => ({
    entryId: r.entry_id,
    customerId: r.customer_id,
    ruleId: r.rule_id,
    ruleVersion: r.rule_version,
    tierCode: r.tier_code,
    points: Number(r.points),
    orderId: r.order_id,
    activityId: r.activity_id,
    awardedAt: r.awarded_at,
  }));
