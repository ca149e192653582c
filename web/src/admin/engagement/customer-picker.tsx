import { useId, useState } from 'react';
import { customerLabel } from '../customer/names';
import { ErrorNotice } from '../ui';
import { useCustomerSearch } from './feedback-queries';

/**
 * Choosing one customer: type the start of a name or e-mail, then pick from the matches (named as
 * every page names a customer). `value` is the chosen customer's id, '' for none.
 */
export const CustomerPicker = ({
  value,
  onChange,
  invalid,
}: {
  value: string;
  onChange: (customerId: string) => void;
  invalid?: { id: string; message: string | undefined };
}) => {
  const [text, setText] = useState('');
  const search = useCustomerSearch(text);
  const found = search.data?.customers ?? [];
  const id = useId();
  return (
    <fieldset className="eng-picker">
      <legend>Customer</legend>
      <label>
        Find by name or e-mail
        <input
          type="search"
          value={text}
          maxLength={200}
          onChange={(e) => setText(e.target.value)}
          aria-describedby={`${id}-status`}
        />
      </label>
      <label>
        Choose the customer
        <select
          value={value}
          required
          onChange={(e) => onChange(e.target.value)}
          {...(invalid?.message
            ? { 'aria-invalid': true as const, 'aria-describedby': invalid.id }
            : {})}
        >
          <option value="">
            {text.trim() ? `${found.length} found: choose one` : 'Type to find a customer'}
          </option>
          {found.map((c) => (
            <option key={c.id} value={c.id}>
              {customerLabel(c)}
            </option>
          ))}
        </select>
      </label>
      <span id={`${id}-status`} className="muted eng-hint" role="status">
        {search.isFetching ? 'Searching…' : ''}
      </span>
      {search.error ? <ErrorNotice error={search.error} /> : null}
    </fieldset>
  );
};
