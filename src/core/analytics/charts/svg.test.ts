import { describe, expect, it } from 'vitest';
import { escapeXml, idPrefix, noDataSvg, num, textWidth, truncate } from './svg.js';
import { xmlProblems } from './xml.test-support.js';

describe('escapeXml', () => {
  it('escapes the five XML specials', () => {
    expect(escapeXml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&apos;y&apos;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('replaces characters XML forbids and keeps the rest', () => {
    expect(escapeXml('a\u0000b\u001bc\uFFFEd')).toBe('a\uFFFDb\uFFFDc\uFFFDd');
    expect(escapeXml('lone \uD800 and \uDC00')).toBe('lone \uFFFD and \uFFFD');
    expect(escapeXml('tab\tnew\nline, café, 東京, 🎉')).toBe('tab\tnew\nline, café, 東京, 🎉');
  });
});

describe('num', () => {
  it('rounds to two decimals and never writes NaN or Infinity', () => {
    expect(num(1.23456)).toBe('1.23');
    expect(num(-0.001)).toBe('0');
    expect(num(Number.NaN)).toBe('0');
    expect(num(Number.POSITIVE_INFINITY)).toBe('0');
    expect(num(-1e306)).toBe('-1000000');
  });
});

describe('text layout', () => {
  it('truncates with an ellipsis to fit a width', () => {
    const long = 'A very long cohort name that goes on and on';
    const short = truncate(long, 100, 12);
    expect(short.endsWith('…')).toBe(true);
    expect(textWidth(short, 12)).toBeLessThanOrEqual(100);
    expect(truncate('short', 100, 12)).toBe('short');
  });
});

describe('ids and the no-data picture', () => {
  it('gives the same input the same id prefix', () => {
    expect(idPrefix('abc')).toBe(idPrefix('abc'));
    expect(idPrefix('abc')).not.toBe(idPrefix('abd'));
    expect(idPrefix('abc')).toMatch(/^rg[0-9a-z]+$/);
  });

  it('draws a well-formed, labelled "No data" picture', () => {
    const svg = noDataSvg('Retention <b>');
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toContain('No data');
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-label="Retention &lt;b&gt;"');
  });
});
