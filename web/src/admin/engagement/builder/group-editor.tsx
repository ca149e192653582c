import type { BuilderData } from './builder-data';
import { ConditionEditor, KeptEditor, type RowProblem } from './condition-editor';
import { newCondition, newNodeId, type BuilderNode, type GroupNode, type Join } from './tree';

interface Props {
  node: GroupNode;
  numbers: Map<string, number>;
  problems: Map<string, RowProblem>;
  data: BuilderData;
  /** Replaces a node by id (null removes it). */
  change: (id: string, next: BuilderNode | null) => void;
  isRoot?: boolean;
  depth?: number;
}

/** Groups nest at most 5 deep in a definition (MAX_DEPTH); a leaf takes a level too. */
const MAX_GROUP_DEPTH = 4;

const JOINS: { join: Join; label: string }[] = [
  { join: 'all', label: 'All of these (AND)' },
  { join: 'any', label: 'Any of these (OR)' },
  { join: 'not', label: 'Not (all of) these (NOT)' },
];

/** A group of conditions and groups joined by AND, OR or NOT, with its own add buttons. */
export const GroupEditor = ({
  node,
  numbers,
  problems,
  data,
  change,
  isRoot,
  depth = 1,
}: Props) => {
  const number = numbers.get(node.id) ?? 0;
  const name = isRoot ? 'All conditions' : `Group ${number}`;
  const add = (child: BuilderNode) =>
    change(node.id, { ...node, children: [...node.children, child] });
  const problem = problems.get(node.id);

  return (
    <div role="group" aria-label={name} className={isRoot ? 'builder-root' : 'builder-group'}>
      <div className="builder-row">
        <label>
          {isRoot ? 'Customers who match' : `Group ${number} matches`}
          <select
            value={node.join}
            onChange={(e) => change(node.id, { ...node, join: e.target.value as Join })}
          >
            {JOINS.map((j) => (
              <option key={j.join} value={j.join}>
                {j.label}
              </option>
            ))}
          </select>
        </label>
        {!isRoot && (
          <button
            type="button"
            className="secondary builder-remove"
            aria-label={`Remove group ${number}`}
            onClick={() => change(node.id, null)}
          >
            Remove group
          </button>
        )}
      </div>
      <div className="builder-children">
        {node.children.map((child) => {
          const childProblem = problems.get(child.id);
          const remove = () => change(child.id, null);
          if (child.kind === 'group')
            return (
              <GroupEditor
                key={child.id}
                node={child}
                numbers={numbers}
                problems={problems}
                data={data}
                change={change}
                depth={depth + 1}
              />
            );
          if (child.kind === 'kept')
            return (
              <KeptEditor
                key={child.id}
                node={child}
                number={numbers.get(child.id) ?? 0}
                problem={childProblem}
                onRemove={remove}
              />
            );
          return (
            <ConditionEditor
              key={child.id}
              node={child}
              number={numbers.get(child.id) ?? 0}
              problem={childProblem}
              data={data}
              onChange={(next) => change(child.id, next)}
              onRemove={remove}
            />
          );
        })}
      </div>
      {problem && <p className="error builder-problem">{problem.message}</p>}
      <div className="eng-actions">
        <button
          type="button"
          className="secondary"
          onClick={() => add(newCondition(data.catalogue))}
        >
          {isRoot ? 'Add condition' : `Add condition to group ${number}`}
        </button>
        {depth < MAX_GROUP_DEPTH && (
          <button
            type="button"
            className="secondary"
            onClick={() =>
              add({
                kind: 'group',
                id: newNodeId(),
                join: 'any',
                children: [newCondition(data.catalogue)],
              })
            }
          >
            {isRoot ? 'Add group' : `Add group to group ${number}`}
          </button>
        )}
      </div>
    </div>
  );
};
