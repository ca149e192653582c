import { formatMoney, formatNumber } from '../../shared/format';
import { words } from './bits';

/**
 * A dynamic segment's filter tree (docs/segments.md) as one readable line, e.g. "orders ≥ 5 and
 * total spend ≥ £1,000.00". The tree arrives as JSON the server has already checked; anything this
 * page does not know (a newer field) is shown as its JSON rather than dropped.
 */
type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const list = (value: unknown, each: (v: unknown) => string = String) =>
  Array.isArray(value) ? value.map(each).join(', ') : String(value);

const MONTHS = Array.from({ length: 12 }, (_, i) =>
  new Intl.DateTimeFormat(undefined, { month: 'short', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2000, i, 1)),
  ),
);

const OPS: Record<string, string> = {
  eq: '=',
  neq: '≠',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
  in: 'in',
};

const bounds = (leaf: Node, name: string, show: (n: number) => string) => {
  const parts: string[] = [];
  if (typeof leaf.gte === 'number') parts.push(`${name} ≥ ${show(leaf.gte)}`);
  if (typeof leaf.lte === 'number') parts.push(`${name} ≤ ${show(leaf.lte)}`);
  return parts.join(' and ');
};

const dates = (leaf: Node, name: string) => {
  const parts: string[] = [];
  if (typeof leaf.after === 'string') parts.push(`${name} after ${leaf.after}`);
  if (typeof leaf.before === 'string') parts.push(`${name} before ${leaf.before}`);
  if (typeof leaf.withinDays === 'number')
    parts.push(`${name} within the last ${formatNumber(leaf.withinDays)} days`);
  if (typeof leaf.notWithinDays === 'number')
    parts.push(`${name} not within the last ${formatNumber(leaf.notWithinDays)} days`);
  return parts.join(' and ');
};

interface Words {
  currency: string | undefined;
  /** Segment names by id, for segment leaves (an id not in it is shown as it is). */
  names: ReadonlyMap<string, string>;
}

const segmentNames = (value: unknown, names: Words['names'], joiner: string) =>
  (Array.isArray(value) ? value : [value])
    .map((id) => `“${names.get(String(id)) ?? String(id)}”`)
    .join(joiner);

const leafText = (leaf: Node, { currency, names }: Words): string => {
  const money = (n: number) => (currency ? formatMoney(n, currency) : `${formatNumber(n)} (minor)`);
  switch (leaf.field) {
    case 'attribute':
      return leaf.op === 'exists'
        ? `attribute “${String(leaf.key)}” is set`
        : `attribute “${String(leaf.key)}” ${OPS[String(leaf.op)] ?? String(leaf.op)} ${list(leaf.value, (v) => JSON.stringify(v))}`;
    case 'rfmSegment':
      return `RFM segment: ${list(leaf.in, (v) => words(String(v)))}`;
    case 'lifecycleStage':
      return `lifecycle stage: ${list(leaf.in, (v) => words(String(v)))}`;
    case 'clvMinor':
      return bounds(leaf, 'predicted CLV', money);
    case 'pAlive':
      return bounds(leaf, 'P(alive)', (n) => String(n));
    case 'tier':
      return `tier: ${list(leaf.in, (v) => (v === null ? 'no tier' : String(v)))}`;
    case 'pointsBalance':
      return bounds(leaf, 'points balance', formatNumber);
    case 'orderCount':
      return bounds(leaf, 'orders', formatNumber);
    case 'totalSpendMinor':
      return bounds(leaf, 'total spend', money);
    case 'lastOrderDate':
      return dates(leaf, 'last order');
    case 'channel':
      return `bought through ${list(leaf.in)}`;
    case 'consent':
      return `${leaf.channel === 'email' ? 'e-mail' : String(leaf.channel)} consent ${leaf.granted ? 'granted' : 'not granted'}`;
    case 'createdAt':
      return dates(leaf, 'joined');
    case 'birthdayMonth':
      return `birthday in ${list(leaf.in, (v) => MONTHS[Number(v) - 1] ?? String(v))}`;
    case 'segment':
      return leaf.in
        ? `in segment ${segmentNames(leaf.in, names, ' or ')}`
        : `in none of segments ${segmentNames(leaf.notIn, names, ', ')}`;
    default:
      return JSON.stringify(leaf);
  }
};

const nodeText = (node: unknown, words: Words, nested: boolean): string => {
  if (!isNode(node)) return JSON.stringify(node);
  const group = (children: unknown, joiner: string) => {
    const parts = Array.isArray(children) ? children.map((c) => nodeText(c, words, true)) : [];
    const text = parts.join(joiner);
    return nested && parts.length > 1 ? `(${text})` : text;
  };
  if ('all' in node) return group(node.all, ' and ');
  if ('any' in node) return group(node.any, ' or ');
  if ('not' in node) {
    const inner = nodeText(node.not, words, true);
    return `not ${inner.startsWith('(') ? inner : `(${inner})`}`;
  }
  return leafText(node, words);
};

/** The definition in words; a static segment has none. */
export const describeDefinition = (
  definition: Record<string, unknown> | null,
  currency?: string,
  names: ReadonlyMap<string, string> = new Map(),
): string => {
  if (!definition) return 'A list of customers (uploaded)';
  return nodeText(definition.filter, { currency, names }, false) || 'Every customer';
};
