/** Linear scales and "nice" round ticks (1, 2 or 5 times a power of ten), as d3 does. */

export type Domain = readonly [number, number];

const E10 = Math.sqrt(50);
const E5 = Math.sqrt(10);
const E2 = Math.sqrt(2);

/** A round step that cuts `span` into about `count` pieces. */
export const tickStep = (span: number, count: number): number => {
  const raw = Math.abs(span) / Math.max(1, count);
  if (!Number.isFinite(raw) || raw === 0) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const error = raw / power;
  const factor = error >= E10 ? 10 : error >= E5 ? 5 : error >= E2 ? 2 : 1;
  return factor * power;
};

/** Decimal places a tick step needs: 0.25 → 2, 5 → 0. */
export const stepDecimals = (step: number): number => {
  if (!Number.isFinite(step) || step <= 0) return 0;
  let decimals = 0;
  while (
    decimals < 12 &&
    Math.abs(Math.round(step * 10 ** decimals) - step * 10 ** decimals) > 1e-9
  )
    decimals++;
  return decimals;
};

const snap = (value: number, decimals: number) => Number(value.toFixed(decimals));

/** Round ticks inside [lo, hi], about `count` of them. */
export const niceTicks = (lo: number, hi: number, count = 6): number[] => {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (lo > hi) [lo, hi] = [hi, lo];
  if (lo === hi) return [lo];
  // A round step can exceed a narrow range that sits between two grid lines; finer steps then
  // find one (any step no wider than the range does), so an axis always gets a tick.
  for (let pieces = count; ; pieces *= 2) {
    const ticks = ticksWithStep(lo, hi, tickStep(hi - lo, pieces));
    if (ticks.length > 0 || pieces > count * 1024) return ticks;
  }
};

const ticksWithStep = (lo: number, hi: number, step: number): number[] => {
  const decimals = stepDecimals(step);
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  const ticks: number[] = [];
  for (let i = first; i <= last && ticks.length < 1000; i++) ticks.push(snap(i * step, decimals));
  return ticks;
};

/** [lo, hi] widened outwards to round ticks, so the axis starts and ends on a labelled line. */
export const niceDomain = (lo: number, hi: number, count = 6): [number, number] => {
  if (lo > hi) [lo, hi] = [hi, lo];
  if (lo === hi) return lo === 0 ? [0, 1] : lo > 0 ? [0, lo] : [lo, 0];
  const step = tickStep(hi - lo, count);
  const decimals = stepDecimals(step);
  return [
    snap(Math.floor(lo / step + 1e-9) * step, decimals),
    snap(Math.ceil(hi / step - 1e-9) * step, decimals),
  ];
};

/** Maps the domain linearly onto the range; a zero-width domain maps to the middle. */
export const linearScale =
  ([d0, d1]: Domain, [r0, r1]: Domain) =>
  (value: number): number =>
    d1 === d0 ? (r0 + r1) / 2 : r0 + ((value - d0) / (d1 - d0)) * (r1 - r0);

/** Smallest and largest finite values, or null when there are none. */
export const extent = (values: Iterable<number | null | undefined>): [number, number] | null => {
  let lo = Infinity;
  let hi = -Infinity;
  for (const value of values) {
    if (typeof value !== 'number' || !Number.isFinite(value)) continue;
    if (value < lo) lo = value;
    if (value > hi) hi = value;
  }
  return lo <= hi ? [lo, hi] : null;
};

/** A usable domain: the caller's when it is finite and not empty, else `fallback`. */
export const validDomain = (
  domain: readonly number[] | undefined,
  fallback: [number, number],
): [number, number] => {
  const [lo, hi] = domain ?? [];
  return typeof lo === 'number' &&
    typeof hi === 'number' &&
    Number.isFinite(lo) &&
    Number.isFinite(hi) &&
    lo < hi
    ? [lo, hi]
    : fallback;
};

/** A tick label with the decimals its step needs and thousands separators: 1,500 · 0.25. */
export const tickFormatter = (ticks: readonly number[]) => {
  const [first = 0, second] = ticks;
  const decimals = Math.min(
    6,
    stepDecimals(Math.abs(second === undefined ? first : second - first)),
  );
  const format = new Intl.NumberFormat('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
  return (value: number): string => format.format(value);
};

const compact = [0, 1, 3].map(
  (digits) => new Intl.NumberFormat('en-US', { maximumFractionDigits: digits }),
);

/** A compact default for values: 1,234 · 23.5 · 0.123. */
export const formatValue = (value: number): string => {
  const abs = Math.abs(value);
  return compact[abs >= 100 ? 0 : abs >= 1 ? 1 : 2]!.format(value);
};
