import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { client, unwrap } from '../../shared/api';
import { formatNumber } from '../../shared/format';
import { ErrorNotice, Loaded } from '../ui';
import { useRfm } from './queries';
import { RefreshNote } from './refresh-note';

/** Whole seconds since `running` turned true, ticking once a second until it turns false. */
const useElapsedSeconds = (running: boolean) => {
  const [elapsed, setElapsed] = useState(0);
  useEffect(() => {
    if (!running) return;
    const started = Date.now();
    setElapsed(0);
    const timer = setInterval(() => setElapsed(Math.floor((Date.now() - started) / 1000)), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return elapsed;
};

/**
 * "Refresh now" (POST /v1/analytics/refresh). The refresh answers when it is done (RFM and
 * lifecycle in one statement, then the CLV fits), so the page cannot know how far along it is: it
 * says so, with the seconds gone by, rather than drawing a made-up percentage.
 */
export const RefreshNow = () => {
  const queries = useQueryClient();
  const refresh = useMutation({
    mutationFn: () => unwrap(client.POST('/v1/analytics/refresh', { body: {} })),
    // Every stored figure (segments, stages, values, at-risk lists) comes from this refresh.
    onSuccess: () => queries.invalidateQueries({ queryKey: ['analytics'] }),
  });
  const elapsed = useElapsedSeconds(refresh.isPending);
  return (
    <div className="refresh-now">
      <button type="button" onClick={() => refresh.mutate()} disabled={refresh.isPending}>
        {refresh.isPending ? 'Refreshing…' : 'Refresh now'}
      </button>
      {refresh.isPending && (
        <p role="status" className="muted">
          <progress aria-label="Analytics refresh in progress" /> Recomputing RFM, lifecycle stages
          and customer value for every customer: {formatNumber(elapsed)} s so far. This can take a
          minute on a large shop; the figures below stay as they were until it ends.
        </p>
      )}
      {refresh.isSuccess && !refresh.isPending && (
        <p role="status" className="good">
          Refreshed {formatNumber(refresh.data.customers)} customers in{' '}
          {formatNumber(Math.round(refresh.data.durationMs / 100) / 10)} s.
        </p>
      )}
      {refresh.error && <ErrorNotice error={refresh.error} />}
    </div>
  );
};

/**
 * When the stored analytics were computed, with the button to recompute them: on every analytics
 * page, so nobody reads segments or values without knowing their age.
 */
export const AnalyticsFreshness = () => {
  const rfm = useRfm();
  return (
    <div className="refresh-bar">
      <Loaded query={rfm} what="the refresh date">
        {(s) => (
          <RefreshNote asOf={s.asOf} computedAt={s.computedAt} notRefreshed={s.notRefreshed} />
        )}
      </Loaded>
      <RefreshNow />
    </div>
  );
};
