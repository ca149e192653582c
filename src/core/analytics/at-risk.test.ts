import { describe, expect, it } from 'vitest';
import {
  LIFECYCLE_AT_RISK,
  RFM_AT_RISK,
  atRiskDefinitions,
  clvAtRiskDefinition,
} from './at-risk.js';
import { DEFAULT_LIFECYCLE_THRESHOLDS, lifecycleStageOf } from './lifecycle.js';
import { SCORES, fmScore, segmentOf } from './rfm-segments.js';

describe('at-risk definitions', () => {
  it('states the RFM rule the segment table applies: R ≤ 2 and FM 3–4, over all 125 triples', () => {
    expect(RFM_AT_RISK.rule).toBe('R ≤ 2, FM 3–4 (scores 1–5 against the other buyers)');
    for (const r of SCORES)
      for (const f of SCORES)
        for (const m of SCORES) {
          const fm = fmScore(f, m);
          expect(segmentOf(r, f, m) === 'at_risk', `${r}${f}${m}`).toBe(
            r <= 2 && fm >= 3 && fm <= 4,
          );
        }
  });

  it('states the lifecycle window the stages apply: recency 91 to 180 days by default', () => {
    expect(LIFECYCLE_AT_RISK.rule).toBe('last purchase 91–180 days ago');
    const stage = (recencyDays: number) =>
      lifecycleStageOf({ firstPurchaseAgeDays: 400, recencyDays }, DEFAULT_LIFECYCLE_THRESHOLDS);
    expect([90, 91, 180, 181].map(stage)).toEqual(['active', 'at_risk', 'at_risk', 'lapsed']);
  });

  it('names the CLV list by the default share or by the threshold asked for', () => {
    expect(clvAtRiskDefinition(null).rule).toBe(
      'the 10 % of repeat buyers with the lowest P(alive)',
    );
    expect(clvAtRiskDefinition(0.7).rule).toBe('repeat buyers with P(alive) below 70 %');
    expect(atRiskDefinitions().map((d) => d.notion)).toEqual(['rfm', 'lifecycle', 'clv']);
  });
});
