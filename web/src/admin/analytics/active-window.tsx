import { useSearchParams } from 'react-router';
import { formatNumber } from '../../shared/format';
import type { ActiveWindow } from './types';

/** The windows the manager can pick instead of the derived one (the steps it is rounded to). */
export const ACTIVE_WINDOW_CHOICES = [30, 60, 90, 180, 365] as const;

/**
 * The active window asked for, kept in the address (?activeDays=) like the period, so the KPI
 * cards and the trend read one report. Undefined: the API derives it from the purchases.
 */
export const useActiveWindowChoice = () => {
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('activeDays'));
  const activeDays = (ACTIVE_WINDOW_CHOICES as readonly number[]).includes(asked)
    ? asked
    : undefined;
  const choose = (days: number | undefined) =>
    setParams(
      (p) => {
        if (days === undefined) p.delete('activeDays');
        else p.set('activeDays', String(days));
        return p;
      },
      { replace: true },
    );
  return { activeDays, choose };
};

export const ActiveWindowPicker = ({
  activeDays,
  choose,
}: ReturnType<typeof useActiveWindowChoice>) => (
  <label className="inline-label">
    Active window
    <select
      value={activeDays ?? ''}
      onChange={(e) => choose(e.target.value === '' ? undefined : Number(e.target.value))}
    >
      <option value="">Derived from purchases</option>
      {ACTIVE_WINDOW_CHOICES.map((d) => (
        <option key={d} value={d}>
          {d} days
        </option>
      ))}
    </select>
  </label>
);

const basis = (w: ActiveWindow) =>
  w.gapDays === null
    ? 'nobody has bought on two different days yet, so there is no rhythm to derive it from'
    : `p${w.percentile} of ${formatNumber(w.gaps)} gaps between a customer’s purchase days = ${formatNumber(w.gapDays)} days, rounded up`;

/** "Active window: 90 days, derived (p80 of 12,425 gaps … = 70 days, rounded up)." */
export const describeActiveWindow = (w: ActiveWindow) =>
  w.source === 'derived'
    ? `Active window: ${formatNumber(w.days)} days, derived from the purchases (${basis(w)}).`
    : `Active window: ${formatNumber(w.days)} days, chosen here. The derived default is ${formatNumber(w.derivedDays)} days (${basis(w)}).`;
