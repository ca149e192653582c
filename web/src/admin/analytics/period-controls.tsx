import { useSearchParams } from 'react-router';
import { addDays, addMonths, isDay } from './dates';
import type { DayWindow } from './queries';
import type { AnalyticsRange } from './types';

export const PERIOD_DAYS = [7, 30, 90, 365] as const;
const DEFAULT_DAYS = 30;

/**
 * Where the data ends: today, or the last purchase day when the history stops earlier (imported
 * history), so a demo or an archive shows figures rather than empty recent windows.
 */
export const defaultEndDay = (range: AnalyticsRange) =>
  range.lastPurchaseDay && range.lastPurchaseDay < range.today
    ? range.lastPurchaseDay
    : range.today;

export interface OverviewWindows {
  days: number;
  current: DayWindow;
  previous: DayWindow;
  /** The twelve calendar months up to the end date, for the retention trend. */
  months: DayWindow;
}

/** The chosen period, kept in the address (?days=&end=) so a view can be shared or bookmarked. */
export const useOverviewWindows = (range: AnalyticsRange) => {
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('days'));
  const days = (PERIOD_DAYS as readonly number[]).includes(asked) ? asked : DEFAULT_DAYS;
  const endParam = params.get('end');
  const end = isDay(endParam) ? endParam : defaultEndDay(range);
  const from = addDays(end, -(days - 1));
  const windows: OverviewWindows = {
    days,
    current: { from, to: end },
    previous: { from: addDays(from, -days), to: addDays(from, -1) },
    months: { from: addMonths(end, -11), to: end },
  };
  const choose = (next: { days?: number; end?: string | null }) =>
    setParams(
      (p) => {
        if (next.days !== undefined) p.set('days', String(next.days));
        if (next.end === null) p.delete('end');
        else if (next.end !== undefined) p.set('end', next.end);
        return p;
      },
      { replace: true },
    );
  return { windows, choose, isDefaultEnd: end === defaultEndDay(range) };
};

export const PeriodControls = ({
  range,
  windows,
  choose,
  isDefaultEnd,
}: { range: AnalyticsRange } & ReturnType<typeof useOverviewWindows>) => (
  <form
    className="toolbar period-controls"
    aria-label="Period"
    onSubmit={(e) => e.preventDefault()}
  >
    <label>
      Period
      <select value={windows.days} onChange={(e) => choose({ days: Number(e.target.value) })}>
        {PERIOD_DAYS.map((d) => (
          <option key={d} value={d}>
            Last {d} days
          </option>
        ))}
      </select>
    </label>
    <label>
      End date
      <input
        type="date"
        value={windows.current.to}
        max={range.today}
        required
        onChange={(e) => {
          if (isDay(e.target.value)) choose({ end: e.target.value });
        }}
      />
    </label>
    {!isDefaultEnd && (
      <button type="button" className="secondary" onClick={() => choose({ end: null })}>
        Back to the latest data
      </button>
    )}
  </form>
);
