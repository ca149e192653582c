import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { formatNumber } from '../../shared/format';
import { useCustomerSearch, type SearchField } from '../customer/queries';
import { CustomerTable } from '../customer/search-results';
import { Empty, ErrorNotice, Loading, PageTitle, Panel } from '../ui';

const FIELDS: { value: SearchField; label: string; hint: string }[] = [
  { value: 'q', label: 'Name or e-mail', hint: 'Start of the e-mail, first or last name' },
  { value: 'externalId', label: 'External id', hint: 'The exact id from your shop or till' },
  { value: 'phone', label: 'Phone', hint: 'The full phone number, e.g. +44 20 7946 0958' },
];

const CUSTOMER_ID = /^cus_[0-9A-HJKMNP-TV-Z]{26}$/i;

/** Waits for a pause in typing, so the API is asked once per word rather than once per key. */
const useSettled = (value: string, ms = 300) => {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
};

export const CustomersPage = () => {
  // The search lives in the address, so Back from a customer returns to the same results.
  const [params, setParams] = useSearchParams();
  const field: SearchField = FIELDS.find((f) => f.value === params.get('by'))?.value ?? 'q';
  const urlText = params.get('q') ?? '';
  const [text, setText] = useState(urlText);
  const settled = useSettled(text.trim());

  // A link to /customers (the nav) clears the address: the box follows it. Typing writes the
  // address too, but then it already matches the settled text and nothing changes.
  const [seenUrlText, setSeenUrlText] = useState(urlText);
  if (urlText !== seenUrlText) {
    setSeenUrlText(urlText);
    if (urlText !== settled) setText(urlText);
  }

  useEffect(() => {
    setParams(
      (p) => {
        if (settled) p.set('q', settled);
        else p.delete('q');
        return p;
      },
      { replace: true },
    );
  }, [settled, setParams]);

  const search = useCustomerSearch(field, settled);
  const customers = search.data?.pages.flatMap((p) => p.customers) ?? [];
  const hint = FIELDS.find((f) => f.value === field)?.hint;

  return (
    <>
      <PageTitle>Customers</PageTitle>
      <form className="toolbar" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          Search by
          <select
            value={field}
            onChange={(e) =>
              setParams((p) => {
                p.set('by', e.target.value);
                return p;
              })
            }
          >
            {FIELDS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <label className="c360-search">
          Search customers
          <input
            type="search"
            value={text}
            maxLength={200}
            aria-describedby="customer-search-hint"
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <span id="customer-search-hint" className="muted">
          {hint}
        </span>
      </form>
      {CUSTOMER_ID.test(settled) && (
        <p>
          That looks like a customer id: <Link to={`/customers/${settled}`}>open {settled}</Link>
        </p>
      )}
      <Panel title={settled ? 'Matching customers' : 'All customers'}>
        {search.error ? (
          <ErrorNotice error={search.error} />
        ) : search.isPending ? (
          <Loading what="customers" />
        ) : customers.length === 0 ? (
          <Empty>{settled ? `No customers match “${settled}”.` : 'No customers yet.'}</Empty>
        ) : (
          <>
            <CustomerTable customers={customers} />
            <p className="muted" role="status">
              {search.isFetching && !search.isFetchingNextPage
                ? 'Updating…'
                : `Showing ${formatNumber(customers.length)}${search.hasNextPage ? ', more available' : ''}.`}
            </p>
            {search.hasNextPage && (
              <button
                type="button"
                className="secondary"
                disabled={search.isFetchingNextPage}
                onClick={() => void search.fetchNextPage()}
              >
                {search.isFetchingNextPage ? 'Loading…' : 'Load more'}
              </button>
            )}
          </>
        )}
      </Panel>
    </>
  );
};
