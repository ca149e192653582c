import { useState } from 'react';
import { Link } from 'react-router';
import { formatDateTime } from '../../shared/format';
import { useProgramme } from '../customer/queries';
import { Empty, Loaded, PageTitle, Panel } from '../ui';
import { Badge, ScrollBox, SizeBar } from './bits';
import { describeDefinition } from './definition';
import { useSegments } from './queries';
import { SegmentForm } from './segment-form';
import { RefreshOutcome, canRefresh, useRefreshSegment } from './segment-refresh';

/** /admin/segments: every segment with its size as a bar, and a form for a new dynamic one. */
export const SegmentList = () => {
  const [showArchived, setShowArchived] = useState(false);
  const segments = useSegments(showArchived);
  const refresh = useRefreshSegment();
  const currency = useProgramme().data?.currency;

  return (
    <>
      <PageTitle>Segments</PageTitle>
      <Panel title="All segments">
        <div className="toolbar">
          <label className="eng-inline">
            <input
              type="checkbox"
              checked={showArchived}
              onChange={(e) => setShowArchived(e.target.checked)}
            />
            Show archived segments
          </label>
        </div>
        <RefreshOutcome refresh={refresh} />
        <Loaded query={segments} what="segments">
          {({ segments: list }) => {
            if (list.length === 0)
              return <Empty>No segments yet. Create a dynamic segment below.</Empty>;
            const largest = Math.max(...list.map((s) => s.memberCount));
            const names = new Map(list.map((s) => [s.id, s.name]));
            return (
              <ScrollBox label="Segments table">
                <table className="eng-segments">
                  <thead>
                    <tr>
                      <th scope="col">Segment</th>
                      <th scope="col">Kind</th>
                      <th scope="col">Definition</th>
                      <th scope="col">Members</th>
                      <th scope="col">Last refreshed</th>
                      <th scope="col">Actions</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((s) => (
                      <tr key={s.id}>
                        <td>
                          <Link to={s.id}>{s.name}</Link>
                          <div className="muted mono">{s.key}</div>
                        </td>
                        <td>
                          <Badge status={s.kind} /> {s.archivedAt && <Badge status="archived" />}
                        </td>
                        <td className="eng-definition">
                          {describeDefinition(s.definition, currency, names)}
                        </td>
                        <td className="eng-size">
                          <SizeBar value={s.memberCount} max={largest} />
                        </td>
                        <td>
                          {s.refreshedAt
                            ? formatDateTime(s.refreshedAt)
                            : s.kind === 'dynamic'
                              ? 'Never'
                              : 'Not applicable (list)'}
                        </td>
                        <td>
                          {canRefresh(s) && (
                            <button
                              type="button"
                              className="link"
                              aria-label={`Refresh ${s.name}`}
                              disabled={refresh.isPending}
                              onClick={() => refresh.mutate(s)}
                            >
                              {refresh.isPending && refresh.variables?.id === s.id
                                ? 'Refreshing…'
                                : 'Refresh'}
                            </button>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollBox>
            );
          }}
        </Loaded>
        <p className="muted eng-note">
          Dynamic segments are refreshed every hour and on demand; member counts are as of the last
          refresh.
        </p>
      </Panel>
      <SegmentForm />
    </>
  );
};
