import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { client, newIdempotencyKey, unwrap } from '../../shared/api';
import { formatNumber } from '../../shared/format';
import { ErrorNotice, Panel } from '../ui';
import { useRefreshAfterAdjustment } from './queries';

const signed = (n: number) => (n > 0 ? `+${formatNumber(n)}` : formatNumber(n));

/** A manual correction: signed points with a reason, recorded in the ledger under the admin's name. */
export const AdjustPointsForm = ({ customerId }: { customerId: string }) => {
  const [points, setPoints] = useState('');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const refresh = useRefreshAfterAdjustment(customerId);

  const adjust = useMutation({
    // One key per submit: a double click or a retried request cannot adjust twice.
    mutationFn: (body: { points: number; reason: string }) =>
      unwrap(
        client.POST('/v1/customers/{id}/points/adjust', {
          params: { path: { id: customerId }, header: { 'idempotency-key': newIdempotencyKey() } },
          body,
        }),
      ),
    onSuccess: async (entry, body) => {
      setPoints('');
      setReason('');
      setDone(`Adjusted by ${signed(entry.balanceDelta)} points (${body.reason}).`);
      await refresh();
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    adjust.mutate({ points: Number(points), reason: reason.trim() });
  };

  return (
    <Panel title="Adjust points">
      <form className="c360-adjust-form" onSubmit={submit}>
        <label>
          Points
          <input
            type="number"
            inputMode="numeric"
            step={1}
            required
            value={points}
            aria-describedby="adjust-points-hint"
            onChange={(e) => setPoints(e.target.value)}
          />
        </label>
        <label>
          Reason
          <input
            type="text"
            required
            minLength={3}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </label>
        <button type="submit" disabled={adjust.isPending}>
          {adjust.isPending ? 'Adjusting…' : 'Adjust points'}
        </button>
      </form>
      <p id="adjust-points-hint" className="muted">
        A positive number credits the member, a negative one debits them. The reason is kept in the
        ledger with your name.
      </p>
      {adjust.error && <ErrorNotice error={adjust.error} />}
      <p role="status" className="good">
        {done}
      </p>
    </Panel>
  );
};
