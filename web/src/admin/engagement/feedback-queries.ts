import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, unwrap } from '../../shared/api';
import type { ComplaintStatus } from './types';

/**
 * The Feedback pages' reads beyond the reports (one survey, its answers; one case; the people a
 * case can be given to), keyed under ['eng', …] like the rest, so a write refreshes its part.
 */

export const RESPONSES_PAGE = 20;

export interface ResponseFilter {
  score: string;
  q: string;
  withText: boolean;
  offset: number;
}

export const useSurvey = (id: string) =>
  useQuery({
    queryKey: ['eng', 'survey', id],
    queryFn: ({ signal }) =>
      unwrap(client.GET('/v1/surveys/{id}', { params: { path: { id } }, signal })),
  });

export const useSurveyResponses = (id: string, f: ResponseFilter) =>
  useQuery({
    queryKey: ['eng', 'survey', id, 'responses', f],
    queryFn: ({ signal }) =>
      unwrap(
        client.GET('/v1/surveys/{id}/responses', {
          params: {
            path: { id },
            query: {
              score: f.score === '' ? undefined : Number(f.score),
              q: f.q.trim() || undefined,
              withText: f.withText ? 'true' : undefined,
              limit: RESPONSES_PAGE,
              offset: f.offset,
            },
          },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });

export const useScoreDistribution = (id: string) =>
  useQuery({
    queryKey: ['eng', 'survey', id, 'distribution'],
    queryFn: ({ signal }) =>
      unwrap(
        client.GET('/v1/surveys/{id}/score-distribution', { params: { path: { id } }, signal }),
      ),
  });

export const useComplaint = (id: string) =>
  useQuery({
    queryKey: ['eng', 'complaint', id],
    queryFn: ({ signal }) =>
      unwrap(client.GET('/v1/complaints/{id}', { params: { path: { id } }, signal })),
  });

export interface ComplaintFilter {
  status: ComplaintStatus | '';
  assigneeId: string;
  overdue: boolean;
}

/** The newest cases listed; the response's `total` counts every matching case beyond them. */
const COMPLAINTS_LIMIT = 100;

export const useComplaintList = (f: ComplaintFilter, targetHours: number) =>
  useQuery({
    queryKey: ['eng', 'complaints', f, targetHours],
    queryFn: ({ signal }) =>
      unwrap(
        client.GET('/v1/complaints', {
          params: {
            query: {
              status: f.status || undefined,
              assigneeId: f.assigneeId || undefined,
              overdue: f.overdue ? 'true' : undefined,
              targetHours,
              limit: COMPLAINTS_LIMIT,
            },
          },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });

export const useUsers = () =>
  useQuery({
    queryKey: ['eng', 'users'],
    queryFn: ({ signal }) => unwrap(client.GET('/v1/users', { signal })),
    staleTime: 60_000,
  });

/** Customers whose name or e-mail starts with the text (GET /v1/customers?q=), for a picker. */
export const useCustomerSearch = (text: string) =>
  useQuery({
    queryKey: ['eng', 'customer-search', text],
    queryFn: ({ signal }) =>
      unwrap(client.GET('/v1/customers', { params: { query: { q: text, limit: 10 } }, signal })),
    enabled: text.trim().length > 0,
    placeholderData: keepPreviousData,
  });

/** A write whose success refreshes every feedback read (lists, the case, the survey). */
export const useFeedbackWrite = <I, O>(write: (input: I) => Promise<O>) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['eng'] }),
  });
};
