import type { BenefitFields, TierMetric } from './types';
import { formatMoney } from '../../shared/format';

/**
 * Small conversions between what an admin types and what the API takes: whole numbers,
 * amounts in minor units, instants in ISO 8601. Blank optional fields mean "none" (null).
 */

/** '' → null; anything else as a number, so the server names a bad value rather than us dropping it. */
export const optionalNumber = (text: string): number | null =>
  text.trim() === '' ? null : Number(text);

export const numberText = (value: number | null | undefined) =>
  value === null || value === undefined ? '' : String(value);

export const fractionDigits = (currency: string) =>
  new Intl.NumberFormat(undefined, { style: 'currency', currency }).resolvedOptions()
    .maximumFractionDigits ?? 2;

/** "12.50" GBP → 1250; '' → null. */
export const toMinor = (text: string, currency: string): number | null => {
  if (text.trim() === '') return null;
  return Math.round(Number(text) * 10 ** fractionDigits(currency));
};

/** 1250 GBP → "12.50"; null → ''. */
export const fromMinor = (minor: number | null | undefined, currency: string) =>
  minor === null || minor === undefined
    ? ''
    : (minor / 10 ** fractionDigits(currency)).toFixed(fractionDigits(currency));

/** The step of a money input: 0.01 for pounds, 1 for yen. */
export const moneyStep = (currency: string) => String(10 ** -fractionDigits(currency));

/** A datetime-local value (the browser's time zone) → ISO 8601; '' → null. */
export const toInstant = (local: string): string | null =>
  local === '' ? null : new Date(local).toISOString();

/** ISO 8601 → a datetime-local value in the browser's time zone; null → ''. */
export const toLocalInput = (iso: string | null) => {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/** "a, b ,c" → ['a','b','c']; blank → null. */
export const listOrNull = (text: string): string[] | null => {
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return items.length === 0 ? null : items;
};

export const KIND_LABELS: Record<BenefitFields['kind'], string> = {
  percent_discount: 'Percent discount',
  fixed_discount: 'Fixed discount',
  free_product: 'Free product',
  sample: 'Sample',
  gift: 'Gift',
};

/** "10 % off", "£5.00 off", "Free SKU-1" — what a reward or a coupon gives, in words. */
export const describeBenefit = (
  b: BenefitFields & { description?: string | null },
  currency: string,
) => {
  switch (b.kind) {
    case 'percent_discount':
      return `${b.value ?? '?'} % off`;
    case 'fixed_discount':
      return `${formatMoney(b.valueMinor ?? 0, currency)} off`;
    case 'free_product':
      return `Free product ${b.sku ?? ''}`;
    case 'sample':
      return `Sample ${b.sku ?? ''}`;
    case 'gift':
      return b.description ? `Gift: ${b.description}` : 'Gift';
  }
};

/** One whole currency unit, formatted ("£1.00"): what the base earn rate is per. */
export const oneUnit = (currency: string) => formatMoney(10 ** fractionDigits(currency), currency);

/** A point's worth from thousandths of a minor unit, with the digits a fraction of a penny needs. */
export const formatPointValue = (milliMinor: number, currency: string) =>
  new Intl.NumberFormat(undefined, {
    style: 'currency',
    currency,
    maximumFractionDigits: fractionDigits(currency) + 3,
  }).format(milliMinor / 1000 / 10 ** fractionDigits(currency));

export const METRIC_LABELS: Record<TierMetric, string> = {
  points: 'Points earned',
  spend: 'Spend',
  orders: 'Orders',
};
