import { sql, type Kysely } from 'kysely';
import type { ScoreCounts, ScoresSource } from '../../core/feedback/feedback-reports.js';
import { localMidnight, periodSeries, periodStartSql } from '../analytics/periods.sql.js';
import type { DB } from '../schema.js';

interface Row {
  period_start: string | null;
  period_end: string | null;
  nps_responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  nps: number | null;
  csat_responses: number;
  satisfied: number;
  satisfied_pct: number | null;
  csat_mean: number | null;
}

const counts = (r: Row): ScoreCounts => ({
  nps: {
    responses: r.nps_responses,
    promoters: r.promoters,
    passives: r.passives,
    detractors: r.detractors,
    score: r.nps === null ? null : Number(r.nps),
  },
  csat: {
    responses: r.csat_responses,
    satisfied: r.satisfied,
    satisfiedPct: r.satisfied_pct === null ? null : Number(r.satisfied_pct),
    mean: r.csat_mean === null ? null : Number(r.csat_mean),
  },
});

/**
 * NPS and CSAT per period and in total, in one statement: the scored answers of the range are
 * put in their local period, joined to every period (so empty ones report zeros), and counted
 * with grouping sets (each period, and the whole range).
 */
export const scoresQueries = (db: Kysely<DB>): ScoresSource => ({
  scores: async ({ granularity, periods, timeZone, surveyId }) => {
    const first = periods[0]!.start;
    const last = periods[periods.length - 1]!.end;
    const day = sql`(a.submitted_at at time zone ${timeZone})::date`;
    const nps = sql`a.question_type = 'nps'`;
    const csat = sql`a.question_type = 'csat'`;
    const { rows } = await sql<Row>`
      with scored as (
        select ${periodStartSql(granularity, day)} as period_start, a.question_type, a.score
          from survey_answer a
         where a.score is not null
           and a.submitted_at >= ${localMidnight(first, timeZone)}
           and a.submitted_at < ${localMidnight(last, timeZone)}
           ${surveyId ? sql`and a.survey_id = ${surveyId}` : sql``}
      ),
      counted as (
        select p.period_start::text as period_start, p.period_end::text as period_end,
               count(*) filter (where ${nps})::int as nps_responses,
               count(*) filter (where ${nps} and a.score >= 9)::int as promoters,
               count(*) filter (where ${nps} and a.score between 7 and 8)::int as passives,
               count(*) filter (where ${nps} and a.score <= 6)::int as detractors,
               count(*) filter (where ${csat})::int as csat_responses,
               count(*) filter (where ${csat} and a.score >= 4)::int as satisfied,
               avg(a.score) filter (where ${csat}) as csat_mean
          from ${periodSeries(granularity, first, last)} as p
          left join scored a on a.period_start = p.period_start
         group by grouping sets ((p.period_start, p.period_end), ())
      )
      select period_start, period_end, nps_responses, promoters, passives, detractors,
             round((promoters - detractors) * 100.0 / nullif(nps_responses, 0), 1)::float8 as nps,
             csat_responses, satisfied,
             round(satisfied * 100.0 / nullif(csat_responses, 0), 1)::float8 as satisfied_pct,
             round(csat_mean, 2)::float8 as csat_mean
        from counted
       order by period_start nulls last
    `.execute(db);
    const total = rows.find((r) => r.period_start === null)!;
    return {
      periods: rows
        .filter((r) => r.period_start !== null)
        .map((r) => ({ start: r.period_start!, end: r.period_end!, ...counts(r) })),
      total: counts(total),
    };
  },
});
