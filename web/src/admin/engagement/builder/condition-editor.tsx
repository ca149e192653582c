import type { BuilderData } from './builder-data';
import { findField, findOperator, type ConditionNode, type KeptNode } from './tree';
import { ValueInput } from './value-input';
import type { InputText } from './values';

/** A fault on a row: the client's own check (with the input at fault) or the server's message. */
export interface RowProblem {
  message: string;
  key?: string;
}

interface Props {
  node: ConditionNode;
  number: number;
  problem: RowProblem | undefined;
  data: BuilderData;
  onChange: (node: ConditionNode) => void;
  onRemove: () => void;
}

const groupsOf = (data: BuilderData) => {
  const groups = new Map<string, BuilderData['catalogue']>();
  for (const f of data.catalogue) groups.set(f.group, [...(groups.get(f.group) ?? []), f]);
  return [...groups];
};

/** One condition: field (grouped, with its description), operator, then its value inputs. */
export const ConditionEditor = ({ node, number, problem, data, onChange, onRemove }: Props) => {
  const field = findField(data.catalogue, node.field);
  const operator = findOperator(data.catalogue, node.field, node.op);
  const problemId = `${node.id}-problem`;
  const descriptionId = `${node.id}-description`;

  const pickField = (name: string) => {
    const next = findField(data.catalogue, name);
    onChange({ ...node, field: name, op: next?.operators[0]?.op ?? '', values: {} });
  };
  const pickOperator = (op: string) => {
    const keys = findOperator(data.catalogue, node.field, op)?.inputs.map((i) => i.key) ?? [];
    const kept = Object.entries(node.values).filter(([k]) => keys.includes(k) || k === 'valueKind');
    onChange({ ...node, op, values: Object.fromEntries(kept) });
  };
  const setValue = (key: string, text: InputText) =>
    onChange({ ...node, values: { ...node.values, [key]: text } });

  return (
    <div role="group" aria-label={`Condition ${number}`} className="builder-condition">
      <div className="builder-row">
        <label>
          Field
          <select
            value={node.field}
            aria-describedby={descriptionId}
            onChange={(e) => pickField(e.target.value)}
          >
            {groupsOf(data).map(([group, fields]) => (
              <optgroup key={group} label={group}>
                {fields.map((f) => (
                  <option key={f.field} value={f.field}>
                    {f.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        <label>
          Operator
          <select value={node.op} onChange={(e) => pickOperator(e.target.value)}>
            {field?.operators.map((o) => (
              <option key={o.op} value={o.op}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        {operator?.inputs.map((input) => (
          <ValueInput
            key={input.key}
            spec={input}
            values={node.values}
            onChange={setValue}
            invalid={
              problem !== undefined && (problem.key === undefined || problem.key === input.key)
            }
            describedBy={problem ? problemId : undefined}
            data={data}
          />
        ))}
        <button
          type="button"
          className="secondary builder-remove"
          aria-label={`Remove condition ${number}`}
          onClick={onRemove}
        >
          Remove
        </button>
      </div>
      <p id={descriptionId} className="muted eng-hint">
        {field?.description}
      </p>
      {problem && (
        <p id={problemId} className="error builder-problem">
          {problem.message}
        </p>
      )}
    </div>
  );
};

/** A condition the builder cannot show as inputs: kept as written, removable, editable as JSON. */
export const KeptEditor = ({
  node,
  number,
  problem,
  onRemove,
}: {
  node: KeptNode;
  number: number;
  problem: RowProblem | undefined;
  onRemove: () => void;
}) => (
  <div role="group" aria-label={`Condition ${number}`} className="builder-condition">
    <div className="builder-row">
      <p>
        Kept as written (change it under “Advanced: JSON”): <code>{JSON.stringify(node.leaf)}</code>
      </p>
      <button
        type="button"
        className="secondary builder-remove"
        aria-label={`Remove condition ${number}`}
        onClick={onRemove}
      >
        Remove
      </button>
    </div>
    {problem && <p className="error builder-problem">{problem.message}</p>}
  </div>
);
