import { describe, expect, it } from 'vitest';
import { describeSkippedRows, skippedRowsTally } from './skipped-rows.js';

describe('skipped rows', () => {
  it('counts by reason, most frequent first, keeping the first five lines of each', () => {
    const tally = skippedRowsTally();
    tally.skip('bad date', 4);
    for (const line of [3, 7, 9, 10, 12, 15, 20]) tally.skip('no customer id', line);
    expect(tally.summary()).toEqual({
      total: 8,
      byReason: { 'no customer id': 7, 'bad date': 1 },
      firstLines: { 'no customer id': [3, 7, 9, 10, 12], 'bad date': [4] },
    });
    expect(describeSkippedRows(tally.summary())).toBe(
      '8 rows left out: no customer id 7 (lines 3, 7, 9, 10, 12, …); bad date 1 (line 4)',
    );
  });

  it('says nothing when nothing was left out', () => {
    expect(describeSkippedRows(skippedRowsTally().summary())).toBe('');
  });
});
