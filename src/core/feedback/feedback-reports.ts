import { z } from 'zod';
import {
  checkedPeriods,
  GRANULARITIES,
  type Granularity,
  type Period,
} from '../analytics/periods.js';
import { addDaysToDate } from '../shared/calendar-date.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import { startOfLocalDay } from '../shared/zoned-time.js';
import { TargetHoursSchema, type ComplaintRepository, type ComplaintStats } from './feedback.js';

/**
 * Feedback over time. NPS (0–10 answers): promoters 9–10, passives 7–8, detractors 0–6;
 * NPS = % promoters − % detractors, one decimal. CSAT (1–5 answers): the share of 4 and 5, one
 * decimal, and the mean, two decimals. Periods are calendar periods of the programme's time zone;
 * the database does the counting.
 */
const isoDate = () => z.iso.date().describe('A calendar date, YYYY-MM-DD (programme time zone)');

export const ScoresQuerySchema = z.object({
  granularity: z.enum(GRANULARITIES).default('month'),
  from: isoDate(),
  to: isoDate(),
  surveyId: z.string().min(1).max(100).optional().describe('Only this survey’s answers'),
});
export type ScoresQuery = z.infer<typeof ScoresQuerySchema>;

export interface ScoreCounts {
  nps: {
    responses: number;
    promoters: number;
    passives: number;
    detractors: number;
    score: number | null;
  };
  csat: { responses: number; satisfied: number; satisfiedPct: number | null; mean: number | null };
}

export interface ScoresRequest {
  granularity: Granularity;
  periods: Period[];
  timeZone: string;
  surveyId?: string;
}

export interface ScoresSource {
  /** One row per period (in order) and the total over all of them. */
  scores(
    request: ScoresRequest,
  ): Promise<{ periods: (Period & ScoreCounts)[]; total: ScoreCounts }>;
}

export interface ScoresReport {
  granularity: Granularity;
  from: string;
  to: string;
  surveyId: string | null;
  periods: (Period & ScoreCounts)[];
  total: ScoreCounts;
}

/** Every period overlapping [from, to] (whole periods), as the retention reports. */
export const scoresReport = async (
  deps: { scores: ScoresSource; programme: { timeZone: string } },
  query: ScoresQuery,
): Promise<ScoresReport> => {
  const periods = checkedPeriods(query.granularity, query.from, query.to);
  const { periods: rows, total } = await deps.scores.scores({
    granularity: query.granularity,
    periods,
    timeZone: deps.programme.timeZone,
    ...(query.surveyId ? { surveyId: query.surveyId } : {}),
  });
  return { ...query, surveyId: query.surveyId ?? null, periods: rows, total };
};

/** The NPS of counts, as the SQL computes it (for readers and tests). */
export const npsOf = (promoters: number, detractors: number, responses: number): number | null => {
  if (responses === 0) return null;
  // Half away from zero, as SQL's round(numeric, 1).
  const tenths = ((promoters - detractors) * 1000) / responses;
  return (Math.sign(tenths) * Math.round(Math.abs(tenths))) / 10;
};

// ---------------------------------------------------------------------------------------------
// Complaint response times

export const ComplaintStatsQuerySchema = z.object({
  from: isoDate().describe('First day cases were opened'),
  to: isoDate().describe('Last day cases were opened, inclusive'),
  targetHours: TargetHoursSchema,
});
export type ComplaintStatsQuery = z.infer<typeof ComplaintStatsQuerySchema>;

const localMidnight = (date: string, timeZone: string) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return startOfLocalDay(y, m, d, timeZone);
};

/**
 * Cases opened in [from, to]: medians of the hours to the first staff reply and to resolution,
 * and the share answered within the target among the cases it can be judged on (answered, or
 * unanswered with the target passed at the clock's now).
 */
export const complaintStats = async (
  deps: { complaints: ComplaintRepository; clock: Clock; programme: { timeZone: string } },
  query: ComplaintStatsQuery,
): Promise<ComplaintStatsQuery & ComplaintStats> => {
  if (query.from > query.to)
    throw new DomainError('invalid', 'invalid_range', `from (${query.from}) is after to`, {}, [
      { path: 'from', message: 'must be on or before to' },
    ]);
  const stats = await deps.complaints.stats({
    from: localMidnight(query.from, deps.programme.timeZone),
    to: localMidnight(addDaysToDate(query.to, 1), deps.programme.timeZone),
    targetHours: query.targetHours,
    now: deps.clock.now(),
  });
  return { ...query, ...stats };
};
