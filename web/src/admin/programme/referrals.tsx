import { CustomerLink } from '../customer/customer-link';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { client, unwrap } from '../../shared/api';
import { formatDate, formatNumber } from '../../shared/format';
import { Empty, ErrorNotice, Loaded, Panel } from '../ui';
import { ReferralSettingsForm } from './referral-settings';
import { ReferralStatsPanel } from './referral-stats';
import { StatusBadge } from './shared';
import { REFERRAL_STATUSES, type ReferralStatus } from './types';

/** The referral programme: its terms (GET/PUT /v1/referrals/settings), figures, referrals made. */
export const ReferralsSection = () => {
  const settings = useQuery({
    queryKey: ['referral-settings'],
    queryFn: ({ signal }) => unwrap(client.GET('/v1/referrals/settings', { signal })),
  });
  return (
    <>
      <Panel title="Referral settings">
        <Loaded query={settings} what="referral settings">
          {(s) => <ReferralSettingsForm settings={s} />}
        </Loaded>
      </Panel>
      <ReferralStatsPanel />
      <ReferralList />
    </>
  );
};

/** Referrals newest first (GET /v1/referrals), a page at a time. */
const ReferralList = () => {
  const [status, setStatus] = useState<ReferralStatus | ''>('');
  const pages = useInfiniteQuery({
    queryKey: ['referrals', status],
    queryFn: ({ signal, pageParam }) =>
      unwrap(
        client.GET('/v1/referrals', {
          params: { query: { status: status || undefined, limit: 50, cursor: pageParam } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const list = pages.data?.pages.flatMap((p) => p.referrals);
  return (
    <Panel title="Referrals">
      <div className="toolbar">
        <label>
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value as ReferralStatus | '')}>
            <option value="">All</option>
            {REFERRAL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Loaded query={{ ...pages, data: list }} what="referrals">
        {(rows) =>
          rows.length === 0 ? (
            <Empty>{status ? `No ${status} referrals.` : 'No referrals yet.'}</Empty>
          ) : (
            <>
              <table>
                <thead>
                  <tr>
                    <th>Made</th>
                    <th>Referrer</th>
                    <th>Friend</th>
                    <th>Code</th>
                    <th>Status</th>
                    <th>Reason</th>
                    <th className="num">Referrer points</th>
                    <th className="num">Friend points</th>
                    <th>Converted</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.id}>
                      <td className="prog-nowrap">{formatDate(r.createdAt)}</td>
                      <td>{r.referrerId ? <CustomerLink id={r.referrerId} /> : '–'}</td>
                      <td>
                        <CustomerLink id={r.referredId} />
                      </td>
                      <td>
                        <code>{r.code}</code>
                      </td>
                      <td>
                        <StatusBadge status={r.status} />
                      </td>
                      <td>{r.reason ?? ''}</td>
                      <td className="num">{formatNumber(r.referrerPoints)}</td>
                      <td className="num">{formatNumber(r.friendPoints)}</td>
                      <td className="prog-nowrap">
                        {r.convertedAt ? formatDate(r.convertedAt) : '–'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {pages.error && <ErrorNotice error={pages.error} />}
              {pages.hasNextPage && (
                <button
                  type="button"
                  className="secondary"
                  disabled={pages.isFetchingNextPage}
                  onClick={() => void pages.fetchNextPage()}
                >
                  {pages.isFetchingNextPage ? 'Loading…' : 'Show more referrals'}
                </button>
              )}
            </>
          )
        }
      </Loaded>
    </Panel>
  );
};
