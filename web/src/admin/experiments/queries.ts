import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, unwrap } from '../../shared/api';
import type { ExperimentStatus } from './types';

/** Every read of the Experiments page is keyed under ['exp', …], so a write refreshes exactly it. */

export const useExperiments = (status: ExperimentStatus | '') =>
  useQuery({
    queryKey: ['exp', 'list', status],
    queryFn: ({ signal }) =>
      unwrap(
        client.GET('/v1/experiments', {
          params: { query: { status: status || undefined } },
          signal,
        }),
      ),
  });

export const useExperiment = (id: string) =>
  useQuery({
    queryKey: ['exp', 'one', id],
    queryFn: ({ signal }) =>
      unwrap(client.GET('/v1/experiments/{id}', { params: { path: { id } }, signal })),
  });

export const useResults = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: ['exp', 'results', id],
    enabled,
    queryFn: ({ signal }) =>
      unwrap(client.GET('/v1/experiments/{id}/results', { params: { path: { id } }, signal })),
  });

/** Start or stop: the list, the experiment and its results all change. */
export const useTransition = (id: string) => {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (to: 'start' | 'stop') =>
      to === 'start'
        ? unwrap(client.POST('/v1/experiments/{id}/start', { params: { path: { id } } }))
        : unwrap(client.POST('/v1/experiments/{id}/stop', { params: { path: { id } } })),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['exp'] }),
  });
};

// What the pickers offer: the programme's segments, templates, rewards, campaigns and journeys.

export const useRewards = () =>
  useQuery({
    queryKey: ['rewards', false],
    queryFn: ({ signal }) => unwrap(client.GET('/v1/rewards', { signal })),
  });

/** The newest campaigns (one page); a targeted campaign further back stays listed by its id. */
export const useRecentCampaigns = () =>
  useQuery({
    queryKey: ['eng', 'campaigns', 'picker'],
    queryFn: ({ signal }) =>
      unwrap(client.GET('/v1/campaigns', { params: { query: { limit: 100 } }, signal })),
  });
