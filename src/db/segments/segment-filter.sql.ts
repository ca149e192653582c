import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { ORDER_CHANNELS } from '../../core/orders/orders.js';
import { referencedIds } from '../../core/segments/segment-references.js';
import { badSegmentReferences } from '../../core/segments/segments.errors.js';
import {
  walkNodes,
  type SegmentKind,
  type SegmentDefinition,
  type SegmentLeaf,
  type SegmentNode,
  type SegmentScope,
} from '../../core/segments/segments.js';
import { localMidnight } from '../analytics/periods.sql.js';
import { purchasesOf } from '../analytics/purchases.sql.js';

/**
 * Compiles a segment's filter tree to ONE SQL query over `customer c`: each kind of fact a tree
 * reads is left-joined once (set-based, so a million customers are a few hash joins, never a
 * per-customer lookup), and each leaf becomes a boolean on the joined columns. A leaf whose fact
 * is unknown (no analytics row, no order) is false, never null, so `not` is the exact complement.
 *
 * A leaf naming other segments (`{field: 'segment'}`) reads their membership as it is now:
 * - a dynamic segment is evaluated from its definition, compiled once into a CTE of this query
 *   (`seg_0`, …; dependencies first) and tested with `c.id in (select id from seg_N)`. Not its
 *   stored `segment_member` rows, which are only as fresh as its last refresh, so a preview or a
 *   refresh never depends on the order segments were refreshed in. A CTE rather than pasting the
 *   referenced tree into this WHERE: a segment named by several others (A and B both name C, D
 *   names A and B…) is compiled once instead of once per path, so the SQL grows with the number of
 *   segments, not exponentially with the depth, and each tree keeps its own joins.
 * - a static list has no definition: its members are `segment_member`, read with EXISTS.
 * Cycles are refused when a definition is saved; one met here anyway (two concurrent edits) is
 * refused again rather than compiled forever.
 */

/** What a definition's segment leaves need to know about the segments they name. */
export interface ReferencedSegment {
  id: string;
  key: string;
  kind: SegmentKind;
  definition: SegmentDefinition | null;
}
export type SegmentReferences = ReadonlyMap<string, ReferencedSegment>;

/** How one tree is compiled: the scope, and the CTE name of each dynamic segment it may name. */
interface Context {
  scope: SegmentScope;
  ctes: ReadonlyMap<string, string>;
  references: SegmentReferences;
}

type Source = 'analytics' | 'tier' | 'points' | 'orders' | 'consent:email' | 'consent:sms';

const MS_PER_DAY = 86_400_000;

const sourceOf = (leaf: SegmentLeaf): Source | null => {
  switch (leaf.field) {
    case 'rfmSegment':
    case 'lifecycleStage':
    case 'clvMinor':
    case 'pAlive':
      return 'analytics';
    case 'tier':
      return 'tier';
    case 'pointsBalance':
      return 'points';
    case 'lastOrderDate':
    case 'totalSpendMinor':
    case 'orderCount':
    case 'channel':
      return 'orders';
    case 'consent':
      return `consent:${leaf.channel}`;
    default:
      return null;
  }
};

/** Per customer: purchases (as analytics defines them), net spend, last purchase, channels. */
const orderFacts = (scope: SegmentScope) => sql`
  (select p.customer_id, count(*) as orders, sum(p.net_minor) as spend_minor,
          max(p.placed_at) as last_at,
          ${sql.join(
            ORDER_CHANNELS.map((ch) => sql`bool_or(p.channel = ${ch}) as ${sql.ref(`via_${ch}`)}`),
          )}
     from ${purchasesOf(scope)} p
    group by p.customer_id)`;

/** The latest consent per customer on one channel (highest seq wins). */
const latestConsent = (channel: string) => sql`
  (select distinct on (customer_id) customer_id, granted
     from customer_consent where channel = ${channel}
    order by customer_id, seq desc)`;

const JOINS: Record<Source, (scope: SegmentScope) => RawBuilder<unknown>> = {
  analytics: () => sql`left join customer_analytics ca on ca.customer_id = c.id`,
  tier: () => sql`left join member_tier mt on mt.customer_id = c.id`,
  points: () =>
    sql`left join ledger_account pts on pts.customer_id = c.id and pts.id = c.id || ':points'`,
  orders: (scope) => sql`left join ${orderFacts(scope)} po on po.customer_id = c.id`,
  'consent:email': () =>
    sql`left join ${latestConsent('email')} ce_email on ce_email.customer_id = c.id`,
  'consent:sms': () => sql`left join ${latestConsent('sms')} ce_sms on ce_sms.customer_id = c.id`,
};

const range = (
  value: RawBuilder<unknown>,
  bounds: { gte?: number | undefined; lte?: number | undefined },
): RawBuilder<SqlBool> => {
  const parts: RawBuilder<SqlBool>[] = [];
  if (bounds.gte !== undefined) parts.push(sql`${value} >= ${bounds.gte}`);
  if (bounds.lte !== undefined) parts.push(sql`${value} <= ${bounds.lte}`);
  return sql`(${sql.join(parts, sql` and `)})`;
};

const values = (xs: readonly (string | number)[]) => sql.join(xs.map((x) => sql`${x}`));

/** An instant column within [after + 1 day, before) in the programme's calendar. */
const dateWindow = (
  column: RawBuilder<unknown>,
  window: { before?: string | undefined; after?: string | undefined },
  scope: SegmentScope,
) => {
  const parts: RawBuilder<SqlBool>[] = [];
  if (window.before) parts.push(sql`${column} < ${localMidnight(window.before, scope.timeZone)}`);
  if (window.after) {
    const next = new Date(Date.parse(`${window.after}T00:00:00Z`) + MS_PER_DAY);
    const day = next.toISOString().slice(0, 10);
    parts.push(sql`${column} >= ${localMidnight(day, scope.timeZone)}`);
  }
  return parts;
};

const attributeLeaf = (leaf: Extract<SegmentLeaf, { field: 'attribute' }>): RawBuilder<SqlBool> => {
  const attr = sql`(c.attributes -> ${leaf.key}::text)`;
  const json = sql`${JSON.stringify(leaf.value ?? null)}::jsonb`;
  switch (leaf.op) {
    case 'exists':
      return sql`jsonb_typeof(${attr}) <> 'null'`;
    case 'eq':
      return sql`${attr} = ${json}`;
    case 'neq':
      return sql`${attr} is distinct from ${json}`;
    case 'in':
      return sql`${json} @> ${attr}`;
    default: {
      const op = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[leaf.op];
      return sql`case when jsonb_typeof(${attr}) = 'number'
        then (c.attributes ->> ${leaf.key}::text)::numeric ${sql.raw(op)} ${leaf.value as number}::numeric end`;
    }
  }
};

/** Member of any of the ids now; an id no longer stored names nobody. */
const inSegments = (ids: string[], context: Context): RawBuilder<SqlBool> => {
  const parts: RawBuilder<SqlBool>[] = [];
  const lists = ids.filter((id) => context.references.get(id)?.kind === 'static');
  if (lists.length > 0)
    parts.push(sql`exists (select 1 from segment_member sm
      where sm.segment_id in (${values(lists)}) and sm.customer_id = c.id)`);
  for (const id of ids) {
    const cte = context.ctes.get(id);
    if (cte) parts.push(sql`c.id in (select id from ${sql.table(cte)})`);
  }
  return parts.length > 0 ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
};

const leafCondition = (leaf: SegmentLeaf, context: Context): RawBuilder<SqlBool> => {
  const { scope } = context;
  switch (leaf.field) {
    case 'segment':
      return leaf.in
        ? inSegments(leaf.in, context)
        : sql`(not ${inSegments(leaf.notIn ?? [], context)})`;
    case 'attribute':
      return attributeLeaf(leaf);
    case 'rfmSegment':
      return sql`ca.rfm_segment in (${values(leaf.in)})`;
    case 'lifecycleStage':
      return sql`ca.lifecycle_stage in (${values(leaf.in)})`;
    case 'clvMinor':
      return range(sql`ca.clv_minor`, leaf);
    case 'pAlive':
      return range(sql`ca.p_alive`, leaf);
    case 'tier': {
      const codes = leaf.in.filter((c): c is string => c !== null);
      const parts: RawBuilder<SqlBool>[] = [];
      if (codes.length > 0) parts.push(sql`mt.tier_code in (${values(codes)})`);
      if (leaf.in.includes(null)) parts.push(sql`mt.customer_id is null`);
      return sql`(${sql.join(parts, sql` or `)})`;
    }
    case 'pointsBalance':
      return range(sql`coalesce(pts.credits_posted - pts.debits_posted, 0)`, leaf);
    case 'totalSpendMinor':
      return range(sql`coalesce(po.spend_minor, 0)`, leaf);
    case 'orderCount':
      return range(sql`coalesce(po.orders, 0)`, leaf);
    case 'channel':
      return sql`(${sql.join(
        leaf.in.map((ch) => sql.ref(`po.via_${ch}`)),
        sql` or `,
      )})`;
    case 'lastOrderDate': {
      const parts = dateWindow(sql`po.last_at`, leaf, scope);
      const ago = (days: number) => new Date(scope.now.getTime() - days * MS_PER_DAY);
      if (leaf.withinDays !== undefined) parts.push(sql`po.last_at >= ${ago(leaf.withinDays)}`);
      if (leaf.notWithinDays !== undefined)
        parts.push(sql`po.last_at < ${ago(leaf.notWithinDays)}`);
      return sql`(${sql.join(parts, sql` and `)})`;
    }
    case 'consent':
      return sql`coalesce(${sql.ref(`ce_${leaf.channel}.granted`)}, false) = ${leaf.granted}`;
    case 'createdAt':
      return sql`(${sql.join(dateWindow(sql`c.created_at`, leaf, scope), sql` and `)})`;
    case 'birthdayMonth':
      return sql`extract(month from c.birthday)::int in (${values(leaf.in)})`;
  }
};

const nodeCondition = (node: SegmentNode, context: Context): RawBuilder<SqlBool> => {
  if ('all' in node)
    return sql`(${sql.join(
      node.all.map((n) => nodeCondition(n, context)),
      sql` and `,
    )})`;
  if ('any' in node)
    return sql`(${sql.join(
      node.any.map((n) => nodeCondition(n, context)),
      sql` or `,
    )})`;
  if ('not' in node) return sql`(not ${nodeCondition(node.not, context)})`;
  // Unknown facts make a leaf null; coalesce keeps `not` an exact complement.
  return sql`coalesce(${leafCondition(node, context)}, false)`;
};

const sourcesOf = (definition: SegmentDefinition): Source[] => {
  const sources = new Set<Source>();
  walkNodes(definition.filter, (node) => {
    if ('field' in node) {
      const source = sourceOf(node);
      if (source) sources.add(source);
    }
  });
  return [...sources].sort();
};

const selectCustomers = (definition: SegmentDefinition, context: Context) => {
  const joins = sourcesOf(definition).map((s) => JOINS[s](context.scope));
  return sql`select c.id from customer c ${sql.join(joins, sql` `)} where ${nodeCondition(definition.filter, context)}`;
};

/** The dynamic segments a definition reaches, each after those it names itself. */
const dependencyOrder = (definition: SegmentDefinition, references: SegmentReferences) => {
  const order: ReferencedSegment[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, trail: string[]) => {
    const segment = references.get(id);
    if (!segment?.definition || state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      const chain = [...trail.slice(trail.indexOf(id)), id].map((x) => references.get(x)?.key);
      throw badSegmentReferences('segment_reference_cycle', [
        { path: 'definition', message: `segments refer to each other: ${chain.join(' → ')}` },
      ]);
    }
    state.set(id, 'visiting');
    for (const next of referencedIds(segment.definition)) visit(next, [...trail, id]);
    state.set(id, 'done');
    order.push(segment);
  };
  for (const id of referencedIds(definition)) visit(id, []);
  return order;
};

/**
 * `[with seg_0 as (…), …] select c.id from customer c … where …`: the definition's customers, as
 * one query. `references` holds every segment the definition reaches (segmentReferences loads
 * them); without it, a segment leaf names nobody.
 */
export const segmentCustomers = (
  definition: SegmentDefinition,
  scope: SegmentScope,
  references: SegmentReferences = new Map(),
): RawBuilder<{ id: string }> => {
  const ordered = dependencyOrder(definition, references);
  const ctes = new Map(ordered.map((s, i) => [s.id, `seg_${i}`]));
  const context: Context = { scope, ctes, references };
  const main = selectCustomers(definition, context);
  if (ordered.length === 0) return sql<{ id: string }>`${main}`;
  const withs = ordered.map(
    (s) => sql`${sql.table(ctes.get(s.id)!)} as (${selectCustomers(s.definition!, context)})`,
  );
  return sql<{ id: string }>`with ${sql.join(withs)} ${main}`;
};
