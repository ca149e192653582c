import type { Schemas } from '../../shared/api';
import { formatMoney, formatNumber } from '../../shared/format';
import { words } from './names';
import type { TimelineItem, TimelineKind } from './types';

/** A glyph (decorative: the kind is also written out) and a word for each kind of event. */
export const KIND_LOOK: Record<TimelineKind, { icon: string; label: string }> = {
  order: { icon: '▣', label: 'Order' },
  return: { icon: '↩', label: 'Return' },
  points: { icon: '★', label: 'Points' },
  reward: { icon: '♦', label: 'Reward' },
  coupon: { icon: '%', label: 'Coupon' },
  tier: { icon: '▲', label: 'Tier' },
  activity: { icon: '⚑', label: 'Activity' },
  survey: { icon: '☑', label: 'Survey' },
  review: { icon: '✎', label: 'Review' },
  complaint: { icon: '!', label: 'Complaint' },
  message: { icon: '✉', label: 'Message' },
};

const text = (v: unknown) => (typeof v === 'string' ? v : v == null ? '' : String(v));
const num = (v: unknown) => (typeof v === 'number' ? v : Number(v));
const signed = (n: number) => (n > 0 ? `+${formatNumber(n)}` : formatNumber(n));

// The ledger's entry codes in words: a code the API adds is a type error here until worded.
const ENTRY_CODES: Record<Schemas['LedgerEntryCode'], string> = {
  'earn.order': 'earned on an order',
  'earn.order.pending': 'pending from an order, until the return window passes',
  'pending.post': 'released from pending',
  'pending.void': 'pending points voided by a return',
  'reverse.return': 'reversed by a return',
  redeem: 'redeemed',
  expire: 'expired',
  'adjust.credit': 'manual adjustment',
  'adjust.debit': 'manual adjustment',
  'earn.award': 'awarded',
  'reverse.award': 'award taken back',
};

const pointsLine = (d: Record<string, unknown>) => {
  const points = num(d.points);
  const pending = num(d.pendingPoints);
  const code = text(d.code);
  const amount =
    points !== 0 || !pending ? `${signed(points)} points` : `${signed(pending)} pending points`;
  // A timeline item's detail is untyped JSON: an unknown code is still shown, in plain words.
  const why = Object.hasOwn(ENTRY_CODES, code)
    ? ENTRY_CODES[code as Schemas['LedgerEntryCode']]
    : words(code);
  return `${amount}, ${why}${d.reason ? `: ${text(d.reason)}` : ''}`;
};

/**
 * One line per event. Money is formatted here with Intl (the server's title prints plain
 * decimals); the other kinds use the server's title, which already reads well.
 */
export const describe = (item: TimelineItem, currency: string | undefined): string => {
  const d = item.detail;
  const amount = (minor: unknown, cur: unknown) => {
    const code = text(cur) || currency;
    return code ? formatMoney(num(minor), code) : formatNumber(num(minor));
  };
  switch (item.kind) {
    case 'order': {
      const earned = num(d.pointsEarned);
      return `Order ${text(d.externalId)}: ${amount(d.totalMinor, d.currency)}${earned ? `, ${formatNumber(earned)} points` : ''}`;
    }
    case 'return':
      return `Return of ${amount(d.amountMinor, null)}${num(d.pointsReversed) ? `, ${formatNumber(num(d.pointsReversed))} points reversed` : ''}`;
    case 'points':
      return pointsLine(d);
    case 'coupon':
      return `Coupon used on order ${text(d.orderExternalId)}: ${amount(d.discountMinor, d.currency)} off (${text(d.status)})`;
    default:
      return item.title;
  }
};
