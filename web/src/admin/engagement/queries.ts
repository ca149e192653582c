import { useInfiniteQuery, useQueries, useQuery } from '@tanstack/react-query';
import { api, query } from '../../shared/api';
import type {
  Campaign,
  CampaignPage,
  CampaignStatus,
  ComplaintPage,
  ComplaintStats,
  ComplaintStatus,
  Granularity,
  Journeys,
  MessagePage,
  MessageStatus,
  MessagingSettings,
  ProgrammeCalendar,
  ScoresReport,
  Segment,
  SegmentMembersPage,
  Survey,
  Template,
} from './types';

/** Every read of these pages is keyed under ['eng', …], so a write can refresh exactly its part. */
const useGet = <T>(key: unknown[], path: string) =>
  useQuery({ queryKey: ['eng', ...key], queryFn: ({ signal }) => api.get<T>(path, signal) });

const id = (value: string) => encodeURIComponent(value);

export const useCalendar = () => useGet<ProgrammeCalendar>(['calendar'], '/v1/analytics/range');

// ------------------------------------------------------------------------------ segments

export const useSegments = (includeArchived = false) =>
  useGet<{ segments: Segment[] }>(
    ['segments', includeArchived],
    `/v1/segments${query({ includeArchived: includeArchived || undefined })}`,
  );

export const useSegment = (segmentId: string) =>
  useGet<Segment>(['segment', segmentId], `/v1/segments/${id(segmentId)}`);

export const MEMBERS_PAGE = 25;

export const useSegmentMembers = (segmentId: string, cursor: string | null) =>
  useGet<SegmentMembersPage>(
    ['segment', segmentId, 'members', cursor],
    `/v1/segments/${id(segmentId)}/members${query({ limit: MEMBERS_PAGE, cursor })}`,
  );

// ----------------------------------------------------------------------------- messaging

export const useTemplates = () => useGet<{ templates: Template[] }>(['templates'], '/v1/templates');
export const useJourneys = () => useGet<Journeys>(['journeys'], '/v1/journeys');
export const useMessagingSettings = () =>
  useGet<MessagingSettings>(['messaging-settings'], '/v1/messaging/settings');

const MESSAGES_PAGE = 25;

export const useMessages = (status: MessageStatus | '') =>
  useInfiniteQuery({
    queryKey: ['eng', 'messages', status],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api.get<MessagePage>(
        `/v1/messages${query({ status, limit: MESSAGES_PAGE, cursor: pageParam })}`,
        signal,
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
      api.get<CampaignPage>(
        `/v1/campaigns${query({ status, limit: CAMPAIGNS_PAGE, cursor: pageParam })}`,
        signal,
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

export const scoresQuery = (w: ReportWindow, surveyId?: string) =>
  query({ granularity: w.granularity, from: w.from, to: w.to, surveyId });

export const useScores = (w: ReportWindow, surveyId?: string) =>
  useGet<ScoresReport>(
    ['scores', w, surveyId ?? null],
    `/v1/feedback/nps${scoresQuery(w, surveyId)}`,
  );

export const useSurveys = () => useGet<{ surveys: Survey[] }>(['surveys'], '/v1/surveys');

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
        queryFn: ({ signal }: { signal: AbortSignal }) =>
          api.get<ScoresReport>(`/v1/feedback/nps${scoresQuery(w, s.id)}`, signal),
      };
    }),
  });

export const useComplaintStats = (from: string, to: string, targetHours: number) =>
  useGet<ComplaintStats>(
    ['complaint-stats', from, to, targetHours],
    `/v1/complaints/stats${query({ from, to, targetHours })}`,
  );

/** The newest cases listed; the response's `total` counts every matching case beyond them. */
const COMPLAINTS_LIMIT = 100;

export const useComplaints = (status: ComplaintStatus) =>
  useGet<ComplaintPage>(
    ['complaints', status],
    `/v1/complaints${query({ status, limit: COMPLAINTS_LIMIT })}`,
  );
