import type { ProgrammeSettings } from '../programme/programme.js';
import { DomainError } from '../shared/errors.js';
import {
  addDaysToDate,
  averageMinor,
  daysBetween,
  filterFromQuery,
  percent,
  type AnalyticsFilter,
  type AnalyticsScope,
  type CampaignEffectQuery,
} from './periods.js';

/** Local dates, both inclusive. */
export interface DateWindow {
  from: string;
  to: string;
}

/** Longest campaign window, in days. */
export const MAX_CAMPAIGN_DAYS = 3650;

/**
 * Where the window comes from. Today it is given; a campaign (e-mail campaigns, later) will be
 * `{ kind: 'campaign', campaignId }`, resolved to its window by a port before the figures run.
 */
export type CampaignWindowSource = { kind: 'window'; window: DateWindow };

export interface BuyerGroupCounts {
  buyers: number;
  orders: number;
  revenueMinor: number;
}

/** New: first purchase ever (in the filtered purchases) inside the window. */
export interface WindowCounts {
  new: BuyerGroupCounts;
  returning: BuyerGroupCounts;
}

export interface CampaignEffectRequest {
  scope: AnalyticsScope;
  current: DateWindow;
  baseline: DateWindow;
  filter: AnalyticsFilter;
}

/** The port the database implements. */
export interface CampaignEffectSource {
  campaignCounts(
    request: CampaignEffectRequest,
  ): Promise<{ current: WindowCounts; baseline: WindowCounts }>;
}

export interface BuyerGroupFigures extends BuyerGroupCounts {
  averageOrderValueMinor: number | null;
}

export interface WindowFigures extends DateWindow {
  all: BuyerGroupFigures;
  new: BuyerGroupFigures;
  returning: BuyerGroupFigures;
}

export interface Change {
  /** current − baseline */
  absolute: number | null;
  /** (current − baseline) / baseline × 100; null when the baseline is 0 or missing. */
  percent: number | null;
}

type GroupChange = Record<keyof BuyerGroupFigures, Change>;

export interface CampaignEffectReport {
  currency: string;
  timeZone: string;
  filter: AnalyticsFilter;
  days: number;
  current: WindowFigures;
  baseline: WindowFigures;
  change: { all: GroupChange; new: GroupChange; returning: GroupChange };
}

/** The window of equal length that ends the day before the campaign's first day. */
export const baselineOf = (window: DateWindow): DateWindow => {
  const days = daysBetween(window.from, window.to) + 1;
  return { from: addDaysToDate(window.from, -days), to: addDaysToDate(window.from, -1) };
};

const figures = (c: BuyerGroupCounts): BuyerGroupFigures => ({
  ...c,
  averageOrderValueMinor: averageMinor(c.revenueMinor, c.orders),
});

const windowFigures = (window: DateWindow, c: WindowCounts): WindowFigures => ({
  ...window,
  all: figures({
    buyers: c.new.buyers + c.returning.buyers,
    orders: c.new.orders + c.returning.orders,
    revenueMinor: c.new.revenueMinor + c.returning.revenueMinor,
  }),
  new: figures(c.new),
  returning: figures(c.returning),
});

const changeOf = (current: number | null, baseline: number | null): Change =>
  current === null || baseline === null
    ? { absolute: null, percent: null }
    : { absolute: current - baseline, percent: percent(current - baseline, baseline) };

const groupChange = (current: BuyerGroupFigures, baseline: BuyerGroupFigures): GroupChange => ({
  buyers: changeOf(current.buyers, baseline.buyers),
  orders: changeOf(current.orders, baseline.orders),
  revenueMinor: changeOf(current.revenueMinor, baseline.revenueMinor),
  averageOrderValueMinor: changeOf(current.averageOrderValueMinor, baseline.averageOrderValueMinor),
});

const checkedWindow = (window: DateWindow): DateWindow => {
  if (window.from > window.to) {
    throw new DomainError(
      'invalid',
      'invalid_range',
      `from (${window.from}) is after to (${window.to})`,
      {},
      [{ path: 'from', message: 'must be on or before to' }],
    );
  }
  if (daysBetween(window.from, window.to) + 1 > MAX_CAMPAIGN_DAYS) {
    throw new DomainError(
      'invalid',
      'range_too_long',
      `A campaign window is at most ${MAX_CAMPAIGN_DAYS} days`,
      { max: MAX_CAMPAIGN_DAYS },
      [{ path: 'to', message: `at most ${MAX_CAMPAIGN_DAYS} days after from` }],
    );
  }
  return window;
};

export const campaignWindowFromQuery = (query: CampaignEffectQuery): CampaignWindowSource => ({
  kind: 'window',
  window: { from: query.from, to: query.to },
});

export interface CampaignEffectDeps {
  campaignEffect: CampaignEffectSource;
  programme: ProgrammeSettings;
}

/**
 * Buyers, orders and revenue in a campaign window, split into new and returning buyers, against
 * the window of equal length just before it, with the change.
 */
export const campaignEffectReport = async (
  deps: CampaignEffectDeps,
  input: { source: CampaignWindowSource; filter: AnalyticsFilter },
): Promise<CampaignEffectReport> => {
  const current = checkedWindow(input.source.window);
  const baseline = baselineOf(current);
  const scope = { currency: deps.programme.currency, timeZone: deps.programme.timeZone };
  const counts = await deps.campaignEffect.campaignCounts({
    scope,
    current,
    baseline,
    filter: input.filter,
  });
  const now = windowFigures(current, counts.current);
  const before = windowFigures(baseline, counts.baseline);
  return {
    ...scope,
    filter: input.filter,
    days: daysBetween(current.from, current.to) + 1,
    current: now,
    baseline: before,
    change: {
      all: groupChange(now.all, before.all),
      new: groupChange(now.new, before.new),
      returning: groupChange(now.returning, before.returning),
    },
  };
};

/** The use case as the HTTP query gives it. */
export const campaignEffectFromQuery = (deps: CampaignEffectDeps, query: CampaignEffectQuery) =>
  campaignEffectReport(deps, {
    source: campaignWindowFromQuery(query),
    filter: filterFromQuery(query),
  });
