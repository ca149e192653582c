import { useState } from 'react';
import { Link } from 'react-router';
import { formatDateTime, formatNumber } from '../../shared/format';
import { Empty, ErrorNotice, Loading, Panel } from '../ui';
import { Badge, StatusFilter, reasonWords, ScrollBox, words } from './bits';
import { useCampaigns } from './queries';
import { CAMPAIGN_STATUSES, type CampaignStatus, type ListedCampaign } from './types';

const reasons = (byReason: Record<string, number>) =>
  Object.entries(byReason)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${reasonWords(reason)}: ${formatNumber(n)}`)
    .join(', ');

/** Campaigns, newest first, with their messages counted by status (GET /v1/campaigns). */
export const CampaignList = () => {
  const [status, setStatus] = useState<CampaignStatus | ''>('');
  const campaigns = useCampaigns(status);
  const list = campaigns.data?.pages.flatMap((p) => p.campaigns) ?? [];

  return (
    <Panel title="Campaigns">
      <div className="toolbar">
        <StatusFilter statuses={CAMPAIGN_STATUSES} value={status} onChange={setStatus} />
      </div>
      {campaigns.error ? (
        <ErrorNotice error={campaigns.error} />
      ) : campaigns.isPending ? (
        <Loading what="campaigns" />
      ) : list.length === 0 ? (
        <Empty>
          {status
            ? `No ${words(status).toLowerCase()} campaigns.`
            : 'No campaign has been sent yet.'}
        </Empty>
      ) : (
        <>
          <ScrollBox label="Campaigns table">
            <table className="eng-campaigns">
              <caption className="muted">Campaigns, newest first.</caption>
              <thead>
                <tr>
                  <th scope="col">Scheduled for</th>
                  <th scope="col">Template</th>
                  <th scope="col">Segment</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Audience
                  </th>
                  <th scope="col" className="num">
                    Queued
                  </th>
                  <th scope="col" className="num">
                    In outbox
                  </th>
                  <th scope="col" className="num">
                    Sent
                  </th>
                  <th scope="col" className="num">
                    Failed
                  </th>
                  <th scope="col" className="num">
                    Suppressed
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((c) => (
                  <CampaignRow key={c.id} campaign={c} />
                ))}
              </tbody>
            </table>
          </ScrollBox>
          <div className="eng-pager">
            <span className="muted" role="status">
              {campaigns.isFetching && !campaigns.isFetchingNextPage
                ? 'Updating…'
                : `Showing ${formatNumber(list.length)}${campaigns.hasNextPage ? ', more available' : ''}.`}
            </span>
            {campaigns.hasNextPage && (
              <button
                type="button"
                className="secondary"
                disabled={campaigns.isFetchingNextPage}
                onClick={() => void campaigns.fetchNextPage()}
              >
                {campaigns.isFetchingNextPage ? 'Loading…' : 'Load more campaigns'}
              </button>
            )}
          </div>
        </>
      )}
      <p className="muted eng-note">
        Sent means accepted by the mail server; the outbox holds messages waiting for a mail server
        to be configured. Suppressed messages were recorded but not sent (no address, the global
        control group, no consent, or the frequency cap).
      </p>
    </Panel>
  );
};

const CampaignRow = ({ campaign: c }: { campaign: ListedCampaign }) => (
  <tr>
    <td>
      {formatDateTime(c.scheduledAt)}
      <div className="muted mono">{c.id}</div>
    </td>
    <td className="mono">{c.templateKey}</td>
    <td>
      {c.segment ? (
        <Link to={`/segments/${encodeURIComponent(c.segment.id)}`}>{c.segment.name}</Link>
      ) : (
        <>
          <span className="mono">{c.segmentId}</span>
          <div className="muted">Segment no longer exists</div>
        </>
      )}
    </td>
    <td>
      <Badge status={c.status} />
      {c.completedAt && <div className="muted">{formatDateTime(c.completedAt)}</div>}
    </td>
    <td className="num">
      {/* Counted when the campaign is expanded into messages. */}
      {c.status === 'done' ? formatNumber(c.audience) : 'Not yet counted'}
    </td>
    <td className="num">{formatNumber(c.counts.queued)}</td>
    <td className="num">{formatNumber(c.counts.outbox)}</td>
    <td className="num">{formatNumber(c.counts.sent)}</td>
    <td className="num">{formatNumber(c.counts.failed)}</td>
    <td className="num">
      {formatNumber(c.counts.suppressed)}
      {c.counts.suppressed > 0 && (
        <div className="muted eng-reasons">{reasons(c.counts.suppressedByReason)}</div>
      )}
    </td>
  </tr>
);
