import { Link } from 'react-router';
import { formatDate } from '../../shared/format';
import { displayName, hasName } from './names';
import type { Consent, Customer } from './types';

const consentText = (consents: Consent[]) => {
  const granted = consents
    .filter((c) => c.granted)
    .map((c) => (c.channel === 'email' ? 'E-mail' : 'SMS'));
  return granted.length > 0 ? granted.join(', ') : 'None';
};

const externalIdText = (c: Customer) =>
  c.externalIds.map((x) => `${x.source}: ${x.id}`).join(', ') || '–';

/** One row per customer; the name links to their Customer 360. */
export const CustomerTable = ({ customers }: { customers: Customer[] }) => (
  <table className="c360-customer-table">
    <thead>
      <tr>
        <th scope="col">Name</th>
        <th scope="col">E-mail</th>
        <th scope="col">Phone</th>
        <th scope="col">External ids</th>
        <th scope="col">Marketing consent</th>
        <th scope="col">Joined</th>
      </tr>
    </thead>
    <tbody>
      {customers.map((c) => (
        <tr key={c.id}>
          <td>
            <Link to={`/customers/${c.id}`}>{displayName(c)}</Link>
            {!hasName(c) && <span className="muted"> (no name)</span>}
          </td>
          <td>{c.email ?? '–'}</td>
          <td>{c.phone ?? '–'}</td>
          <td>{externalIdText(c)}</td>
          <td>{consentText(c.consents)}</td>
          <td>
            <time dateTime={c.createdAt}>{formatDate(c.createdAt)}</time>
          </td>
        </tr>
      ))}
    </tbody>
  </table>
);
