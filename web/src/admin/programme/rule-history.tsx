import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { client, unwrap } from '../../shared/api';
import { formatDate, formatDateTime, formatMoney, formatNumber } from '../../shared/format';
import { Empty, ErrorNotice, Loaded, Panel } from '../ui';
import { Saved, StatusBadge } from './shared';
import type { Rule, RuleStatus } from './types';

const MOVES: Record<RuleStatus, { to: RuleStatus; label: string }[]> = {
  draft: [
    { to: 'active', label: 'Activate' },
    { to: 'archived', label: 'Archive' },
  ],
  active: [
    { to: 'draft', label: 'Pause (back to draft)' },
    { to: 'archived', label: 'Archive' },
  ],
  archived: [
    { to: 'draft', label: 'Restore as draft' },
    { to: 'active', label: 'Activate' },
  ],
};

const MEANING: Record<RuleStatus, string> = {
  draft: 'A draft: it applies to nothing until it is activated.',
  active: 'Active: it applies to every new order or activity it matches.',
  archived: 'Archived: it no longer applies; its history stays.',
};

/** Activate, pause or archive (each a new version, PATCH status), and what the rule has awarded. */
export const RuleLifecycle = ({ rule }: { rule: Rule }) => {
  const queries = useQueryClient();
  const [done, setDone] = useState<string | null>(null);
  const move = useMutation({
    mutationFn: (status: RuleStatus) =>
      unwrap(
        client.PATCH('/v1/rules/{id}', { params: { path: { id: rule.id } }, body: { status } }),
      ),
    onSuccess: async (updated) => {
      queries.setQueryData(['rule', rule.id], updated);
      await queries.invalidateQueries({ queryKey: ['rules'] });
      await queries.invalidateQueries({ queryKey: ['rule-versions', rule.id] });
      setDone(`The rule is now ${updated.status} (version ${updated.version}).`);
    },
  });
  const performance = useQuery({
    queryKey: ['rule-performance', rule.id],
    queryFn: ({ signal }) =>
      unwrap(
        client.GET('/v1/rules/{id}/performance', {
          params: { path: { id: rule.id }, query: { days: 30 } },
          signal,
        }),
      ),
  });
  return (
    <Panel title="Status and results">
      <p>
        <StatusBadge status={rule.status} /> {MEANING[rule.status]}
      </p>
      <div className="toolbar">
        {MOVES[rule.status].map((m) => (
          <button
            key={m.to}
            type="button"
            className="secondary"
            disabled={move.isPending}
            onClick={() => {
              setDone(null);
              move.mutate(m.to);
            }}
          >
            {m.label}
          </button>
        ))}
      </div>
      {move.error && <ErrorNotice error={move.error} />}
      {done && <Saved>{done}</Saved>}
      <h3>Awarded in the last 30 days</h3>
      <Loaded query={performance} what="what the rule awarded">
        {(p) =>
          p.awards === 0 ? (
            <Empty>Nothing awarded since {formatDate(p.since)}.</Empty>
          ) : (
            <dl className="figure-list">
              <div>
                <dt>Points</dt>
                <dd>{formatNumber(p.points)}</dd>
              </div>
              <div>
                <dt>Members</dt>
                <dd>{formatNumber(p.customers)}</dd>
              </div>
              <div>
                <dt>Awards</dt>
                <dd>{formatNumber(p.awards)}</dd>
              </div>
              <div>
                <dt>Cost</dt>
                <dd>{formatMoney(p.costMinor, p.currency)}</dd>
              </div>
            </dl>
          )
        }
      </Loaded>
    </Panel>
  );
};

/** Every saved version, newest first (GET /v1/rules/{id}/versions), with its document. */
export const RuleHistory = ({ rule }: { rule: Rule }) => {
  const versions = useQuery({
    queryKey: ['rule-versions', rule.id],
    queryFn: ({ signal }) =>
      unwrap(client.GET('/v1/rules/{id}/versions', { params: { path: { id: rule.id } }, signal })),
  });
  return (
    <Panel title="Versions">
      <Loaded query={versions} what="versions">
        {({ versions: list }) =>
          list.length === 0 ? (
            <Empty>No versions saved.</Empty>
          ) : (
            <table>
              <thead>
                <tr>
                  <th className="num">Version</th>
                  <th>Status</th>
                  <th>Saved</th>
                  <th>Saved by</th>
                  <th>Document</th>
                </tr>
              </thead>
              <tbody>
                {list.map((v) => (
                  <tr key={v.version}>
                    <td className="num">{v.version}</td>
                    <td>
                      <StatusBadge status={v.status} />
                    </td>
                    <td>{formatDateTime(v.createdAt)}</td>
                    <td>{v.actor ?? '–'}</td>
                    <td>
                      <details>
                        <summary>Show version {v.version}</summary>
                        <pre className="prog-json">{JSON.stringify(v.document, null, 2)}</pre>
                      </details>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </Panel>
  );
};
