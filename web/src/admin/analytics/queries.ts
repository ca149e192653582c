import { useQuery } from '@tanstack/react-query';
import { api, query } from '../../shared/api';
import type {
  AnalyticsRange,
  CampaignEffect,
  ClvOverview,
  CohortReport,
  Granularity,
  Kpis,
  LifecycleFunnel,
  RetentionReport,
  RfmSummary,
  ValuedCustomer,
} from './types';

/**
 * One hook per analytics endpoint. Each page makes a handful of whole-programme requests (the
 * reports aggregate in the database), never one per customer or per period.
 */
const useGet = <T>(path: string, enabled = true) =>
  useQuery({
    queryKey: ['analytics', path],
    queryFn: ({ signal }) => api.get<T>(path, signal),
    enabled,
  });

export const useAnalyticsRange = () => useGet<AnalyticsRange>('/v1/analytics/range');

export interface DayWindow {
  from: string;
  to: string;
}

export const useKpis = (window: DayWindow | null) =>
  useGet<Kpis>(`/v1/analytics/kpis${query({ ...window })}`, window !== null);

export const useCampaignEffect = (window: DayWindow | null) =>
  useGet<CampaignEffect>(`/v1/analytics/campaign-effect${query({ ...window })}`, window !== null);

export const useMonthlyRetention = (window: DayWindow | null) =>
  useGet<RetentionReport>(
    `/v1/analytics/retention${query({ granularity: 'month', ...window })}`,
    window !== null,
  );

export const useCohorts = (
  request: (DayWindow & { granularity: Granularity; maxOffsets: number }) | null,
) => useGet<CohortReport>(`/v1/analytics/cohorts${query({ ...request })}`, request !== null);

export const useRfm = () => useGet<RfmSummary>('/v1/analytics/rfm');

export const useLifecycle = () => useGet<LifecycleFunnel>('/v1/analytics/lifecycle');

export const useClv = (limit: number) =>
  useGet<ClvOverview>(`/v1/analytics/clv${query({ limit })}`);

export const useClvAtRisk = (maxPAlive: number, limit: number) =>
  useGet<{ customers: ValuedCustomer[] }>(
    `/v1/analytics/clv/at-risk${query({ maxPAlive, limit })}`,
  );
