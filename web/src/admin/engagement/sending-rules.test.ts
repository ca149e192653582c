import { describe, expect, it } from 'vitest';
import { checkSendingRules } from './sending-rules';

const form = (over: Partial<Record<string, string>> = {}) => ({
  maxMarketingPerWindow: '3',
  windowDays: '7',
  globalControlPercent: '0',
  ...over,
});

describe('checkSendingRules', () => {
  it('turns good input into numbers, a decimal comma included', () => {
    expect(checkSendingRules(form({ globalControlPercent: '12,5' }))).toEqual({
      ok: true,
      rules: { maxMarketingPerWindow: 3, windowDays: 7, globalControlPercent: 12.5 },
    });
    expect(
      checkSendingRules(form({ maxMarketingPerWindow: '0', globalControlPercent: '50' })),
    ).toMatchObject({ ok: true, rules: { maxMarketingPerWindow: 0, globalControlPercent: 50 } });
  });

  it('says what is wrong with each field', () => {
    expect(checkSendingRules(form({ globalControlPercent: '60' }))).toEqual({
      ok: false,
      issues: { globalControlPercent: 'Between 0 and 50 percent.' },
    });
    expect(checkSendingRules(form({ globalControlPercent: '-1' })).ok).toBe(false);
    expect(checkSendingRules(form({ globalControlPercent: 'x' }))).toEqual({
      ok: false,
      issues: { globalControlPercent: 'Enter a percentage (0 for no control group).' },
    });
    expect(checkSendingRules(form({ globalControlPercent: '2.55' }))).toEqual({
      ok: false,
      issues: { globalControlPercent: 'At most one decimal place, such as 5 or 2.5.' },
    });
    expect(checkSendingRules(form({ maxMarketingPerWindow: '1.5', windowDays: '0' }))).toEqual({
      ok: false,
      issues: { maxMarketingPerWindow: 'Use a whole number.', windowDays: 'Between 1 and 365.' },
    });
    expect(checkSendingRules(form({ windowDays: '' }))).toEqual({
      ok: false,
      issues: { windowDays: 'Enter a number of days.' },
    });
  });
});
