import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  SYSTEM_ACCOUNTS,
  pendingAccountOf,
  pointsAccountOf,
  type NewLedgerEntry,
} from '../../src/core/ledger/ledger.js';
import { entry } from '../../src/core/ledger/ledger.posting.js';
import { newId } from '../../src/core/shared/ids.js';
import type { DB } from '../../src/db/schema.js';
import { expectDoubleEntryBalances } from '../support/ledger-checks.js';
import { newOrder } from './order-repository.contract.js';
import { inUnit, insertCustomer, sqlUnit, type ContractEnv, type Unit } from './units.js';

const DAY_MS = 86_400_000;

const pendingEarn = (customerId: string, orderId: string, points: number) =>
  entry({
    customerId,
    debitAccount: SYSTEM_ACCOUNTS.issued,
    creditAccount: pendingAccountOf(customerId),
    points,
    code: 'earn.order.pending',
    idempotencyKey: `earn:${orderId}`,
    orderId,
    releaseAt: new Date(Date.now() + 14 * DAY_MS),
    effectiveAt: new Date(),
  });

const award = (customerId: string, points: number, key = newId('entry')) =>
  entry({
    customerId,
    debitAccount: SYSTEM_ACCOUNTS.issued,
    creditAccount: pointsAccountOf(customerId),
    points,
    code: 'earn.award',
    idempotencyKey: `award:${key}`,
    reason: 'contract',
    effectiveAt: new Date(),
  });

/** Posts points with their lot, as the core's creditPoints does. */
const credit = async (unit: Unit, posted: NewLedgerEntry) => {
  await unit.ledger.appendEntry(posted);
  await unit.ledger.appendLot({
    id: newId('lot'),
    customerId: posted.customerId,
    entryId: posted.id,
    points: posted.points,
    expiresAt: null,
    createdAt: posted.effectiveAt,
  });
};

const spend = async (unit: Unit, customerId: string, lotId: string, points: number) => {
  const spent = entry({
    customerId,
    debitAccount: pointsAccountOf(customerId),
    creditAccount: SYSTEM_ACCOUNTS.redeemed,
    points,
    code: 'redeem',
    idempotencyKey: `redeem:${newId('entry')}`,
    effectiveAt: new Date(),
  });
  await unit.ledger.appendEntry(spent);
  await unit.ledger.appendConsumptions(customerId, spent.id, [{ lotId, points }]);
};

/** What a member's ledger looks like to the core, through a unit of the given kind. */
const seen = async (unit: Unit, customerId: string) => ({
  balances: await unit.ledger.lockMember(customerId),
  lots: (await unit.ledger.openLots(customerId)).map((l) => ({
    id: l.id,
    entryId: l.entryId,
    points: l.points,
    remaining: l.remaining,
  })),
  pendings: (await unit.ledger.openPendings(customerId)).map((p) => ({
    entryId: p.entryId,
    orderId: p.orderId,
    points: p.points,
    remaining: p.remaining,
    releaseAt: p.releaseAt.toISOString(),
  })),
});

const countRows = async (db: Kysely<DB>, customerId: string) => {
  const { rows } = await sql<{ entries: string; lots: string; accounts: string }>`
    select (select count(*) from ledger_entry where customer_id = ${customerId})::text as entries,
           (select count(*) from points_lot where customer_id = ${customerId})::text as lots,
           (select count(*) from ledger_account where customer_id = ${customerId})::text as accounts
  `.execute(db);
  return rows[0]!;
};

/**
 * What the core's ledger use cases rely on from a LedgerRepository inside one unit of work: it
 * reads its own writes (balances, open lots, open pendings, entries by key), carries state from
 * units committed before it, leaves exactly that state behind, and refuses a key used twice.
 */
export const ledgerRepositoryContract = (env: ContractEnv) =>
  describe(`LedgerRepository (${env.kind.name})`, () => {
    it('gives a member without accounts zero balances, and the accounts exist afterwards', async () => {
      const customerId = await insertCustomer(env.db());
      const balances = await inUnit(env.db(), env.kind, [customerId], (unit) =>
        unit.ledger.lockMember(customerId),
      );
      expect(balances).toEqual({ points: 0, pending: 0 });
      expect((await countRows(env.db(), customerId)).accounts).toBe('2');
    });

    it('reads its own writes: balances, lots, pendings, consumptions and entries by key', async () => {
      const customerId = await insertCustomer(env.db());
      const other = await insertCustomer(env.db());
      const order = newOrder(customerId);
      const pending = pendingEarn(customerId, order.row.id, 50);
      const posted = award(customerId, 30);
      const inside = await inUnit(env.db(), env.kind, [customerId], async (unit) => {
        await unit.ledger.lockMember(customerId);
        await unit.orders.insertIfAbsent(order.row, order.lines);
        await unit.ledger.appendEntry(pending);
        await credit(unit, posted);
        const lot = (await unit.ledger.openLots(customerId))[0]!;
        await spend(unit, customerId, lot.id, 12);
        const byKey = await unit.ledger.findEntryByKey(customerId, pending.idempotencyKey);
        expect(byKey).toMatchObject({ id: pending.id, points: 50, code: 'earn.order.pending' });
        expect(await unit.ledger.findEntryByKey(customerId, 'award:no-such-key')).toBeNull();
        // Keys are the customer's own: another customer's lookup of the same key finds nothing.
        expect(await unit.ledger.findEntryByKey(other, pending.idempotencyKey)).toBeNull();
        return seen(unit, customerId);
      });
      expect(inside.balances).toEqual({ points: 18, pending: 50 });
      expect(inside.lots).toEqual([
        { id: expect.any(String), entryId: posted.id, points: 30, remaining: 18 },
      ]);
      expect(inside.pendings).toEqual([
        {
          entryId: pending.id,
          orderId: order.row.id,
          points: 50,
          remaining: 50,
          releaseAt: pending.releaseAt!.toISOString(),
        },
      ]);
      // What the unit left behind is what it saw, read statement by statement.
      expect(await inUnit(env.db(), sqlUnit, [customerId], (u) => seen(u, customerId))).toEqual(
        inside,
      );
      const stored = await inUnit(env.db(), sqlUnit, [customerId], (u) =>
        u.ledger.findEntryByKey(customerId, pending.idempotencyKey),
      );
      expect(stored).toMatchObject({ id: pending.id, orderId: order.row.id, points: 50 });
      await expectDoubleEntryBalances(env.db());
    });

    it('settles a pending entry: a post names it and its remaining shrinks', async () => {
      const customerId = await insertCustomer(env.db());
      const order = newOrder(customerId);
      const pending = pendingEarn(customerId, order.row.id, 40);
      await inUnit(env.db(), env.kind, [customerId], async (unit) => {
        await unit.ledger.lockMember(customerId);
        await unit.orders.insertIfAbsent(order.row, order.lines);
        await unit.ledger.appendEntry(pending);
      });
      const after = await inUnit(env.db(), env.kind, [customerId], async (unit) => {
        await unit.ledger.lockMember(customerId);
        const post = entry({
          customerId,
          debitAccount: pendingAccountOf(customerId),
          creditAccount: pointsAccountOf(customerId),
          points: 15,
          code: 'pending.post',
          idempotencyKey: `post:${pending.id}`,
          orderId: order.row.id,
          pendingEntryId: pending.id,
          effectiveAt: new Date(),
        });
        await credit(unit, post);
        return seen(unit, customerId);
      });
      expect(after.balances).toEqual({ points: 15, pending: 25 });
      expect(after.pendings.map((p) => p.remaining)).toEqual([25]);
      expect(after.lots.map((l) => l.remaining)).toEqual([15]);
      expect(await inUnit(env.db(), sqlUnit, [customerId], (u) => seen(u, customerId))).toEqual(
        after,
      );
    });

    it('starts from what units before it committed', async () => {
      const customerId = await insertCustomer(env.db());
      await inUnit(env.db(), env.kind, [customerId], async (unit) => {
        await unit.ledger.lockMember(customerId);
        await credit(unit, award(customerId, 70));
      });
      const second = await inUnit(env.db(), env.kind, [customerId], async (unit) => {
        const before = await unit.ledger.lockMember(customerId);
        const lot = (await unit.ledger.openLots(customerId))[0]!;
        await spend(unit, customerId, lot.id, 20);
        await credit(unit, award(customerId, 5));
        return { before, after: await seen(unit, customerId) };
      });
      expect(second.before).toEqual({ points: 70, pending: 0 });
      expect(second.after.balances).toEqual({ points: 55, pending: 0 });
      expect(second.after.lots.map((l) => [l.points, l.remaining])).toEqual([
        [70, 50],
        [5, 5],
      ]);
      await expectDoubleEntryBalances(env.db());
    });

    it('refuses an idempotency key used twice: the unit fails and writes nothing', async () => {
      const customerId = await insertCustomer(env.db());
      await inUnit(env.db(), env.kind, [customerId], (unit) => unit.ledger.lockMember(customerId));
      const before = await countRows(env.db(), customerId);
      await expect(
        inUnit(env.db(), env.kind, [customerId], async (unit) => {
          await unit.ledger.lockMember(customerId);
          await credit(unit, award(customerId, 10, 'twice'));
          await credit(unit, award(customerId, 10, 'twice'));
        }),
      ).rejects.toThrow();
      expect(await countRows(env.db(), customerId)).toEqual(before);
      const balances = await inUnit(env.db(), sqlUnit, [customerId], (u) =>
        u.ledger.lockMember(customerId),
      );
      expect(balances).toEqual({ points: 0, pending: 0 });
    });
  });
