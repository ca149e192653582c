import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { asTyped, client, newIdempotencyKey, unwrap, type BodyOf } from '../../shared/api';
import { formatNumber } from '../../shared/format';
import { ErrorNotice, Panel } from '../ui';
import { moneyStep, optionalNumber, toInstant, toMinor } from './forms';
import { DiscountValueInput, Saved } from './shared';

/** What a batch's codes can give (a batch has no samples or gifts). */
type DiscountKind = BodyOf<'/v1/coupon-batches', 'post'>['discount']['kind'];

const EMPTY = {
  name: '',
  count: '100',
  value: '',
  amount: '',
  sku: '',
  minBasket: '',
  validFrom: '',
  validUntil: '',
  usesPerCode: '1',
};

/** Creates a promotional batch of unique codes (POST /v1/coupon-batches), all or nothing. */
export const BatchForm = ({ currency, onClose }: { currency: string; onClose: () => void }) => {
  const queries = useQueryClient();
  const [text, setText] = useState(EMPTY);
  const [kind, setKind] = useState<DiscountKind>('percent_discount');
  const [onePerCustomer, setOnePerCustomer] = useState(false);
  const field = (key: keyof typeof EMPTY) => ({
    value: text[key],
    onChange: (e: { target: { value: string } }) =>
      setText((t) => ({ ...t, [key]: e.target.value })),
  });
  const discount = () =>
    kind === 'percent_discount'
      ? { kind, value: optionalNumber(text.value) }
      : kind === 'fixed_discount'
        ? { kind, valueMinor: toMinor(text.amount, currency) }
        : { kind, sku: text.sku };

  const create = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/v1/coupon-batches', {
          params: { header: { 'idempotency-key': newIdempotencyKey() } },
          body: asTyped<BodyOf<'/v1/coupon-batches', 'post'>>({
            name: text.name,
            count: optionalNumber(text.count),
            discount: discount(),
            minBasketMinor: toMinor(text.minBasket, currency),
            validFrom: toInstant(text.validFrom),
            validUntil: toInstant(text.validUntil),
            usesPerCode: optionalNumber(text.usesPerCode) ?? 1,
            onePerCustomer,
          }),
        }),
      ),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: ['coupon-batches'] });
      setText(EMPTY);
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };

  return (
    <Panel title="New coupon batch">
      <form onSubmit={onSubmit} noValidate>
        <div className="prog-form-grid">
          <label>
            Batch name
            <input {...field('name')} />
          </label>
          <label>
            Number of codes
            <input type="number" min={1} max={100000} {...field('count')} />
          </label>
          <label>
            Discount
            <select value={kind} onChange={(e) => setKind(e.target.value as DiscountKind)}>
              <option value="percent_discount">Percent off</option>
              <option value="fixed_discount">Amount off</option>
              <option value="free_product">Free product</option>
            </select>
          </label>
          <DiscountValueInput
            kind={kind}
            currency={currency}
            percent={field('value')}
            amount={field('amount')}
          />
          {kind === 'free_product' && (
            <label>
              Product SKU
              <input {...field('sku')} />
            </label>
          )}
          <label>
            Minimum basket ({currency}; blank = none)
            <input type="number" min={0} step={moneyStep(currency)} {...field('minBasket')} />
          </label>
          <label>
            Valid from (optional)
            <input type="datetime-local" {...field('validFrom')} />
          </label>
          <label>
            Valid until (optional)
            <input type="datetime-local" {...field('validUntil')} />
          </label>
          <label>
            Uses per code
            <input type="number" min={1} {...field('usesPerCode')} />
          </label>
        </div>
        <label className="prog-inline">
          <input
            type="checkbox"
            checked={onePerCustomer}
            onChange={(e) => setOnePerCustomer(e.target.checked)}
          />
          One code per customer (checkout must name the customer)
        </label>
        {create.error && <ErrorNotice error={create.error} />}
        {create.data && (
          <Saved>
            Batch “{create.data.name}” created with {formatNumber(create.data.counts.issued)} codes.
          </Saved>
        )}
        <div className="toolbar">
          <button type="submit" disabled={create.isPending}>
            {create.isPending ? 'Creating codes…' : 'Create batch'}
          </button>
          <button type="button" className="link" onClick={onClose}>
            Close form
          </button>
        </div>
      </form>
    </Panel>
  );
};
