import { sql, type RawBuilder } from 'kysely';
import type { AnalyticsFilter, SegmentRef } from '../../core/analytics/periods.js';
import { localMidnight } from './periods.sql.js';
import { purchasesOf, type PurchaseScope } from './purchases.sql.js';

/**
 * The customers a segment reference names, as a subquery of customer ids; a `segment:<key>`
 * reads the segment's materialised members (an archived segment names nobody).
 */
export const segmentMembers = (segment: SegmentRef): RawBuilder<unknown> => {
  switch (segment.kind) {
    case 'rfm':
      return sql`(select customer_id from customer_analytics where rfm_segment = ${segment.name})`;
    case 'lifecycle':
      return sql`(select customer_id from customer_analytics where lifecycle_stage = ${segment.stage})`;
    case 'segment':
      return sql`(select m.customer_id from segment_member m join segment s on s.id = m.segment_id
        where s.key = ${segment.key} and s.archived_at is null)`;
  }
};

/** The filter as a condition on a purchases row aliased `alias`; `true` when there is none. */
export const purchaseFilter = (filter: AnalyticsFilter, alias = 'p'): RawBuilder<boolean> => {
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  const conditions: RawBuilder<boolean>[] = [];
  if (filter.channel) conditions.push(sql`${column('channel')} = ${filter.channel}`);
  if (filter.storeId) conditions.push(sql`${column('store_id')} = ${filter.storeId}`);
  if (filter.segment) {
    conditions.push(sql`${column('customer_id')} in ${segmentMembers(filter.segment)}`);
  }
  return conditions.length === 0
    ? sql<boolean>`true`
    : sql<boolean>`${sql.join(conditions, sql` and `)}`;
};

/** Local dates bounding placed_at: [from, before). Either may be left open. */
export interface PurchaseWindow {
  from?: string;
  before?: string;
}

/**
 * The purchases of purchasesOf() that pass the filter, as a subquery with the same columns.
 * Window bounds are instants on placed_at, so the (placed_at) index can serve them.
 */
export const filteredPurchasesOf = (
  scope: PurchaseScope,
  filter: AnalyticsFilter,
  window: PurchaseWindow = {},
): RawBuilder<unknown> => {
  const conditions: RawBuilder<boolean>[] = [purchaseFilter(filter, 'p')];
  if (window.from)
    conditions.push(sql`p.placed_at >= ${localMidnight(window.from, scope.timeZone)}`);
  if (window.before) {
    conditions.push(sql`p.placed_at < ${localMidnight(window.before, scope.timeZone)}`);
  }
  return sql`(select p.* from ${purchasesOf(scope)} as p where ${sql.join(conditions, sql` and `)})`;
};
