import { niceTicks, type Domain } from './scale.js';
import { el, GRID, INK, MUTED_INK, num, text, textWidth, truncate } from './svg.js';

/** Where the plot sits inside the picture. */
export type PlotArea = { left: number; top: number; right: number; bottom: number };

export const TICK_FONT = 11;
export const AXIS_LABEL_FONT = 12;

/** As many round ticks as fit in `length` pixels without their labels touching. */
export const fittingTicks = (
  domain: Domain,
  length: number,
  format: (v: number) => string,
  options: { integersOnly?: boolean; minGap?: number } = {},
): number[] => {
  const gap = options.minGap ?? 12;
  for (let count = Math.max(2, Math.floor(length / 50)); count >= 1; count--) {
    let ticks = niceTicks(domain[0], domain[1], count);
    if (options.integersOnly) ticks = ticks.filter(Number.isInteger);
    const widest = ticks.reduce((w, t) => Math.max(w, textWidth(format(t), TICK_FONT)), 0);
    if (ticks.length <= 1 || ticks.length * (widest + gap) <= length) return ticks;
  }
  return niceTicks(domain[0], domain[1], 1);
};

/** Horizontal grid lines with y tick labels, and the rotated y axis title. */
export const yAxis = (
  plot: PlotArea,
  ticks: number[],
  toY: (v: number) => number,
  format: (v: number) => string,
  label: string,
): string =>
  el(
    'g',
    { class: 'y-axis' },
    ...ticks.map((t) =>
      el(
        'g',
        {},
        el('line', { x1: plot.left, x2: plot.right, y1: toY(t), y2: toY(t), stroke: GRID }),
        text(
          {
            x: plot.left - 6,
            y: toY(t) + 4,
            'text-anchor': 'end',
            'font-size': TICK_FONT,
            fill: MUTED_INK,
          },
          format(t),
        ),
      ),
    ),
    text(
      {
        x: 0,
        y: 0,
        transform: `translate(20 ${num((plot.top + plot.bottom) / 2)}) rotate(-90)`,
        'text-anchor': 'middle',
        'font-size': AXIS_LABEL_FONT,
        fill: INK,
      },
      truncate(label, plot.bottom - plot.top, AXIS_LABEL_FONT),
    ),
  );

/** The x axis line, tick marks and labels, and the x axis title. */
export const xAxis = (
  plot: PlotArea,
  ticks: { at: number; label: string; rotate?: boolean }[],
  label: string,
  titleY: number,
): string =>
  el(
    'g',
    { class: 'x-axis' },
    el('line', {
      x1: plot.left,
      x2: plot.right,
      y1: plot.bottom,
      y2: plot.bottom,
      stroke: MUTED_INK,
    }),
    ...ticks.map((t) =>
      el(
        'g',
        {},
        el('line', { x1: t.at, x2: t.at, y1: plot.bottom, y2: plot.bottom + 4, stroke: MUTED_INK }),
        text(
          t.rotate
            ? {
                x: 0,
                y: 0,
                transform: `translate(${num(t.at + 4)} ${num(plot.bottom + 12)}) rotate(-40)`,
                'text-anchor': 'end',
                'font-size': TICK_FONT,
                fill: MUTED_INK,
              }
            : {
                x: t.at,
                y: plot.bottom + 17,
                'text-anchor': 'middle',
                'font-size': TICK_FONT,
                fill: MUTED_INK,
              },
          t.label,
        ),
      ),
    ),
    text(
      {
        x: (plot.left + plot.right) / 2,
        y: titleY,
        'text-anchor': 'middle',
        'font-size': AXIS_LABEL_FONT,
      },
      truncate(label, plot.right - plot.left, AXIS_LABEL_FONT),
    ),
  );
