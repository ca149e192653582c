import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderGroupedBarChart } from './bar-chart.js';
import { renderHeatMap } from './heat-map.js';
import { renderLineChart } from './line-chart.js';
import { attributeValues, xmlProblems } from './xml.test-support.js';

// Whatever a customer names a segment or channel, and whatever numbers arrive, the picture is
// well-formed XML, carries no markup of theirs and no NaN or Infinity in its geometry.
const label = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(
    '<script>alert(1)</script>',
    '"><svg onload=x>',
    '&amp;',
    ']]>',
    '\u0000\u001b[31m',
    '\uD800',
  ),
);
const anyNumber = fc.oneof(
  fc.double(),
  fc.integer({ min: -1000, max: 1000 }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, -0, 1e300),
);

// Each run draws a whole chart from random input: enough runs to find edge cases, few enough to stay quick.
const RUNS = 60;

const expectSafe = (svg: string) => {
  expect(xmlProblems(svg)).toEqual([]);
  for (const value of attributeValues(svg)) expect(value).not.toMatch(/NaN|Infinity/);
  expect(svg).not.toMatch(/<(script|img|b|svg onload)[\s>]/);
};

describe('every chart, whatever its input', () => {
  it('heat map', () => {
    fc.assert(
      fc.property(
        label,
        fc.array(label, { maxLength: 6 }),
        fc.array(label, { maxLength: 6 }),
        fc.array(fc.array(fc.option(anyNumber), { maxLength: 7 }), { maxLength: 7 }),
        fc.option(fc.tuple(anyNumber, anyNumber), { nil: undefined }),
        (title, rowLabels, columnLabels, cells, domain) =>
          expectSafe(
            renderHeatMap({ title, rowLabels, columnLabels, cells, valueLabel: title, domain }),
          ),
      ),
      { numRuns: RUNS },
    );
  });

  it('line chart', () => {
    const point = fc.record({ x: anyNumber, y: anyNumber });
    fc.assert(
      fc.property(
        label,
        fc.array(
          fc.record({
            name: label,
            points: fc.array(point, { maxLength: 8 }),
            dashed: fc.boolean(),
          }),
          {
            maxLength: 16,
          },
        ),
        fc.option(fc.tuple(anyNumber, anyNumber), { nil: undefined }),
        (title, series, yDomain) =>
          expectSafe(renderLineChart({ title, xLabel: title, yLabel: title, series, yDomain })),
      ),
      { numRuns: RUNS },
    );
  });

  it('bar chart', () => {
    fc.assert(
      fc.property(
        label,
        fc.array(label, { maxLength: 12 }),
        fc.array(fc.record({ name: label, values: fc.array(anyNumber, { maxLength: 12 }) }), {
          maxLength: 4,
        }),
        (title, categories, series) =>
          expectSafe(
            renderGroupedBarChart({ title, xLabel: title, yLabel: title, categories, series }),
          ),
      ),
      { numRuns: RUNS },
    );
  });
});
