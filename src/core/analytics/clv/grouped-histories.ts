import type { CustomerSummary } from './clv.js';
import { ModelFitError } from './clv.errors.js';

/**
 * Customers collapsed into distinct (x, t_x, T) histories with a weight each: the transaction
 * models' likelihoods depend on nothing else, and real data repeats them a lot (every one-time
 * buyer of a given first day shares one). Times are interned too, so a likelihood evaluation
 * takes one logarithm per distinct time instead of one per customer.
 */
export interface GroupedHistories {
  groups: number;
  customers: number;
  weight: Float64Array;
  frequency: Int32Array;
  recencyIndex: Int32Array;
  ageIndex: Int32Array;
  /** Distinct recency and age values (weeks), referenced by recencyIndex and ageIndex. */
  times: Float64Array;
  maxFrequency: number;
  repeatBuyers: number;
}

/** Why a summary cannot be used, or null when it can. */
const historyProblem = (c: CustomerSummary): string | null => {
  if (!Number.isInteger(c.frequency) || c.frequency < 0)
    return 'frequency must be a whole number ≥ 0';
  if (!Number.isFinite(c.age) || c.age < 0) return 'age must be a finite number of weeks ≥ 0';
  if (c.frequency > 0 && !(c.recency >= 0 && c.recency <= c.age))
    return 'recency must be between 0 and age';
  return null;
};

export const checkHistory = (c: CustomerSummary): void => {
  const problem = historyProblem(c);
  if (problem)
    throw new ModelFitError(`customer ${c.customerId}: ${problem}`, {
      customerId: c.customerId,
      frequency: c.frequency,
      recency: c.recency,
      age: c.age,
    });
};

const internTimes = (customers: readonly CustomerSummary[]) => {
  const index = new Map<number, number>();
  const times: number[] = [];
  const intern = (t: number) => {
    let i = index.get(t);
    if (i === undefined) {
      i = times.length;
      index.set(t, i);
      times.push(t);
    }
    return i;
  };
  const recency = new Int32Array(customers.length);
  const age = new Int32Array(customers.length);
  customers.forEach((c, k) => {
    checkHistory(c);
    // A customer without repeat purchases has recency 0 whatever the summary says.
    recency[k] = intern(c.frequency > 0 ? c.recency : 0);
    age[k] = intern(c.age);
  });
  return { times: Float64Array.from(times), recency, age };
};

export const groupHistories = (customers: readonly CustomerSummary[]): GroupedHistories => {
  const { times, recency, age } = internTimes(customers);
  const nTimes = times.length;
  const groupOf = new Map<number, number>();
  const weight: number[] = [];
  const frequency: number[] = [];
  const recencyIndex: number[] = [];
  const ageIndex: number[] = [];
  let maxFrequency = 0;
  let repeatBuyers = 0;
  customers.forEach((c, k) => {
    const x = c.frequency;
    if (x > 0) repeatBuyers++;
    if (x > maxFrequency) maxFrequency = x;
    const key = (x * nTimes + recency[k]!) * nTimes + age[k]!;
    const g = groupOf.get(key);
    if (g !== undefined) {
      weight[g] = weight[g]! + 1;
      return;
    }
    groupOf.set(key, weight.length);
    weight.push(1);
    frequency.push(x);
    recencyIndex.push(recency[k]!);
    ageIndex.push(age[k]!);
  });
  return {
    groups: weight.length,
    customers: customers.length,
    weight: Float64Array.from(weight),
    frequency: Int32Array.from(frequency),
    recencyIndex: Int32Array.from(recencyIndex),
    ageIndex: Int32Array.from(ageIndex),
    times,
    maxFrequency,
    repeatBuyers,
  };
};

/** out[k] = ln Γ(base + k) − ln Γ(base) = Σⱼ<ₖ ln(base + j), for k = 0 … out.length − 1. */
export const fillLogRising = (out: Float64Array, base: number): void => {
  let sum = 0;
  out[0] = 0;
  for (let k = 1; k < out.length; k++) {
    sum += Math.log(base + k - 1);
    out[k] = sum;
  }
};

/** out[i] = ln(shift + times[i]). */
export const fillLogShifted = (out: Float64Array, times: Float64Array, shift: number): void => {
  for (let i = 0; i < times.length; i++) out[i] = Math.log(shift + times[i]!);
};

/** Σ x / Σ T over customers: a crude repeat rate per week, for data-driven starting points. */
export const crudeRepeatRate = (data: GroupedHistories): number => {
  let purchases = 0;
  let weeks = 0;
  for (let g = 0; g < data.groups; g++) {
    purchases += data.weight[g]! * data.frequency[g]!;
    weeks += data.weight[g]! * data.times[data.ageIndex[g]!]!;
  }
  const rate = purchases / weeks;
  return Number.isFinite(rate) && rate > 0 ? rate : 1;
};

/** Mean age in weeks (at least a day), for data-driven starting points. */
export const meanAge = (data: GroupedHistories): number => {
  let weeks = 0;
  for (let g = 0; g < data.groups; g++) weeks += data.weight[g]! * data.times[data.ageIndex[g]!]!;
  return Math.max(weeks / data.customers, 1 / 7);
};
