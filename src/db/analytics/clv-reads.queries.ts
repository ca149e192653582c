import { sql, type Kysely } from 'kysely';
import {
  CLV_AT_RISK_DEFAULT_SHARE,
  CLV_AT_RISK_MIN_PURCHASE_DAYS,
} from '../../core/analytics/at-risk.js';
import type { ClvRun } from '../../core/analytics/clv-refresh.js';
import type { TransactionModelName } from '../../core/analytics/clv/index.js';
import type { DB } from '../schema.js';

/** What clv.queries.ts stores of a run beside its columns; rows written before a field lack it. */
export type StoredClvDetails = Partial<
  Pick<
    ClvRun,
    'transactions' | 'spend' | 'spendProblem' | 'validation' | 'validationProblem' | 'settings'
  >
>;

export interface StoredClvRun {
  id: string;
  transactionModel: TransactionModelName;
  transactionParams: Record<string, number>;
  transactionLogLikelihood: number;
  spendParams: Record<string, number> | null;
  spendLogLikelihood: number | null;
  customers: number;
  repeatBuyers: number;
  calibrationEnd: string;
  horizonWeeks: number;
  annualDiscountRate: number;
  /** The whole run as the refresh produced it: fits, validation report, problems, settings. */
  details: StoredClvDetails;
  durationMs: number;
  fittedAt: Date;
}

export interface ClvDistribution {
  customersWithClv: number;
  totalMinor: number;
  meanMinor: number | null;
  medianMinor: number | null;
  p90Minor: number | null;
  /** Equal-width buckets from 0 to the 99th percentile; the last one holds everything above. */
  buckets: { fromMinor: number; toMinor: number | null; customers: number }[];
}

export interface ValuedCustomer {
  customerId: string;
  name: string | null;
  email: string | null;
  clvMinor: number | null;
  pAlive: number | null;
  expectedPurchases: number | null;
  monetaryMinor: number;
  frequency: number;
  lastPurchaseAt: Date | null;
}

const BUCKETS = 20;

export const latestClvRun = async (db: Kysely<DB>): Promise<StoredClvRun | null> => {
  const row = await db
    .selectFrom('clv_model_run')
    .selectAll()
    .orderBy('fitted_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    // Written only from a fitted transaction model (clv.queries.ts).
    transactionModel: row.transaction_model as TransactionModelName,
    transactionParams: row.transaction_params,
    transactionLogLikelihood: row.transaction_log_likelihood,
    spendParams: row.spend_params,
    spendLogLikelihood: row.spend_log_likelihood,
    customers: row.customers,
    repeatBuyers: row.repeat_buyers,
    calibrationEnd: row.calibration_end,
    horizonWeeks: row.horizon_weeks,
    annualDiscountRate: row.annual_discount_rate,
    details: (row.validation ?? {}) as StoredClvDetails,
    durationMs: row.duration_ms,
    fittedAt: row.fitted_at,
  };
};

export const clvDistribution = async (db: Kysely<DB>): Promise<ClvDistribution> => {
  const { rows } = await sql<{
    n: number;
    total: number | null;
    mean: number | null;
    median: number | null;
    p90: number | null;
    p99: number | null;
  }>`
    select count(*)::int as n, sum(clv_minor)::bigint as total, avg(clv_minor)::float8 as mean,
           percentile_cont(0.5) within group (order by clv_minor) as median,
           percentile_cont(0.9) within group (order by clv_minor) as p90,
           percentile_cont(0.99) within group (order by clv_minor) as p99
      from customer_analytics where clv_minor is not null
  `.execute(db);
  const stats = rows[0]!;
  const top = Math.max(1, Math.ceil(stats.p99 ?? 0));
  const width = Math.max(1, Math.ceil(top / BUCKETS));
  const { rows: counts } = await sql<{ bucket: number; n: number }>`
    select least(floor(greatest(clv_minor, 0)::float8 / ${width})::int, ${BUCKETS - 1}) as bucket,
           count(*)::int as n
      from customer_analytics where clv_minor is not null
     group by 1 order by 1
  `.execute(db);
  const byBucket = new Map(counts.map((r) => [r.bucket, r.n]));
  return {
    customersWithClv: stats.n,
    totalMinor: stats.total ?? 0,
    meanMinor: stats.mean === null ? null : Math.round(stats.mean),
    medianMinor: stats.median === null ? null : Math.round(stats.median),
    p90Minor: stats.p90 === null ? null : Math.round(stats.p90),
    buckets: Array.from({ length: stats.n === 0 ? 0 : BUCKETS }, (_, i) => ({
      fromMinor: i * width,
      toMinor: i === BUCKETS - 1 ? null : (i + 1) * width,
      customers: byBucket.get(i) ?? 0,
    })),
  };
};

const valuedCustomers = (db: Kysely<DB>) =>
  db
    .selectFrom('customer_analytics as a')
    .innerJoin('customer as c', 'c.id', 'a.customer_id')
    .select([
      'a.customer_id as customerId',
      sql<string | null>`nullif(trim(concat_ws(' ', c.first_name, c.last_name)), '')`.as('name'),
      'c.email',
      'a.clv_minor as clvMinor',
      'a.p_alive as pAlive',
      'a.expected_purchases as expectedPurchases',
      'a.monetary_minor as monetaryMinor',
      'a.frequency',
      'a.last_purchase_at as lastPurchaseAt',
    ]);

export const topCustomersByClv = (db: Kysely<DB>, limit: number): Promise<ValuedCustomer[]> =>
  valuedCustomers(db)
    .where('a.clv_minor', 'is not', null)
    .orderBy('a.clv_minor', 'desc')
    .orderBy('a.customer_id')
    .limit(limit)
    .execute();

/** Customers a default CLV list may hold: repeat buyers with a P(alive) from the last fit. */
const repeatBuyersWithPAlive = (db: Kysely<DB>) =>
  db
    .selectFrom('customer_analytics as a')
    .where('a.p_alive', 'is not', null)
    .where('a.frequency', '>=', CLV_AT_RISK_MIN_PURCHASE_DAYS);

/**
 * The P(alive) at or below which a repeat buyer is in the lowest `share` of them: the nearest
 * rank (percentile_disc), so at least one customer is in when any has a P(alive).
 */
export const pAliveCutOff = async (db: Kysely<DB>, share: number): Promise<number | null> => {
  const row = await repeatBuyersWithPAlive(db)
    .select(sql<number | null>`percentile_disc(${share}) within group (order by a.p_alive)`.as('p'))
    .executeTakeFirst();
  return row?.p === null || row?.p === undefined ? null : Number(row.p);
};

export interface AtRiskList {
  /** The threshold applied: the one asked for, or the cut-off of the default share. */
  maxPAlive: number | null;
  /** True when `maxPAlive` is the cut-off of the default share (inclusive), not a fixed one. */
  byShare: boolean;
  /** All customers under the threshold; `customers` is the first page of them. */
  total: number;
  customers: ValuedCustomer[];
}

/**
 * Valuable customers the model thinks are slipping away, ordered by what they have spent, so the
 * list starts with those most worth winning back. Without a threshold: the lowest
 * CLV_AT_RISK_DEFAULT_SHARE of repeat buyers by P(alive); with one, those strictly below it.
 */
export const customersAtRisk = async (
  db: Kysely<DB>,
  options: { maxPAlive?: number | undefined; limit: number },
): Promise<AtRiskList> => {
  const byShare = options.maxPAlive === undefined;
  const maxPAlive = byShare
    ? await pAliveCutOff(db, CLV_AT_RISK_DEFAULT_SHARE)
    : (options.maxPAlive ?? null);
  if (maxPAlive === null) return { maxPAlive, byShare, total: 0, customers: [] };
  const op = byShare ? '<=' : '<';
  const [count, customers] = await Promise.all([
    repeatBuyersWithPAlive(db)
      .where('a.p_alive', op, maxPAlive)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    valuedCustomers(db)
      .where('a.p_alive', op, maxPAlive)
      .where('a.frequency', '>=', CLV_AT_RISK_MIN_PURCHASE_DAYS)
      .orderBy('a.monetary_minor', 'desc')
      .orderBy('a.customer_id')
      .limit(options.limit)
      .execute(),
  ]);
  return { maxPAlive, byShare, total: Number(count.n), customers };
};

/** How many customers each at-risk notion holds at the last refresh (CLV: the default share). */
export const atRiskCounts = async (
  db: Kysely<DB>,
): Promise<{ rfm: number; lifecycle: number; clv: number }> => {
  const [stored, clv] = await Promise.all([
    db
      .selectFrom('customer_analytics')
      .select((eb) => [
        eb.fn.countAll<number>().filterWhere('rfm_segment', '=', 'at_risk').as('rfm'),
        eb.fn.countAll<number>().filterWhere('lifecycle_stage', '=', 'at_risk').as('lifecycle'),
      ])
      .executeTakeFirstOrThrow(),
    customersAtRisk(db, { limit: 0 }),
  ]);
  return { rfm: Number(stored.rfm), lifecycle: Number(stored.lifecycle), clv: clv.total };
};
