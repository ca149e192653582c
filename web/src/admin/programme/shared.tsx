import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { client, unwrap } from '../../shared/api';
import { moneyStep } from './forms';

/** The programme's settings; its currency is what every amount on these pages is in. */
export const useProgramme = () =>
  useQuery({
    queryKey: ['programme'],
    queryFn: ({ signal }) => unwrap(client.GET('/v1/programme', { signal })),
  });

/** A confirmation after a write; screen readers announce it (role status). */
export const Saved = ({ children }: { children: ReactNode }) => (
  <p className="good" role="status">
    {children}
  </p>
);

/** Yes/No in words, so a table never relies on a tick's colour or shape alone. */
export const yesNo = (value: boolean) => (value ? 'Yes' : 'No');

/** A status as a labelled badge: the text carries the meaning, the colour only helps. */
export const StatusBadge = ({ status }: { status: string }) => (
  <span className={`prog-badge prog-badge-${status}`}>{status}</span>
);

interface InputBinding {
  value: string;
  onChange: (e: { target: { value: string } }) => void;
}

/** The one value a discount needs: percent off, or an amount off in the programme currency. */
export const DiscountValueInput = ({
  kind,
  currency,
  percent,
  amount,
}: {
  kind: string;
  currency: string;
  percent: InputBinding;
  amount: InputBinding;
}) => {
  if (kind === 'percent_discount') {
    return (
      <label>
        Percent off
        <input type="number" min={1} max={100} {...percent} />
      </label>
    );
  }
  if (kind === 'fixed_discount') {
    return (
      <label>
        Amount off ({currency})
        <input type="number" min={0} step={moneyStep(currency)} {...amount} />
      </label>
    );
  }
  return null;
};
