import { describe, expect, it } from 'vitest';
import type { CatalogueTable } from './catalogue.js';
import { lookupBy, type Placement } from './placement.js';
import { readinessOffences } from './readiness.js';

const table = (name: string, shape: Partial<CatalogueTable> & { columns?: string[] }) => ({
  name,
  nullable: new Map((shape.columns ?? []).map((c) => [c, false])),
  primaryKey: null,
  uniqueIndexes: [],
  foreignKeys: [],
  triggers: [],
  ...shape,
});

const fk = (name: string, columns: string[], references: string, referencedColumns: string[]) => ({
  name,
  columns,
  references,
  referencedColumns,
  definition: `FOREIGN KEY (${columns.join(', ')}) REFERENCES ${references}(${referencedColumns.join(', ')})`,
});

const byCustomer: Placement = {
  kind: 'distributed',
  column: 'customer_id',
  colocation: 'customer',
};
const placement: Record<string, Placement> = {
  customer: { kind: 'distributed', column: 'id', colocation: 'customer' },
  sales_order: byCustomer,
  order_line: byCustomer,
  order_key: lookupBy('external_id'),
  rule: { kind: 'reference' },
  outbox: { kind: 'coordinator', why: 'swept by a worker' },
};

const readySchema = (): CatalogueTable[] => [
  table('customer', { columns: ['id'], primaryKey: ['id'] }),
  table('sales_order', {
    columns: ['customer_id', 'id', 'external_id'],
    primaryKey: ['customer_id', 'id'],
    foreignKeys: [fk('fk_c', ['customer_id'], 'customer', ['id'])],
  }),
  table('order_line', {
    columns: ['customer_id', 'order_id', 'line_no'],
    primaryKey: ['customer_id', 'order_id', 'line_no'],
    foreignKeys: [fk('fk_o', ['customer_id', 'order_id'], 'sales_order', ['customer_id', 'id'])],
  }),
  table('order_key', {
    columns: ['external_id', 'customer_id'],
    primaryKey: ['external_id'],
  }),
  table('rule', { columns: ['id'], primaryKey: ['id'] }),
  table('outbox', {
    columns: ['id', 'rule_id'],
    primaryKey: ['id'],
    foreignKeys: [fk('fk_r', ['rule_id'], 'rule', ['id'])],
  }),
];

const check = (tables: CatalogueTable[], triggersOnShards: Record<string, string> = {}) =>
  readinessOffences({ tables, placement, triggersOnShards });

const replace = (tables: CatalogueTable[], name: string, change: Partial<CatalogueTable>) =>
  tables.map((t) => (t.name === name ? { ...t, ...change } : t));

describe('Citus readiness rules', () => {
  it('pass a schema that keeps them', () => {
    expect(check(readySchema())).toEqual([]);
  });

  it('name a table without a placement, and a placement without a table', () => {
    const tables = [...readySchema().filter((t) => t.name !== 'rule'), table('audit', {})];
    expect(check(tables)).toEqual([
      'rule: placed for Citus but not in the schema',
      'audit: has no placement (src/db/citus/placement.ts)',
    ]);
  });

  it('want the distribution column present, not null and first in every unique key', () => {
    const tables = replace(readySchema(), 'sales_order', {
      nullable: new Map([
        ['customer_id', true],
        ['id', false],
      ]),
      primaryKey: ['id'],
      uniqueIndexes: [{ name: 'sales_order_external_id_key', columns: ['external_id'] }],
    });
    expect(check(tables)).toEqual([
      'sales_order: customer_id may be null',
      'sales_order: primary key (id) does not start with customer_id',
      'sales_order: unique index sales_order_external_id_key (external_id) does not start with customer_id',
    ]);
    expect(
      check(replace(readySchema(), 'sales_order', { nullable: new Map([['id', false]]) })),
    ).toEqual(['sales_order: has no customer_id column to distribute by']);
  });

  it('want foreign keys between distributed tables to pair their distribution columns', () => {
    const tables = replace(readySchema(), 'order_line', {
      foreignKeys: [fk('fk_o', ['order_id'], 'sales_order', ['id'])],
    });
    expect(check(tables)).toEqual([
      'order_line: foreign key fk_o (order_id) → sales_order(id): does not pair customer_id with customer_id',
    ]);
  });

  it('refuse foreign keys between a lookup table and another colocation group', () => {
    const tables = replace(readySchema(), 'order_key', {
      foreignKeys: [fk('fk_k', ['customer_id'], 'customer', ['id'])],
    });
    expect(check(tables)).toEqual([
      'order_key: foreign key fk_k (customer_id) → customer: refers to a table of another colocation group',
    ]);
    const toLookup = replace(readySchema(), 'sales_order', {
      foreignKeys: [fk('fk_e', ['external_id'], 'order_key', ['external_id'])],
    });
    expect(check(toLookup)).toEqual([
      'sales_order: foreign key fk_e (external_id) → order_key: refers to a table of another colocation group',
    ]);
  });

  it('refuse references from reference or coordinator tables to distributed ones', () => {
    const tables = replace(readySchema(), 'outbox', {
      foreignKeys: [fk('fk_x', ['customer_id'], 'customer', ['id'])],
    });
    expect(check(tables)).toEqual([
      'outbox: foreign key fk_x (customer_id) → customer: a coordinator table refers to a distributed one',
    ]);
  });

  it('allow a trigger on a distributed table only where it is listed with why it is safe', () => {
    const tables = replace(readySchema(), 'order_line', { triggers: ['order_line_append_only'] });
    expect(check(tables)).toEqual([
      'order_line: trigger order_line_append_only would run on the shards and is not in the documented list',
    ]);
    expect(check(tables, { 'order_line.order_line_append_only': 'refuses changes' })).toEqual([]);
  });
});
