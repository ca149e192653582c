/**
 * Integer arithmetic helpers for points. Points and money are whole numbers; any division that
 * could leave a fraction floors explicitly so the customer never receives a point they did not
 * earn, and rounding is the same wherever it happens.
 */
export const floorDiv = (numerator: number, denominator: number): number =>
  Math.floor(numerator / denominator);

/** `total * part / whole`, floored, computed so that intermediate values stay exact integers. */
export const proportion = (total: number, part: number, whole: number): number => {
  if (whole <= 0) return 0;
  if (part >= whole) return total;
  return Number((BigInt(total) * BigInt(part)) / BigInt(whole));
};

export const assertSafeInteger = (value: number, what: string): void => {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} is not a safe integer: ${value}`);
};
