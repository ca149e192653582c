import { sql, type Kysely } from 'kysely';
import type { ClvPrediction, ClvRun, ClvSource } from '../../core/analytics/clv-refresh.js';
import type { CustomerSummary, HoldoutCounts } from '../../core/analytics/clv/index.js';
import { inTransaction } from '../repositories.js';
import type { DB } from '../schema.js';
import type { StoredClvDetails, StoredClvRun } from './clv-reads.queries.js';
import { purchasesOf, type PurchaseScope } from './purchases.sql.js';

interface SummaryRow {
  customer_id: string;
  first_day: string;
  frequency: number;
  recency_days: number;
  age_days: number;
  repeat_value_minor: number;
  holdout_days: number;
}

const DAYS_PER_WEEK = 7;
const WRITE_CHUNK = 5_000;

/**
 * The per-customer summary of the CLV conventions (same-day purchases merged, the first day is
 * not a repeat, ages in days), aggregated in the database so only one row per customer travels.
 */
const summaryRows = (
  db: Kysely<DB>,
  scope: PurchaseScope,
  calibrationEnd: string,
  holdoutEnd: string,
) =>
  sql<SummaryRow>`
    with days as (
      select p.customer_id, p.day, sum(p.net_minor) as value_minor
        from ${purchasesOf(scope)} p
       where p.day <= ${holdoutEnd}::date
       group by p.customer_id, p.day
    ), firsts as (
      select customer_id, min(day) as first_day from days group by customer_id
    )
    select d.customer_id,
           to_char(f.first_day, 'YYYY-MM-DD') as first_day,
           (count(*) filter (where d.day <= ${calibrationEnd}::date) - 1)::int as frequency,
           (max(d.day) filter (where d.day <= ${calibrationEnd}::date) - f.first_day)::int
             as recency_days,
           (${calibrationEnd}::date - f.first_day)::int as age_days,
           coalesce(sum(d.value_minor) filter (
             where d.day <= ${calibrationEnd}::date and d.day > f.first_day), 0)::bigint
             as repeat_value_minor,
           (count(*) filter (where d.day > ${calibrationEnd}::date))::int as holdout_days
      from days d
      join firsts f on f.customer_id = d.customer_id
     where f.first_day <= ${calibrationEnd}::date
     group by d.customer_id, f.first_day
     order by d.customer_id
  `.execute(db);

const toSummary = (row: SummaryRow): CustomerSummary => ({
  customerId: row.customer_id,
  frequency: row.frequency,
  recency: row.recency_days / DAYS_PER_WEEK,
  age: row.age_days / DAYS_PER_WEEK,
  meanRepeatSpendMinor: row.frequency > 0 ? row.repeat_value_minor / row.frequency : 0,
  firstDay: row.first_day,
});

const runRow = (run: ClvRun) => ({
  id: run.id,
  transaction_model: run.transactions.model,
  transaction_params: JSON.stringify(run.transactions.params),
  transaction_log_likelihood: run.transactions.logLikelihood,
  spend_params: JSON.stringify(run.spend?.params ?? null),
  spend_log_likelihood: run.spend?.logLikelihood ?? null,
  customers: run.customers,
  repeat_buyers: run.repeatBuyers,
  calibration_end: run.calibrationEnd,
  horizon_weeks: run.settings.horizonWeeks,
  annual_discount_rate: run.settings.annualDiscountRate,
  validation: JSON.stringify({
    transactions: run.transactions,
    spend: run.spend,
    spendProblem: run.spendProblem,
    validation: run.validation,
    validationProblem: run.validationProblem,
    settings: run.settings,
  }),
  duration_ms: run.durationMs,
  fitted_at: run.fittedAt,
});

const insertRun = (db: Kysely<DB>, run: ClvRun) =>
  db.insertInto('clv_model_run').values(runRow(run)).execute();

/** The run as a read of clv_model_run would return it, so a refresh can answer like a read. */
export const storedRunOf = (run: ClvRun): StoredClvRun => {
  const row = runRow(run);
  return {
    id: row.id,
    transactionModel: run.settings.model,
    transactionParams: run.transactions.params,
    transactionLogLikelihood: row.transaction_log_likelihood,
    spendParams: run.spend?.params ?? null,
    spendLogLikelihood: row.spend_log_likelihood,
    customers: row.customers,
    repeatBuyers: row.repeat_buyers,
    calibrationEnd: row.calibration_end,
    horizonWeeks: row.horizon_weeks,
    annualDiscountRate: row.annual_discount_rate,
    details: JSON.parse(row.validation) as StoredClvDetails,
    durationMs: row.duration_ms,
    fittedAt: row.fitted_at,
  };
};

/** One statement per chunk: arrays travel as parameters and unnest into an update. */
const writePredictions = (
  db: Kysely<DB>,
  runId: string,
  at: Date,
  chunk: readonly ClvPrediction[],
) =>
  sql`
    update customer_analytics a
       set clv_model_run_id = ${runId},
           p_alive = v.p_alive,
           expected_purchases = v.expected_purchases,
           expected_spend_minor = v.expected_spend_minor,
           clv_minor = v.clv_minor,
           clv_computed_at = ${at}
      from unnest(${chunk.map((p) => p.customerId)}::text[],
                  ${chunk.map((p) => p.pAlive)}::float8[],
                  ${chunk.map((p) => p.expectedPurchases)}::float8[],
                  ${chunk.map((p) => p.expectedSpendMinor)}::float8[],
                  ${chunk.map((p) => p.clvMinor)}::int8[])
           as v(customer_id, p_alive, expected_purchases, expected_spend_minor, clv_minor)
     where a.customer_id = v.customer_id
  `.execute(db);

/** Customers who dropped out of the data (all orders returned, say) lose their old figures. */
const clearOthers = (db: Kysely<DB>, runId: string, at: Date) =>
  // citus: every shard — the nightly CLV run replaces every customer's figures.
  db
    .updateTable('customer_analytics')
    .set({
      clv_model_run_id: null,
      p_alive: null,
      expected_purchases: null,
      expected_spend_minor: null,
      clv_minor: null,
      clv_computed_at: at,
    })
    .where((eb) => eb.or([eb('clv_model_run_id', '<>', runId), eb('clv_model_run_id', 'is', null)]))
    .where('p_alive', 'is not', null)
    .execute();

/** Repeat purchase days of the customers first seen by `calibrationEnd`, per week from `start`. */
const weeklyRepeatRows = (
  db: Kysely<DB>,
  scope: PurchaseScope,
  options: { calibrationEnd: string; start: string; end: string },
) =>
  sql<{ week: number; n: number }>`
    with days as (
      select p.customer_id, p.day
        from ${purchasesOf(scope)} p
       where p.day <= ${options.end}::date
       group by p.customer_id, p.day
    ), firsts as (
      select customer_id, min(day) as first_day from days group by customer_id
    )
    select ((d.day - ${options.start}::date) / 7)::int as week, count(*)::int as n
      from days d
      join firsts f on f.customer_id = d.customer_id
     where f.first_day <= ${options.calibrationEnd}::date
       and d.day > f.first_day
       and d.day >= ${options.start}::date
     group by 1
     order by 1
  `.execute(db);

export const clvSource = (db: Kysely<DB>, scope: PurchaseScope): ClvSource => ({
  weeklyRepeatPurchases: async (options) => {
    const { rows } = await weeklyRepeatRows(db, scope, options);
    const weeks = Math.ceil(
      (Date.parse(options.end) - Date.parse(options.start) + 86_400_000) / (7 * 86_400_000),
    );
    const perWeek = new Array<number>(weeks).fill(0);
    for (const row of rows) perWeek[row.week] = row.n;
    return perWeek;
  },
  summaries: async ({ calibrationEnd, holdoutEnd }) => {
    const { rows } = await summaryRows(db, scope, calibrationEnd, holdoutEnd ?? calibrationEnd);
    const customers = rows.map(toSummary);
    const holdout: HoldoutCounts[] | null = holdoutEnd
      ? rows.map((row) => ({
          customerId: row.customer_id,
          repeatPurchases: row.holdout_days,
          weeks: (Date.parse(holdoutEnd) - Date.parse(calibrationEnd)) / (86_400_000 * 7),
        }))
      : null;
    return { customers, holdout };
  },
  saveRun: (run, predictions) =>
    inTransaction(db, async (trx) => {
      await insertRun(trx, run);
      for (let i = 0; i < predictions.length; i += WRITE_CHUNK) {
        await writePredictions(trx, run.id, run.fittedAt, predictions.slice(i, i + WRITE_CHUNK));
      }
      await clearOthers(trx, run.id, run.fittedAt);
    }),
});
