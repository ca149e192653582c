import { useId, useState } from 'react';
import { customerLabel } from '../customer/names';
import { ErrorNotice } from '../ui';
import { useCustomerSearch } from './feedback-queries';
import { useDebounced } from './use-debounced';

/**
 * Choosing one customer: type the start of a name, e-mail or id, then pick from the matches
 * (named as every page names a customer). `value` is the chosen customer's id, '' for none;
 * `chooseLabel` says what the choice is for ("Preview for", "Choose the customer").
 */
export const CustomerPicker = ({
  value,
  onChange,
  chooseLabel = 'Choose the customer',
  invalid,
}: {
  value: string;
  onChange: (customerId: string) => void;
  chooseLabel?: string;
  invalid?: { id: string; message: string | undefined };
}) => {
  const [text, setText] = useState('');
  const search = useCustomerSearch(useDebounced(text.trim(), 250));
  const found = search.data?.customers ?? [];
  const id = useId();
  return (
    <fieldset className="eng-picker">
      <legend>Customer</legend>
      <label>
        Find a customer
        <input
          type="search"
          value={text}
          maxLength={200}
          placeholder="Name, e-mail or id"
          onChange={(e) => setText(e.target.value)}
          aria-describedby={`${id}-status`}
        />
      </label>
      <label>
        {chooseLabel}
        <select
          value={value}
          required
          onChange={(e) => onChange(e.target.value)}
          {...(invalid?.message
            ? { 'aria-invalid': true as const, 'aria-describedby': invalid.id }
            : {})}
        >
          <option value="">
            {text.trim() ? `${found.length} found: choose one` : 'Search first, then choose'}
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
