import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, unwrap } from '../../shared/api';

/**
 * Every read of the Customer 360, keyed under ['customer', id, part] so that a write (a points
 * adjustment) can refresh exactly the parts it changes.
 */
export const customerKey = (id: string, part?: string) =>
  part === undefined ? ['customer', id] : ['customer', id, part];

const useCustomerPart = <T>(id: string, part: string, read: (signal: AbortSignal) => Promise<T>) =>
  useQuery({ queryKey: customerKey(id, part), queryFn: ({ signal }) => read(signal) });

const byId = (id: string) => ({ params: { path: { id } } });

export const useCustomer = (id: string) =>
  useCustomerPart(id, 'profile', (signal) =>
    unwrap(client.GET('/v1/customers/{id}', { ...byId(id), signal })),
  );
export const usePoints = (id: string) =>
  useCustomerPart(id, 'points', (signal) =>
    unwrap(client.GET('/v1/customers/{id}/points', { ...byId(id), signal })),
  );
export const useTier = (id: string) =>
  useCustomerPart(id, 'tier', (signal) =>
    unwrap(client.GET('/v1/customers/{id}/tier', { ...byId(id), signal })),
  );
export const useAnalytics = (id: string) =>
  useCustomerPart(id, 'analytics', (signal) =>
    unwrap(client.GET('/v1/customers/{id}/analytics', { ...byId(id), signal })),
  );
export const useCoupons = (id: string) =>
  useCustomerPart(id, 'coupons', (signal) =>
    unwrap(client.GET('/v1/customers/{id}/coupons', { ...byId(id), signal })),
  );
// Both of these issue the code or card on first request (documented in the API), once per member.
export const useReferral = (id: string) =>
  useCustomerPart(id, 'referral', (signal) =>
    unwrap(client.GET('/v1/customers/{id}/referral', { ...byId(id), signal })),
  );
export const useCard = (id: string) =>
  useCustomerPart(id, 'card', (signal) =>
    unwrap(client.GET('/v1/customers/{id}/card', { ...byId(id), signal })),
  );

/** The programme's currency and time zone, for amounts that come without a currency. */
export const useProgramme = () =>
  useQuery({
    queryKey: ['programme'],
    queryFn: ({ signal }) => unwrap(client.GET('/v1/programme', { signal })),
    staleTime: 5 * 60_000,
  });

const TIMELINE_PAGE = 25;

export const useTimeline = (id: string) =>
  useInfiniteQuery({
    queryKey: customerKey(id, 'timeline'),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        client.GET('/v1/customers/{id}/timeline', {
          params: { path: { id }, query: { limit: TIMELINE_PAGE, before: pageParam } },
          signal,
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

/** What a points adjustment changes: the summary, the ledger, the timeline and tier progress. */
export const useRefreshAfterAdjustment = (id: string) => {
  const client = useQueryClient();
  return () =>
    Promise.all(
      ['points', 'ledger', 'timeline', 'tier'].map((part) =>
        client.invalidateQueries({ queryKey: customerKey(id, part) }),
      ),
    );
};
