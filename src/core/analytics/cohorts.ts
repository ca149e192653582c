import type { ProgrammeSettings } from '../programme/programme.js';
import type { Clock } from '../shared/clock.js';
import {
  addDaysToDate,
  addPeriods,
  checkedPeriods,
  filterFromQuery,
  localDate,
  percent,
  periodStartOf,
  periodsBetween,
  type AnalyticsFilter,
  type AnalyticsScope,
  type CohortQuery,
  type Granularity,
  type Period,
} from './periods.js';

export interface CohortRequest {
  scope: AnalyticsScope;
  granularity: Granularity;
  /** The acquisition periods reported, consecutive, oldest first. */
  cohorts: Period[];
  /** Activity is counted on local dates before this one (exclusive). */
  until: string;
  filter: AnalyticsFilter;
}

export interface CohortActivity {
  cohortStart: string;
  periodStart: string;
  /** Customers of the cohort who purchased in the period. */
  customers: number;
  revenueMinor: number;
}

export interface CohortData {
  /** Customers by acquisition period (the period of their first purchase). */
  sizes: { cohortStart: string; customers: number }[];
  /** Activity of those customers per period, from their cohort's start up to `until`. */
  activity: CohortActivity[];
  /** The local date of the newest order in the programme currency, whatever its filters; null if none. */
  lastOrderDay: string | null;
}

/** The port the database implements. */
export interface CohortSource {
  cohortData(request: CohortRequest): Promise<CohortData>;
}

export interface CohortCell extends Period {
  offset: number;
  /** Null when the period has not been observed yet (never 0). */
  customers: number | null;
  retentionPct: number | null;
  revenueMinor: number | null;
  /** Observed only in part: the data ends inside this period. */
  partial: boolean;
}

export interface CohortRow extends Period {
  customers: number;
  cells: CohortCell[];
}

export interface CurvePoint {
  offset: number;
  retentionPct: number | null;
  partial: boolean;
}

export interface AveragePoint {
  offset: number;
  /** Σ active / Σ cohort size × 100 over the cohorts fully observed at this offset. */
  retentionPct: number | null;
  cohorts: number;
  customers: number;
}

export interface CohortReport {
  granularity: Granularity;
  from: string;
  to: string;
  currency: string;
  timeZone: string;
  filter: AnalyticsFilter;
  /** Local date up to which (exclusive) purchases are observed; null when there is no data. */
  observedUntil: string | null;
  /** Offsets 0 … offsets − 1 are reported for every cohort. */
  offsets: number;
  cohorts: CohortRow[];
  /** Per cohort, offset → retention %, observed cells only. */
  curves: { start: string; points: CurvePoint[] }[];
  /** All cohorts together, weighted by their size. */
  average: AveragePoint[];
}

/** The end of observation: tomorrow in the programme's calendar, or the day after the last order. */
export const observedUntilOf = (today: string, lastOrderDay: string | null): string | null => {
  if (lastOrderDay === null) return null;
  const afterData = addDaysToDate(lastOrderDay, 1);
  const tomorrow = addDaysToDate(today, 1);
  return afterData < tomorrow ? afterData : tomorrow;
};

const columnCount = (
  granularity: Granularity,
  cohorts: Period[],
  observedUntil: string | null,
  maxOffsets: number | undefined,
): number => {
  const first = cohorts[0]!.start;
  const lastObserved =
    observedUntil === null ? first : periodStartOf(granularity, addDaysToDate(observedUntil, -1));
  const observed = Math.max(0, periodsBetween(granularity, first, lastObserved));
  return (maxOffsets === undefined ? observed : Math.min(maxOffsets, observed)) + 1;
};

const cellOf = (
  granularity: Granularity,
  cohort: { start: string; size: number },
  offset: number,
  observedUntil: string | null,
  activity: Map<string, CohortActivity>,
): CohortCell => {
  const start = addPeriods(granularity, cohort.start, offset);
  const end = addPeriods(granularity, cohort.start, offset + 1);
  if (observedUntil === null || start >= observedUntil) {
    return {
      offset,
      start,
      end,
      customers: null,
      retentionPct: null,
      revenueMinor: null,
      partial: false,
    };
  }
  const seen = activity.get(`${cohort.start}/${start}`);
  const customers = seen?.customers ?? 0;
  return {
    offset,
    start,
    end,
    customers,
    retentionPct: percent(customers, cohort.size),
    revenueMinor: seen?.revenueMinor ?? 0,
    partial: end > observedUntil,
  };
};

const averageCurve = (rows: CohortRow[], offsets: number): AveragePoint[] =>
  Array.from({ length: offsets }, (_, offset) => {
    let cohorts = 0;
    let customers = 0;
    let active = 0;
    for (const row of rows) {
      const cell = row.cells[offset];
      if (!cell || cell.customers === null || cell.partial || row.customers === 0) continue;
      cohorts += 1;
      customers += row.customers;
      active += cell.customers;
    }
    return { offset, retentionPct: percent(active, customers), cohorts, customers };
  });

/** The matrix, curves and average from what the database counted: pure. */
export const cohortMatrix = (
  granularity: Granularity,
  cohorts: Period[],
  data: CohortData,
  observedUntil: string | null,
  maxOffsets?: number,
): Pick<CohortReport, 'offsets' | 'cohorts' | 'curves' | 'average'> => {
  const offsets = columnCount(granularity, cohorts, observedUntil, maxOffsets);
  const sizes = new Map(data.sizes.map((s) => [s.cohortStart, s.customers]));
  const activity = new Map(data.activity.map((a) => [`${a.cohortStart}/${a.periodStart}`, a]));
  const rows: CohortRow[] = cohorts.map((c) => {
    const cohort = { start: c.start, size: sizes.get(c.start) ?? 0 };
    return {
      ...c,
      customers: cohort.size,
      cells: Array.from({ length: offsets }, (_, k) =>
        cellOf(granularity, cohort, k, observedUntil, activity),
      ),
    };
  });
  const curves = rows.map((r) => ({
    start: r.start,
    points: r.cells
      .filter((cell) => cell.retentionPct !== null)
      .map((cell) => ({
        offset: cell.offset,
        retentionPct: cell.retentionPct,
        partial: cell.partial,
      })),
  }));
  return { offsets, cohorts: rows, curves, average: averageCurve(rows, offsets) };
};

export interface CohortDeps {
  cohorts: CohortSource;
  programme: ProgrammeSettings;
  clock: Clock;
}

/**
 * Acquisition cohorts (customers by the period of their first purchase) and, for each, the share
 * still purchasing k periods later, with the revenue. Cells not observed yet are null.
 */
export const cohortReport = async (deps: CohortDeps, query: CohortQuery): Promise<CohortReport> => {
  const cohorts = checkedPeriods(query.granularity, query.from, query.to);
  const scope = { currency: deps.programme.currency, timeZone: deps.programme.timeZone };
  const filter = filterFromQuery(query);
  const today = localDate(deps.clock.now(), scope.timeZone);
  const data = await deps.cohorts.cohortData({
    scope,
    granularity: query.granularity,
    cohorts,
    until: addDaysToDate(today, 1),
    filter,
  });
  const observedUntil = observedUntilOf(today, data.lastOrderDay);
  return {
    granularity: query.granularity,
    from: query.from,
    to: query.to,
    ...scope,
    filter,
    observedUntil,
    ...cohortMatrix(query.granularity, cohorts, data, observedUntil, query.maxOffsets),
  };
};
