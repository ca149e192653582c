/** Colour-blind-safe palettes and the colour arithmetic the charts need. */

export type Rgb = readonly [number, number, number];

/**
 * Okabe & Ito's palette, distinguishable with every common colour-vision deficiency, ordered for
 * lines and bars on white: their yellow (#F0E442) is left out, too faint on a light background.
 */
export const OKABE_ITO = [
  '#0072B2', // blue
  '#D55E00', // vermillion
  '#009E73', // bluish green
  '#CC79A7', // reddish purple
  '#E69F00', // orange
  '#56B4E9', // sky blue
  '#000000', // black
] as const;

/** The colour of series `index`, cycling through Okabe–Ito. */
export const seriesColour = (index: number): string =>
  OKABE_ITO[((index % OKABE_ITO.length) + OKABE_ITO.length) % OKABE_ITO.length]!;

/** Matplotlib's viridis, sampled at ten even steps (R `viridis(10)`): perceptually uniform. */
const VIRIDIS = [
  '#440154',
  '#482878',
  '#3E4A89',
  '#31688E',
  '#26828E',
  '#1F9E89',
  '#35B779',
  '#6DCD59',
  '#B4DE2C',
  '#FDE725',
] as const;

export const hexToRgb = (hex: string): Rgb => {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h.padEnd(6, '0');
  const value = Number.parseInt(full.slice(0, 6), 16) || 0;
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
};

export const rgbToHex = ([r, g, b]: Rgb): string =>
  `#${[r, g, b]
    .map((c) =>
      Math.max(0, Math.min(255, Math.round(c)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;

const clamp01 = (t: number) => (Number.isFinite(t) ? Math.max(0, Math.min(1, t)) : 0);

/** Viridis at `t` in [0, 1]: dark purple at 0, yellow at 1. */
export const viridis = (t: number): string => {
  const position = clamp01(t) * (VIRIDIS.length - 1);
  const i = Math.min(Math.floor(position), VIRIDIS.length - 2);
  const a = hexToRgb(VIRIDIS[i]!);
  const b = hexToRgb(VIRIDIS[i + 1]!);
  const f = position - i;
  return rgbToHex([a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f]);
};

/**
 * The heat-map ramp: viridis run backwards, so low values are pale and fade into the light page
 * and high values are dark and stand out. The palest tenth is skipped: full viridis yellow shouts.
 */
export const sequential = (t: number): string => viridis(0.9 - clamp01(t) * 0.9);

const linear = (channel: number) => {
  const s = channel / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};

/** WCAG relative luminance. */
export const relativeLuminance = (hex: string): number => {
  const [r, g, b] = hexToRgb(hex);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
};

export const contrastRatio = (a: string, b: string): number => {
  const [la, lb] = [relativeLuminance(a), relativeLuminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
};

export const DARK_TEXT = '#000000';
export const LIGHT_TEXT = '#ffffff';

/** Dark or white text, whichever contrasts more with `background`. */
export const readableTextOn = (background: string): string =>
  contrastRatio(background, DARK_TEXT) >= contrastRatio(background, LIGHT_TEXT)
    ? DARK_TEXT
    : LIGHT_TEXT;

const CUBE = [0, 95, 135, 175, 215, 255];

/** The RGB colour of xterm-256 colour `index` (16–231 the 6×6×6 cube, 232–255 the grey ramp). */
export const xtermHex = (index: number): string => {
  if (index >= 232) {
    const grey = 8 + (index - 232) * 10;
    return rgbToHex([grey, grey, grey]);
  }
  const i = Math.max(0, index - 16);
  return rgbToHex([CUBE[Math.floor(i / 36) % 6]!, CUBE[Math.floor(i / 6) % 6]!, CUBE[i % 6]!]);
};

/**
 * The heat-map ramp in xterm-256 colours, pale to dark, picked by hand along `sequential`: the
 * nearest cube colour to each ramp colour turns the middle grey and its lightness out of order.
 */
export const TERMINAL_RAMP = [
  148, // #afd700
  77, // #5fd75f
  36, // #00af87
  30, // #008787
  24, // #005f87
  55, // #5f00af
  53, // #5f005f
] as const;

/** The terminal ramp colour at `t` in [0, 1]: seven even bins. */
export const terminalRampColour = (t: number): number =>
  TERMINAL_RAMP[Math.min(TERMINAL_RAMP.length - 1, Math.floor(clamp01(t) * TERMINAL_RAMP.length))]!;
