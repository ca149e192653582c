import { describe, expect, it } from 'vitest';
import { renderLineChart, type LineChartInput } from './line-chart.js';
import { count, xmlProblems } from './xml.test-support.js';

const curves = (cohorts: number): LineChartInput => ({
  title: 'Retention curves',
  xLabel: 'Months since first purchase',
  yLabel: 'Retained %',
  series: Array.from({ length: cohorts }, (_, r) => ({
    name: `2026-${String(r + 1).padStart(2, '0')}`,
    points: Array.from({ length: 13 - r }, (_, x) => ({ x, y: 100 * 0.8 ** x })),
  })),
  yTickFormat: (y) => `${y}%`,
  yDomain: [0, 100],
});

describe('renderLineChart', () => {
  it('draws one line and one legend entry per series', () => {
    const svg = renderLineChart(curves(12));
    expect(xmlProblems(svg)).toEqual([]);
    expect(count(svg, 'class="series"')).toBe(12);
    expect(count(svg, 'class="line"')).toBe(12);
    expect(count(svg, 'class="legend-item"')).toBe(12);
    expect(svg).toMatch(/role="img" aria-label="Retention curves"/);
    expect(svg).toContain('<title>Retention curves</title>');
    expect(svg).toContain('>100%</text>');
    expect(svg).toContain('Months since first purchase');
  });

  it('draws dashed series dashed and keeps twelve cohorts apart', () => {
    const svg = renderLineChart({
      ...curves(1),
      series: [
        {
          name: 'Actual',
          points: [
            { x: 1, y: 2 },
            { x: 2, y: 4 },
          ],
        },
        {
          name: 'Expected',
          dashed: true,
          points: [
            { x: 1, y: 2.5 },
            { x: 2, y: 3.5 },
          ],
        },
      ],
    });
    expect(count(svg, 'stroke-dasharray="7 4"')).toBe(2); // the line and its legend swatch
    const many = renderLineChart(curves(12));
    const styles = new Set(
      [...many.matchAll(/<path class="line"[^>]*>/g)].map(([tag]) =>
        [/ stroke="([^"]+)"/, /stroke-dasharray="([^"]+)"/]
          .map((re) => re.exec(tag)?.[1])
          .join(' '),
      ),
    );
    expect(styles.size).toBe(12);
  });

  it('breaks the line at non-finite values and writes no NaN', () => {
    const svg = renderLineChart({
      title: 'Gaps',
      xLabel: 'x',
      yLabel: 'y',
      series: [
        {
          name: 's',
          points: [
            { x: 0, y: 1 },
            { x: 1, y: 2 },
            { x: 2, y: Number.NaN },
            { x: 3, y: 3 },
            { x: 4, y: 4 },
            { x: Number.POSITIVE_INFINITY, y: 5 },
          ],
        },
      ],
    });
    expect(xmlProblems(svg)).toEqual([]);
    expect(count(svg, 'class="line"')).toBe(2);
    expect(count(svg, 'class="point"')).toBe(4);
    expect(svg).not.toMatch(/NaN|Infinity/);
  });

  it('handles a single point and a flat series', () => {
    for (const points of [
      [{ x: 3, y: 7 }],
      [
        { x: 0, y: 0 },
        { x: 1, y: 0 },
      ],
    ]) {
      const svg = renderLineChart({
        title: 't',
        xLabel: 'x',
        yLabel: 'y',
        series: [{ name: 's', points }],
      });
      expect(xmlProblems(svg)).toEqual([]);
      expect(svg).not.toMatch(/NaN|Infinity/);
    }
  });

  it('escapes series names and axis labels', () => {
    const svg = renderLineChart({
      title: 'T',
      xLabel: '<x>',
      yLabel: '"y"',
      series: [{ name: '<script>alert(1)</script>', points: [{ x: 0, y: 1 }] }],
      xTickFormat: (x) => `<${x}>`,
    });
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg).toContain('&lt;x&gt;');
  });

  it('draws "No data" for no series or no finite points', () => {
    for (const series of [
      [],
      [{ name: 'empty', points: [] }],
      [{ name: 'nan', points: [{ x: 0, y: Number.NaN }] }],
    ]) {
      const svg = renderLineChart({ title: 'Nothing', xLabel: 'x', yLabel: 'y', series });
      expect(xmlProblems(svg)).toEqual([]);
      expect(svg).toContain('No data');
      expect(svg).not.toContain('class="line"');
    }
  });
});
