import { DEFAULT_LIFECYCLE_THRESHOLDS } from './lifecycle.js';
import { RFM_SEGMENT_RULES, type ScoreRange } from './rfm-segments.js';

/**
 * Three figures answer "who is at risk", from three different readings of a customer's history.
 * Each is defined here once: the RFM segment and the lifecycle stage take their thresholds from
 * the tables their SQL is generated from, the CLV list from the constants below, and the API hands
 * these texts to the dashboard so every panel says the same thing about the other two.
 */
export const AT_RISK_NOTIONS = ['rfm', 'lifecycle', 'clv'] as const;
export type AtRiskNotion = (typeof AT_RISK_NOTIONS)[number];

export interface AtRiskDefinition {
  notion: AtRiskNotion;
  name: string;
  /** The rule with its thresholds, short enough for a caption. */
  rule: string;
  /** One plain sentence: who this finds. */
  explanation: string;
}

/** A repeat buyer: bought on at least this many different days (the `frequency` of analytics). */
export const CLV_AT_RISK_MIN_PURCHASE_DAYS = 2;

/**
 * By default the CLV list is the tenth of repeat buyers the fitted model finds least likely to be
 * active. A fixed probability depends on the fit: on Online Retail the BG/NBD puts every repeat
 * buyer at P(alive) ≥ 0.6, so a 50 % threshold finds nobody, while a share always names the
 * customers most likely gone, and a tenth is a usual size for a win-back campaign.
 */
export const CLV_AT_RISK_DEFAULT_SHARE = 0.1;

const range = (label: string, [min, max]: ScoreRange) =>
  min === max ? `${label} = ${min}` : min === 1 ? `${label} ≤ ${max}` : `${label} ${min}–${max}`;

const rfmRule = (): string => {
  const rules = RFM_SEGMENT_RULES.filter((r) => r.segment === 'at_risk');
  return rules.map((r) => `${range('R', r.r)}, ${range('FM', r.fm)}`).join(' or ');
};

const percent = (share: number) => `${Math.round(share * 100)} %`;

export const RFM_AT_RISK: AtRiskDefinition = {
  notion: 'rfm',
  name: 'At risk (RFM)',
  rule: `${rfmRule()} (scores 1–5 against the other buyers)`,
  explanation:
    'Bought often or spent well, but longer ago than most buyers: ranked against the others, not by a number of days.',
};

const t = DEFAULT_LIFECYCLE_THRESHOLDS;

export const LIFECYCLE_AT_RISK: AtRiskDefinition = {
  notion: 'lifecycle',
  name: 'At risk (lifecycle)',
  rule: `last purchase ${t.activeDays + 1}–${t.atRiskDays} days ago`,
  explanation:
    'Judged by the days since the last purchase alone, however much or often they bought; this is the stage the win-back journey (customer.at_risk) announces.',
};

/** The CLV definition for the threshold in use: the default share, or a fixed probability. */
export const clvAtRiskDefinition = (maxPAlive: number | null): AtRiskDefinition => ({
  notion: 'clv',
  name: 'At risk (CLV)',
  rule:
    maxPAlive === null
      ? `the ${percent(CLV_AT_RISK_DEFAULT_SHARE)} of repeat buyers with the lowest P(alive)`
      : `repeat buyers with P(alive) below ${percent(maxPAlive)}`,
  explanation:
    'Bought on two or more days, and the fitted model finds them unlikely to still be buying, given their own usual gap between purchases.',
});

export const atRiskDefinitions = (clvMaxPAlive: number | null = null): AtRiskDefinition[] => [
  RFM_AT_RISK,
  LIFECYCLE_AT_RISK,
  clvAtRiskDefinition(clvMaxPAlive),
];
