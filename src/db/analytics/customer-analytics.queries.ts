import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import {
  LIFECYCLE_RULES,
  type LifecycleMeasure,
  type LifecycleStage,
  type LifecycleThresholds,
  type StageCountsQuery,
} from '../../core/analytics/lifecycle.js';
import { RFM_SEGMENT_RULES, type RfmSegment } from '../../core/analytics/rfm-segments.js';
import type {
  AnalyticsListItem,
  AnalyticsListQuery,
  AnalyticsPage,
  AnalyticsScope,
  CustomerAnalytics,
  CustomerAnalyticsStore,
  RefreshInput,
  RefreshResult,
  RfmSummaryFacts,
} from '../../core/analytics/rfm.js';
import type { CustomerAnalyticsTable, DB } from '../schema.js';
import { purchasesOf } from './purchases.sql.js';

/**
 * RFM and lifecycle in SQL: one statement computes and upserts every customer's row, reads
 * aggregate the stored rows. The segment and stage CASE expressions are generated from the core's
 * rule tables, so SQL and TypeScript cannot disagree. The CLV columns of customer_analytics belong
 * to the CLV job and are never written here.
 */

/** CASE over the (R, FM) rules of rfm-segments.ts; null when the scores are null (prospects). */
export const segmentSql = (
  r: RawBuilder<unknown>,
  f: RawBuilder<unknown>,
  m: RawBuilder<unknown>,
) => {
  const fm = sql`((${f} + ${m} + 1) / 2)`;
  const whens = RFM_SEGMENT_RULES.map(
    (rule) =>
      sql`when ${r} between ${sql.lit(rule.r[0])} and ${sql.lit(rule.r[1])}
        and ${fm} between ${sql.lit(rule.fm[0])} and ${sql.lit(rule.fm[1])}
        then ${sql.lit(rule.segment)}`,
  );
  return sql<RfmSegment | null>`(case ${sql.join(whens, sql` `)} end)`;
};

export type LifecycleMeasuresSql = Record<LifecycleMeasure, RawBuilder<unknown>> & {
  hasPurchase: RawBuilder<unknown>;
};

/** CASE over LIFECYCLE_RULES of lifecycle.ts, thresholds as parameters. */
export const lifecycleSql = (thresholds: LifecycleThresholds, measures: LifecycleMeasuresSql) => {
  const whens = LIFECYCLE_RULES.map(
    (rule) =>
      sql`when ${measures[rule.measure]} <= ${thresholds[rule.threshold]}::int
        then ${sql.lit(rule.stage)}`,
  );
  return sql<LifecycleStage>`(case when not ${measures.hasPurchase} then 'prospect'
    ${sql.join(whens, sql` `)} else 'lost' end)`;
};

const asOfDay = (asOf: Date, timeZone: string) =>
  sql`((${asOf}::timestamptz at time zone ${timeZone})::date)`;

/**
 * Scores: 1 + floor(5 × customers strictly worse / customers with a purchase), exact in integer
 * arithmetic (rank() − 1 counts the customers strictly worse). See quintileScore in core.
 */
const score = (orderBy: RawBuilder<unknown>) =>
  sql`1 + (5 * (rank() over (order by ${orderBy}) - 1)) / count(*) over ()`;

/**
 * Every customer's RFM and lifecycle as of `asOf`, in one statement: purchases per customer,
 * scores by window functions, segment and stage by CASE, upserted for all customers (prospects
 * included). Only this module's columns are set, so the CLV columns keep their values.
 */
export const refreshCustomerAnalytics = async (
  db: Kysely<DB>,
  input: { asOf: Date; scope: AnalyticsScope; thresholds: LifecycleThresholds; computedAt?: Date },
): Promise<RefreshResult> => {
  const started = performance.now();
  const { asOf, scope, thresholds } = input;
  const stage = lifecycleSql(thresholds, {
    hasPurchase: sql`(s.customer_id is not null)`,
    firstPurchaseAgeDays: sql`s.age_days`,
    recencyDays: sql`s.recency_days`,
  });
  const segment = segmentSql(sql`s.r_score`, sql`s.f_score`, sql`s.m_score`);
  const { rows } = await sql<{ customers: number; with_purchases: number }>`
    with bought as (
      select p.customer_id,
             min(p.placed_at) as first_at, max(p.placed_at) as last_at,
             min(p.day) as first_day, max(p.day) as last_day,
             count(distinct p.day) as frequency, sum(p.net_minor) as monetary
        from ${purchasesOf(scope)} p
       where p.placed_at <= ${asOf}
       group by p.customer_id
    ),
    scored as (
      select b.*,
             ${asOfDay(asOf, scope.timeZone)} - b.last_day as recency_days,
             ${asOfDay(asOf, scope.timeZone)} - b.first_day as age_days,
             ${score(sql`b.last_day`)} as r_score,
             ${score(sql`b.frequency`)} as f_score,
             ${score(sql`b.monetary`)} as m_score
        from bought b
    ),
    upserted as (
      insert into customer_analytics (customer_id, as_of, first_purchase_at, last_purchase_at,
             recency_days, frequency, monetary_minor, r_score, f_score, m_score, rfm_segment,
             lifecycle_stage, rfm_computed_at)
      select c.id, ${asOf}::timestamptz, s.first_at, s.last_at, s.recency_days,
             coalesce(s.frequency, 0), coalesce(s.monetary, 0), s.r_score, s.f_score, s.m_score,
             ${segment}, ${stage}, ${input.computedAt ?? new Date()}::timestamptz
        from customer c
        left join scored s on s.customer_id = c.id
      on conflict (customer_id) do update set
             as_of = excluded.as_of,
             first_purchase_at = excluded.first_purchase_at,
             last_purchase_at = excluded.last_purchase_at,
             recency_days = excluded.recency_days,
             frequency = excluded.frequency,
             monetary_minor = excluded.monetary_minor,
             r_score = excluded.r_score,
             f_score = excluded.f_score,
             m_score = excluded.m_score,
             rfm_segment = excluded.rfm_segment,
             lifecycle_stage = excluded.lifecycle_stage,
             rfm_computed_at = excluded.rfm_computed_at
      returning frequency
    )
    select count(*)::int as customers, (count(*) filter (where frequency > 0))::int as with_purchases
      from upserted
  `.execute(db);
  const row = rows[0] ?? { customers: 0, with_purchases: 0 };
  return {
    customers: row.customers,
    withPurchases: row.with_purchases,
    durationMs: Math.round(performance.now() - started),
  };
};

type AnalyticsRow = Pick<
  Selectable<CustomerAnalyticsTable>,
  | 'customer_id'
  | 'as_of'
  | 'rfm_computed_at'
  | 'first_purchase_at'
  | 'last_purchase_at'
  | 'recency_days'
  | 'frequency'
  | 'monetary_minor'
  | 'r_score'
  | 'f_score'
  | 'm_score'
  | 'rfm_segment'
  | 'lifecycle_stage'
  | 'clv_model_run_id'
  | 'p_alive'
  | 'expected_purchases'
  | 'expected_spend_minor'
  | 'clv_minor'
  | 'clv_computed_at'
>;

const ANALYTICS_COLUMNS = [
  'a.customer_id',
  'a.as_of',
  'a.rfm_computed_at',
  'a.first_purchase_at',
  'a.last_purchase_at',
  'a.recency_days',
  'a.frequency',
  'a.monetary_minor',
  'a.r_score',
  'a.f_score',
  'a.m_score',
  'a.rfm_segment',
  'a.lifecycle_stage',
  'a.clv_model_run_id',
  'a.p_alive',
  'a.expected_purchases',
  'a.expected_spend_minor',
  'a.clv_minor',
  'a.clv_computed_at',
] as const;

const toAnalytics = (r: AnalyticsRow): CustomerAnalytics => ({
  customerId: r.customer_id,
  asOf: r.as_of,
  computedAt: r.rfm_computed_at,
  firstPurchaseAt: r.first_purchase_at,
  lastPurchaseAt: r.last_purchase_at,
  recencyDays: r.recency_days,
  frequency: r.frequency,
  monetaryMinor: Number(r.monetary_minor),
  scores:
    r.r_score !== null && r.f_score !== null && r.m_score !== null
      ? { r: r.r_score, f: r.f_score, m: r.m_score }
      : null,
  segment: r.rfm_segment as RfmSegment | null,
  lifecycleStage: r.lifecycle_stage as LifecycleStage,
  clv:
    r.clv_model_run_id !== null && r.p_alive !== null && r.expected_purchases !== null
      ? {
          modelRunId: r.clv_model_run_id,
          pAlive: r.p_alive,
          expectedPurchases: r.expected_purchases,
          expectedSpendMinor: r.expected_spend_minor,
          clvMinor: r.clv_minor === null ? null : Number(r.clv_minor),
          computedAt: r.clv_computed_at,
        }
      : null,
});

/** The lifecycle stage of a stored row, re-evaluated with other thresholds. */
const storedStageSql = (thresholds: LifecycleThresholds, timeZone: string) =>
  lifecycleSql(thresholds, {
    hasPurchase: sql`(a.frequency > 0)`,
    recencyDays: sql`a.recency_days`,
    firstPurchaseAgeDays: sql`((a.as_of at time zone ${timeZone})::date
      - (a.first_purchase_at at time zone ${timeZone})::date)`,
  });

interface SummaryRow {
  by_segment: number;
  by_grid: number;
  by_stage: number;
  rfm_segment: string | null;
  r_score: number | null;
  f_score: number | null;
  lifecycle_stage: string | null;
  customers: number;
  with_purchases: number;
  avg_recency: number | null;
  avg_frequency: number | null;
  avg_monetary: number | null;
  as_of: Date | null;
  computed_at: Date | null;
}

/** Segments, the R × F grid, the stages and the totals in one scan (grouping sets). */
const summaryFacts = async (db: Kysely<DB>): Promise<RfmSummaryFacts> => {
  const { rows } = await sql<SummaryRow>`
    select grouping(rfm_segment)::int as by_segment, grouping(r_score, f_score)::int as by_grid,
           grouping(lifecycle_stage)::int as by_stage,
           rfm_segment, r_score, f_score, lifecycle_stage,
           count(*)::int as customers,
           (count(*) filter (where frequency > 0))::int as with_purchases,
           avg(recency_days)::float8 as avg_recency, avg(frequency)::float8 as avg_frequency,
           avg(monetary_minor)::float8 as avg_monetary,
           max(as_of) as as_of, max(rfm_computed_at) as computed_at
      from customer_analytics
     group by grouping sets ((rfm_segment), (r_score, f_score), (lifecycle_stage), ())
  `.execute(db);
  // grouping() is 0 for the columns a row is grouped by.
  const total = rows.find((r) => r.by_segment && r.by_grid && r.by_stage);
  const missing = await db
    .selectFrom('customer as c')
    .leftJoin('customer_analytics as a', 'a.customer_id', 'c.id')
    .where('a.customer_id', 'is', null)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return {
    asOf: total?.as_of ?? null,
    computedAt: total?.computed_at ?? null,
    customers: total?.customers ?? 0,
    withPurchases: total?.with_purchases ?? 0,
    notRefreshed: Number(missing.n),
    segments: rows
      .filter((r) => r.by_segment === 0 && r.rfm_segment !== null)
      .map((r) => ({
        segment: r.rfm_segment as RfmSegment,
        customers: r.customers,
        avgRecencyDays: r.avg_recency,
        avgFrequency: r.avg_frequency,
        avgMonetaryMinor: r.avg_monetary,
      })),
    grid: rows
      .filter((r) => r.by_grid === 0 && r.r_score !== null && r.f_score !== null)
      .map((r) => ({ r: r.r_score!, f: r.f_score!, customers: r.customers })),
    stages: Object.fromEntries(
      rows
        .filter((r) => r.by_stage === 0 && r.lifecycle_stage !== null)
        .map((r) => [r.lifecycle_stage, r.customers]),
    ),
  };
};

const stageCounts = async (db: Kysely<DB>, query: StageCountsQuery) => {
  const stage = query.thresholds
    ? storedStageSql(query.thresholds, query.timeZone)
    : sql<string>`a.lifecycle_stage`;
  const { rows } = await sql<{ stage: string; customers: number; as_of: Date | null }>`
    select ${stage} as stage, count(*)::int as customers, max(a.as_of) as as_of
      from customer_analytics a
     group by 1
  `.execute(db);
  const asOfs = rows.map((r) => r.as_of).filter((d): d is Date => d !== null);
  return {
    asOf: asOfs.length > 0 ? new Date(Math.max(...asOfs.map((d) => d.getTime()))) : null,
    counts: Object.fromEntries(rows.map((r) => [r.stage, r.customers])),
  };
};

/** A page of one segment or stage, biggest spenders first, keyset-paged on (monetary, id). */
const listPage = async (db: Kysely<DB>, query: AnalyticsListQuery): Promise<AnalyticsPage> => {
  const { filter, cursor, limit } = query;
  // With thresholds, the listed stage is the re-evaluated one, and so is the stage shown.
  const thresholds = 'stage' in filter ? filter.thresholds : null;
  const stage = thresholds
    ? storedStageSql(thresholds, query.timeZone)
    : sql<LifecycleStage>`a.lifecycle_stage`;
  let select = db
    .selectFrom('customer_analytics as a')
    .innerJoin('customer as c', 'c.id', 'a.customer_id')
    .select(ANALYTICS_COLUMNS.filter((c) => c !== 'a.lifecycle_stage'))
    .select([stage.as('lifecycle_stage'), 'c.email', 'c.first_name', 'c.last_name']);
  select =
    'segment' in filter
      ? select.where('a.rfm_segment', '=', filter.segment)
      : select.where(sql<boolean>`${stage} = ${filter.stage}`);
  if (cursor) {
    select = select.where(
      sql<boolean>`(a.monetary_minor, a.customer_id) < (${cursor.monetaryMinor}, ${cursor.customerId})`,
    );
  }
  const rows = await select
    .orderBy('a.monetary_minor', 'desc')
    .orderBy('a.customer_id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    customers: page.map((r): AnalyticsListItem => ({
      ...toAnalytics(r),
      email: r.email,
      firstName: r.first_name,
      lastName: r.last_name,
    })),
    nextCursor:
      rows.length > limit && last
        ? { monetaryMinor: Number(last.monetary_minor), customerId: last.customer_id }
        : null,
  };
};

export const customerAnalyticsStore = (db: Kysely<DB>): CustomerAnalyticsStore => ({
  refresh: (input: RefreshInput) => refreshCustomerAnalytics(db, input),
  summary: () => summaryFacts(db),
  stageCounts: (query) => stageCounts(db, query),
  list: (query) => listPage(db, query),
  forCustomer: async (customerId) => {
    const row = await db
      .selectFrom('customer_analytics as a')
      .select(ANALYTICS_COLUMNS)
      .where('a.customer_id', '=', customerId)
      .executeTakeFirst();
    return row ? toAnalytics(row) : null;
  },
});
