import type { AttributeKind, InputSpec, InputText } from './values';
import { KIND_KEY, NO_TIER } from './values';
import type { BuilderData } from './builder-data';
import { Choices } from './choices';
import { SegmentPicker } from './segment-picker';

interface Props {
  spec: InputSpec;
  values: Record<string, InputText>;
  onChange: (key: string, text: InputText) => void;
  invalid: boolean;
  describedBy: string | undefined;
  data: BuilderData;
}

/** The attribute value's type: the same text means another thing as a number or a yes/no. */
const KindSelect = ({ kind, onChange }: { kind: AttributeKind; onChange: (k: string) => void }) => (
  <label>
    Value type
    <select value={kind} onChange={(e) => onChange(e.target.value)}>
      <option value="text">Text</option>
      <option value="number">Number</option>
      <option value="boolean">Yes / no</option>
    </select>
  </label>
);

/** One value of a condition, with the input its type calls for. */
export const ValueInput = ({ spec, values, onChange, invalid, describedBy, data }: Props) => {
  const value = values[spec.key];
  const text = typeof value === 'string' ? value : '';
  const list = Array.isArray(value) ? value : [];
  const kind = (values[KIND_KEY] as AttributeKind | undefined) ?? 'text';
  const common = {
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy,
  };
  const textInput = (props: Record<string, string>) => (
    <input
      {...props}
      {...common}
      value={text}
      onChange={(e) => onChange(spec.key, e.target.value)}
    />
  );

  switch (spec.type) {
    case 'money':
      return (
        <label>
          {spec.label} ({data.currency})
          {textInput({ inputMode: 'decimal', className: 'builder-number' })}
        </label>
      );
    case 'integer':
    case 'days':
    case 'probability':
      return (
        <label>
          {spec.label}
          {textInput({
            type: 'number',
            step: spec.type === 'probability' ? '0.01' : '1',
            className: 'builder-number',
          })}
        </label>
      );
    case 'date':
      return (
        <label>
          {spec.label}
          {textInput({ type: 'date' })}
        </label>
      );
    case 'oneOf':
      return (
        <label>
          {spec.label}
          <select {...common} value={text} onChange={(e) => onChange(spec.key, e.target.value)}>
            <option value="">Choose…</option>
            {spec.choices?.map((c) => (
              <option key={String(c.value)} value={String(c.value)}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
      );
    case 'someOf':
      return (
        <Choices
          legend={spec.label}
          options={(spec.choices ?? []).map((c) => ({ value: String(c.value), label: c.label }))}
          picked={list}
          onChange={(picked) => onChange(spec.key, picked)}
          invalid={invalid}
          describedBy={describedBy}
        />
      );
    case 'tiers': {
      const known = data.tiers.map((t) => ({ value: t.code, label: t.name }));
      // A saved code the programme no longer has stays visible, so it can be unticked.
      const gone = list
        .filter((c) => c !== NO_TIER && !known.some((k) => k.value === c))
        .map((c) => ({ value: c, label: `${c} (no longer a tier)` }));
      return (
        <Choices
          legend={spec.label}
          options={[...known, ...gone, { value: NO_TIER, label: 'No tier' }]}
          picked={list}
          onChange={(picked) => onChange(spec.key, picked)}
          invalid={invalid}
          describedBy={describedBy}
        />
      );
    }
    case 'segments':
      return (
        <SegmentPicker
          legend={spec.label}
          by="id"
          picked={list}
          onChange={(picked) => onChange(spec.key, picked)}
          exclude={data.editingId}
          invalid={invalid}
          describedBy={describedBy}
        />
      );
    case 'attributeValue':
    case 'attributeValues': {
      const many = spec.type === 'attributeValues';
      return (
        <>
          <KindSelect kind={kind} onChange={(k) => onChange(KIND_KEY, k)} />
          {kind === 'boolean' && !many ? (
            <label>
              {spec.label}
              <select {...common} value={text} onChange={(e) => onChange(spec.key, e.target.value)}>
                <option value="">Choose…</option>
                <option value="true">Yes</option>
                <option value="false">No</option>
              </select>
            </label>
          ) : (
            <label>
              {many ? `${spec.label}s (comma-separated)` : spec.label}
              {textInput({})}
            </label>
          )}
        </>
      );
    }
    default:
      return (
        <label>
          {spec.label}
          {textInput({})}
        </label>
      );
  }
};
