import { CustomerLink } from '../customer/customer-link';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { client, unwrap } from '../../shared/api';
import { formatNumber, formatPercent } from '../../shared/format';
import { Empty, Loaded, Panel } from '../ui';
import type { ReferralProgrammeStats } from './types';

/** The referral programme's figures, all time or for the dates chosen. */
export const ReferralStatsPanel = () => {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const stats = useQuery({
    queryKey: ['referral-stats', from, to],
    queryFn: ({ signal }) =>
      unwrap(
        client.GET('/v1/referrals/stats', {
          params: { query: { from: from || undefined, to: to || undefined } },
          signal,
        }),
      ),
  });
  return (
    <Panel title="Referral figures">
      <form className="toolbar" aria-label="Dates counted" onSubmit={(e) => e.preventDefault()}>
        <label>
          From
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          To
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        {(from || to) && (
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setFrom('');
              setTo('');
            }}
          >
            All time
          </button>
        )}
      </form>
      <Loaded query={stats} what="referral figures">
        {(s) => <ReferralFigures stats={s} windowed={Boolean(from || to)} />}
      </Loaded>
    </Panel>
  );
};

const isEmpty = (s: ReferralProgrammeStats) =>
  s.referrals.total === 0 &&
  s.referrals.converted === 0 &&
  s.referrals.reversed === 0 &&
  s.pointsAwarded.reversed === 0;

const ReferralFigures = ({
  stats,
  windowed,
}: {
  stats: ReferralProgrammeStats;
  windowed: boolean;
}) => {
  if (isEmpty(stats))
    return <Empty>{windowed ? 'No referrals in these dates.' : 'No referrals yet.'}</Empty>;
  const { referrals, pointsAwarded } = stats;
  return (
    <>
      <div className="kpi-grid">
        <Tile
          title="Referrals"
          value={formatNumber(referrals.total)}
          detail={[
            `${formatNumber(referrals.pending)} pending`,
            `${formatNumber(referrals.reversed)} reversed`,
            `${formatNumber(referrals.refused)} refused`,
          ].join(' · ')}
        />
        <Tile
          title="Converted"
          value={formatNumber(referrals.converted)}
          detail="Friends’ first qualifying orders, not returned"
        />
        <Tile
          title="Conversion rate"
          value={formatPercent(stats.conversionRatePercent)}
          detail="Converted out of referrals not refused"
        />
        <Tile
          title="Points to referrers"
          value={formatNumber(pointsAwarded.referrers)}
          detail="Referral awards posted"
        />
        <Tile
          title="Points to friends"
          value={formatNumber(pointsAwarded.friends)}
          detail="Referral awards posted"
        />
        <Tile
          title="Points reversed"
          value={formatNumber(pointsAwarded.reversed)}
          detail="Taken back after returns"
        />
      </div>
      <h3>Top referrers</h3>
      <TopReferrers rows={stats.topReferrers} windowed={windowed} />
    </>
  );
};

const Tile = ({ title, value, detail }: { title: string; value: string; detail: string }) => {
  const id = useId();
  return (
    <article className="kpi-card" aria-labelledby={id}>
      <h3 id={id} className="kpi-title">
        {title}
      </h3>
      <p className="kpi-value num">{value}</p>
      <p className="kpi-detail muted">{detail}</p>
    </article>
  );
};

const TopReferrers = ({
  rows,
  windowed,
}: {
  rows: ReferralProgrammeStats['topReferrers'];
  windowed: boolean;
}) =>
  rows.length === 0 ? (
    <Empty>{windowed ? 'No conversions in these dates.' : 'No conversions yet.'}</Empty>
  ) : (
    <table>
      <thead>
        <tr>
          <th>Member</th>
          <th>E-mail</th>
          <th className="num">Converted</th>
          <th className="num">Referrer points</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.customerId}>
            <td>
              <CustomerLink id={r.customerId} />
            </td>
            <td>{r.email ?? '–'}</td>
            <td className="num">{formatNumber(r.converted)}</td>
            <td className="num">{formatNumber(r.pointsEarned)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
