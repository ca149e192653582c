import { useMemo, useState } from 'react';
import { ApiError } from '../../../shared/api';
import { ErrorNotice } from '../../ui';
import type { BuilderData } from './builder-data';
import type { RowProblem } from './condition-editor';
import { GroupEditor } from './group-editor';
import { SizeStatus, useSizePreview } from './size-preview';
import {
  builderFromFilter,
  filterFromBuilder,
  mapNode,
  nodeOfIssue,
  numberNodes,
  type BuilderNode,
  type Filter,
  type FilterResult,
  type GroupNode,
} from './tree';

/** The builder's state and what it builds, held by the form that saves it. */
export const useDefinitionBuilder = (data: BuilderData, saved?: Filter) => {
  const [root, setRoot] = useState<GroupNode>(() =>
    saved
      ? builderFromFilter(saved, data.catalogue, data.digits)
      : { kind: 'group', id: 'root', join: 'all', children: [] },
  );
  const result = useMemo(
    () => filterFromBuilder(root, data.catalogue, data.digits),
    [root, data.catalogue, data.digits],
  );
  return { root, setRoot, result };
};

export type DefinitionBuilder = ReturnType<typeof useDefinitionBuilder>;

/** The server's faults about the definition, by the row they name; the rest stay general. */
const serverProblems = (error: unknown, result: FilterResult) => {
  const rows = new Map<string, RowProblem>();
  const rest: string[] = [];
  if (!(error instanceof ApiError)) return { rows, rest };
  for (const issue of error.issues) {
    const id = nodeOfIssue(result.paths, issue.path);
    // The leaf property at fault: `…in.2` (an item of a list) is the `in` input's.
    const key = issue.path
      .split('.')
      .filter((part) => !/^\d+$/.test(part))
      .pop();
    if (id) rows.set(id, { message: issue.message, key });
    else rest.push(`${issue.path}: ${issue.message}`);
  }
  return { rows, rest };
};

interface Props {
  data: BuilderData;
  builder: DefinitionBuilder;
  /** A refused save: its field faults are shown at their rows too. */
  saveError?: unknown;
}

/** Conditions in groups, the live size, and the definition as JSON behind "Advanced". */
export const DefinitionEditor = ({ data, builder, saveError }: Props) => {
  const { root, setRoot, result } = builder;
  const preview = useSizePreview('filter' in result ? result.filter : null);
  const numbers = numberNodes(root);

  const problems = new Map<string, RowProblem>();
  if ('problems' in result)
    for (const [id, message] of result.problems) problems.set(id, { message });
  const fromServer = serverProblems(preview.query.error ?? saveError, result);
  for (const [id, p] of fromServer.rows) if (!problems.has(id)) problems.set(id, p);

  const change = (id: string, next: BuilderNode | null) =>
    setRoot((r) => mapNode(r, id, () => next));

  return (
    <div className="builder">
      <SizeStatus preview={preview} />
      {preview.query.error &&
        !(preview.query.error instanceof ApiError && preview.query.error.issues.length > 0) && (
          <ErrorNotice error={preview.query.error} />
        )}
      {fromServer.rest.length > 0 && (
        <ul className="error">
          {fromServer.rest.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
      <GroupEditor
        node={root}
        numbers={numbers}
        problems={problems}
        data={data}
        change={change}
        isRoot
      />
      <AdvancedJson data={data} builder={builder} />
    </div>
  );
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The generated definition as JSON. It can be edited: once the text parses as a definition, the
 * builder takes it (the server still checks it on preview and save).
 */
const AdvancedJson = ({ data, builder }: { data: BuilderData; builder: DefinitionBuilder }) => {
  const { result, setRoot } = builder;
  const generated =
    'filter' in result ? JSON.stringify({ schemaVersion: 1, filter: result.filter }, null, 2) : '';
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const edit = (text: string) => {
    setDraft(text);
    try {
      const parsed: unknown = JSON.parse(text);
      if (!isObject(parsed) || !isObject(parsed.filter))
        throw new Error('expected {"schemaVersion": 1, "filter": {…}}');
      setRoot(builderFromFilter(parsed.filter, data.catalogue, data.digits));
      setProblem(null);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <details className="eng-json">
      <summary>Advanced: JSON</summary>
      <label>
        Definition (JSON)
        <textarea
          rows={12}
          spellCheck={false}
          value={draft ?? generated}
          placeholder="Complete the conditions above to see the definition."
          aria-invalid={problem !== null}
          aria-describedby={problem ? 'builder-json-problem' : undefined}
          onChange={(e) => edit(e.target.value)}
          onBlur={() => problem === null && setDraft(null)}
        />
      </label>
      {problem && (
        <p id="builder-json-problem" className="error">
          Not used yet: {problem}
        </p>
      )}
    </details>
  );
};
