/** Small pieces of English shared by rule sentences and the reasons orders did not qualify. */

const list = (word: string) => (values: readonly (string | number)[]) =>
  values.length <= 1
    ? values.join('')
    : `${values.slice(0, -1).join(', ')} ${word} ${values[values.length - 1]}`;

/** ["a"] → "a"; ["a", "b", "c"] → "a, b or c". */
export const orList: (values: readonly (string | number)[]) => string = list('or');
/** ["a", "b", "c"] → "a, b and c". */
export const andList: (values: readonly (string | number)[]) => string = list('and');

/** 1 → "1st", 2 → "2nd", 11 → "11th", 23 → "23rd". */
export const ordinal = (n: number): string => {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  const suffix = n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
};

export const WEEKDAY_NAMES = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;

const sameDays = (days: readonly number[], wanted: readonly number[]) =>
  days.length === wanted.length && wanted.every((d) => days.includes(d));

/** ISO days as people say them: "weekend", "weekday", or null for any other set. */
export const dayGroup = (days: readonly number[]): 'weekend' | 'weekday' | 'any' | null => {
  if (sameDays(days, [6, 7])) return 'weekend';
  if (sameDays(days, [1, 2, 3, 4, 5])) return 'weekday';
  if (sameDays(days, [1, 2, 3, 4, 5, 6, 7])) return 'any';
  return null;
};

export const dayNames = (days: readonly number[], short = false): string[] =>
  [...new Set(days)]
    .sort((a, b) => a - b)
    .map((d) => (short ? WEEKDAY_NAMES[d - 1]!.slice(0, 3) : WEEKDAY_NAMES[d - 1]!));
