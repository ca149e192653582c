import { describe, expect, it } from 'vitest';
import {
  SYSTEM_ACCOUNTS,
  pendingAccountOf,
  pointsAccountOf,
  type NewLedgerEntry,
} from '../../src/core/ledger/ledger.js';
import { entry } from '../../src/core/ledger/ledger.posting.js';
import type { RuleAward } from '../../src/core/rules/rules.live.js';
import { newId } from '../../src/core/shared/ids.js';
import { newOrder } from './order-repository.contract.js';
import { inUnit, insertCustomer, sqlUnit, type ContractEnv, type Unit } from './units.js';

const DAY_MS = 86_400_000;

/** What one order writes when it is ingested: the order, its pending points, a rule's award. */
const ingest = async (unit: Unit, customerId: string, ruleId: string) => {
  const order = newOrder(customerId);
  const earned = entry({
    customerId,
    debitAccount: SYSTEM_ACCOUNTS.issued,
    creditAccount: pendingAccountOf(customerId),
    points: 30,
    code: 'earn.order.pending',
    idempotencyKey: `earn:${order.row.id}`,
    orderId: order.row.id,
    releaseAt: new Date(Date.now() + 14 * DAY_MS),
    effectiveAt: new Date(),
  });
  const award: RuleAward = {
    entryId: earned.id,
    customerId,
    ruleId,
    ruleVersion: 1,
    tierCode: null,
    points: 10,
    orderId: order.row.id,
    activityId: null,
    awardedAt: new Date(),
  };
  await unit.ledger.lockMember(customerId);
  expect(await unit.orders.insertIfAbsent(order.row, order.lines)).toBe(true);
  await unit.ledger.appendEntry(earned);
  await unit.ruleFacts.recordAwards([award]);
  return { order, earned };
};

const posted = (customerId: string, points: number): NewLedgerEntry =>
  entry({
    customerId,
    debitAccount: SYSTEM_ACCOUNTS.issued,
    creditAccount: pointsAccountOf(customerId),
    points,
    code: 'earn.award',
    idempotencyKey: `award:${newId('entry')}`,
    effectiveAt: new Date(),
  });

/** Everything the core can read of one member through the unit. */
const state = async (unit: Unit, customerId: string, ruleId: string, keys: string[]) => ({
  balances: await unit.ledger.lockMember(customerId),
  lots: (await unit.ledger.openLots(customerId)).map((l) => [l.points, l.remaining]),
  pendings: (await unit.ledger.openPendings(customerId)).map((p) => [p.points, p.remaining]),
  entries: await Promise.all(
    keys.map(async (key) => (await unit.ledger.findEntryByKey(customerId, key))?.id ?? null),
  ),
  orders: (await unit.ruleFacts.memberFacts(customerId, { orderCount: true })).ordersBefore,
  awarded: await unit.ruleFacts.awardedSince(customerId, [{ ruleId, since: new Date(0) }]),
});

/**
 * One order's writes can be undone inside a unit, leaving what came before it: the group commit
 * relies on this to refuse one order of a batch. A SQL savepoint is the reference.
 */
export const unitSavepointContract = (env: ContractEnv) =>
  describe(`rolling back to a savepoint (${env.kind.name})`, () => {
    it('forgets one order’s order, entries, lot, consumption and awards, and nothing before', async () => {
      const customerId = await insertCustomer(env.db());
      const ruleId = newId('rule');
      const seen = await inUnit(env.db(), env.kind, [customerId], async (unit) => {
        const kept = await ingest(unit, customerId, ruleId);
        const bonus = posted(customerId, 40);
        await unit.ledger.appendEntry(bonus);
        await unit.ledger.appendLot({
          id: newId('lot'),
          customerId,
          entryId: bonus.id,
          points: 40,
          expiresAt: null,
          createdAt: bonus.effectiveAt,
        });
        const keys = [kept.earned.idempotencyKey];
        const before = await state(unit, customerId, ruleId, keys);

        const rollback = await unit.savepoint();
        const undone = await ingest(unit, customerId, ruleId);
        const spent = entry({
          customerId,
          debitAccount: pointsAccountOf(customerId),
          creditAccount: SYSTEM_ACCOUNTS.redeemed,
          points: 15,
          code: 'redeem',
          idempotencyKey: `redeem:${newId('entry')}`,
          effectiveAt: new Date(),
        });
        await unit.ledger.appendEntry(spent);
        const lot = (await unit.ledger.openLots(customerId))[0]!;
        await unit.ledger.appendConsumptions(customerId, spent.id, [{ lotId: lot.id, points: 15 }]);
        const allKeys = [...keys, undone.earned.idempotencyKey, spent.idempotencyKey];
        const during = await state(unit, customerId, ruleId, allKeys);
        await rollback();
        const after = await state(unit, customerId, ruleId, allKeys);
        // The order's external id is free again within the unit.
        const again = await unit.orders.insertIfAbsent(
          { ...undone.order.row, id: newId('order') },
          undone.order.lines,
        );
        return { before, during, after, again, allKeys };
      });
      expect(seen.during.balances).toEqual({ points: 25, pending: 60 });
      expect(seen.during.orders).toBe(2);
      expect(seen.after).toEqual({ ...seen.before, entries: [...seen.before.entries, null, null] });
      expect(seen.after.balances).toEqual({ points: 40, pending: 30 });
      expect(seen.after.lots).toEqual([[40, 40]]);
      expect(seen.again).toBe(true);
      // What was committed is what the unit saw after the rollback, plus the re-inserted order.
      const stored = await inUnit(env.db(), sqlUnit, [customerId], (unit) =>
        state(unit, customerId, ruleId, seen.allKeys),
      );
      expect(stored).toEqual({ ...seen.after, orders: 2 });
    });
  });
