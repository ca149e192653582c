import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { client, unwrap } from '../../shared/api';
import { customerLabel } from './names';
import { customerKey } from './queries';
import type { Customer } from './types';

/**
 * A link to a customer's page named by customerLabel (name and external id). Views that carry
 * only an id (message logs, complaints, CLV lists) read the record, cached per customer and shared
 * with the Customer 360; pass `customer` when the record is already at hand.
 */
export const CustomerLink = ({ id, customer }: { id: string; customer?: Customer }) => {
  const record = useQuery({
    queryKey: customerKey(id, 'profile'),
    queryFn: ({ signal }) =>
      unwrap(client.GET('/v1/customers/{id}', { params: { path: { id } }, signal })),
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
