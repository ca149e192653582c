import { formatNumber, formatPercent } from '../../shared/format';
import { Loaded } from '../ui';
import { combine } from './combine';
import { addDays, formatMonth } from './dates';
import { KpiCard } from './kpi-card';
import { describeChange, formatMoneyShort } from './numbers';
import { useCampaignEffect, useKpis, useMonthlyRetention, type DayWindow } from './queries';
import { RevenueSplitCard } from './revenue-split-card';
import type { CampaignEffect, Kpis, RetentionReport } from './types';

const more = { unit: 'percent', higherIsBetter: true } as const;

const MemberCards = ({ now, before }: { now: Kpis; before: Kpis }) => (
  <>
    <KpiCard
      title="Members"
      value={formatNumber(now.members)}
      previous={formatNumber(before.members)}
      change={describeChange(now.members, before.members, more)}
      definition="Customers enrolled by the last day of the period. Imported customers count from their first imported order."
    >
      <p className="kpi-detail">{formatNumber(now.newMembers)} joined in the period</p>
    </KpiCard>
    <KpiCard
      title="Points liability"
      value={`${formatNumber(now.balances.outstandingPoints)} pts`}
      previous={`${formatNumber(before.balances.outstandingPoints)} pts`}
      change={describeChange(now.balances.outstandingPoints, before.balances.outstandingPoints, {
        unit: 'percent',
        higherIsBetter: null,
      })}
      definition="Points members hold at the end of the period (earned, not yet redeemed or expired), and what they would cost if all were redeemed."
    >
      <p className="kpi-detail">
        worth {formatMoneyShort(now.balances.outstandingValueMinor, now.currency)} (was{' '}
        {formatMoneyShort(before.balances.outstandingValueMinor, before.currency)})
      </p>
    </KpiCard>
    <KpiCard
      title="Points issued"
      value={`${formatNumber(now.points.issued.byOrderDate)} pts`}
      previous={`${formatNumber(before.points.issued.byOrderDate)} pts`}
      change={describeChange(now.points.issued.byOrderDate, before.points.issued.byOrderDate, more)}
      definition="Points earned on the period's orders, dated by when the order was placed, pending ones included. By ledger date counts them when the ledger recorded them: for orders recorded after their return window (imports), when that window ended. Redemption rate and breakage divide by the ledger-date figure."
    >
      <p className="kpi-detail">
        {formatNumber(now.points.issued.byOrderDatePending)} still pending ·{' '}
        {formatNumber(now.points.issued.byLedgerDate)} by ledger date
      </p>
    </KpiCard>
  </>
);

const BuyerCards = ({ effect }: { effect: CampaignEffect }) => {
  const { current: now, baseline: before, currency } = effect;
  const basket = (minor: number | null) =>
    minor === null ? '–' : formatMoneyShort(minor, currency);
  return (
    <>
      <KpiCard
        title="Active customers (buyers)"
        value={formatNumber(now.all.buyers)}
        previous={formatNumber(before.all.buyers)}
        change={describeChange(now.all.buyers, before.all.buyers, more)}
        definition="Customers with at least one purchase in the period. Orders returned in full and orders in other currencies do not count."
      >
        <p className="kpi-detail">
          {formatNumber(now.new.buyers)} new · {formatNumber(now.returning.buyers)} returning
        </p>
      </KpiCard>
      <KpiCard
        title="Average basket"
        value={basket(now.all.averageOrderValueMinor)}
        previous={basket(before.all.averageOrderValueMinor)}
        change={describeChange(
          now.all.averageOrderValueMinor,
          before.all.averageOrderValueMinor,
          more,
        )}
        definition="Net revenue per order in the period: order totals less returns, divided by the number of orders."
      >
        <p className="kpi-detail">{formatNumber(now.all.orders)} orders</p>
      </KpiCard>
    </>
  );
};

/**
 * The last calendar month that ends on or before the window's last day and that the data covers
 * in full, and the month before.
 */
const lastFullMonths = (report: RetentionReport, to: string) => {
  const full = report.periods.filter((p) => !p.partial && p.end <= addDays(to, 1));
  return { now: full.at(-1) ?? null, before: full.at(-2) ?? null };
};

const RepeatRateCard = ({ report, to }: { report: RetentionReport; to: string }) => {
  const { now, before } = lastFullMonths(report, to);
  return (
    <KpiCard
      title={`Repeat-purchase rate${now ? `, ${formatMonth(now.start)}` : ''}`}
      value={formatPercent(now?.repeatPurchaseRatePct)}
      previous={
        before
          ? `${formatPercent(before.repeatPurchaseRatePct)} in ${formatMonth(before.start)}`
          : '–'
      }
      change={describeChange(
        now?.repeatPurchaseRatePct ?? null,
        before?.repeatPurchaseRatePct ?? null,
        { unit: 'points', higherIsBetter: true },
      )}
      definition="Share of a month's buyers who bought on two or more different days that month. A calendar-month figure: the last full month up to the end date."
    >
      {now && (
        <p className="kpi-detail">
          {formatNumber(now.repeatBuyers)} of {formatNumber(now.buyers.total)} buyers
        </p>
      )}
    </KpiCard>
  );
};

/** The overview's headline figures for `current` against the window of equal length before it. */
export const OverviewKpis = ({
  current,
  previous,
  trend,
}: {
  current: DayWindow;
  previous: DayWindow;
  /** The CRR trend's request; the repeat rate is read from the same report (one request). */
  trend: DayWindow & { activeDays?: number };
}) => {
  const kpisNow = useKpis(current);
  const kpisBefore = useKpis(previous);
  const effect = useCampaignEffect(current);
  const retention = useMonthlyRetention(trend);
  return (
    <div className="kpi-grid">
      <Loaded query={effect} what="buyers and revenue">
        {(e) => (
          <>
            <BuyerCards effect={e} />
            <RevenueSplitCard effect={e} />
          </>
        )}
      </Loaded>
      <Loaded query={retention} what="repeat-purchase rate">
        {(r) => <RepeatRateCard report={r} to={current.to} />}
      </Loaded>
      <Loaded query={combine(kpisNow, kpisBefore)} what="members and points">
        {([now, before]) => <MemberCards now={now} before={before} />}
      </Loaded>
    </div>
  );
};
