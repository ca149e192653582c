import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { client, unwrap } from '../../shared/api';
import { customerLabel } from '../customer/names';
import { useDebounced } from './use-debounced';

/** Finds a customer by name, e-mail or id (GET /v1/customers?q=) and picks one of the matches. */
export const CustomerPicker = ({
  value,
  onChange,
}: {
  value: string;
  onChange: (customerId: string) => void;
}) => {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 250);
  const found = useQuery({
    queryKey: ['eng', 'customer-pick', q],
    queryFn: ({ signal }) =>
      unwrap(
        client.GET('/v1/customers', {
          params: { query: { q: q || undefined, limit: 10 } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const customers = found.data?.customers ?? [];
  return (
    <div className="eng-form-row">
      <label>
        Find a customer
        <input
          type="search"
          value={text}
          placeholder="Name, e-mail or id"
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <label>
        Preview for
        <select value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">
            {found.isPending
              ? 'Loading customers…'
              : customers.length === 0
                ? 'No customer found'
                : 'Choose a customer'}
          </option>
          {customers.map((c) => (
            <option key={c.id} value={c.id}>
              {customerLabel(c)}
              {c.email ? ` <${c.email}>` : ''}
            </option>
          ))}
        </select>
      </label>
      {found.error ? <span className="bad">Customers could not be searched.</span> : null}
    </div>
  );
};
