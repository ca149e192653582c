import { campaignEffectFromQuery } from '../../core/analytics/campaign-effect.js';
import { CampaignEffectQuerySchema } from '../../core/analytics/periods.js';
import { campaignEffectQueries } from '../../app/analytics.js';
import { writeReport } from './output.js';
import {
  ReportOptionError,
  formatOf,
  parseOptions,
  money,
  pct,
  filterInput,
  type OutputOptions,
  type FilterOptions,
  type ReportContext,
} from './report-options.js';

/** `regulars report campaign`: buyers and revenue in a date window against the window before. */
export const campaign = async (ctx: ReportContext, options: FilterOptions & OutputOptions) => {
  if (!options.from || !options.to)
    throw new ReportOptionError('--from and --to: the campaign window is required');
  const query = parseOptions(CampaignEffectQuerySchema, {
    from: options.from,
    to: options.to,
    ...filterInput(options),
  });
  const report = await campaignEffectFromQuery(
    { campaignEffect: campaignEffectQueries(ctx.db), programme: ctx.programme },
    query,
  );
  const groups = ['all', 'new', 'returning'] as const;
  const figures = {
    buyers: 'buyers',
    orders: 'orders',
    revenueMinor: `revenue ${ctx.programme.currency}`,
    averageOrderValueMinor: `average order ${ctx.programme.currency}`,
  } as const;
  const isMoney = (figure: string) => figure.endsWith('Minor');
  const rows = groups.flatMap((group) =>
    (Object.keys(figures) as (keyof typeof figures)[]).map((figure) => ({
      figure: `${group === 'all' ? 'All' : group === 'new' ? 'New' : 'Returning'} ${figures[figure]}`,
      campaign: report.current[group][figure],
      baseline: report.baseline[group][figure],
      change: report.change[group][figure].percent,
      money: isMoney(figure),
    })),
  );
  const show = (v: unknown, row?: { money?: boolean }) =>
    row?.money ? money(v) : typeof v === 'number' ? String(v) : '';
  await writeReport({
    format: formatOf(options),
    json: report,
    title: `Campaign ${report.current.from} to ${report.current.to} (${report.days} days) against ${report.baseline.from} to ${report.baseline.to}`,
    columns: [
      { key: 'figure', label: 'Figure', align: 'left' },
      { key: 'campaignText', label: 'Campaign' },
      { key: 'baselineText', label: 'Window before' },
      { key: 'change', label: 'Change', format: pct },
    ],
    rows: rows.map((r) => ({
      ...r,
      campaignText: show(r.campaign, r),
      baselineText: show(r.baseline, r),
    })),
    out: process.stdout,
  });
};
