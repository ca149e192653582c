import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { customerLoader } from './customer-loader';
import { customerLabel } from './names';
import { customerKey } from './queries';
import type { Customer } from './types';

/**
 * A link to a customer's page named by customerLabel (name and external id). Views that carry
 * only an id (message logs, complaints, CLV lists) read the record, in one request for all the
 * links of a page, cached per customer and shared with the Customer 360; pass `customer` when the
 * record is already at hand.
 */
export const CustomerLink = ({ id, customer }: { id: string; customer?: Customer }) => {
  const record = useQuery({
    queryKey: customerKey(id, 'profile'),
    queryFn: () => customerLoader.load(id),
    enabled: customer === undefined,
    staleTime: 60_000,
  });
  const known = customer ?? record.data;
  return (
    <Link to={`/customers/${encodeURIComponent(id)}`} aria-busy={known ? undefined : true}>
      {known ? customerLabel(known) : record.error ? `Customer ${id}` : 'Customer…'}
    </Link>
  );
};
