import { Link } from 'react-router';
import { formatDateTime, formatNumber } from '../../shared/format';
import { Empty, Loaded, Panel } from '../ui';
import { Badge, reasonWords, ScrollBox } from './bits';
import { CAMPAIGN_SCAN, useRecentCampaigns, useSegments } from './queries';
import type { Campaign } from './types';

const reasons = (byReason: Record<string, number>) =>
  Object.entries(byReason)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${reasonWords(reason)}: ${formatNumber(n)}`)
    .join(', ');

/**
 * Campaigns with their messages counted by status (GET /v1/campaigns/{id}). There is no list
 * endpoint, so the campaigns are those behind the latest messages, plus the ones created here.
 */
export const CampaignList = ({ created }: { created: string[] }) => {
  const campaigns = useRecentCampaigns(created);
  // Archived segments too: an old campaign may have gone to a segment archived since.
  const segments = useSegments(true);
  const segmentName = (id: string) => segments.data?.segments.find((s) => s.id === id)?.name ?? id;

  return (
    <Panel title="Campaigns">
      <Loaded query={campaigns} what="campaigns">
        {(list: Campaign[]) =>
          list.length === 0 ? (
            <Empty>No campaign has been sent yet.</Empty>
          ) : (
            <ScrollBox label="Campaigns table">
              <table className="eng-campaigns">
                <caption className="muted">
                  Campaigns behind the latest {formatNumber(CAMPAIGN_SCAN)} messages and those
                  scheduled on this page, newest first.
                </caption>
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
                  {[...list]
                    .sort((a, b) => b.scheduledAt.localeCompare(a.scheduledAt))
                    .map((c) => (
                      <tr key={c.id}>
                        <td>
                          {formatDateTime(c.scheduledAt)}
                          <div className="muted mono">{c.id}</div>
                        </td>
                        <td className="mono">{c.templateKey}</td>
                        <td>
                          <Link to={`/segments/${encodeURIComponent(c.segmentId)}`}>
                            {segmentName(c.segmentId)}
                          </Link>
                        </td>
                        <td>
                          <Badge status={c.status} />
                          {c.completedAt && (
                            <div className="muted">{formatDateTime(c.completedAt)}</div>
                          )}
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
                            <div className="muted eng-reasons">
                              {reasons(c.counts.suppressedByReason)}
                            </div>
                          )}
                        </td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </ScrollBox>
          )
        }
      </Loaded>
      <p className="muted eng-note">
        Sent means accepted by the mail server; the outbox holds messages waiting for a mail server
        to be configured. Suppressed messages were recorded but not sent (no address, no consent, or
        the frequency cap).
      </p>
    </Panel>
  );
};
