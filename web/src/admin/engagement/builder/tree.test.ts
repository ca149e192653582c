import { describe, expect, it } from 'vitest';
import { SEGMENT_FIELDS } from '../../../../../src/core/segments/segment-fields';
import {
  builderFromFilter,
  filterFromBuilder,
  nodeOfIssue,
  type BuilderNode,
  type ConditionNode,
  type GroupNode,
} from './tree';
import { majorToMinor, minorToMajor } from './values';

const catalogue = SEGMENT_FIELDS;

const roundTrip = (filter: Record<string, unknown>, digits = 2) => {
  const result = filterFromBuilder(builderFromFilter(filter, catalogue, digits), catalogue, digits);
  if (!('filter' in result)) throw new Error(JSON.stringify([...result.problems]));
  return result.filter;
};

const kinds = (node: BuilderNode): string[] =>
  node.kind === 'group' ? [`${node.join}(`, ...node.children.flatMap(kinds), ')'] : [node.kind];

const DEFINITIONS: [string, Record<string, unknown>][] = [
  ['a single leaf', { field: 'orderCount', gte: 5 }],
  [
    'spend AND recency',
    {
      all: [
        { field: 'totalSpendMinor', gte: 10_000 },
        { field: 'lastOrderDate', withinDays: 90 },
      ],
    },
  ],
  [
    'nested OR with tiers, NOT of one leaf',
    {
      all: [
        { field: 'clvMinor', gte: 1, lte: 250_050 },
        {
          any: [{ field: 'tier', in: ['gold', null] }, { not: { field: 'channel', in: ['pos'] } }],
        },
      ],
    },
  ],
  [
    'NOT of several (not all of), NOT of one group, NOT at the root',
    {
      not: {
        any: [
          {
            not: {
              all: [
                { field: 'pAlive', lte: 0.25 },
                { field: 'createdAt', after: '2025-01-01' },
              ],
            },
          },
          { not: { all: [{ field: 'birthdayMonth', in: [12, 1] }] } },
          { field: 'consent', channel: 'sms', granted: false },
        ],
      },
    },
  ],
  [
    'attributes of each kind, dates, lists',
    {
      any: [
        { field: 'attribute', key: 'country', op: 'eq', value: 'France' },
        { field: 'attribute', key: 'vip', op: 'neq', value: true },
        { field: 'attribute', key: 'score', op: 'gt', value: 2.5 },
        { field: 'attribute', key: 'size', op: 'in', value: [38, 40] },
        { field: 'attribute', key: 'pet', op: 'exists' },
        { field: 'lastOrderDate', after: '2026-01-01', before: '2026-03-31' },
        { field: 'rfmSegment', in: ['champions', 'at_risk'] },
        { field: 'lifecycleStage', in: ['lapsed'] },
        { field: 'pointsBalance', lte: 0 },
        { field: 'totalSpendMinor', lte: -150 },
      ],
    },
  ],
  [
    'segment membership: in any of, in none of, under not',
    {
      all: [
        { field: 'segment', in: ['seg_big', 'seg_vip'] },
        { not: { field: 'segment', notIn: ['seg_lapsed'] } },
        { any: [{ field: 'segment', notIn: ['seg_a', 'seg_b', 'seg_c'] }] },
      ],
    },
  ],
];

describe('definition → builder → definition', () => {
  it.each(DEFINITIONS)('%s comes back identical', (_, filter) => {
    expect(roundTrip(filter)).toEqual(filter);
  });

  it('shows each known leaf as an editable condition, in the shape of the tree', () => {
    const root = builderFromFilter(DEFINITIONS[3]![1], catalogue, 2);
    expect(kinds(root)).toEqual([
      'not(',
      'any(',
      'not(',
      'condition',
      'condition',
      ')',
      'not(',
      'all(',
      'condition',
      ')',
      ')',
      'condition',
      ')',
      ')',
    ]);
  });

  it('keeps what it cannot show exactly as it was (mixed lists, an unknown field, 1e-7)', () => {
    const filter = {
      all: [
        { field: 'attribute', key: 'x', op: 'in', value: ['a', 1] },
        { field: 'attribute', key: 'y', op: 'in', value: ['a,b'] },
        { field: 'loyaltyScore', gte: 3 },
        { field: 'pAlive', gte: 1e-7 },
        { field: 'attribute', key: 'z', op: 'eq', value: '' },
      ],
    };
    const root = builderFromFilter(filter, catalogue, 2);
    expect(root.children.map((c) => c.kind)).toEqual(['kept', 'kept', 'kept', 'kept', 'kept']);
    expect(roundTrip(filter)).toEqual(filter);
  });

  it('shows money in major units of the currency, and saves minor units', () => {
    const root = builderFromFilter({ field: 'totalSpendMinor', gte: 10_050 }, catalogue, 2);
    expect((root.children[0] as ConditionNode).values.gte).toBe('100.50');
    expect(roundTrip({ field: 'totalSpendMinor', gte: 10_050 }, 0)).toEqual({
      field: 'totalSpendMinor',
      gte: 10_050,
    });
    expect(majorToMinor('100', 2)).toBe(10_000);
    expect(majorToMinor('99.9', 2)).toBe(9_990);
    expect(majorToMinor('-0.05', 2)).toBe(-5);
    expect(majorToMinor('1.234', 2)).toBeNull();
    expect(majorToMinor('£5', 2)).toBeNull();
    expect(minorToMajor(5, 2)).toBe('0.05');
    expect(minorToMajor(-12_345, 2)).toBe('-123.45');
    expect(minorToMajor(500, 0)).toBe('500');
  });
});

describe('segment membership conditions', () => {
  it('shows each as a picked list of ids under its operator, in their saved order', () => {
    const root = builderFromFilter(DEFINITIONS[5]![1], catalogue, 2);
    const [first, negated] = root.children as [ConditionNode, GroupNode];
    expect(first).toMatchObject({
      kind: 'condition',
      field: 'segment',
      op: 'in',
      values: { in: ['seg_big', 'seg_vip'] },
    });
    expect(negated.children[0]).toMatchObject({
      kind: 'condition',
      op: 'notIn',
      values: { notIn: ['seg_lapsed'] },
    });
  });

  it('keeps a leaf no operator can show (both lists, an empty list, a number) as it was', () => {
    const filter = {
      all: [
        { field: 'segment', in: ['seg_a'], notIn: ['seg_b'] },
        { field: 'segment', in: [] },
        { field: 'segment', notIn: [7] },
      ],
    };
    const root = builderFromFilter(filter, catalogue, 2);
    expect(root.children.map((c) => c.kind)).toEqual(['kept', 'kept', 'kept']);
    expect(roundTrip(filter)).toEqual(filter);
  });

  it('builds from the picker, and asks for a pick when none is made', () => {
    const node = (values: ConditionNode['values']): GroupNode => ({
      kind: 'group',
      id: 'root',
      join: 'all',
      children: [{ kind: 'condition', id: 'member', field: 'segment', op: 'notIn', values }],
      bare: true,
    });
    const built = filterFromBuilder(node({ notIn: ['seg_1', 'seg_2'] }), catalogue, 2);
    expect('filter' in built && built.filter).toEqual({
      field: 'segment',
      notIn: ['seg_1', 'seg_2'],
    });
    const empty = filterFromBuilder(node({ notIn: [] }), catalogue, 2);
    expect('problems' in empty && [...empty.problems]).toEqual([
      ['member', 'Segments: choose at least one'],
    ]);
    const none = filterFromBuilder(node({}), catalogue, 2);
    expect('problems' in none && [...none.problems]).toEqual([
      ['member', 'Segments: choose at least one'],
    ]);
  });
});

describe('builder → definition, for what a person builds', () => {
  const condition = (id: string, field: string, op: string, values: ConditionNode['values']) =>
    ({ kind: 'condition', id, field, op, values }) as ConditionNode;

  it('names the row at fault and each empty group, and builds nothing', () => {
    const root: GroupNode = {
      kind: 'group',
      id: 'root',
      join: 'all',
      children: [
        condition('spend', 'totalSpendMinor', 'gte', { gte: '' }),
        condition('days', 'lastOrderDate', 'withinDays', { withinDays: '90' }),
        { kind: 'group', id: 'empty', join: 'any', children: [] },
      ],
    };
    const result = filterFromBuilder(root, catalogue, 2);
    expect('problems' in result && [...result.problems]).toEqual([
      ['spend', 'At least: enter a value'],
      ['empty', 'add a condition to this group'],
    ]);
  });

  it('builds "spent more than £100 and ordered within 90 days, or is gold"', () => {
    const root: GroupNode = {
      kind: 'group',
      id: 'root',
      join: 'any',
      children: [
        {
          kind: 'group',
          id: 'both',
          join: 'all',
          children: [
            condition('spend', 'totalSpendMinor', 'gte', { gte: '100' }),
            condition('days', 'lastOrderDate', 'withinDays', { withinDays: '90' }),
          ],
        },
        condition('tier', 'tier', 'in', { in: ['gold', ''] }),
      ],
    };
    const result = filterFromBuilder(root, catalogue, 2);
    expect('filter' in result && result.filter).toEqual({
      any: [
        {
          all: [
            { field: 'totalSpendMinor', gte: 10_000 },
            { field: 'lastOrderDate', withinDays: 90 },
          ],
        },
        { field: 'tier', in: ['gold', null] },
      ],
    });
    // A server fault's path finds its row: the deepest node on that path.
    expect(nodeOfIssue(result.paths, 'definition.filter.any.0.all.1.withinDays')).toBe('days');
    expect(nodeOfIssue(result.paths, 'definition.filter.any.1')).toBe('tier');
    expect(nodeOfIssue(result.paths, 'definition.filter')).toBe('root');
    expect(nodeOfIssue(result.paths, 'name')).toBeUndefined();
  });
});
