import { describe, expect, it } from 'vitest';
import { renderHeatMap, type HeatMapInput } from './heat-map.js';
import { count, xmlProblems } from './xml.test-support.js';

const cohortTable = (rows: number, columns: number): HeatMapInput => ({
  title: 'Retention by cohort',
  rowLabels: Array.from({ length: rows }, (_, r) => `2026-${String(r + 1).padStart(2, '0')}`),
  columnLabels: Array.from({ length: columns }, (_, c) => String(c)),
  // The usual triangle: later cohorts have been watched for fewer periods.
  cells: Array.from({ length: rows }, (_, r) =>
    Array.from({ length: columns }, (_, c) => (r + c >= columns ? null : 100 * 0.8 ** c)),
  ),
  formatCell: (v) => `${v.toFixed(0)}%`,
  valueLabel: 'Retained %',
  domain: [0, 100],
});

describe('renderHeatMap', () => {
  it('draws one cell per entry and shows values only in observed cells', () => {
    const svg = renderHeatMap(cohortTable(12, 13));
    expect(xmlProblems(svg)).toEqual([]);
    const observed = 12 * 13 - (11 * 12) / 2; // cells with r + c < 13
    expect(count(svg, 'class="cell"')).toBe(observed);
    expect(count(svg, 'class="cell-value"')).toBe(observed);
    expect(count(svg, 'class="cell-missing"')).toBe(12 * 13 - observed);
    expect(count(svg, 'class="row-label"')).toBe(12);
    expect(count(svg, 'class="column-label"')).toBe(13);
    expect(svg).toContain('>100%</text>');
    expect(svg).toContain('not observed yet');
  });

  it('is accessible: role, label, title and description', () => {
    const svg = renderHeatMap(cohortTable(2, 2));
    expect(svg).toMatch(/^<svg [^>]*role="img"[^>]*aria-label="Retention by cohort"/);
    expect(svg).toContain('<title>Retention by cohort</title>');
    expect(svg).toMatch(
      /<desc>Heat map of 2 rows by 2 columns, Retained % from 80% to 100%; 1 cell not observed yet\./,
    );
  });

  it('escapes every label', () => {
    const svg = renderHeatMap({
      title: '<script>alert(1)</script>',
      rowLabels: ['"><script>x</script>', 'A & B'],
      columnLabels: ["<img src=x onerror='y'>"],
      cells: [[1], [2]],
      valueLabel: '</text><script>',
      formatCell: (v) => `<b>${v}</b>`,
    });
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).not.toMatch(/<(script|img|b)[\s>]/);
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg).toContain('A &amp; B');
  });

  it('treats missing, short and non-finite rows as not observed, and writes no NaN', () => {
    const svg = renderHeatMap({
      title: 'Ragged',
      rowLabels: ['a', 'b', 'c'],
      columnLabels: ['0', '1'],
      cells: [[1, Number.NaN], [Number.POSITIVE_INFINITY]],
    });
    expect(xmlProblems(svg)).toEqual([]);
    expect(count(svg, 'class="cell"')).toBe(1);
    expect(count(svg, 'class="cell-missing"')).toBe(5);
    expect(svg).not.toMatch(/NaN|Infinity/);
  });

  it('survives a flat or absent domain and all-empty cells', () => {
    for (const input of [
      { ...cohortTable(1, 1), domain: [5, 5] as [number, number] },
      {
        ...cohortTable(2, 2),
        cells: [
          [null, null],
          [null, null],
        ],
      },
      { ...cohortTable(2, 2), domain: [Number.NaN, 1] as [number, number] },
    ]) {
      const svg = renderHeatMap(input);
      expect(xmlProblems(svg)).toEqual([]);
      expect(svg).not.toMatch(/NaN|Infinity/);
    }
  });

  it('draws "No data" for no rows or no columns', () => {
    for (const input of [cohortTable(0, 5), cohortTable(5, 0)]) {
      const svg = renderHeatMap(input);
      expect(xmlProblems(svg)).toEqual([]);
      expect(svg).toContain('No data');
      expect(svg).not.toContain('class="cell');
    }
  });
});
