import {
  keepPreviousData,
  useInfiniteQuery,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api, query } from '../../shared/api';
import type {
  Coupon,
  Customer,
  CustomerAnalytics,
  CustomerPage,
  MemberCard,
  Points,
  Programme,
  Referral,
  TierProgress,
  TimelinePage,
} from './types';

/**
 * Every read of the Customer 360, keyed under ['customer', id, part] so that a write (a points
 * adjustment) can refresh exactly the parts it changes.
 */
export const customerKey = (id: string, part?: string) =>
  part === undefined ? ['customer', id] : ['customer', id, part];

const path = (id: string, rest = '') => `/v1/customers/${encodeURIComponent(id)}${rest}`;

const useCustomerPart = <T>(id: string, part: string, rest: string) =>
  useQuery({
    queryKey: customerKey(id, part),
    queryFn: ({ signal }) => api.get<T>(path(id, rest), signal),
  });

export const useCustomer = (id: string) => useCustomerPart<Customer>(id, 'profile', '');
export const usePoints = (id: string) => useCustomerPart<Points>(id, 'points', '/points');
export const useTier = (id: string) => useCustomerPart<TierProgress>(id, 'tier', '/tier');
export const useAnalytics = (id: string) =>
  useCustomerPart<CustomerAnalytics>(id, 'analytics', '/analytics');
export const useCoupons = (id: string) =>
  useCustomerPart<{ coupons: Coupon[] }>(id, 'coupons', '/coupons');
// Both of these issue the code or card on first request (documented in the API), once per member.
export const useReferral = (id: string) => useCustomerPart<Referral>(id, 'referral', '/referral');
export const useCard = (id: string) => useCustomerPart<MemberCard>(id, 'card', '/card');

/** The programme's currency and time zone, for amounts that come without a currency. */
export const useProgramme = () =>
  useQuery({
    queryKey: ['programme'],
    queryFn: ({ signal }) => api.get<Programme>('/v1/programme', signal),
    staleTime: 5 * 60_000,
  });

const TIMELINE_PAGE = 25;

export const useTimeline = (id: string) =>
  useInfiniteQuery({
    queryKey: customerKey(id, 'timeline'),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      api.get<TimelinePage>(
        path(id, `/timeline${query({ limit: TIMELINE_PAGE, before: pageParam })}`),
        signal,
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

export type SearchField = 'q' | 'externalId' | 'phone';

const SEARCH_PAGE = 25;

export const useCustomerSearch = (field: SearchField, text: string) =>
  useInfiniteQuery({
    queryKey: ['customers', 'search', field, text],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      api.get<CustomerPage>(
        `/v1/customers${query({ [field]: text, limit: SEARCH_PAGE, cursor: pageParam })}`,
        signal,
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Typing refines the list in place instead of flashing "Loading" at every key.
    placeholderData: keepPreviousData,
  });
