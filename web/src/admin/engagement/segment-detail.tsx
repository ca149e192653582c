import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { formatDateTime, formatNumber } from '../../shared/format';
import { useProgramme } from '../customer/queries';
import { Empty, Loaded, PageTitle, Panel } from '../ui';
import { Badge, Figures, NamedCustomerLink, ScrollBox } from './bits';
import { describeDefinition } from './definition';
import { MEMBERS_PAGE, useSegment, useSegmentMembers, useSegments } from './queries';
import { RefreshOutcome, canRefresh, useRefreshSegment } from './segment-refresh';
import type { Segment } from './types';

/** /admin/segments/:id: what the segment is, and its members a page at a time. */
export const SegmentDetail = () => {
  const id = useParams().id ?? '';
  const segment = useSegment(id);
  return (
    <>
      <p className="eng-back">
        <Link to="/segments">← All segments</Link>
      </p>
      <PageTitle>{segment.data ? `Segment: ${segment.data.name}` : 'Segment'}</PageTitle>
      <Loaded query={segment} what="the segment">
        {(s) => (
          <>
            <DefinitionPanel segment={s} />
            <MembersPanel segment={s} />
          </>
        )}
      </Loaded>
    </>
  );
};

const DefinitionPanel = ({ segment: s }: { segment: Segment }) => {
  const refresh = useRefreshSegment();
  const currency = useProgramme().data?.currency;
  // Segment leaves name ids; the list (archived too) gives their names, ids until it arrives.
  const all = useSegments(true).data?.segments;
  const names = new Map(all?.map((x) => [x.id, x.name]));
  return (
    <Panel
      title="Definition"
      actions={
        canRefresh(s) && (
          <div className="eng-actions">
            {s.definition && (
              <Link className="button-link" to={`/segments/${s.id}/edit`}>
                Edit conditions
              </Link>
            )}
            <button
              type="button"
              className="secondary"
              disabled={refresh.isPending}
              onClick={() => refresh.mutate(s)}
            >
              {refresh.isPending ? 'Refreshing…' : 'Refresh members now'}
            </button>
          </div>
        )
      }
    >
      <RefreshOutcome refresh={refresh} />
      <Figures
        items={[
          {
            label: 'Kind',
            value: (
              <>
                <Badge status={s.kind} /> {s.archivedAt && <Badge status="archived" />}
              </>
            ),
          },
          { label: 'Members', value: formatNumber(s.memberCount) },
          {
            // A list's members change by upload; the API stamps that time the same way.
            label: s.kind === 'static' ? 'Members last changed' : 'Last refreshed',
            value: s.refreshedAt ? formatDateTime(s.refreshedAt) : 'Never',
          },
          { label: 'Created', value: formatDateTime(s.createdAt) },
          { label: 'Key', value: <span className="mono">{s.key}</span> },
        ]}
      />
      <p className="eng-definition-text">{describeDefinition(s.definition, currency, names)}</p>
      {s.definition && (
        <details className="eng-json">
          <summary>Definition as JSON</summary>
          <pre>{JSON.stringify(s.definition, null, 2)}</pre>
        </details>
      )}
    </Panel>
  );
};

/** Keyset pages: the cursors seen so far make "Previous" possible without offsets. */
const MembersPanel = ({ segment }: { segment: Segment }) => {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const members = useSegmentMembers(segment.id, cursor);
  const first = (cursors.length - 1) * MEMBERS_PAGE;

  return (
    <Panel title="Members">
      <Loaded query={members} what="members">
        {(page) =>
          page.members.length === 0 ? (
            <Empty>
              {segment.kind === 'dynamic' && !segment.refreshedAt
                ? 'No members yet: the segment has not been refreshed.'
                : 'No customers are in this segment.'}
            </Empty>
          ) : (
            <>
              <ScrollBox label="Members table">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Customer</th>
                      <th scope="col">Member since</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.members.map((m) => (
                      <tr key={m.customerId}>
                        <td>
                          <NamedCustomerLink id={m.customerId} {...m} />
                        </td>
                        <td>{formatDateTime(m.addedAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollBox>
              <div className="eng-pager">
                <span className="muted" role="status">
                  Members {formatNumber(first + 1)}–{formatNumber(first + page.members.length)} of{' '}
                  {formatNumber(segment.memberCount)}
                </span>
                {(cursors.length > 1 || page.nextCursor) && (
                  <>
                    <button
                      type="button"
                      className="secondary"
                      disabled={cursors.length === 1}
                      onClick={() => setCursors((c) => c.slice(0, -1))}
                    >
                      Previous page
                    </button>
                    <button
                      type="button"
                      className="secondary"
                      disabled={!page.nextCursor}
                      onClick={() => setCursors((c) => [...c, page.nextCursor])}
                    >
                      Next page
                    </button>
                  </>
                )}
              </div>
            </>
          )
        }
      </Loaded>
    </Panel>
  );
};
