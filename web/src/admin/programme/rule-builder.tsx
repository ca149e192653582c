import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { client, unwrap } from '../../shared/api';
import { formatNumber } from '../../shared/format';
import { SegmentPicker } from '../engagement/builder/segment-picker';
import { ErrorNotice } from '../ui';
import { fromMinor, moneyStep, toMinor } from './forms';
import {
  CONDITION_KINDS,
  EFFECT_KINDS,
  toggle,
  type Caps,
  type Condition,
  type Effect,
  type LineFilter,
  type RuleParts,
} from './rule-builder-model';
import { fetchExperimentChoices, withExperiment } from './rule-experiments';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const CHANNELS = ['web', 'pos', 'app', 'other'];
const PERIODS = ['day', 'week', 'month', 'year'];

const useCatalogue = (q: string) =>
  useQuery({
    queryKey: ['rule-catalogue', q],
    queryFn: ({ signal }) =>
      unwrap(client.GET('/v1/rules/catalogue', { params: { query: { q, limit: 20 } }, signal })),
    placeholderData: keepPreviousData,
  });

const strings = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : []);
const numbers = (v: unknown): number[] => (Array.isArray(v) ? (v as number[]) : []);
const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
const whole = (s: string) => (s.trim() === '' ? undefined : Number(s));

/** Chips of what is chosen, each with a button to remove it. */
const Chosen = ({
  values,
  label,
  onRemove,
}: {
  values: string[];
  label: string;
  onRemove: (v: string) => void;
}) =>
  values.length === 0 ? null : (
    <ul className="rule-chips" aria-label={label}>
      {values.map((v) => (
        <li key={v}>
          {v}{' '}
          <button
            type="button"
            className="link"
            onClick={() => onRemove(v)}
            aria-label={`Remove ${v}`}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );

/** Categories and SKUs seen in orders, searched as one types; picking one adds it to the rule. */
const ItemsPicker = ({
  lines,
  onChange,
}: {
  lines: LineFilter;
  onChange: (lines: LineFilter) => void;
}) => {
  const [q, setQ] = useState('');
  const catalogue = useCatalogue(q);
  const categories = lines.categories ?? [];
  const skus = lines.skus ?? [];
  return (
    <fieldset>
      <legend>Which items (empty: every item)</legend>
      <Chosen
        values={categories}
        label="Chosen categories"
        onRemove={(v) => onChange({ ...lines, categories: toggle(categories, v, false) })}
      />
      <Chosen
        values={skus}
        label="Chosen SKUs"
        onRemove={(v) => onChange({ ...lines, skus: toggle(skus, v, false) })}
      />
      <label>
        Search categories and SKUs
        <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Home" />
      </label>
      {catalogue.isPending && <p className="muted">Loading the catalogue…</p>}
      {catalogue.error && <ErrorNotice error={catalogue.error} />}
      {catalogue.data &&
        (catalogue.data.categories.length === 0 && catalogue.data.skus.length === 0 ? (
          <p className="muted">No category or SKU in the orders matches “{q}”.</p>
        ) : (
          <div className="rule-catalogue">
            {catalogue.data.categories.map((c) => (
              <button
                key={`c-${c.name}`}
                type="button"
                className="secondary"
                disabled={categories.includes(c.name)}
                onClick={() => onChange({ ...lines, categories: toggle(categories, c.name, true) })}
              >
                Category {c.name} ({formatNumber(c.lines)} lines)
              </button>
            ))}
            {catalogue.data.skus.slice(0, 10).map((s) => (
              <button
                key={`s-${s.sku}`}
                type="button"
                className="secondary"
                disabled={skus.includes(s.sku)}
                onClick={() => onChange({ ...lines, skus: toggle(skus, s.sku, true) })}
              >
                SKU {s.sku}
                {s.name ? ` – ${s.name}` : ''}
              </button>
            ))}
          </div>
        ))}
    </fieldset>
  );
};

const Checkboxes = ({
  legend,
  options,
  chosen,
  onChange,
}: {
  legend: string;
  options: { value: string; label: string }[];
  chosen: string[];
  onChange: (values: string[]) => void;
}) => (
  <fieldset className="rule-checkboxes">
    <legend>{legend}</legend>
    {options.length === 0 && <span className="muted">None to choose from yet.</span>}
    {options.map((o) => (
      <label key={o.value} className="prog-inline">
        <input
          type="checkbox"
          checked={chosen.includes(o.value)}
          onChange={(e) => onChange(toggle(chosen, o.value, e.target.checked))}
        />
        {o.label}
      </label>
    ))}
  </fieldset>
);

/** The inputs of one condition; a kind the builder has no inputs for is edited under Advanced. */
const ConditionInputs = ({
  condition: c,
  currency,
  onChange,
}: {
  condition: Condition;
  currency: string;
  onChange: (c: Condition) => void;
}) => {
  const catalogue = useCatalogue('');
  const tiers = useQuery({
    queryKey: ['tiers'],
    queryFn: ({ signal }) => unwrap(client.GET('/v1/tiers', { signal })),
    enabled: c.type === 'customer.tier',
  });
  const experiments = useQuery({
    queryKey: ['experiments', 'rule-choices'],
    queryFn: ({ signal }) => fetchExperimentChoices(signal),
    enabled: c.type === 'customer.experiment',
  });
  const set = (patch: Record<string, unknown>) => onChange({ ...c, ...patch });
  switch (c.type) {
    case 'time.dayOfWeek':
      return (
        <Checkboxes
          legend="On these days"
          options={DAYS.map((d, i) => ({ value: String(i + 1), label: d }))}
          chosen={numbers(c.days).map(String)}
          onChange={(v) => set({ days: v.map(Number).sort() })}
        />
      );
    case 'time.window':
      return (
        <>
          <label>
            From (HH:MM)
            <input
              type="time"
              value={text(c.from)}
              onChange={(e) => set({ from: e.target.value })}
            />
          </label>
          <label>
            To (HH:MM)
            <input type="time" value={text(c.to)} onChange={(e) => set({ to: e.target.value })} />
          </label>
        </>
      );
    case 'order.channel':
      return (
        <Checkboxes
          legend="Through these channels"
          options={CHANNELS.map((ch) => ({ value: ch, label: ch }))}
          chosen={strings(c.in)}
          onChange={(v) => set({ in: v })}
        />
      );
    case 'order.store':
      return (
        <Checkboxes
          legend="At these stores"
          options={(catalogue.data?.stores ?? []).map((s) => ({ value: s.id, label: s.id }))}
          chosen={strings(c.in)}
          onChange={(v) => set({ in: v })}
        />
      );
    case 'customer.tier':
      return (
        <Checkboxes
          legend="For members in these tiers"
          options={(tiers.data?.tiers ?? []).map((t) => ({ value: t.code, label: t.name }))}
          chosen={strings(c.in)}
          onChange={(v) => set({ in: v })}
        />
      );
    case 'customer.segment':
      return (
        <SegmentPicker
          legend="For members in these segments"
          by="key"
          picked={strings(c.in)}
          onChange={(v) => set({ in: v })}
        />
      );
    case 'customer.experiment': {
      if (experiments.error) return <ErrorNotice error={experiments.error} />;
      const choices = experiments.data ?? [];
      const chosen = choices.find((e) => e.key === c.key);
      return (
        <>
          <label>
            Experiment
            <select
              value={text(c.key)}
              onChange={(e) => onChange(withExperiment(c, e.target.value, choices))}
            >
              <option value="">
                {experiments.isPending ? 'Loading experiments…' : 'Choose an experiment'}
              </option>
              {/* A saved key the list no longer offers (stopped) stays visible. */}
              {c.key && !chosen ? <option value={text(c.key)}>{text(c.key)}</option> : null}
              {choices.map((e) => (
                <option key={e.key} value={e.key}>
                  {e.name} ({e.status})
                </option>
              ))}
            </select>
          </label>
          <label>
            Arm
            <select value={text(c.variant)} onChange={(e) => set({ variant: e.target.value })}>
              <option value="">Choose an arm</option>
              {c.variant && !chosen?.variants.some((v) => v.key === c.variant) ? (
                <option value={text(c.variant)}>{text(c.variant)}</option>
              ) : null}
              {(chosen?.variants ?? []).map((v) => (
                <option key={v.key} value={v.key}>
                  {v.name}
                </option>
              ))}
            </select>
          </label>
        </>
      );
    }
    case 'customer.orderNumber': {
      const every = c.every !== undefined;
      return (
        <>
          <label>
            Which orders
            <select
              value={every ? 'every' : 'nth'}
              onChange={(e) =>
                onChange(
                  e.target.value === 'every'
                    ? { type: c.type, every: 2 }
                    : { type: c.type, nth: 1 },
                )
              }
            >
              <option value="nth">The member’s nth order</option>
              <option value="every">Every nth order</option>
            </select>
          </label>
          <label>
            n
            <input
              type="number"
              min={every ? 2 : 1}
              value={text(every ? c.every : c.nth)}
              onChange={(e) => set({ [every ? 'every' : 'nth']: whole(e.target.value) })}
            />
          </label>
        </>
      );
    }
    case 'order.amount':
      return (
        <>
          <label>
            At least ({currency})
            <input
              type="number"
              min={0}
              step={moneyStep(currency)}
              value={fromMinor(c.minMinor as number | undefined, currency)}
              onChange={(e) => set({ minMinor: toMinor(e.target.value, currency) ?? undefined })}
            />
          </label>
          <label>
            At most ({currency}, optional)
            <input
              type="number"
              min={0}
              step={moneyStep(currency)}
              value={fromMinor(c.maxMinor as number | undefined, currency)}
              onChange={(e) => set({ maxMinor: toMinor(e.target.value, currency) ?? undefined })}
            />
          </label>
        </>
      );
    case 'order.quantity':
      return (
        <label>
          At least this many items
          <input
            type="number"
            min={1}
            value={text(c.min)}
            onChange={(e) => set({ min: whole(e.target.value) })}
          />
        </label>
      );
    default:
      return <p className="muted">Edit this condition under Advanced.</p>;
  }
};

const EffectInputs = ({
  effect: e,
  currency,
  onChange,
}: {
  effect: Effect;
  currency: string;
  onChange: (e: Effect) => void;
}) => {
  const rewards = useQuery({
    queryKey: ['rewards', false],
    queryFn: ({ signal }) => unwrap(client.GET('/v1/rewards', { signal })),
    enabled: e.type === 'issue.reward',
  });
  const set = (patch: Record<string, unknown>) => onChange({ ...e, ...patch });
  switch (e.type) {
    case 'points.perCurrencyUnit':
    case 'points.fixed':
      return (
        <label>
          {e.type === 'points.fixed' ? 'Points' : `Points per 1 ${currency}`}
          <input
            type="number"
            min={1}
            value={text(e.points)}
            onChange={(ev) => set({ points: whole(ev.target.value) })}
          />
        </label>
      );
    case 'points.multiplier':
      return (
        <label>
          Multiplier (% of the base points; 200 = double)
          <input
            type="number"
            min={101}
            value={text(e.percent)}
            onChange={(ev) => set({ percent: whole(ev.target.value) })}
          />
        </label>
      );
    case 'issue.reward':
      return (
        <label>
          Reward
          <select value={text(e.rewardId)} onChange={(ev) => set({ rewardId: ev.target.value })}>
            <option value="">{rewards.isPending ? 'Loading rewards…' : 'Choose a reward'}</option>
            {(rewards.data?.rewards ?? []).map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
      );
    default:
      return <p className="muted">Edit this effect under Advanced.</p>;
  }
};

const kindLabel = (kinds: { type: string; label: string }[], type: string) =>
  kinds.find((k) => k.type === type)?.label ?? type;

/** Caps: per order, and per member per day, week, month or year. */
const CapsInputs = ({ caps, onChange }: { caps: Caps; onChange: (c: Caps) => void }) => (
  <fieldset>
    <legend>Caps (optional)</legend>
    <div className="prog-form-grid">
      <label>
        At most points per member
        <input
          type="number"
          min={1}
          value={text(caps.perCustomer?.points)}
          onChange={(e) => {
            const points = whole(e.target.value);
            onChange({
              ...caps,
              perCustomer:
                points === undefined
                  ? undefined
                  : { points, period: caps.perCustomer?.period ?? 'month' },
            });
          }}
        />
      </label>
      <label>
        Per
        <select
          value={caps.perCustomer?.period ?? 'month'}
          disabled={!caps.perCustomer}
          onChange={(e) =>
            caps.perCustomer &&
            onChange({ ...caps, perCustomer: { ...caps.perCustomer, period: e.target.value } })
          }
        >
          {PERIODS.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      <label>
        At most points per order
        <input
          type="number"
          min={1}
          value={text(caps.perOrder)}
          onChange={(e) => onChange({ ...caps, perOrder: whole(e.target.value) })}
        />
      </label>
    </div>
  </fieldset>
);

/**
 * The everyday way to write a rule: which items, conditions, effects and caps as inputs, so no
 * JSON is needed. Kinds without inputs here (customer attributes, coupons) stay as they are and
 * are edited under Advanced.
 */
export const RuleBuilder = ({
  parts,
  currency,
  orderRule,
  onChange,
}: {
  parts: RuleParts;
  currency: string;
  orderRule: boolean;
  onChange: (parts: RuleParts) => void;
}) => {
  const [newCondition, setNewCondition] = useState(CONDITION_KINDS[0]!.type);
  const conditionKinds = orderRule
    ? CONDITION_KINDS
    : CONDITION_KINDS.filter(
        (k) => !k.type.startsWith('order.') && k.type !== 'customer.orderNumber',
      );
  const effectKinds = orderRule
    ? EFFECT_KINDS
    : EFFECT_KINDS.filter((k) => k.type === 'points.fixed' || k.type === 'issue.reward');
  const setCondition = (i: number, c: Condition | null) =>
    onChange({
      ...parts,
      conditions: c
        ? parts.conditions.map((x, j) => (j === i ? c : x))
        : parts.conditions.filter((_, j) => j !== i),
    });
  const setEffect = (i: number, e: Effect | null) =>
    onChange({
      ...parts,
      effects: e
        ? parts.effects.map((x, j) => (j === i ? e : x))
        : parts.effects.filter((_, j) => j !== i),
    });
  return (
    <div className="rule-builder">
      {orderRule && (
        <ItemsPicker
          lines={parts.lines ?? {}}
          onChange={(lines) => onChange({ ...parts, lines })}
        />
      )}
      <fieldset>
        <legend>Conditions (all must hold)</legend>
        {parts.conditions.length === 0 && (
          <p className="muted">No conditions: every event counts.</p>
        )}
        {parts.conditions.map((c, i) => (
          <div key={i} className="rule-row" role="group" aria-label={`Condition ${i + 1}`}>
            <strong>{kindLabel(CONDITION_KINDS, c.type)}</strong>
            <ConditionInputs
              condition={c}
              currency={currency}
              onChange={(next) => setCondition(i, next)}
            />
            <button type="button" className="link" onClick={() => setCondition(i, null)}>
              Remove condition
            </button>
          </div>
        ))}
        <div className="toolbar">
          <label>
            New condition
            <select value={newCondition} onChange={(e) => setNewCondition(e.target.value)}>
              {conditionKinds.map((k) => (
                <option key={k.type} value={k.type}>
                  {k.label}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              const kind =
                conditionKinds.find((k) => k.type === newCondition) ?? conditionKinds[0]!;
              onChange({ ...parts, conditions: [...parts.conditions, { ...kind.blank }] });
            }}
          >
            Add condition
          </button>
        </div>
      </fieldset>
      <fieldset>
        <legend>Effects</legend>
        {parts.effects.map((e, i) => (
          <div key={i} className="rule-row" role="group" aria-label={`Effect ${i + 1}`}>
            <label>
              Effect
              <select
                value={e.type}
                onChange={(ev) =>
                  setEffect(i, {
                    ...(EFFECT_KINDS.find((k) => k.type === ev.target.value)?.blank ?? e),
                  })
                }
              >
                {!effectKinds.some((k) => k.type === e.type) && (
                  <option value={e.type}>{e.type}</option>
                )}
                {effectKinds.map((k) => (
                  <option key={k.type} value={k.type}>
                    {k.label}
                  </option>
                ))}
              </select>
            </label>
            <EffectInputs effect={e} currency={currency} onChange={(next) => setEffect(i, next)} />
            {parts.effects.length > 1 && (
              <button type="button" className="link" onClick={() => setEffect(i, null)}>
                Remove effect
              </button>
            )}
          </div>
        ))}
        <button
          type="button"
          className="secondary"
          onClick={() =>
            onChange({
              ...parts,
              effects: [...parts.effects, { type: 'points.fixed', points: 100 }],
            })
          }
        >
          Add effect
        </button>
      </fieldset>
      <CapsInputs caps={parts.caps ?? {}} onChange={(caps) => onChange({ ...parts, caps })} />
    </div>
  );
};
