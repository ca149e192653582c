import { formatPercent } from '../../shared/format';
import { KpiCard } from './kpi-card';
import { describeChange, formatMoneyShort } from './numbers';
import type { CampaignEffect } from './types';

const shareOf = (part: number, total: number) => (total === 0 ? null : (part / total) * 100);

/**
 * Revenue in the period, split into customers buying for the first time ever and everyone else,
 * with each group's share of the revenue and its change against the previous period.
 */
export const RevenueSplitCard = ({ effect }: { effect: CampaignEffect }) => {
  const { current: now, baseline: before, currency } = effect;
  const money = (minor: number) => formatMoneyShort(minor, currency);
  const rows = [
    { label: 'New customers', now: now.new, before: before.new },
    { label: 'Returning customers', now: now.returning, before: before.returning },
  ];
  return (
    <KpiCard
      title="Revenue: new vs returning"
      value={money(now.all.revenueMinor)}
      previous={money(before.all.revenueMinor)}
      change={describeChange(now.all.revenueMinor, before.all.revenueMinor, {
        unit: 'percent',
        higherIsBetter: true,
      })}
      definition="Net revenue (returns deducted). New: the customer's first purchase ever falls in the period. Returning: everyone else who bought."
    >
      <table className="kpi-split">
        <caption className="visually-hidden">Revenue by new and returning customers</caption>
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col" className="num">
              Revenue
            </th>
            <th scope="col" className="num">
              Share
            </th>
            <th scope="col" className="num">
              Change
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const change = describeChange(row.now.revenueMinor, row.before.revenueMinor, {
              unit: 'percent',
              higherIsBetter: true,
            });
            const share = shareOf(row.now.revenueMinor, now.all.revenueMinor);
            const shareBefore = shareOf(row.before.revenueMinor, before.all.revenueMinor);
            return (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                <td className="num">{money(row.now.revenueMinor)}</td>
                <td className="num" title={`Previous period: ${formatPercent(shareBefore, 0)}`}>
                  {formatPercent(share, 0)}
                </td>
                <td className={`num ${change.tone}`} title={change.spoken}>
                  {change.text}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </KpiCard>
  );
};
