import { useId } from 'react';
import { ApiError } from '../../shared/api';
import { formatPercent } from '../../shared/format';
import { FieldMessage, fieldMessage, invalidProps } from '../customer/field-errors';
import { Choices } from '../engagement/builder/choices';
import { useTemplates } from '../engagement/queries';
import {
  newVariant,
  sharesPercent,
  withControl,
  withoutVariant,
  type VariantDraft,
} from './form-model';
import { useRewards } from './queries';

/**
 * The arms: each with its name, key and weight (shown as its share of the whole), exactly one
 * control (radios), and what it changes: a holdout receives none of the targeted e-mails, a
 * template replaces the targeted campaigns' and journeys' own, rewards are offered to it alone.
 */
export const VariantsEditor = ({
  variants,
  onChange,
  error,
}: {
  variants: VariantDraft[];
  onChange: (variants: VariantDraft[]) => void;
  error: unknown;
}) => {
  const controlGroup = useId();
  const shares = sharesPercent(variants);
  const templates = useTemplates().data?.templates ?? [];
  const rewards = (useRewards().data?.rewards ?? []).map((r) => ({ value: r.id, label: r.name }));
  const set = (index: number, patch: Partial<VariantDraft>) =>
    onChange(variants.map((v, i) => (i === index ? { ...v, ...patch } : v)));
  // A problem with the list itself (no control, two controls, a repeated key) names `variants`.
  const whole = exactMessage(error, 'variants');

  return (
    <fieldset className="exp-variants">
      <legend>Arms (variants)</legend>
      <FieldMessage id={`${controlGroup}-all`} message={whole} />
      {variants.map((v, i) => {
        const at = (field: string) => fieldMessage(error, `variants.${i}.${field}`);
        const id = (field: string) => `${controlGroup}-${i}-${field}`;
        const arm = `Arm ${i + 1}`;
        return (
          <fieldset key={i} className="exp-arm">
            <legend>{arm}</legend>
            <div className="eng-form-row">
              <label>
                Name
                <input
                  value={v.name}
                  onChange={(e) => set(i, { name: e.target.value })}
                  {...invalidProps(id('name'), at('name'))}
                />
                <FieldMessage id={id('name')} message={at('name')} />
              </label>
              <label>
                Key
                <input
                  value={v.key}
                  className="mono"
                  onChange={(e) => set(i, { key: e.target.value })}
                  {...invalidProps(id('key'), at('key'))}
                />
                <FieldMessage id={id('key')} message={at('key')} />
              </label>
              <label>
                Weight
                <input
                  type="number"
                  min={0}
                  step="any"
                  value={v.weight ?? ''}
                  onChange={(e) =>
                    set(i, { weight: e.target.value === '' ? null : Number(e.target.value) })
                  }
                  {...invalidProps(id('weight'), at('weight'))}
                />
                <span className="muted eng-hint" data-testid={`share-${i}`}>
                  {shares[i] === null ? 'No share' : `${formatPercent(shares[i], 1)} of customers`}
                </span>
                <FieldMessage id={id('weight')} message={at('weight')} />
              </label>
            </div>
            <div className="eng-actions">
              <label className="eng-inline">
                <input
                  type="radio"
                  name={controlGroup}
                  checked={v.control}
                  onChange={() => onChange(withControl(variants, i))}
                />
                Control
              </label>
              <label className="eng-inline">
                <input
                  type="checkbox"
                  checked={v.holdout}
                  onChange={(e) => set(i, { holdout: e.target.checked })}
                />
                Holdout (receives none of the targeted e-mails)
              </label>
              <button
                type="button"
                className="link"
                disabled={variants.length <= 2}
                aria-label={`Remove ${arm.toLowerCase()}`}
                onClick={() => onChange(withoutVariant(variants, i))}
              >
                Remove
              </button>
            </div>
            <div className="eng-form-row">
              <label>
                Template instead of the targeted ones
                <select
                  value={v.templateKey}
                  onChange={(e) => set(i, { templateKey: e.target.value })}
                  {...invalidProps(id('templateKey'), at('templateKey'))}
                >
                  <option value="">Their own template</option>
                  {templates.map((t) => (
                    <option key={t.key} value={t.key}>
                      {t.key} ({t.kind})
                    </option>
                  ))}
                </select>
                <FieldMessage id={id('templateKey')} message={at('templateKey')} />
              </label>
            </div>
            {rewards.length > 0 || v.rewardIds.length > 0 ? (
              <Choices
                legend={`Offers only ${arm.toLowerCase()} sees`}
                options={[
                  ...rewards,
                  ...v.rewardIds
                    .filter((r) => !rewards.some((o) => o.value === r))
                    .map((r) => ({ value: r, label: `${r} (not an active reward)` })),
                ]}
                picked={v.rewardIds}
                onChange={(rewardIds) => set(i, { rewardIds })}
                invalid={at('rewardIds') !== undefined}
                describedBy={at('rewardIds') ? id('rewardIds') : undefined}
              />
            ) : null}
            <FieldMessage id={id('rewardIds')} message={at('rewardIds')} />
          </fieldset>
        );
      })}
      <div className="eng-actions">
        <button
          type="button"
          className="secondary"
          disabled={variants.length >= 10}
          onClick={() => onChange([...variants, newVariant(variants.length)])}
        >
          Add arm
        </button>
      </div>
    </fieldset>
  );
};

/** The message of an issue at exactly this path (not one of its fields). */
const exactMessage = (error: unknown, path: string) =>
  error instanceof ApiError ? error.issues.find((i) => i.path === path)?.message : undefined;
