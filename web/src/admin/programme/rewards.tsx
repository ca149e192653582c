import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { client, newIdempotencyKey, unwrap } from '../../shared/api';
import { formatDate, formatNumber } from '../../shared/format';
import { Empty, ErrorNotice, Loaded, Panel } from '../ui';
import { describeBenefit } from './forms';
import { RewardForm } from './reward-form';
import { Saved, useProgramme, yesNo } from './shared';
import type { Reward } from './types';

const validity = (r: Reward) => {
  if (!r.validFrom && !r.validUntil) return 'Always';
  const from = r.validFrom ? `from ${formatDate(r.validFrom)}` : '';
  const until = r.validUntil ? `until ${formatDate(r.validUntil)}` : '';
  return [from, until].filter(Boolean).join(' ');
};

/** The rewards catalogue (GET /v1/rewards): add, edit, switch off and archive rewards. */
export const RewardsSection = () => {
  const queries = useQueryClient();
  const [showArchived, setShowArchived] = useState(false);
  const [editing, setEditing] = useState<Reward | 'new' | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const programme = useProgramme();
  // Fixed discounts carry their own currency; the programme's is for the form's amounts.
  const currency = programme.data?.currency ?? '';
  const rewards = useQuery({
    queryKey: ['rewards', showArchived],
    queryFn: ({ signal }) =>
      unwrap(
        client.GET('/v1/rewards', {
          params: { query: { includeArchived: showArchived ? 'true' : undefined } },
          signal,
        }),
      ),
  });
  const change = useMutation({
    mutationFn: ({ reward, action }: { reward: Reward; action: 'toggle' | 'archive' }) =>
      action === 'archive'
        ? unwrap(
            client.POST('/v1/rewards/{id}/archive', {
              params: {
                path: { id: reward.id },
                header: { 'idempotency-key': newIdempotencyKey() },
              },
            }),
          )
        : unwrap(
            client.PATCH('/v1/rewards/{id}', {
              params: { path: { id: reward.id } },
              body: { active: !reward.active },
            }),
          ),
    onSuccess: async (r) => {
      await queries.invalidateQueries({ queryKey: ['rewards'] });
      setDone(
        `“${r.name}” is now ${r.archivedAt ? 'archived' : r.active ? 'active' : 'inactive'}.`,
      );
    },
  });
  const act = (reward: Reward, action: 'toggle' | 'archive') => {
    if (action === 'archive' && !window.confirm(`Archive “${reward.name}”? It cannot be undone.`))
      return;
    setDone(null);
    change.mutate({ reward, action });
  };

  return (
    <>
      <Panel
        title="Rewards catalogue"
        actions={
          <button type="button" className="secondary" onClick={() => setEditing('new')}>
            New reward
          </button>
        }
      >
        <div className="toolbar">
          <label className="prog-inline">
            <input
              type="checkbox"
              checked={showArchived}
              onChange={(e) => setShowArchived(e.target.checked)}
            />
            Show archived rewards
          </label>
        </div>
        {change.error && <ErrorNotice error={change.error} />}
        {done && <Saved>{done}</Saved>}
        <Loaded query={rewards} what="rewards">
          {({ rewards: list }) =>
            list.length === 0 ? (
              <Empty>No rewards in the catalogue yet.</Empty>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th>Name</th>
                    <th>Gives</th>
                    <th className="num">Points price</th>
                    <th className="num">Stock</th>
                    <th className="num">Per member</th>
                    <th>Redeemable</th>
                    <th>Tiers</th>
                    <th className="num">Issued</th>
                    <th>Active</th>
                    <th>Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((r) => (
                    <tr key={r.id}>
                      <td>{r.name}</td>
                      <td>{describeBenefit(r, r.currency ?? currency)}</td>
                      <td className="num">{formatNumber(r.pointsCost)}</td>
                      <td className="num">
                        {r.stock === null ? 'Unlimited' : formatNumber(r.stock)}
                      </td>
                      <td className="num">
                        {r.perMemberLimit === null ? 'No limit' : formatNumber(r.perMemberLimit)}
                      </td>
                      <td>{validity(r)}</td>
                      <td>{r.tierCodes ? r.tierCodes.join(', ') : 'Everyone'}</td>
                      <td className="num">{formatNumber(r.issuedCount)}</td>
                      <td>{r.archivedAt ? 'Archived' : yesNo(r.active)}</td>
                      <td className="prog-actions">
                        {!r.archivedAt && (
                          <>
                            <button
                              type="button"
                              className="link"
                              aria-label={`Edit ${r.name}`}
                              onClick={() => setEditing(r)}
                            >
                              Edit
                            </button>
                            <button
                              type="button"
                              className="link"
                              aria-label={`${r.active ? 'Deactivate' : 'Activate'} ${r.name}`}
                              onClick={() => act(r, 'toggle')}
                            >
                              {r.active ? 'Deactivate' : 'Activate'}
                            </button>
                            <button
                              type="button"
                              className="link"
                              aria-label={`Archive ${r.name}`}
                              onClick={() => act(r, 'archive')}
                            >
                              Archive
                            </button>
                          </>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </Loaded>
      </Panel>
      {editing && programme.error && <ErrorNotice error={programme.error} />}
      {editing && programme.data && (
        <RewardForm
          key={editing === 'new' ? 'new' : editing.id}
          reward={editing === 'new' ? null : editing}
          currency={currency}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
};
