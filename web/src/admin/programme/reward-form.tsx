import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { asTyped, client, newIdempotencyKey, unwrap, type BodyOf } from '../../shared/api';
import { ErrorNotice, Panel } from '../ui';
import {
  KIND_LABELS,
  fromMinor,
  moneyStep,
  numberText,
  optionalNumber,
  toInstant,
  toLocalInput,
  toMinor,
} from './forms';
import { DiscountValueInput, Saved } from './shared';
import {
  TranslationsEditor,
  translationTexts,
  translationsBody,
  type TranslatedField,
  type TranslationTexts,
} from './translations-editor';

const TRANSLATED: TranslatedField[] = [
  { key: 'name', label: 'Name' },
  { key: 'description', label: 'Description' },
];
import { REWARD_KINDS, type Reward, type RewardKind } from './types';

type Text = Record<
  | 'name'
  | 'description'
  | 'value'
  | 'amount'
  | 'sku'
  | 'pointsCost'
  | 'stock'
  | 'perMemberLimit'
  | 'validFrom'
  | 'validUntil'
  | 'couponValidityDays'
  | 'usesPerCoupon'
  | 'minBasket',
  string
>;

const textOf = (r: Reward | null, currency: string): Text => ({
  name: r?.name ?? '',
  description: r?.description ?? '',
  value: numberText(r?.value),
  amount: fromMinor(r?.valueMinor, currency),
  sku: r?.sku ?? '',
  pointsCost: numberText(r?.pointsCost),
  stock: numberText(r?.stock),
  perMemberLimit: numberText(r?.perMemberLimit),
  validFrom: toLocalInput(r?.validFrom ?? null),
  validUntil: toLocalInput(r?.validUntil ?? null),
  couponValidityDays: numberText(r?.couponValidityDays),
  usesPerCoupon: numberText(r?.usesPerCoupon ?? 1),
  minBasket: fromMinor(r?.minBasketMinor, currency),
});

/** Adds a reward (POST /v1/rewards) or changes one (PATCH); the server's messages name the fields. */
export const RewardForm = ({
  reward,
  currency,
  onClose,
}: {
  reward: Reward | null;
  currency: string;
  onClose: () => void;
}) => {
  const queries = useQueryClient();
  const tiers = useQuery({
    queryKey: ['tiers'],
    queryFn: ({ signal }) => unwrap(client.GET('/v1/tiers', { signal })),
  });
  const [text, setText] = useState<Text>(() => textOf(reward, currency));
  const [kind, setKind] = useState<RewardKind>(reward?.kind ?? 'percent_discount');
  const [tierCodes, setTierCodes] = useState<string[]>(reward?.tierCodes ?? []);
  const [active, setActive] = useState(reward?.active ?? true);
  const [translations, setTranslations] = useState<TranslationTexts>(() =>
    translationTexts(reward?.translations),
  );
  const field = (key: keyof Text) => ({
    value: text[key],
    onChange: (e: { target: { value: string } }) =>
      setText((t) => ({ ...t, [key]: e.target.value })),
  });

  // Only the fields of the chosen kind, one shape per kind as the API takes them.
  const benefit = () => {
    switch (kind) {
      case 'percent_discount':
        return { kind, value: optionalNumber(text.value) };
      case 'fixed_discount':
        return { kind, valueMinor: toMinor(text.amount, currency) };
      case 'free_product':
      case 'sample':
        return { kind, sku: text.sku };
      case 'gift':
        return { kind };
    }
  };
  const typed = () => ({
    name: text.name,
    description: text.description.trim() === '' ? null : text.description,
    ...benefit(),
    pointsCost: optionalNumber(text.pointsCost),
    stock: optionalNumber(text.stock),
    perMemberLimit: optionalNumber(text.perMemberLimit),
    validFrom: toInstant(text.validFrom),
    validUntil: toInstant(text.validUntil),
    tierCodes: tierCodes.length === 0 ? null : tierCodes,
    couponValidityDays: optionalNumber(text.couponValidityDays),
    usesPerCoupon: optionalNumber(text.usesPerCoupon) ?? 1,
    minBasketMinor: toMinor(text.minBasket, currency),
    active,
    translations: translationsBody(translations),
  });
  const save = useMutation({
    mutationFn: () =>
      reward
        ? unwrap(
            client.PATCH('/v1/rewards/{id}', {
              params: { path: { id: reward.id } },
              body: asTyped<BodyOf<'/v1/rewards/{id}', 'patch'>>(typed()),
            }),
          )
        : unwrap(
            client.POST('/v1/rewards', {
              params: { header: { 'idempotency-key': newIdempotencyKey() } },
              body: asTyped<BodyOf<'/v1/rewards', 'post'>>(typed()),
            }),
          ),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: ['rewards'] });
      // A new reward's form empties, so a second click cannot add it twice.
      if (!reward) {
        setText(textOf(null, currency));
        setTierCodes([]);
        setActive(true);
        setTranslations({});
      }
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const tierList = tiers.data?.tiers ?? [];

  return (
    <Panel title={reward ? `Edit reward: ${reward.name}` : 'New reward'}>
      <form onSubmit={onSubmit} noValidate>
        <div className="prog-form-grid">
          <label>
            Name
            <input {...field('name')} />
          </label>
          <label>
            Kind
            <select value={kind} onChange={(e) => setKind(e.target.value as RewardKind)}>
              {REWARD_KINDS.map((k) => (
                <option key={k} value={k}>
                  {KIND_LABELS[k]}
                </option>
              ))}
            </select>
          </label>
          <DiscountValueInput
            kind={kind}
            currency={currency}
            percent={field('value')}
            amount={field('amount')}
          />
          {(kind === 'free_product' || kind === 'sample') && (
            <label>
              Product SKU
              <input {...field('sku')} />
            </label>
          )}
          <label>
            {kind === 'gift' ? 'Description (what the gift is)' : 'Description (optional)'}
            <input {...field('description')} />
          </label>
          <label>
            Points price
            <input type="number" min={0} {...field('pointsCost')} />
          </label>
          <label>
            Stock (blank = unlimited)
            <input type="number" min={0} {...field('stock')} />
          </label>
          <label>
            Limit per member (blank = none)
            <input type="number" min={1} {...field('perMemberLimit')} />
          </label>
          <label>
            Redeemable from (optional)
            <input type="datetime-local" {...field('validFrom')} />
          </label>
          <label>
            Redeemable until (optional)
            <input type="datetime-local" {...field('validUntil')} />
          </label>
          <label>
            Coupon valid for (days; blank = no expiry)
            <input type="number" min={1} {...field('couponValidityDays')} />
          </label>
          <label>
            Uses per coupon
            <input type="number" min={1} {...field('usesPerCoupon')} />
          </label>
          <label>
            Minimum basket ({currency}; blank = none)
            <input type="number" min={0} step={moneyStep(currency)} {...field('minBasket')} />
          </label>
        </div>
        <fieldset className="segmented">
          <legend>Only for tiers (none ticked = every member)</legend>
          {tiers.error && <ErrorNotice error={tiers.error} />}
          {tiers.isSuccess && tierList.length === 0 && (
            <span className="muted">No tiers configured.</span>
          )}
          {tierList.map((t) => (
            <label key={t.code}>
              <input
                type="checkbox"
                checked={tierCodes.includes(t.code)}
                onChange={(e) =>
                  setTierCodes((codes) =>
                    e.target.checked ? [...codes, t.code] : codes.filter((c) => c !== t.code),
                  )
                }
              />
              {t.name}
            </label>
          ))}
        </fieldset>
        <TranslationsEditor
          subject="the reward"
          fields={TRANSLATED}
          value={translations}
          onChange={setTranslations}
        />
        <label className="prog-inline">
          <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
          Active (offered to members now)
        </label>
        {save.error && <ErrorNotice error={save.error} />}
        {save.data && <Saved>Reward “{save.data.name}” saved.</Saved>}
        <div className="toolbar">
          <button type="submit" disabled={save.isPending}>
            {reward ? 'Save reward' : 'Create reward'}
          </button>
          <button type="button" className="link" onClick={onClose}>
            Close form
          </button>
        </div>
      </form>
    </Panel>
  );
};
