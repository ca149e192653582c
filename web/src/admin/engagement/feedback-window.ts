import { useSearchParams } from 'react-router';
import type { ReportWindow } from './queries';
import { GRANULARITIES, type Granularity } from './types';

/**
 * The Feedback page's report window, ending at the programme's today: a fixed number of whole
 * periods of the chosen granularity. Granularity, survey and target are kept in the address, so a
 * view can be shared.
 */
const toUtc = (day: string) => new Date(`${day}T00:00:00.000Z`);
const toDay = (date: Date) => date.toISOString().slice(0, 10);

const addDays = (day: string, days: number) => {
  const d = toUtc(day);
  d.setUTCDate(d.getUTCDate() + days);
  return toDay(d);
};

const monthStart = (day: string, monthsBack: number, align = 1) => {
  const d = toUtc(day);
  // `align` 3: back to the first month of the quarter, so the window starts with a whole quarter.
  const month = d.getUTCMonth() - (d.getUTCMonth() % align) - monthsBack;
  return toDay(new Date(Date.UTC(d.getUTCFullYear(), month, 1)));
};

/** The Monday of the week `weeksBack` before the week of `day` (the API's weeks start on Monday). */
const weekStart = (day: string, weeksBack: number) => {
  const sinceMonday = (toUtc(day).getUTCDay() + 6) % 7;
  return addDays(day, -sinceMonday - 7 * weeksBack);
};

/** Each window starts on the first day of its first period, so the periods and the dates agree. */
export const WINDOWS: Record<Granularity, { label: string; from: (today: string) => string }> = {
  week: { label: 'Last 12 weeks', from: (today) => weekStart(today, 11) },
  month: { label: 'Last 12 months', from: (today) => monthStart(today, 11) },
  quarter: { label: 'Last 8 quarters', from: (today) => monthStart(today, 7 * 3, 3) },
};

const DEFAULT_TARGET_HOURS = 24;

export const useFeedbackSettings = (today: string) => {
  const [params, setParams] = useSearchParams();
  const asked = params.get('granularity');
  const granularity: Granularity = GRANULARITIES.find((g) => g === asked) ?? 'month';
  const range: ReportWindow = { granularity, from: WINDOWS[granularity].from(today), to: today };
  const surveyId = params.get('survey') ?? '';
  const target = Number(params.get('target'));
  const targetHours = Number.isFinite(target) && target > 0 ? target : DEFAULT_TARGET_HOURS;
  const set = (name: string, value: string) =>
    setParams(
      (p) => {
        if (value) p.set(name, value);
        else p.delete(name);
        return p;
      },
      { replace: true },
    );
  return { range, surveyId, targetHours, set };
};

const formatter = (options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat(undefined, { ...options, timeZone: 'UTC' });

export const formatDay = (day: string) => formatter({ dateStyle: 'medium' }).format(toUtc(day));

/** A period by its first day: "Week of 30 Nov 2026", "Dec 2026", "Q4 2026". */
export const formatPeriod = (granularity: Granularity, start: string) => {
  const d = toUtc(start);
  if (granularity === 'week') return `Week of ${formatDay(start)}`;
  if (granularity === 'month') return formatter({ month: 'short', year: 'numeric' }).format(d);
  return `Q${Math.floor(d.getUTCMonth() / 3) + 1} ${d.getUTCFullYear()}`;
};
