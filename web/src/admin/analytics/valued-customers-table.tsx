import { CustomerLink } from '../customer/customer-link';
import { formatDate, formatNumber } from '../../shared/format';
import { formatDecimal, formatMoneyOrDash, formatProbability } from './numbers';
import type { ValuedCustomer } from './types';

/** Customers with their model figures, each linking to their customer page. */
export const ValuedCustomersTable = ({
  customers,
  currency,
  caption,
}: {
  customers: ValuedCustomer[];
  currency: string;
  caption: string;
}) => (
  <table>
    <caption className="visually-hidden">{caption}</caption>
    <thead>
      <tr>
        <th scope="col">Customer</th>
        <th scope="col" className="num">
          Predicted value (CLV)
        </th>
        <th scope="col" className="num">
          Still active (P)
        </th>
        <th scope="col" className="num">
          Expected purchases
        </th>
        <th scope="col" className="num">
          Spent so far
        </th>
        <th scope="col" className="num">
          Purchase days
        </th>
        <th scope="col">Last purchase</th>
      </tr>
    </thead>
    <tbody>
      {customers.map((c) => (
        <tr key={c.customerId}>
          <td>
            {/* Imported customers often have no name: their external id names them. */}
            <CustomerLink id={c.customerId} />
          </td>
          <td className="num">{formatMoneyOrDash(c.clvMinor, currency)}</td>
          <td className="num">{formatProbability(c.pAlive)}</td>
          <td className="num">{formatDecimal(c.expectedPurchases)}</td>
          <td className="num">{formatMoneyOrDash(c.monetaryMinor, currency)}</td>
          <td className="num">{formatNumber(c.frequency)}</td>
          <td>{c.lastPurchaseAt ? formatDate(c.lastPurchaseAt) : '–'}</td>
        </tr>
      ))}
    </tbody>
  </table>
);
