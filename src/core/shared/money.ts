import { DomainError } from './errors.js';

/**
 * ISO 4217 currencies and their minor-unit exponents, taken from the runtime's Intl data
 * (CLDR), so no hand-kept table drifts out of date.
 */
const knownCurrencies: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

export const isKnownCurrency = (code: string): boolean => knownCurrencies.has(code);

const exponentCache = new Map<string, number>();

export const currencyExponent = (code: string): number => {
  const cached = exponentCache.get(code);
  if (cached !== undefined) return cached;
  if (!isKnownCurrency(code)) {
    throw new DomainError('invalid', 'unknown_currency', `Unknown ISO 4217 currency: ${code}`, {
      currency: code,
    });
  }
  const exponent =
    new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions()
      .maximumFractionDigits ?? 2;
  exponentCache.set(code, exponent);
  return exponent;
};

/** Parses a decimal string like "12.34" into integer minor units, exactly (no float maths). */
export const decimalToMinor = (value: string, exponent: number): number | null => {
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(value.trim());
  // Longer than any safe integer of minor units: refuse rather than lose digits.
  if (!match || match[2]!.length + exponent > 15) return null;
  const [, sign, whole, frac = ''] = match;
  if (frac.length > exponent && /[^0]/.test(frac.slice(exponent))) {
    // More precision than the currency has: round half away from zero on the first dropped digit.
    const kept = frac.slice(0, exponent);
    const roundUp = Number(frac[exponent]) >= 5;
    const base = Number(`${whole}${kept.padEnd(exponent, '0')}`) + (roundUp ? 1 : 0);
    return sign ? -base : base;
  }
  const minor = Number(`${whole}${frac.slice(0, exponent).padEnd(exponent, '0')}`);
  return sign ? -minor : minor;
};
