import { CustomerLink } from '../customer/customer-link';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { client, unwrap } from '../../shared/api';
import { formatDateTime, formatMoney, formatNumber } from '../../shared/format';
import { ErrorNotice, Panel } from '../ui';
import { describeBenefit, moneyStep, toMinor } from './forms';

/**
 * Looks a code up with POST /v1/coupons/validate, which writes nothing. The basket is one line
 * of the total typed (or empty), enough to see the coupon, its state and what it would take off.
 */
export const CouponLookup = ({
  currency,
  batchName,
}: {
  currency: string;
  /** A batch's name from the list above, when it is loaded. */
  batchName: (id: string) => string | undefined;
}) => {
  const [code, setCode] = useState('');
  const [customerId, setCustomerId] = useState('');
  const [total, setTotal] = useState('');
  const check = useMutation({
    mutationFn: () => {
      const totalMinor = toMinor(total, currency);
      return unwrap(
        client.POST('/v1/coupons/validate', {
          body: {
            code,
            ...(customerId.trim() && { customerId: customerId.trim() }),
            basket: {
              currency,
              lines:
                totalMinor === null
                  ? []
                  : [{ sku: 'basket-total', quantity: 1, unitPriceMinor: totalMinor }],
            },
          },
        }),
      );
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    check.mutate();
  };
  const result = check.data;
  const coupon = result?.coupon;

  return (
    <Panel title="Look up a code">
      <form onSubmit={onSubmit} noValidate className="toolbar">
        <label>
          Coupon code
          <input value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" />
        </label>
        <label>
          Customer id (optional)
          <input value={customerId} onChange={(e) => setCustomerId(e.target.value)} />
        </label>
        <label>
          Basket total ({currency}, optional)
          <input
            type="number"
            min={0}
            step={moneyStep(currency)}
            value={total}
            onChange={(e) => setTotal(e.target.value)}
          />
        </label>
        <button type="submit" disabled={check.isPending}>
          Check code
        </button>
      </form>
      {check.error && <ErrorNotice error={check.error} />}
      {result && (
        <div role="status" className="prog-lookup-result">
          <p>
            <strong className={result.valid ? 'good' : 'bad'}>
              {result.valid ? 'Valid' : 'Not valid'}
            </strong>
            {result.valid &&
              ` — takes ${formatMoney(result.discountMinor, result.currency)} off this basket`}
          </p>
          {result.reasons.length > 0 && (
            <ul>
              {result.reasons.map((r) => (
                <li key={r.code}>
                  <code>{r.code}</code>: {r.message}
                </li>
              ))}
            </ul>
          )}
          {coupon && (
            <dl className="prog-facts">
              <dt>Code</dt>
              <dd>
                <code>{coupon.code}</code>
              </dd>
              <dt>Gives</dt>
              <dd>{describeBenefit(coupon, coupon.currency)}</dd>
              <dt>Status</dt>
              <dd>{coupon.status === 'void' ? `Void: ${coupon.voidReason ?? ''}` : 'Active'}</dd>
              <dt>Uses</dt>
              <dd>
                {formatNumber(coupon.usesCount)} of {formatNumber(coupon.usesAllowed)} used
              </dd>
              <dt>Valid</dt>
              <dd>
                {coupon.validFrom ? formatDateTime(coupon.validFrom) : 'Any time'} –{' '}
                {coupon.validUntil ? formatDateTime(coupon.validUntil) : 'no end'}
              </dd>
              <dt>Belongs to</dt>
              <dd>
                {coupon.customerId ? (
                  <CustomerLink id={coupon.customerId} />
                ) : (
                  'Anyone (not bound to a member)'
                )}
              </dd>
              <dt>From</dt>
              <dd>
                {coupon.batchId
                  ? `Batch “${batchName(coupon.batchId) ?? coupon.batchId}”`
                  : coupon.rewardId
                    ? `A reward (${coupon.rewardId})`
                    : '–'}
              </dd>
            </dl>
          )}
        </div>
      )}
    </Panel>
  );
};
