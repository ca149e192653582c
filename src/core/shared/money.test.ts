import { describe, expect, it } from 'vitest';
import { currencyExponent, decimalToMinor, isKnownCurrency } from './money.js';

describe('currencies', () => {
  it('knows ISO 4217 codes and their minor units', () => {
    expect(isKnownCurrency('GBP')).toBe(true);
    expect(isKnownCurrency('XXZ')).toBe(false);
    expect(currencyExponent('GBP')).toBe(2);
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('KWD')).toBe(3);
    expect(() => currencyExponent('XXZ')).toThrow(/Unknown ISO 4217/);
  });
});

describe('decimalToMinor', () => {
  it('parses exactly, without floating point', () => {
    expect(decimalToMinor('2.55', 2)).toBe(255);
    expect(decimalToMinor('0.29', 2)).toBe(29);
    expect(decimalToMinor('1', 2)).toBe(100);
    expect(decimalToMinor('1.5', 2)).toBe(150);
    expect(decimalToMinor('-3.10', 2)).toBe(-310);
    expect(decimalToMinor('12', 0)).toBe(12);
  });

  it('rounds extra precision half away from zero', () => {
    expect(decimalToMinor('2.555', 2)).toBe(256);
    expect(decimalToMinor('2.554', 2)).toBe(255);
    expect(decimalToMinor('2.550', 2)).toBe(255);
  });

  it('refuses what is not a number', () => {
    expect(decimalToMinor('abc', 2)).toBeNull();
    expect(decimalToMinor('1,5', 2)).toBeNull();
    expect(decimalToMinor('', 2)).toBeNull();
  });
});

describe('decimalToMinor limits', () => {
  it('refuses numbers too long to hold exactly', () => {
    expect(decimalToMinor('1234567890123', 2)).toBe(123456789012300);
    expect(decimalToMinor('12345678901234', 2)).toBeNull();
  });
});
