import { formatNumber } from '../../shared/format';

/**
 * The power answer in a manager's words. Rates are shares (0.123), effects absolute shares
 * (0.02 = 2 pp); said in percentage points with one decimal.
 */

export interface PowerAnswer {
  /** Customers expected per arm (the smallest arm) over the planned days. */
  nPerArm: number;
  durationDays: number;
  /** The population's repeat rate over the horizon, from history; null without history. */
  baselineRate: number | null;
  /** The smallest detectable absolute rise in the repeat rate; null when it cannot be told. */
  minimumDetectableEffect: number | null;
  /** For a named effect: the customers per arm and the days it needs. */
  forEffect: { effect: number; nPerArm: number; durationDays: number | null } | null;
}

const pp = (share: number) =>
  new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
    share * 100,
  );

export const powerSentences = (a: PowerAnswer, horizonDays: number): string[] => {
  const rate = `${formatNumber(horizonDays)}-day repeat rate`;
  const baseline = a.baselineRate === null ? 'no history yet' : `baseline ${pp(a.baselineRate)} %`;
  const out = [
    a.minimumDetectableEffect === null
      ? `With ~${formatNumber(a.nPerArm)} customers per arm over ${formatNumber(a.durationDays)} days the smallest detectable change in ${rate} cannot be estimated (${baseline}).`
      : `With ~${formatNumber(a.nPerArm)} customers per arm over ${formatNumber(a.durationDays)} days you can detect a change of ${pp(a.minimumDetectableEffect)} pp in ${rate} (${baseline}).`,
  ];
  if (a.forEffect) {
    const need = `To detect ${pp(a.forEffect.effect)} pp you need ~${formatNumber(a.forEffect.nPerArm)} customers per arm`;
    out.push(
      a.forEffect.durationDays === null
        ? `${need}, more than this population brings in.`
        : `${need}: about ${formatNumber(a.forEffect.durationDays)} days.`,
    );
  }
  return out;
};
