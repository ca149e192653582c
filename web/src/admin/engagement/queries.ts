import { useInfiniteQuery, useQueries, useQuery } from '@tanstack/react-query';
import { client, query, unwrap } from '../../shared/api';
import type {
  Campaign,
  CampaignStatus,
  ComplaintStatus,
  Granularity,
  MessageStatus,
  Survey,
} from './types';

/** Every read of these pages is keyed under ['eng', …], so a write can refresh exactly its part. */
const useGet = <T>(key: unknown[], read: (signal: AbortSignal) => Promise<T>) =>
  useQuery({ queryKey: ['eng', ...key], queryFn: ({ signal }) => read(signal) });

/** The programme's today (its time zone), which anchors the report windows. */
export const useCalendar = () =>
  useGet(['calendar'], (signal) => unwrap(client.GET('/v1/analytics/range', { signal })));

// ------------------------------------------------------------------------------ segments

export const useSegments = (includeArchived = false) =>
  useGet(['segments', includeArchived], (signal) =>
    unwrap(
      client.GET('/v1/segments', {
        params: { query: { includeArchived: includeArchived ? 'true' : undefined } },
        signal,
      }),
    ),
  );

export const useSegment = (segmentId: string) =>
  useGet(['segment', segmentId], (signal) =>
    unwrap(client.GET('/v1/segments/{id}', { params: { path: { id: segmentId } }, signal })),
  );

export const MEMBERS_PAGE = 25;

export const useSegmentMembers = (segmentId: string, cursor: string | null) =>
  useGet(['segment', segmentId, 'members', cursor], (signal) =>
    unwrap(
      client.GET('/v1/segments/{id}/members', {
        params: {
          path: { id: segmentId },
          query: { limit: MEMBERS_PAGE, cursor: cursor ?? undefined },
        },
        signal,
      }),
    ),
  );

// ----------------------------------------------------------------------------- messaging

export const useTemplates = () =>
  useGet(['templates'], (signal) => unwrap(client.GET('/v1/templates', { signal })));
export const useJourneys = () =>
  useGet(['journeys'], (signal) => unwrap(client.GET('/v1/journeys', { signal })));
export const useMessagingSettings = () =>
  useGet(['messaging-settings'], (signal) =>
    unwrap(client.GET('/v1/messaging/settings', { signal })),
  );

const MESSAGES_PAGE = 25;

export const useMessages = (status: MessageStatus | '') =>
  useInfiniteQuery({
    queryKey: ['eng', 'messages', status],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        client.GET('/v1/messages', {
          params: {
            query: {
              status: status || undefined,
              limit: MESSAGES_PAGE,
              cursor: pageParam ?? undefined,
            },
          },
          signal,
        }),
      ),
    getNextPageParam: (last) => last.nextCursor,
  });

/** Whether a campaign's counts are about to move: due and not expanded, or messages queued. */
const isMoving = (c: Campaign) =>
  (c.status === 'scheduled' && Date.parse(c.scheduledAt) <= Date.now()) ||
  c.status === 'expanding' ||
  c.counts.queued > 0;

const CAMPAIGNS_PAGE = 25;

/** GET /v1/campaigns, newest first, page by page, each campaign with its message counts. */
export const useCampaigns = (status: CampaignStatus | '') =>
  useInfiniteQuery({
    queryKey: ['eng', 'campaigns', status],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        client.GET('/v1/campaigns', {
          params: {
            query: {
              status: status || undefined,
              limit: CAMPAIGNS_PAGE,
              cursor: pageParam ?? undefined,
            },
          },
          signal,
        }),
      ),
    getNextPageParam: (last) => last.nextCursor,
    // While a listed campaign's messages are being made and sent, follow the counts.
    refetchInterval: (q) =>
      q.state.data?.pages.some((p) => p.campaigns.some(isMoving)) ? 5_000 : false,
  });

// ------------------------------------------------------------------------------ feedback

export interface ReportWindow {
  granularity: Granularity;
  from: string;
  to: string;
}

/** The report's address parameters, also for its chart's SVG. */
export const scoresQuery = (w: ReportWindow, surveyId?: string) =>
  query({ granularity: w.granularity, from: w.from, to: w.to, surveyId });

const readScores = (w: ReportWindow, surveyId: string | undefined, signal: AbortSignal) =>
  unwrap(
    client.GET('/v1/feedback/nps', {
      params: { query: { granularity: w.granularity, from: w.from, to: w.to, surveyId } },
      signal,
    }),
  );

export const useScores = (w: ReportWindow, surveyId?: string) =>
  useGet(['scores', w, surveyId ?? null], (signal) => readScores(w, surveyId, signal));

export const useSurveys = () =>
  useGet(['surveys'], (signal) => unwrap(client.GET('/v1/surveys', { signal })));

/** Each survey's NPS and CSAT answers since it was created (quarters: few periods to count). */
export const useSurveyTotals = (surveys: Survey[], today: string) =>
  useQueries({
    queries: surveys.map((s) => {
      // A day early: the creation instant's UTC date may be the day after the local one.
      const created = new Date(s.createdAt);
      created.setUTCDate(created.getUTCDate() - 1);
      const from = created.toISOString().slice(0, 10);
      const w: ReportWindow = {
        granularity: 'quarter',
        from: from < today ? from : today,
        to: today,
      };
      return {
        queryKey: ['eng', 'scores', w, s.id],
        queryFn: ({ signal }: { signal: AbortSignal }) => readScores(w, s.id, signal),
      };
    }),
  });

export const useComplaintStats = (from: string, to: string, targetHours: number) =>
  useGet(['complaint-stats', from, to, targetHours], (signal) =>
    unwrap(
      client.GET('/v1/complaints/stats', { params: { query: { from, to, targetHours } }, signal }),
    ),
  );

/** The newest cases listed; the response's `total` counts every matching case beyond them. */
const COMPLAINTS_LIMIT = 100;

export const useComplaints = (status: ComplaintStatus) =>
  useGet(['complaints', status], (signal) =>
    unwrap(
      client.GET('/v1/complaints', {
        params: { query: { status, limit: COMPLAINTS_LIMIT } },
        signal,
      }),
    ),
  );
