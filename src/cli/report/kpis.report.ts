import { programmeKpis } from '../../core/analytics/kpis.js';
import { systemClock } from '../../core/shared/clock.js';
import { kpiSource } from '../../app/analytics.js';
import { writeReport } from './output.js';
import { formatOf, money, pct, type OutputOptions, type ReportContext } from './report-options.js';

/** `regulars report kpis`: members, activity, points, breakage and liability. */
export const kpis = async (
  ctx: ReportContext,
  options: OutputOptions & { from?: string; to?: string },
) => {
  const result = await programmeKpis(
    { kpis: kpiSource(ctx.db), clock: systemClock, programme: ctx.programme },
    { ...(options.from ? { from: options.from } : {}), ...(options.to ? { to: options.to } : {}) },
  );
  const rows = [
    ['Members (end)', result.members],
    ['New members', result.newMembers],
    ['Enrolment rate', pct(result.enrolmentRatePercent)],
    ['Buyers', result.buyers],
    ['Active members', result.activeMembers],
    ['Points issued, by ledger date', result.points.issued.byLedgerDate],
    ['Points issued, by order date', result.points.issued.byOrderDate],
    ['  of which still pending', result.points.issued.byOrderDatePending],
    ['Points reversed by returns', result.points.reversedByReturns],
    ['Points redeemed', result.points.redeemed],
    ['Points expired', result.points.expired],
    ['Redemption rate (of issued by ledger date)', pct(result.points.redemptionRatePercent)],
    ['Breakage (of issued by ledger date)', pct(result.points.breakagePercent)],
    ['Outstanding points', result.balances.outstandingPoints],
    [`Outstanding liability ${result.currency}`, money(result.balances.outstandingValueMinor)],
    ['Pending points', result.balances.pendingPoints],
  ].map(([figure, value]) => ({ figure, value }));
  await writeReport({
    format: formatOf(options),
    json: result,
    title: `Programme KPIs ${result.from} to ${result.to} (${result.timeZone})`,
    columns: [
      { key: 'figure', label: 'Figure', align: 'left' },
      { key: 'value', label: 'Value', align: 'right' },
    ],
    rows,
    out: process.stdout,
  });
};
