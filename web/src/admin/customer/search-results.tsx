import { formatDate, formatMoney, formatNumber } from '../../shared/format';
import { CustomerLink } from './customer-link';
import type { CustomerListItem, CustomerSortKey } from './list-queries';
import { words } from './names';

interface SortState {
  sort: CustomerSortKey;
  order: 'asc' | 'desc';
  onSort: (sort: CustomerSortKey, order: 'asc' | 'desc') => void;
}

/** Largest first is what a manager asks of money, points and dates; A to Z of names. */
const FIRST_ORDER: Record<CustomerSortKey, 'asc' | 'desc'> = {
  id: 'asc',
  name: 'asc',
  points: 'desc',
  spend: 'desc',
  lastOrder: 'desc',
  joined: 'desc',
};

/** A column heading that sorts the list (server-side); aria-sort tells a screen reader the state. */
const SortHeader = ({
  by,
  label,
  num,
  state,
}: {
  by: CustomerSortKey;
  label: string;
  num?: boolean;
  state: SortState;
}) => {
  const active = state.sort === by;
  const next = active ? (state.order === 'asc' ? 'desc' : 'asc') : FIRST_ORDER[by];
  return (
    <th
      scope="col"
      className={num ? 'num' : undefined}
      aria-sort={active ? (state.order === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <button type="button" className="link-button" onClick={() => state.onSort(by, next)}>
        {label}
        {active ? (state.order === 'asc' ? ' ▲' : ' ▼') : ''}
      </button>
    </th>
  );
};

/** One row per customer with their standing; the name links to their Customer 360. */
export const CustomerTable = ({
  customers,
  currency,
  sorting,
}: {
  customers: CustomerListItem[];
  currency: string;
  sorting: SortState;
}) => (
  <table className="c360-customer-table">
    <caption className="visually-hidden">Customers</caption>
    <thead>
      <tr>
        <SortHeader by="name" label="Customer" state={sorting} />
        <th scope="col">E-mail</th>
        <SortHeader by="points" label="Points" num state={sorting} />
        <th scope="col">Tier</th>
        <SortHeader by="spend" label="Spend" num state={sorting} />
        <SortHeader by="lastOrder" label="Last order" state={sorting} />
        <th scope="col">Lifecycle stage</th>
        <SortHeader by="joined" label="Joined" state={sorting} />
      </tr>
    </thead>
    <tbody>
      {customers.map((c) => (
        <tr key={c.id}>
          <td>
            <CustomerLink id={c.id} customer={c} />
          </td>
          <td>{c.email ?? '–'}</td>
          <td className="num">{formatNumber(c.summary.pointsBalance)}</td>
          <td>{c.summary.tier?.name ?? '–'}</td>
          <td className="num">
            {c.summary.spendMinor === null ? '–' : formatMoney(c.summary.spendMinor, currency)}
          </td>
          <td>
            {c.summary.lastOrderAt ? (
              <time dateTime={c.summary.lastOrderAt}>{formatDate(c.summary.lastOrderAt)}</time>
            ) : (
              '–'
            )}
          </td>
          <td>{words(c.summary.lifecycleStage)}</td>
          <td>
            <time dateTime={c.createdAt}>{formatDate(c.createdAt)}</time>
          </td>
        </tr>
      ))}
    </tbody>
  </table>
);
