import { z } from 'zod';
import { DomainError } from '../shared/errors.js';

/**
 * A customer's timeline: everything that happened to them, newest first, in one list. The kinds
 * come from several modules' records; the database merges them in one query (a read model), and
 * the list pages with an opaque cursor naming the last item seen.
 */
export const TIMELINE_KINDS = [
  'order',
  'return',
  'points',
  'reward',
  'coupon',
  'tier',
  'activity',
  'survey',
  'review',
  'complaint',
  'message',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineItem {
  at: Date;
  kind: TimelineKind;
  id: string;
  title: string;
  detail: Record<string, unknown>;
}

/** Where a page starts: strictly after (older than) this item in the order (at, kind, id) desc. */
export interface TimelineCursor {
  at: Date;
  kind: string;
  id: string;
}

export interface TimelineSource {
  page(input: {
    customerId: string;
    limit: number;
    before: TimelineCursor | null;
  }): Promise<Omit<TimelineItem, 'title'>[]>;
}

export const TimelineQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.string().max(500).optional().describe('The nextCursor of the previous page'),
});

export const encodeCursor = (item: TimelineCursor): string =>
  Buffer.from(JSON.stringify([item.at.toISOString(), item.kind, item.id]), 'utf8').toString(
    'base64url',
  );

const badCursor = () =>
  new DomainError('invalid', 'invalid_cursor', 'The cursor is not one this API gave', {}, [
    { path: 'before', message: 'not a cursor from a previous page' },
  ]);

export const decodeCursor = (cursor: string): TimelineCursor => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  const ok = z.tuple([z.iso.datetime(), z.string().max(50), z.string().max(200)]).safeParse(parsed);
  if (!ok.success) throw badCursor();
  return { at: new Date(ok.data[0]), kind: ok.data[1], id: ok.data[2] };
};

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const signed = (n: unknown) => (Number(n) >= 0 ? `+${Number(n)}` : String(Number(n)));

/** A line a person reads, from the item's kind and detail. */
export const titleOf = (kind: TimelineKind, d: Record<string, unknown>): string => {
  switch (kind) {
    case 'order':
      return `Order ${str(d.externalId)}: ${(Number(d.totalMinor) / 100).toFixed(2)} ${str(d.currency)}`;
    case 'return':
      return `Return on order ${str(d.orderId)}: ${(Number(d.amountMinor) / 100).toFixed(2)}`;
    case 'points':
      return `${signed(d.points)} points (${str(d.code)})`;
    case 'reward':
      return `Redeemed reward ${str(d.rewardName)} for ${str(d.pointsSpent)} points`;
    case 'coupon':
      return `Coupon used on order ${str(d.orderExternalId)}`;
    case 'tier':
      return `Tier ${str(d.fromTier) || 'none'} → ${str(d.toTier) || 'none'}`;
    case 'activity':
      return d.name ? `${str(d.trigger)}: ${str(d.name)}` : str(d.trigger);
    case 'survey':
      return `Answered survey ${str(d.surveyTitle)}`;
    case 'review':
      return `Reviewed ${str(d.sku) || 'the shop'}: ${str(d.rating)}/5`;
    case 'complaint':
      return `Complaint: ${str(d.subject)} (${str(d.status)})`;
    case 'message':
      return `Message ${str(d.subject) || str(d.templateKey)} (${str(d.status)})`;
  }
};

export const customerTimeline = async (
  deps: { timeline: TimelineSource },
  input: { customerId: string; limit: number; before?: string },
): Promise<{ items: TimelineItem[]; nextCursor: string | null }> => {
  const before = input.before ? decodeCursor(input.before) : null;
  const rows = await deps.timeline.page({
    customerId: input.customerId,
    limit: input.limit + 1,
    before,
  });
  const items = rows.slice(0, input.limit).map((r) => ({ ...r, title: titleOf(r.kind, r.detail) }));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > input.limit && last ? encodeCursor(last) : null };
};
