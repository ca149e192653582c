import { skipToken, useQuery } from '@tanstack/react-query';
import { client, unwrap } from '../../shared/api';
import type { Granularity } from './types';

/**
 * One hook per analytics endpoint. Each page makes a handful of whole-programme requests (the
 * reports aggregate in the database), never one per customer or per period.
 */
const useGet = <T>(key: unknown[], read: (signal: AbortSignal) => Promise<T>, enabled = true) =>
  useQuery({ queryKey: ['analytics', ...key], queryFn: ({ signal }) => read(signal), enabled });

export const useAnalyticsRange = () =>
  useGet(['range'], (signal) => unwrap(client.GET('/v1/analytics/range', { signal })));

export interface DayWindow {
  from: string;
  to: string;
}

/** A report over a window of days, asked once the page knows the window. */
const useWindowed = <W, T>(
  key: string,
  window: W | null,
  read: (window: W, signal: AbortSignal) => Promise<T>,
) =>
  useQuery({
    queryKey: ['analytics', key, window],
    queryFn: window === null ? skipToken : ({ signal }) => read(window, signal),
  });

export const useKpis = (window: DayWindow | null) =>
  useWindowed('kpis', window, (query, signal) =>
    unwrap(client.GET('/v1/analytics/kpis', { params: { query }, signal })),
  );

export const useCampaignEffect = (window: DayWindow | null) =>
  useWindowed('campaign-effect', window, (query, signal) =>
    unwrap(client.GET('/v1/analytics/campaign-effect', { params: { query }, signal })),
  );

/** Monthly retention over a window; without activeDays the API derives the active window. */
export const useMonthlyRetention = (window: (DayWindow & { activeDays?: number }) | null) =>
  useWindowed('retention', window, (w, signal) =>
    unwrap(
      client.GET('/v1/analytics/retention', {
        params: {
          query: {
            granularity: 'month',
            from: w.from,
            to: w.to,
            ...(w.activeDays === undefined ? {} : { activeDays: w.activeDays }),
          },
        },
        signal,
      }),
    ),
  );

export const useCohorts = (
  request: (DayWindow & { granularity: Granularity; maxOffsets: number }) | null,
) =>
  useWindowed('cohorts', request, (query, signal) =>
    unwrap(client.GET('/v1/analytics/cohorts', { params: { query }, signal })),
  );

export const useRfm = () =>
  useGet(['rfm'], (signal) => unwrap(client.GET('/v1/analytics/rfm', { signal })));

export const useLifecycle = () =>
  useGet(['lifecycle'], (signal) => unwrap(client.GET('/v1/analytics/lifecycle', { signal })));

export const useClv = (limit: number) =>
  useGet(['clv', limit], (signal) =>
    unwrap(client.GET('/v1/analytics/clv', { params: { query: { limit } }, signal })),
  );

/** `maxPAlive` null: the API's default list (the lowest share of repeat buyers by P(alive)). */
export const useClvAtRisk = (maxPAlive: number | null, limit: number) =>
  useGet(['clv-at-risk', maxPAlive, limit], (signal) =>
    unwrap(
      client.GET('/v1/analytics/clv/at-risk', {
        params: { query: maxPAlive === null ? { limit } : { maxPAlive, limit } },
        signal,
      }),
    ),
  );

export const useAtRiskComparison = () =>
  useGet(['at-risk'], (signal) => unwrap(client.GET('/v1/analytics/at-risk', { signal })));
