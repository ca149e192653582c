import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { client, unwrap } from '../../../shared/api';
import { formatNumber } from '../../../shared/format';
import type { Filter } from './tree';

export const PREVIEW_DELAY_MS = 400;

/** The value once it has stopped changing for `ms`. */
const useSettled = <T,>(value: T, ms: number) => {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
};

/**
 * The size of a complete filter, asked of POST /v1/segments/preview 400 ms after the last change
 * (keyed by the filter's JSON, so going back to an earlier filter answers from the cache).
 */
export const useSizePreview = (filter: Filter | null) => {
  const json = useSettled(filter ? JSON.stringify(filter) : null, PREVIEW_DELAY_MS);
  const current = filter ? JSON.stringify(filter) : null;
  const query = useQuery({
    queryKey: ['eng', 'segment-preview', json],
    enabled: json !== null,
    placeholderData: keepPreviousData,
    retry: false,
    queryFn: ({ signal }) =>
      unwrap(
        client.POST('/v1/segments/preview', {
          body: { definition: { schemaVersion: 1, filter: JSON.parse(json!) } },
          signal,
        }),
      ),
  });
  return { query, waiting: current !== json || query.isFetching, complete: current !== null };
};

export const SizeStatus = ({ preview }: { preview: ReturnType<typeof useSizePreview> }) => {
  const { query, waiting, complete } = preview;
  let text: string;
  if (!complete) text = 'Complete the conditions to see how many customers match.';
  else if (query.error) text = 'The size could not be counted: see the conditions marked below.';
  else if (query.data)
    text = `Matches ${formatNumber(query.data.size)} customers now${waiting ? ' (updating…)' : ''}.`;
  else text = 'Counting customers…';
  return (
    <p role="status" className="builder-size" aria-live="polite">
      {text}
    </p>
  );
};
