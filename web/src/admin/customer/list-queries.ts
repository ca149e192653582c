import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { client, unwrap, type Schemas } from '../../shared/api';

export type SearchField = 'q' | 'externalId' | 'phone';
export type CustomerListItem = Schemas['CustomerListItem'];
export type LifecycleStage = NonNullable<CustomerListItem['summary']['lifecycleStage']>;
export type CustomerSortKey = 'id' | 'name' | 'points' | 'spend' | 'lastOrder' | 'joined';

export interface CustomerListParams {
  field: SearchField;
  text: string;
  sort: CustomerSortKey;
  order: 'asc' | 'desc';
  stage: LifecycleStage | '';
  tier: string;
}

const PAGE = 25;

/** The customer list: sorted and filtered by the server, a page of 25 at a time. */
export const useCustomerList = (p: CustomerListParams) =>
  useInfiniteQuery({
    queryKey: ['customers', 'list', p],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        client.GET('/v1/customers', {
          params: {
            query: {
              [p.field]: p.text || undefined,
              sort: p.sort,
              order: p.order,
              stage: p.stage || undefined,
              tier: p.tier || undefined,
              limit: PAGE,
              cursor: pageParam,
            },
          },
          signal,
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Typing or re-sorting refines the list in place instead of flashing "Loading".
    placeholderData: keepPreviousData,
  });

/** The programme's tiers, for the tier filter. */
export const useTierNames = () =>
  useQuery({
    queryKey: ['tiers'],
    queryFn: ({ signal }) => unwrap(client.GET('/v1/tiers', { signal })),
    staleTime: 5 * 60_000,
  });
