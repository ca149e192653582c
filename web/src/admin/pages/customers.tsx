import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { formatNumber } from '../../shared/format';
import { CreateCustomerForm } from '../customer/create-customer-form';
import {
  useCustomerList,
  useTierNames,
  type CustomerSortKey,
  type LifecycleStage,
  type SearchField,
} from '../customer/list-queries';
import { words } from '../customer/names';
import { useProgramme } from '../customer/queries';
import { CustomerTable } from '../customer/search-results';
import { useSession } from '../session';
import { Empty, ErrorNotice, Loading, PageTitle, Panel } from '../ui';

const FIELDS: { value: SearchField; label: string; hint: string }[] = [
  { value: 'q', label: 'Name or e-mail', hint: 'Start of the e-mail, first or last name' },
  { value: 'externalId', label: 'External id', hint: 'The exact id from your shop or till' },
  { value: 'phone', label: 'Phone', hint: 'The full phone number, e.g. +44 20 7946 0958' },
];

const STAGES: LifecycleStage[] = ['prospect', 'new', 'active', 'at_risk', 'lapsed', 'lost'];
const SORTS: CustomerSortKey[] = ['id', 'name', 'points', 'spend', 'lastOrder', 'joined'];

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

const pick = <T extends string>(values: readonly T[], value: string | null, fallback: T): T =>
  values.find((v) => v === value) ?? fallback;

export const CustomersPage = () => {
  // The search, sort and filters live in the address, so Back from a customer returns to them.
  const [params, setParams] = useSearchParams();
  const { principal } = useSession();
  const [creating, setCreating] = useState(false);
  const field = pick(
    FIELDS.map((f) => f.value),
    params.get('by'),
    'q',
  );
  const sort = pick(SORTS, params.get('sort'), 'id');
  const order = params.get('order') === 'desc' ? 'desc' : 'asc';
  const stage = pick<LifecycleStage | ''>(STAGES, params.get('stage'), '');
  const tier = params.get('tier') ?? '';
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

  const setParam = (entries: Record<string, string>) =>
    setParams(
      (p) => {
        for (const [key, value] of Object.entries(entries)) {
          if (value) p.set(key, value);
          else p.delete(key);
        }
        return p;
      },
      { replace: true },
    );

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

  const list = useCustomerList({ field, text: settled, sort, order, stage, tier });
  const tiers = useTierNames();
  const programme = useProgramme();
  const customers = list.data?.pages.flatMap((p) => p.customers) ?? [];
  const hint = FIELDS.find((f) => f.value === field)?.hint;
  const filtered = Boolean(settled || stage || tier);

  return (
    <>
      <PageTitle>Customers</PageTitle>
      {principal.role === 'admin' &&
        (creating ? (
          <CreateCustomerForm onCancel={() => setCreating(false)} />
        ) : (
          <p>
            <button type="button" onClick={() => setCreating(true)}>
              New customer
            </button>
          </p>
        ))}
      <form className="toolbar" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          Search by
          <select value={field} onChange={(e) => setParam({ by: e.target.value })}>
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
        <label>
          Lifecycle stage
          <select value={stage} onChange={(e) => setParam({ stage: e.target.value })}>
            <option value="">Any stage</option>
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {words(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Tier
          <select value={tier} onChange={(e) => setParam({ tier: e.target.value })}>
            <option value="">Any tier</option>
            <option value="none">No tier</option>
            {(tiers.data?.tiers ?? []).map((t) => (
              <option key={t.code} value={t.code}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <span id="customer-search-hint" className="muted">
          {hint}. Spend, last order and stage are as of the last analytics refresh.
        </span>
      </form>
      {CUSTOMER_ID.test(settled) && (
        <p>
          That looks like a customer id: <Link to={`/customers/${settled}`}>open {settled}</Link>
        </p>
      )}
      <Panel title={filtered ? 'Matching customers' : 'All customers'}>
        {list.error || programme.error ? (
          <ErrorNotice error={list.error ?? programme.error} />
        ) : list.isPending || !programme.data ? (
          <Loading what="customers" />
        ) : customers.length === 0 ? (
          <Empty>{filtered ? 'No customers match these filters.' : 'No customers yet.'}</Empty>
        ) : (
          <>
            <CustomerTable
              customers={customers}
              currency={programme.data.currency}
              sorting={{
                sort,
                order,
                onSort: (by, next) => setParam({ sort: by, order: next }),
              }}
            />
            <p className="muted" role="status">
              {list.isFetching && !list.isFetchingNextPage
                ? 'Updating…'
                : `Showing ${formatNumber(customers.length)}${list.hasNextPage ? ', more available' : ''}.`}
            </p>
            {list.hasNextPage && (
              <button
                type="button"
                className="secondary"
                disabled={list.isFetchingNextPage}
                onClick={() => void list.fetchNextPage()}
              >
                {list.isFetchingNextPage ? 'Loading…' : 'Load more'}
              </button>
            )}
          </>
        )}
      </Panel>
    </>
  );
};
