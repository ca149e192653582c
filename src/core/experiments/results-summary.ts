import type { IncrementalTotal } from './incremental.js';
import type { Interval } from './interval.js';
import type { Cohort } from './metric-sums.js';

/**
 * The sentence a manager can act on, per treatment: the repeat rate's change with its interval,
 * then what the arm earned after points cost. An interval that spans 0 is said in words ("not
 * distinguishable from no effect"), and a sample-ratio mismatch comes first, since it voids the
 * rest.
 */

interface Difference {
  difference: number;
  interval: Interval;
}

export interface SentenceInput {
  name: string;
  cohort: Cohort;
  /** The repeat rate's difference; null when the arms are too small to compare. */
  converted: Difference | null;
  /** Incremental profit over the treated customers, in minor units. */
  profit: IncrementalTotal | undefined;
  treatedCustomers: number;
  controlCustomers: number;
  horizonDays: number;
  currency: string;
  currencyExponent: number;
  srmBlocking: boolean;
}

const pp = (share: number) => (Math.round(share * 1000) / 10).toFixed(1);

export const formatMoney = (minor: number, currency: string, exponent: number): string =>
  new Intl.NumberFormat('en-GB', {
    style: 'currency',
    currency,
    currencyDisplay: 'narrowSymbol',
    maximumFractionDigits: 0,
    minimumFractionDigits: 0,
  }).format(minor / 10 ** exponent);

const spans0 = (c: Difference) => c.interval.lower <= 0 && c.interval.upper >= 0;

const repeatPart = (name: string, c: Difference | null, horizonDays: number) => {
  if (!c) return `${name}: too few customers yet to compare the ${horizonDays}-day repeat rate`;
  const interval = `95 % CI ${pp(c.interval.lower)} to ${pp(c.interval.upper)} pp`;
  if (spans0(c)) {
    return (
      `${name}'s effect on the ${horizonDays}-day repeat rate is not distinguishable from no ` +
      `effect (${c.difference >= 0 ? '+' : ''}${pp(c.difference)} pp, ${interval})`
    );
  }
  const verb = c.difference > 0 ? 'raised' : 'lowered';
  return `${name} ${verb} ${horizonDays}-day repeat rate by ${pp(Math.abs(c.difference))} pp (${interval})`;
};

const profitPart = (total: IncrementalTotal | undefined, input: SentenceInput) => {
  if (!total) return 'its profit after points cost cannot be compared yet';
  const money = (minor: number) => formatMoney(minor, input.currency, input.currencyExponent);
  const range = `95 % CI ${money(total.interval.lower)} to ${money(total.interval.upper)}`;
  if (total.interval.lower <= 0 && total.interval.upper >= 0) {
    return `after points cost its profit is not distinguishable from control's (${range})`;
  }
  const side = total.total > 0 ? 'more' : 'less';
  return `after points cost it earned ${money(Math.abs(total.total))} ${side} than control (${range})`;
};

export const summarySentence = (input: SentenceInput): string => {
  const cohort =
    input.cohort === 'fixed'
      ? `customers whose ${input.horizonDays} days have passed`
      : 'results to date, windows not yet complete';
  const sentence =
    `${repeatPart(input.name, input.converted, input.horizonDays)}; ` +
    `${profitPart(input.profit, input)} ` +
    `(${input.treatedCustomers} vs ${input.controlCustomers} customers, ${cohort}).`;
  return input.srmBlocking
    ? `Warning: sample ratio mismatch, do not trust this result. ${sentence}`
    : sentence;
};
