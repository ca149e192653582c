import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { client, unwrap } from '../../shared/api';
import { formatMoney, formatNumber } from '../../shared/format';
import { Empty, ErrorNotice, Loaded, Panel } from '../ui';
import { METRIC_LABELS } from './forms';
import { useProgramme } from './shared';
import { TierEditor } from './tier-editor';
import type { TierMetric, TierPolicy } from './types';

const describeWindow = (policy: TierPolicy) =>
  policy.window.kind === 'calendarYear'
    ? 'the calendar year'
    : `the last ${formatNumber(policy.window.days)} days`;

const formatThreshold = (metric: TierMetric, value: number, currency: string | undefined) =>
  metric === 'spend'
    ? currency
      ? formatMoney(value, currency)
      : '…'
    : `${formatNumber(value)} ${metric === 'points' ? 'points' : 'orders'}`;

const formatMembers = (members: number | undefined, failed: boolean) =>
  failed ? 'unavailable' : members === undefined ? '…' : formatNumber(members);

/** The tier policy and tiers (GET /v1/tiers) with members per tier (GET /v1/tiers/members). */
export const TiersSection = () => {
  const [editing, setEditing] = useState(false);
  const config = useQuery({
    queryKey: ['tiers'],
    queryFn: ({ signal }) => unwrap(client.GET('/v1/tiers', { signal })),
  });
  const counts = useQuery({
    queryKey: ['tier-members'],
    queryFn: ({ signal }) =>
      unwrap(client.GET('/v1/tiers/members', { params: { query: { limit: 1 } }, signal })),
  });
  const programme = useProgramme();
  const currency = programme.data?.currency;
  const membersOf = (code: string) => counts.data?.counts.find((c) => c.code === code)?.members;

  return (
    <Loaded query={config} what="tiers">
      {(c) => (
        <>
          <Panel
            title="Tiers"
            actions={
              !editing && (
                <button type="button" className="secondary" onClick={() => setEditing(true)}>
                  Edit tiers
                </button>
              )
            }
          >
            {c.policy && (
              <p>
                Members qualify by <strong>{METRIC_LABELS[c.policy.metric].toLowerCase()}</strong>{' '}
                over {describeWindow(c.policy)}; a tier is reviewed{' '}
                {formatNumber(c.policy.graceDays)} days after its period ends.
              </p>
            )}
            {counts.error && <ErrorNotice error={counts.error} />}
            {c.tiers.length === 0 || !c.policy ? (
              <Empty>No tiers configured.</Empty>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th className="num">Rank</th>
                    <th>Code</th>
                    <th>Name</th>
                    <th className="num">Threshold</th>
                    <th className="num">Earn multiplier</th>
                    <th>Benefits</th>
                    <th className="num">Members</th>
                  </tr>
                </thead>
                <tbody>
                  {c.tiers.map((t) => (
                    <tr key={t.code}>
                      <td className="num">{t.rank}</td>
                      <td>
                        <code>{t.code}</code>
                      </td>
                      <td>{t.name}</td>
                      <td className="num">
                        {formatThreshold(c.policy?.metric ?? 'points', t.threshold, currency)}
                      </td>
                      <td className="num">{t.earnMultiplierPercent} %</td>
                      <td>{t.benefits.length > 0 ? t.benefits.join('; ') : '–'}</td>
                      <td className="num">
                        {formatMembers(membersOf(t.code), counts.error !== null)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Panel>
          {editing && programme.error && <ErrorNotice error={programme.error} />}
          {editing && currency && (
            <TierEditor config={c} currency={currency} onClose={() => setEditing(false)} />
          )}
        </>
      )}
    </Loaded>
  );
};
