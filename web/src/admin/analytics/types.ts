/**
 * The shapes of the /v1/analytics responses the dashboard reads (see GET /openapi.json), only the
 * fields it uses. Money is in minor units of `currency`; percentages are 0–100.
 */

export interface AnalyticsRange {
  firstPurchaseDay: string | null;
  lastPurchaseDay: string | null;
  today: string;
  timeZone: string;
  currency: string;
}

export interface Kpis {
  from: string;
  to: string;
  currency: string;
  members: number;
  newMembers: number;
  buyers: number;
  activeMembers: number;
  balances: { at: string; outstandingPoints: number; outstandingValueMinor: number };
}

export interface BuyerGroup {
  buyers: number;
  orders: number;
  revenueMinor: number;
  averageOrderValueMinor: number | null;
}

export interface CampaignWindow {
  from: string;
  to: string;
  all: BuyerGroup;
  new: BuyerGroup;
  returning: BuyerGroup;
}

export interface CampaignEffect {
  currency: string;
  days: number;
  current: CampaignWindow;
  baseline: CampaignWindow;
}

export interface RetentionPeriod {
  start: string;
  end: string;
  customers: { atStart: number; atEnd: number; new: number; churned: number };
  retentionRatePct: number | null;
  churnRatePct: number | null;
  buyers: { total: number; new: number; returning: number };
  repeatBuyers: number;
  repeatPurchaseRatePct: number | null;
}

export interface RetentionReport {
  from: string;
  to: string;
  activeDays: number;
  currency: string;
  periods: RetentionPeriod[];
}

export type Granularity = 'month' | 'quarter';

export interface CohortCell {
  offset: number;
  start: string;
  customers: number | null;
  retentionPct: number | null;
  partial: boolean;
}

export interface CohortReport {
  granularity: Granularity;
  observedUntil: string | null;
  offsets: number;
  cohorts: { start: string; end: string; customers: number; cells: CohortCell[] }[];
  /** Size-weighted retention of all cohorts at each offset, from fully observed cells only. */
  average: { offset: number; retentionPct: number | null; cohorts: number; customers: number }[];
}

export interface StageCount {
  stage: 'prospect' | 'new' | 'active' | 'at_risk' | 'lapsed' | 'lost';
  customers: number;
  sharePercent: number | null;
}

export interface RfmSummary {
  asOf: string | null;
  computedAt: string | null;
  currency: string;
  customers: number;
  withPurchases: number;
  notRefreshed: number;
  segments: {
    segment: string;
    label: string;
    customers: number;
    sharePercent: number | null;
    avgRecencyDays: number | null;
    avgFrequency: number | null;
    avgMonetaryMinor: number | null;
  }[];
  rfGrid: { r: number; f: number; customers: number }[];
}

export interface LifecycleFunnel {
  asOf: string | null;
  customers: number;
  stages: StageCount[];
}

export interface ValuedCustomer {
  customerId: string;
  name: string | null;
  email: string | null;
  clvMinor: number | null;
  pAlive: number | null;
  expectedPurchases: number | null;
  monetaryMinor: number;
  frequency: number;
  lastPurchaseAt: string | null;
}

export interface ClvRun {
  model: string;
  customers: number;
  repeatBuyers: number;
  calibrationEnd: string;
  horizonWeeks: number;
  annualDiscountRate: number;
  details: Record<string, unknown>;
  fittedAt: string;
}

export interface ClvOverview {
  run: ClvRun | null;
  distribution: {
    customersWithClv: number;
    totalMinor: number;
    meanMinor: number | null;
    medianMinor: number | null;
    p90Minor: number | null;
    buckets: { fromMinor: number; toMinor: number | null; customers: number }[];
  };
  topCustomers: ValuedCustomer[];
}
