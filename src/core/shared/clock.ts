/** Time is injected so that expiry and pending release can be tested at the exact instant. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock a test can move by hand. */
export const manualClock = (
  start: Date,
): Clock & { set(d: Date): void; advanceDays(n: number): void } => {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (d: Date) => {
      current = new Date(d);
    },
    advanceDays: (n: number) => {
      current = addDays(current, n);
    },
  };
};

export const MS_PER_DAY = 86_400_000;

export const addDays = (date: Date, days: number): Date =>
  new Date(date.getTime() + days * MS_PER_DAY);
