/**
 * Whose birthday a local calendar day is: the month and day match, and a 29 February birthday is
 * kept on 28 February in years without one. Returns the MM-DD values to look for.
 */
export const birthdayMonthDays = (localDay: string): string[] => {
  const [year, monthDay] = [Number(localDay.slice(0, 4)), localDay.slice(5)];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return monthDay === '02-28' && !leap ? ['02-28', '02-29'] : [monthDay];
};

/** One birthday activity per member and year: the key a second run finds. */
export const birthdayKey = (customerId: string, localDay: string): string =>
  `birthday:${customerId}:${localDay.slice(0, 4)}`;
