import {
  KIND_KEY,
  fromText,
  toText,
  type AttributeKind,
  type InputSpec,
  type InputText,
} from './values';

/**
 * The builder's state and its two conversions: a saved definition's filter → builder nodes (to
 * edit), and builder nodes → a filter (to preview and save). Loading then saving an untouched
 * definition gives the same definition: a leaf the builder cannot show exactly stays a "kept" row
 * holding the leaf as it was, and groups keep their shape (see tree.test.ts).
 */

export interface CatalogueOperator {
  op: string;
  label: string;
  inputs: InputSpec[];
  fixed?: Record<string, string | number | boolean>;
}

/** GET /v1/segments/fields, as far as the conversions need it. */
export interface CatalogueField {
  field: string;
  group: string;
  label: string;
  description: string;
  operators: CatalogueOperator[];
}

export type Leaf = { field: string } & Record<string, unknown>;
export type Filter = Record<string, unknown>;

export interface ConditionNode {
  kind: 'condition';
  id: string;
  field: string;
  op: string;
  /** By leaf property (and KIND_KEY for an attribute's value type). */
  values: Record<string, InputText>;
}

/** A leaf this builder cannot show exactly (a field or shape it does not know), kept as it is. */
export interface KeptNode {
  kind: 'kept';
  id: string;
  leaf: Leaf;
}

export type Join = 'all' | 'any' | 'not';

/**
 * all / any: their children. not: one child negated, or several, meaning "not all of these".
 * `bare` marks a root loaded from a single leaf, saved again as that leaf while it is alone.
 */
export interface GroupNode {
  kind: 'group';
  id: string;
  join: Join;
  children: BuilderNode[];
  bare?: boolean;
}

export type BuilderNode = GroupNode | ConditionNode | KeptNode;

let counter = 0;
export const newNodeId = () => `node-${(counter += 1)}`;

export const findField = (catalogue: CatalogueField[], field: string) =>
  catalogue.find((f) => f.field === field);

export const findOperator = (catalogue: CatalogueField[], field: string, op: string) =>
  findField(catalogue, field)?.operators.find((o) => o.op === op);

const sameSet = (a: string[], b: string[]) =>
  a.length === b.length && a.every((k) => b.includes(k));

const propertiesOf = (operator: CatalogueOperator) => [
  ...operator.inputs.map((i) => i.key),
  ...Object.keys(operator.fixed ?? {}),
];

/** A JSON text with sorted keys: two leaves are the same leaf when these are equal. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );

type LeafResult = { leaf: Leaf } | { problem: string; key?: string };

export const conditionToLeaf = (
  node: ConditionNode,
  catalogue: CatalogueField[],
  digits: number,
): LeafResult => {
  const operator = findOperator(catalogue, node.field, node.op);
  if (!operator) return { problem: 'choose a field and an operator' };
  const leaf: Leaf = { field: node.field, ...operator.fixed };
  const kind = (node.values[KIND_KEY] as AttributeKind | undefined) ?? 'text';
  for (const input of operator.inputs) {
    const result = fromText(input, node.values[input.key], digits, kind);
    if ('problem' in result)
      return { problem: `${input.label}: ${result.problem}`, key: input.key };
    leaf[input.key] = result.value;
  }
  return { leaf };
};

const leafToNode = (leaf: Leaf, catalogue: CatalogueField[], digits: number): BuilderNode => {
  const kept: KeptNode = { kind: 'kept', id: newNodeId(), leaf };
  const present = Object.keys(leaf).filter((k) => k !== 'field');
  const operator = findField(catalogue, leaf.field)?.operators.find(
    (o) =>
      sameSet(propertiesOf(o), present) &&
      Object.entries(o.fixed ?? {}).every(([k, v]) => leaf[k] === v),
  );
  if (!operator) return kept;
  const values: Record<string, InputText> = {};
  for (const input of operator.inputs) {
    const shown = toText(input, leaf[input.key], digits);
    if (!shown) return kept;
    values[input.key] = shown.text;
    if (shown.kind) values[KIND_KEY] = shown.kind;
  }
  const node: ConditionNode = {
    kind: 'condition',
    id: newNodeId(),
    field: leaf.field,
    op: operator.op,
    values,
  };
  // Whatever the text cannot carry exactly (1e-7, an empty string…) stays as it was.
  const back = conditionToLeaf(node, catalogue, digits);
  return 'leaf' in back && canonical(back.leaf) === canonical(leaf) ? node : kept;
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const nodeFrom = (filter: unknown, catalogue: CatalogueField[], digits: number): BuilderNode => {
  const f = isRecord(filter) ? filter : {};
  const group = (join: Join, children: unknown[]): GroupNode => ({
    kind: 'group',
    id: newNodeId(),
    join,
    children: children.map((c) => nodeFrom(c, catalogue, digits)),
  });
  if (Array.isArray(f.all)) return group('all', f.all);
  if (Array.isArray(f.any)) return group('any', f.any);
  if ('not' in f) {
    // {not: {all: [a, b]}} is shown as "not all of: a, b"; {not: x} as "not: x".
    const inner = f.not;
    if (isRecord(inner) && Array.isArray(inner.all) && inner.all.length > 1)
      return group('not', inner.all);
    return group('not', [inner]);
  }
  return leafToNode(f as Leaf, catalogue, digits);
};

/** A saved filter as builder nodes; the root is always a group. */
export const builderFromFilter = (
  filter: Filter,
  catalogue: CatalogueField[],
  digits: number,
): GroupNode => {
  const node = nodeFrom(filter, catalogue, digits);
  if (node.kind === 'group') return node;
  return { kind: 'group', id: newNodeId(), join: 'all', children: [node], bare: true };
};

export const emptyBuilder = (): GroupNode => ({
  kind: 'group',
  id: newNodeId(),
  join: 'all',
  children: [],
});

/** Where each node sits in the definition, as the server names faults: `definition.filter.all.1`. */
export type NodePaths = Map<string, string>;

export type FilterResult =
  { filter: Filter; paths: NodePaths } | { problems: Map<string, string>; paths: NodePaths };

export const filterFromBuilder = (
  root: GroupNode,
  catalogue: CatalogueField[],
  digits: number,
): FilterResult => {
  const problems = new Map<string, string>();
  const paths: NodePaths = new Map();
  const build = (node: BuilderNode, path: string, isRoot: boolean): unknown => {
    paths.set(node.id, path);
    if (node.kind === 'kept') return node.leaf;
    if (node.kind === 'condition') {
      const result = conditionToLeaf(node, catalogue, digits);
      if ('problem' in result) problems.set(node.id, result.problem);
      return 'leaf' in result ? result.leaf : null;
    }
    if (node.children.length === 0) {
      problems.set(node.id, 'add a condition to this group');
      return null;
    }
    if (isRoot && node.bare && node.children.length === 1)
      return build(node.children[0]!, path, false);
    if (node.join === 'not') {
      if (node.children.length === 1)
        return { not: build(node.children[0]!, `${path}.not`, false) };
      return {
        not: { all: node.children.map((c, i) => build(c, `${path}.not.all.${i}`, false)) },
      };
    }
    return {
      [node.join]: node.children.map((c, i) => build(c, `${path}.${node.join}.${i}`, false)),
    };
  };
  const filter = build(root, 'definition.filter', true) as Filter;
  return problems.size > 0 ? { problems, paths } : { filter, paths };
};

/** The node a server fault is about: the deepest node whose path starts the fault's path. */
export const nodeOfIssue = (paths: NodePaths, issuePath: string): string | undefined => {
  let best: { id: string; length: number } | undefined;
  for (const [id, path] of paths) {
    const within = issuePath === path || issuePath.startsWith(`${path}.`);
    if (within && (!best || path.length > best.length)) best = { id, length: path.length };
  }
  return best?.id;
};

// ------------------------------------------------------------------------------- editing

export const mapNode = (
  root: GroupNode,
  id: string,
  change: (node: BuilderNode) => BuilderNode | null,
): GroupNode => {
  const visit = (node: BuilderNode): BuilderNode | null => {
    if (node.id === id) return change(node);
    if (node.kind !== 'group') return node;
    const children = node.children.map(visit).filter((c): c is BuilderNode => c !== null);
    return { ...node, children };
  };
  return (visit(root) as GroupNode | null) ?? emptyBuilder();
};

export const newCondition = (catalogue: CatalogueField[]): ConditionNode => {
  const first = catalogue[0];
  return {
    kind: 'condition',
    id: newNodeId(),
    field: first?.field ?? '',
    op: first?.operators[0]?.op ?? '',
    values: {},
  };
};

/** Every node by its number in reading order, so rows can be named "Condition 3". */
export const numberNodes = (root: GroupNode) => {
  const numbers = new Map<string, number>();
  let conditions = 0;
  let groups = 0;
  const visit = (node: BuilderNode) => {
    if (node.kind === 'group') {
      numbers.set(node.id, (groups += 1));
      node.children.forEach(visit);
    } else numbers.set(node.id, (conditions += 1));
  };
  // The root is "all conditions", not a numbered group.
  numbers.set(root.id, 0);
  root.children.forEach(visit);
  return numbers;
};
