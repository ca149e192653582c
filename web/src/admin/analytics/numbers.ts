import { changePercent, formatMoney, formatNumber, formatPercent } from '../../shared/format';

/**
 * Money for headline figures: whole units once an amount reaches 1,000 (pence on a million add
 * noise), the exact amount below that. Tables use formatMoney for the exact figure.
 */
export const formatMoneyShort = (minor: number, currency: string) => {
  const digits =
    new Intl.NumberFormat(undefined, { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits ?? 2;
  const units = minor / 10 ** digits;
  if (Math.abs(units) < 1000) return formatMoney(minor, currency);
  return new Intl.NumberFormat(undefined, {
    style: 'currency',
    currency,
    maximumFractionDigits: 0,
  }).format(units);
};

export const formatMoneyOrDash = (minor: number | null, currency: string) =>
  minor === null ? '–' : formatMoney(minor, currency);

/** 0.8731 → "87.3 %" */
export const formatProbability = (p: number | null) => (p === null ? '–' : formatPercent(p * 100));

export const formatDecimal = (value: number | null, digits = 1) =>
  value === null
    ? '–'
    : new Intl.NumberFormat(undefined, { maximumFractionDigits: digits }).format(value);

export type Tone = 'good' | 'bad' | 'neutral';

export interface ChangeView {
  /** Visible text with an arrow, e.g. "↑ 12.5 %" or "↓ 1.2 pp". */
  text: string;
  /** The same in words for screen readers, e.g. "up 12.5 % on the previous period". */
  spoken: string;
  tone: Tone;
}

/**
 * How a figure moved against the previous period: relative change for counts and money,
 * percentage points for rates (a rate going from 10 % to 12 % is +2 pp, not +20 %).
 * `higherIsBetter` null: the direction is neither good nor bad (e.g. points owed).
 */
export const describeChange = (
  current: number | null,
  previous: number | null,
  options: { unit: 'percent' | 'points'; higherIsBetter: boolean | null },
): ChangeView => {
  if (current === null || previous === null) {
    return { text: 'no comparison', spoken: 'no figure to compare with', tone: 'neutral' };
  }
  const delta = options.unit === 'points' ? current - previous : changePercent(current, previous);
  if (delta === null) {
    return current === 0
      ? { text: '→ no change', spoken: 'no change', tone: 'neutral' }
      : { text: 'new (previous 0)', spoken: 'up from zero', tone: 'neutral' };
  }
  const size = formatNumber(Math.abs(Math.round(delta * 10) / 10));
  const unit = options.unit === 'points' ? ' pp' : ' %';
  const unitWords = options.unit === 'points' ? ' percentage points' : ' %';
  if (Math.abs(delta) < 0.05) return { text: '→ no change', spoken: 'no change', tone: 'neutral' };
  const up = delta > 0;
  const tone: Tone =
    options.higherIsBetter === null ? 'neutral' : up === options.higherIsBetter ? 'good' : 'bad';
  return {
    text: `${up ? '↑' : '↓'} ${size}${unit}`,
    spoken: `${up ? 'up' : 'down'} ${size}${unitWords} on the previous period`,
    tone,
  };
};
