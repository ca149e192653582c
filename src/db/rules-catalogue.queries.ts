import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.js';

export interface RuleCatalogue {
  categories: { name: string; lines: number }[];
  skus: { sku: string; name: string | null; category: string | null; lines: number }[];
  stores: { id: string; orders: number }[];
  channels: { channel: string; orders: number }[];
}

/** `%` and `_` typed by a person are letters, not wildcards. */
const containing = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * What rule conditions can pick from, as seen in the orders: categories and SKUs (most used
 * first, searchable, limited), stores and channels. Grouped in the database with a limit, so
 * half a million order lines never leave it; the (category, sku) index keeps the scans narrow.
 */
export const ruleCatalogue = async (
  db: Kysely<DB>,
  options: { q?: string; limit: number },
): Promise<RuleCatalogue> => {
  const q = options.q?.trim() ? containing(options.q.trim()) : null;
  const [categories, skus, stores, channels] = await Promise.all([
    db
      .selectFrom('order_line')
      .select(['category', sql<number>`count(*)::int`.as('lines')])
      .where('category', 'is not', null)
      .$if(q !== null, (b) => b.where('category', 'ilike', q!))
      .groupBy('category')
      .orderBy('lines', 'desc')
      .orderBy('category')
      .limit(options.limit)
      .execute(),
    db
      .selectFrom('order_line')
      .select([
        'sku',
        sql<string | null>`max(name)`.as('name'),
        sql<string | null>`max(category)`.as('category'),
        sql<number>`count(*)::int`.as('lines'),
      ])
      .$if(q !== null, (b) => b.where((w) => w.or([w('sku', 'ilike', q!), w('name', 'ilike', q!)])))
      .groupBy('sku')
      .orderBy('lines', 'desc')
      .orderBy('sku')
      .limit(options.limit)
      .execute(),
    db
      .selectFrom('sales_order')
      .select(['store_id', sql<number>`count(*)::int`.as('orders')])
      .where('store_id', 'is not', null)
      .groupBy('store_id')
      .orderBy('orders', 'desc')
      .orderBy('store_id')
      .limit(200)
      .execute(),
    db
      .selectFrom('sales_order')
      .select(['channel', sql<number>`count(*)::int`.as('orders')])
      .groupBy('channel')
      .orderBy('orders', 'desc')
      .execute(),
  ]);
  return {
    categories: categories.map((c) => ({ name: c.category!, lines: c.lines })),
    skus: skus.map((s) => ({ sku: s.sku, name: s.name, category: s.category, lines: s.lines })),
    stores: stores.map((s) => ({ id: s.store_id!, orders: s.orders })),
    channels: channels.map((c) => ({ channel: c.channel, orders: c.orders })),
  };
};

/** The names people know for the codes and ids rules store: tiers, segments, rewards, batches. */
export const ruleVocabulary = async (db: Kysely<DB>) => {
  const [tiers, segments, rewards, batches] = await Promise.all([
    db.selectFrom('tier_definition').select(['code', 'name']).execute(),
    db.selectFrom('segment').select(['key', 'name']).where('archived_at', 'is', null).execute(),
    db.selectFrom('reward').select(['id', 'name']).execute(),
    db.selectFrom('coupon_batch').select(['id', 'name']).execute(),
  ]);
  return {
    tiers: Object.fromEntries(tiers.map((t) => [t.code, t.name])),
    segments: Object.fromEntries(segments.map((s) => [s.key, s.name])),
    rewards: Object.fromEntries(rewards.map((r) => [r.id, r.name])),
    couponBatches: Object.fromEntries(batches.map((b) => [b.id, b.name])),
  };
};
