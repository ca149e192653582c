import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { client, unwrap } from '../../shared/api';
import { formatDate, formatMoney, formatNumber } from '../../shared/format';
import { Empty, ErrorNotice, Loaded, Panel } from '../ui';
import { BatchForm } from './batch-form';
import { CouponLookup } from './coupon-lookup';
import { describeBenefit } from './forms';
import { useProgramme, yesNo } from './shared';
import type { CouponBatch } from './types';

const validity = (b: CouponBatch) =>
  !b.validFrom && !b.validUntil
    ? 'Always'
    : `${b.validFrom ? formatDate(b.validFrom) : '…'} – ${b.validUntil ? formatDate(b.validUntil) : '…'}`;

/** Promotional batches (GET /v1/coupon-batches) with their counts and CSV export, and a lookup. */
export const CouponsSection = () => {
  const [creating, setCreating] = useState(false);
  const programme = useProgramme();
  const batches = useQuery({
    queryKey: ['coupon-batches'],
    queryFn: ({ signal }) => unwrap(client.GET('/v1/coupon-batches', { signal })),
  });
  return (
    <>
      <Panel
        title="Promotional batches"
        actions={
          <button type="button" className="secondary" onClick={() => setCreating(true)}>
            New batch
          </button>
        }
      >
        <Loaded query={batches} what="coupon batches">
          {({ batches: list }) =>
            list.length === 0 ? (
              <Empty>No coupon batches yet.</Empty>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th>Name</th>
                    <th>Discount</th>
                    <th className="num">Codes</th>
                    <th className="num">Codes used</th>
                    <th className="num">Redemptions</th>
                    <th className="num">Released</th>
                    <th>Valid</th>
                    <th className="num">Uses per code</th>
                    <th>One per customer</th>
                    <th>Created</th>
                    <th>Export</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((b) => (
                    <tr key={b.id}>
                      <td>{b.name}</td>
                      <td>
                        {describeBenefit(b, b.currency)}
                        {b.minBasketMinor !== null &&
                          `, on baskets of ${formatMoney(b.minBasketMinor, b.currency)} or more`}
                      </td>
                      <td className="num">{formatNumber(b.counts.issued)}</td>
                      <td className="num">{formatNumber(b.counts.codesUsed)}</td>
                      <td className="num">{formatNumber(b.counts.redeemed)}</td>
                      <td className="num">{formatNumber(b.counts.released)}</td>
                      <td>{validity(b)}</td>
                      <td className="num">{formatNumber(b.usesPerCode)}</td>
                      <td>{yesNo(b.onePerCustomer)}</td>
                      <td>{formatDate(b.createdAt)}</td>
                      <td>
                        <a
                          href={`/v1/coupon-batches/${b.id}/codes?format=csv`}
                          download
                          aria-label={`CSV of the codes of ${b.name}`}
                        >
                          CSV
                        </a>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </Loaded>
      </Panel>
      {programme.error && <ErrorNotice error={programme.error} />}
      {creating && programme.data && (
        <BatchForm currency={programme.data.currency} onClose={() => setCreating(false)} />
      )}
      {programme.data && (
        <CouponLookup
          currency={programme.data.currency}
          batchName={(id) => batches.data?.batches.find((b) => b.id === id)?.name}
        />
      )}
    </>
  );
};
