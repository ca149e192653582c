import { sql, type Kysely } from 'kysely';
import type { CohortRequest, CohortSource } from '../../core/analytics/cohorts.js';
import type { DB } from '../schema.js';
import { filteredPurchasesOf } from './filters.sql.js';
import { dateParam, periodStartSql } from './periods.sql.js';
import { lastOrderDay } from './purchases.sql.js';

interface Row {
  cohort_start: string;
  period_start: string;
  customers: number;
  revenue_minor: number;
}

/**
 * One pass, no join: the filtered purchases before `until` are grouped by (customer, period),
 * each customer's cohort is the earliest of their periods (a window over the customer), and the
 * cells count those rows — one per customer and period, so no count(distinct) is needed. A
 * cohort's size is its cell at offset 0 (every member bought in their first period).
 */
const statement = (r: CohortRequest) => {
  const first = r.cohorts[0]!.start;
  const last = r.cohorts[r.cohorts.length - 1]!.end;
  return sql<Row>`
    select cohort_start, period_start, count(*) as customers, sum(revenue_minor) as revenue_minor
      from (select period_start, revenue_minor,
                   min(period_start) over (partition by customer_id) as cohort_start
              from (select p.customer_id, ${periodStartSql(r.granularity, sql`p.day`)} as period_start,
                           sum(p.net_minor) as revenue_minor
                      from ${filteredPurchasesOf(r.scope, r.filter, { before: r.until })} as p
                     group by 1, 2) as active) as cell
     where cohort_start >= ${dateParam(first)} and cohort_start < ${dateParam(last)}
     group by cohort_start, period_start
  `;
};

/** Cohort counts computed in the database. */
export const cohortQueries = (db: Kysely<DB>): CohortSource => ({
  cohortData: async (request) => {
    const { rows } = await statement(request).execute(db);
    const activity = rows.map((row) => ({
      cohortStart: row.cohort_start,
      periodStart: row.period_start,
      customers: Number(row.customers),
      revenueMinor: Number(row.revenue_minor),
    }));
    return {
      sizes: activity
        .filter((a) => a.periodStart === a.cohortStart)
        .map((a) => ({ cohortStart: a.cohortStart, customers: a.customers })),
      activity,
      lastOrderDay: await lastOrderDay(db, request.scope),
    };
  },
});
