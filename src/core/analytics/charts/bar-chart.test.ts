import { describe, expect, it } from 'vitest';
import { renderGroupedBarChart, type GroupedBarChartInput } from './bar-chart.js';
import { count, xmlProblems } from './xml.test-support.js';

const holdout: GroupedBarChartInput = {
  title: 'Hold-out purchases by calibration frequency',
  xLabel: 'Repeat purchases in calibration',
  yLabel: 'Mean hold-out purchases',
  categories: ['0', '1', '2', '3', '4', '5', '6', '7+'],
  series: [
    { name: 'Actual', values: [0.2, 0.6, 1.1, 1.5, 2.1, 2.4, 3.1, 4.2] },
    { name: 'Expected', values: [0.2, 0.7, 1.1, 1.6, 2, 2.6, 2.9, 4.4] },
  ],
};

describe('renderGroupedBarChart', () => {
  it('draws a bar per value and a legend entry per series', () => {
    const svg = renderGroupedBarChart(holdout);
    expect(xmlProblems(svg)).toEqual([]);
    expect(count(svg, 'class="bar"')).toBe(16);
    expect(count(svg, 'class="series"')).toBe(2);
    expect(count(svg, 'class="legend-item"')).toBe(2);
    expect(svg).toMatch(/role="img" aria-label="Hold-out purchases by calibration frequency"/);
    expect(svg).toContain('<title>Actual · 7+: 4.2</title>');
  });

  it('leaves out missing and non-finite values, draws negatives, writes no NaN', () => {
    const svg = renderGroupedBarChart({
      ...holdout,
      categories: ['a', 'b', 'c'],
      series: [
        { name: 's', values: [-5, Number.NaN] },
        { name: 't', values: [Number.POSITIVE_INFINITY, 3, 4] },
      ],
    });
    expect(xmlProblems(svg)).toEqual([]);
    expect(count(svg, 'class="bar"')).toBe(3);
    expect(svg).not.toMatch(/NaN|Infinity/);
  });

  it('rotates long category labels and needs no legend for one series', () => {
    const svg = renderGroupedBarChart({
      title: 'Customers per RFM segment',
      xLabel: 'Segment',
      yLabel: 'Customers',
      categories: [
        'Champions',
        'Loyal customers',
        'Potential loyalists',
        'At risk',
        "Can't lose them",
        'Hibernating',
        'Lost',
        'New customers',
        'Promising',
        'Need attention',
      ],
      series: [
        { name: 'Customers', values: [1210, 2381, 1785, 2210, 312, 3310, 4521, 640, 512, 980] },
      ],
    });
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toContain('rotate(-40)');
    expect(count(svg, 'class="legend-item"')).toBe(0);
    expect(svg).toContain('Can&apos;t lose them');
  });

  it('escapes category and series names', () => {
    const svg = renderGroupedBarChart({
      ...holdout,
      categories: ['<script>alert(1)</script>'],
      series: [
        { name: '"&<>', values: [1] },
        { name: 'b', values: [2] },
      ],
    });
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg).toContain('&quot;&amp;&lt;&gt;');
  });

  it('draws "No data" for no categories, no series or no finite values', () => {
    for (const input of [
      { ...holdout, categories: [] },
      { ...holdout, series: [] },
      { ...holdout, series: [{ name: 'nan', values: [Number.NaN] }] },
    ]) {
      const svg = renderGroupedBarChart(input);
      expect(xmlProblems(svg)).toEqual([]);
      expect(svg).toContain('No data');
      expect(svg).not.toContain('class="bar"');
    }
  });
});
