import type { LotBalance, LotConsumption, PendingBalance } from './ledger.js';

/**
 * Pure planning functions: they decide what should happen to lots and pending entries and return
 * proposals; the service applies them inside a transaction.
 */

const expiryOrder = (lot: LotBalance): number =>
  lot.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;

/** Oldest-expiring lots first; lots that never expire last; ties by creation then id. */
export const sortLotsForConsumption = (lots: LotBalance[]): LotBalance[] =>
  [...lots].sort(
    (a, b) =>
      expiryOrder(a) - expiryOrder(b) ||
      a.createdAt.getTime() - b.createdAt.getTime() ||
      a.id.localeCompare(b.id),
  );

/**
 * Takes `points` from the lots, oldest-expiring first. `preferLotIds` are drained before the rest
 * (a return takes back the points of its own order first). Returns null when the lots cannot cover
 * the amount, so the caller decides whether that is an error.
 */
export const planConsumption = (
  lots: LotBalance[],
  points: number,
  preferLotIds: ReadonlySet<string> = new Set(),
): LotConsumption[] | null => {
  const ordered = sortLotsForConsumption(lots);
  const preferred = ordered.filter((lot) => preferLotIds.has(lot.id));
  const others = ordered.filter((lot) => !preferLotIds.has(lot.id));
  const plan: LotConsumption[] = [];
  let left = points;
  for (const lot of [...preferred, ...others]) {
    if (left === 0) break;
    const take = Math.min(lot.remaining, left);
    if (take > 0) {
      plan.push({ lotId: lot.id, points: take });
      left -= take;
    }
  }
  return left === 0 ? plan : null;
};

export type Settlement =
  { kind: 'post'; at: Date; pending: PendingBalance } | { kind: 'expire'; at: Date; lotId: string };

/**
 * What is due by `now`: pending entries whose return window ended, and lots whose expiry passed,
 * in the order they fell due. A lot that expires is handled with whatever remains of it at that
 * point, so replaying settlements late gives the same result as running them on time.
 */
export const dueSettlements = (
  pendings: PendingBalance[],
  lots: LotBalance[],
  now: Date,
): Settlement[] => {
  const due: Settlement[] = [];
  for (const pending of pendings) {
    if (pending.remaining > 0 && pending.releaseAt.getTime() <= now.getTime()) {
      due.push({ kind: 'post', at: pending.releaseAt, pending });
    }
  }
  for (const lot of lots) {
    if (lot.remaining > 0 && lot.expiresAt && lot.expiresAt.getTime() <= now.getTime()) {
      due.push({ kind: 'expire', at: lot.expiresAt, lotId: lot.id });
    }
  }
  return due.sort((a, b) => a.at.getTime() - b.at.getTime() || (a.kind === 'post' ? -1 : 1));
};
