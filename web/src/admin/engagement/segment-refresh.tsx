import { useMutation, useQueryClient } from '@tanstack/react-query';
import { client, unwrap } from '../../shared/api';
import { formatNumber } from '../../shared/format';
import { ErrorNotice } from '../ui';
import type { Segment } from './types';

/**
 * POST /v1/segments/{id}/refresh: materialise a dynamic segment's members now. Refreshing twice
 * changes nothing, so no idempotency key is needed. Afterwards every segment read is refetched
 * (the list's sizes, the open segment and its members).
 */
export const useRefreshSegment = () => {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (segment: Segment) =>
      unwrap(client.POST('/v1/segments/{id}/refresh', { params: { path: { id: segment.id } } })),
    onSuccess: async () => {
      await Promise.all([
        queries.invalidateQueries({ queryKey: ['eng', 'segments'] }),
        queries.invalidateQueries({ queryKey: ['eng', 'segment'] }),
      ]);
    },
  });
};

/** Whether the API lets this segment be refreshed (dynamic and not archived). */
export const canRefresh = (segment: Segment) => segment.kind === 'dynamic' && !segment.archivedAt;

/** What the last refresh did, or why it failed; announced to screen readers. */
export const RefreshOutcome = ({ refresh }: { refresh: ReturnType<typeof useRefreshSegment> }) => {
  if (refresh.error) return <ErrorNotice error={refresh.error} />;
  if (!refresh.data) return null;
  const { segment, size, added, removed } = refresh.data;
  return (
    <p className="good" role="status">
      “{segment.name}” refreshed: {formatNumber(size)} members ({formatNumber(added)} joined,{' '}
      {formatNumber(removed)} left).
    </p>
  );
};
