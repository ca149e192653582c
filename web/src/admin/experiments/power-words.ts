import { formatNumber } from '../../shared/format';

/**
 * The power plan (POST /v1/experiments/power) in a manager's words. Rates are shares (0.123),
 * effects on the repeat rate absolute shares (0.02 = 2 pp), said in points with one decimal.
 */

type Detectable = { absolute: number; relative: number | null } | { unavailable: string };

export interface PowerPlan {
  baseline: { customers: number; convertedRate: number };
  durationDays: number;
  /** Customers in the smallest arm at the end of the planned duration. */
  customersPerArm: number;
  minimumDetectableEffect: { converted: Detectable };
  effect: {
    metric: 'converted' | 'netRevenue';
    relative: number;
    absolute: number;
    customersPerArm: number;
    /** Days of entry until the smallest arm has them; 0 when it already does; null: never. */
    entryDays: number | null;
    /** Entry days plus one horizon: when the fixed-horizon result is in. */
    daysToResult: number | null;
  } | null;
}

const oneDecimal = new Intl.NumberFormat('en-GB', {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const pp = (share: number) => oneDecimal.format(share * 100);

export const powerSentences = (plan: PowerPlan, horizonDays: number): string[] => {
  const rate = `${formatNumber(horizonDays)}-day repeat rate`;
  const baseline = `baseline ${pp(plan.baseline.convertedRate)} %`;
  const perArm = `With ~${formatNumber(plan.customersPerArm)} customers per arm over ${formatNumber(plan.durationDays)} days`;
  const mde = plan.minimumDetectableEffect.converted;
  const out = [
    'unavailable' in mde
      ? `${perArm} no change in ${rate} can be detected: ${mde.unavailable} (${baseline}).`
      : `${perArm} you can detect a change of ${pp(mde.absolute)} pp in ${rate} (${baseline}).`,
  ];
  const e = plan.effect;
  if (e && e.metric === 'converted') {
    const need = `To detect a change of ${pp(e.absolute)} pp (${formatNumber(Math.round(e.relative * 100))} % of the baseline) you need ~${formatNumber(e.customersPerArm)} customers per arm`;
    out.push(
      e.daysToResult === null || e.entryDays === null
        ? `${need}, more than this population will bring.`
        : e.entryDays === 0
          ? `${need}, which the population already has: the result is in after ${formatNumber(e.daysToResult)} days.`
          : `${need}: about ${formatNumber(e.entryDays)} days of entry, the result after ${formatNumber(e.daysToResult)} days.`,
    );
  }
  return out;
};
