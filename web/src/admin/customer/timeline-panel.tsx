import { formatDateTime } from '../../shared/format';
import { Empty, ErrorNotice, Loading, Panel } from '../ui';
import { When } from './facts';
import { useProgramme, useTimeline } from './queries';
import { KIND_LOOK, describe } from './timeline-describe';

/** Everything that happened to the customer, newest first, a page at a time. */
export const TimelinePanel = ({ customerId }: { customerId: string }) => {
  const timeline = useTimeline(customerId);
  const currency = useProgramme().data?.currency;
  const items = timeline.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Panel title="Timeline">
      {timeline.isPending ? (
        <Loading what="timeline" />
      ) : items.length === 0 && !timeline.error ? (
        <Empty>Nothing has happened for this customer yet.</Empty>
      ) : (
        <ol className="c360-timeline">
          {items.map((item) => {
            const look = KIND_LOOK[item.kind] ?? { icon: '•', label: item.kind };
            return (
              <li key={`${item.kind}:${item.id}`} className="c360-timeline-item">
                <span className="c360-timeline-icon" aria-hidden="true">
                  {look.icon}
                </span>
                <div>
                  <p className="c360-timeline-head">
                    <strong>{look.label}</strong>{' '}
                    <When iso={item.at}>{formatDateTime(item.at)}</When>
                  </p>
                  <p className="c360-timeline-line">{describe(item, currency)}</p>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {/* A failed first page or a failed "Load more": the loaded items stay. */}
      {timeline.error && <ErrorNotice error={timeline.error} />}
      {timeline.hasNextPage && (
        <button
          type="button"
          className="secondary"
          disabled={timeline.isFetchingNextPage}
          onClick={() => void timeline.fetchNextPage()}
        >
          {timeline.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </button>
      )}
    </Panel>
  );
};
