import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importOrders, type ImportSummary, type WriteMode } from '../src/cli/import/index.js';
import { UNMATCHED } from '../src/cli/import/match-returns.js';
import { inTransaction, repositoriesFor } from '../src/app/database.js';
import { noRuleFacts } from '../src/app/orders.js';
import { silentEvents } from '../src/core/events/events.js';
import { createReturn } from '../src/core/orders/orders.service.js';
import { DEFAULT_PROGRAMME } from '../src/core/programme/programme.js';
import { manualClock } from '../src/core/shared/clock.js';
import { purchasesOf } from '../src/db/analytics/purchases.sql.js';
import type { Database } from '../src/db/dialect.js';
import type { DB } from '../src/db/schema.js';
import { expectDoubleEntryBalances } from './support/ledger-checks.js';
import { openTestDatabase, tableRowCount } from './support/database.js';

/**
 * Online Retail cancellations (`C…` invoices) become returns of the customer's earlier lines of
 * the same SKU and price, latest first. A hand-worked file, line numbers on the left (the header
 * is line 1); the clock stands at 2011-01-10, so every order is inside its 14-day window and its
 * points are still pending. 1 point per pound.
 *
 *  2  500001  MUG  10 × 2.00  cust 100  01-03  order 20.00, 20 pts
 *  3  C500002 MUG −10 × 2.00  cust 100  01-03  full return of 500001: 20.00, voids 20
 *  4  500010  TEA   4 × 1.50  cust 200  01-04  } order 10.00, 10 pts
 *  5  500010  CUP   1 × 4.00  cust 200  01-04  }
 *  6  500020  JAM   2 × 3.00  cust 300  01-04  order 6.00, 6 pts
 *  7  C500030 SOAP −1 × 1.00  cust 400  01-04  no earlier purchase
 *  8  C500031 D    −1 × 5.00  cust 100  01-04  a discount, not goods
 *  9  500011  TEA   3 × 1.50  cust 200  01-05  order 4.50, 4 pts
 * 10  C500021 JAM  −1 × 2.50  cust 300  01-05  JAM was bought at 3.00: another price
 * 11  C500032 MUG  −1 × 2.00  (none)    01-05  no customer id
 * 12  C500012 TEA  −5 × 1.50  cust 200  01-06  latest first: 3 of 500011 (4.50, all of it:
 *                                              voids 4), then 2 of 500010 (3.00 of 10.00:
 *                                              floor(10 × 3/10) = 3)
 * 13  C500013 TEA  −3 × 1.50  cust 200  01-07  2 left, on 500010: 3.00 more, cumulative
 *                                              floor(10 × 6/10) = 6, so 3 more; 1 item unmatched
 * 14  C500014 TEA  −1 × 1.50  cust 200  01-08  every TEA bought is returned already
 *
 * Returns: 4 (C500002→500001, C500012→500011, C500012→500010, C500013→500010), worth
 * 20.00 + 4.50 + 3.00 + 3.00 = 30.50, taking back 20 + 4 + 3 + 3 = 30 points.
 * Purchases left: 500010 at 10.00 − 6.00 = 4.00 and 500020 at 6.00 (500001 and 500011 were
 * returned in full): net revenue 10.00, where the gross was 40.50.
 */
const FILE = [
  'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
  '500001,MUG,MUG,10,2011-01-03 10:00:00,2.00,100.0,United Kingdom',
  'C500002,MUG,MUG,-10,2011-01-03 11:00:00,2.00,100.0,United Kingdom',
  '500010,TEA,TEA,4,2011-01-04 09:00:00,1.50,200.0,France',
  '500010,CUP,CUP,1,2011-01-04 09:00:00,4.00,200.0,France',
  '500020,JAM,JAM,2,2011-01-04 10:00:00,3.00,300.0,United Kingdom',
  'C500030,SOAP,SOAP,-1,2011-01-04 11:00:00,1.00,400.0,United Kingdom',
  'C500031,D,Discount,-1,2011-01-04 12:00:00,5.00,100.0,United Kingdom',
  '500011,TEA,TEA,3,2011-01-05 09:00:00,1.50,200.0,France',
  'C500021,JAM,JAM,-1,2011-01-05 10:00:00,2.50,300.0,United Kingdom',
  'C500032,MUG,MUG,-1,2011-01-05 11:00:00,2.00,,United Kingdom',
  'C500012,TEA,TEA,-5,2011-01-06 09:00:00,1.50,200.0,France',
  'C500013,TEA,TEA,-3,2011-01-07 09:00:00,1.50,200.0,France',
  'C500014,TEA,TEA,-1,2011-01-08 09:00:00,1.50,200.0,France',
].join('\n');

const NOW = new Date('2011-01-10T12:00:00Z');

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});
const fixture = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'regulars-returns-'));
  tempDirs.push(dir);
  const path = join(dir, 'retail.csv');
  writeFileSync(path, `${FILE}\n`);
  return path;
};

const returnsByOrder = (db: Kysely<DB>) =>
  db
    .selectFrom('order_return as r')
    .innerJoin('sales_order as o', 'o.id', 'r.order_id')
    .select(['o.external_id as order', 'r.external_id', 'r.amount_minor', 'r.points_reversed'])
    .orderBy('r.created_at')
    .orderBy('o.external_id')
    .execute();

const pendingOf = async (db: Kysely<DB>, customer: string) => {
  const row = await db
    .selectFrom('ledger_account as a')
    .innerJoin('customer_external_id as x', 'x.customer_id', 'a.customer_id')
    .select(sql<number>`a.credits_posted - a.debits_posted`.as('pending'))
    .where('x.external_id', '=', customer)
    .where('a.kind', '=', 'member_pending')
    .executeTakeFirstOrThrow();
  return Number(row.pending);
};

describe.each([
  { batchSize: 1, mode: 'bulk' as WriteMode },
  { batchSize: 500, mode: 'bulk' as WriteMode },
  { batchSize: 500, mode: 'direct' as WriteMode },
])('Online Retail cancellations as returns (batches of $batchSize, $mode)', (options) => {
  let database: Database;
  let first: ImportSummary;
  const file = fixture();
  const run = () =>
    importOrders(
      { db: database.db, clock: manualClock(NOW) },
      { file, format: 'online-retail', ...options },
    );

  beforeAll(async () => {
    database = await openTestDatabase();
    first = await run();
  });
  afterAll(() => database.close());

  it('matches 3 of 8 cancelled lines (one partly) into 4 returns worth 30.50 and 30 points', () => {
    expect(first).toMatchObject({
      linesRead: 13,
      linesTaken: 8,
      orders: { new: 4, alreadyPresent: 0 },
      pointsEarned: 40,
      returns: {
        linesRead: 8,
        linesMatched: 3,
        linesPartlyMatched: 1,
        quantityUnmatched: 1,
        new: 4,
        alreadyPresent: 0,
        amountMinor: 3050,
        pointsReversed: 30,
        partlyMatchedInvoices: ['C500013'],
      },
    });
    expect(first.returns.unmatched).toEqual({
      total: 5,
      byReason: {
        [UNMATCHED.noPurchase]: 1,
        [UNMATCHED.adjustment]: 1,
        [UNMATCHED.otherPrice]: 1,
        [UNMATCHED.noCustomer]: 1,
        [UNMATCHED.allReturned]: 1,
      },
      invoices: {
        [UNMATCHED.noPurchase]: ['C500030'],
        [UNMATCHED.adjustment]: ['C500031'],
        [UNMATCHED.otherPrice]: ['C500021'],
        [UNMATCHED.noCustomer]: ['C500032'],
        [UNMATCHED.allReturned]: ['C500014'],
      },
    });
    // The unmatched lines are rejected at their lines of the file; nothing is dropped unsaid.
    expect(first.rejected.total).toBe(5);
    expect(first.rejected.firstLines).toMatchObject({
      [UNMATCHED.noPurchase]: [7],
      [UNMATCHED.adjustment]: [8],
      [UNMATCHED.otherPrice]: [10],
      [UNMATCHED.noCustomer]: [11],
      [UNMATCHED.allReturned]: [14],
    });
  });

  it('records each return on its order, latest order first, dated at its cancellation', async () => {
    expect(await returnsByOrder(database.db)).toEqual([
      { order: '500001', external_id: 'C500002', amount_minor: 2000, points_reversed: 20 },
      { order: '500010', external_id: 'C500012', amount_minor: 300, points_reversed: 3 },
      { order: '500011', external_id: 'C500012', amount_minor: 450, points_reversed: 4 },
      { order: '500010', external_id: 'C500013', amount_minor: 300, points_reversed: 3 },
    ]);
    const dated = await database.db
      .selectFrom('order_return')
      .select('created_at')
      .where('external_id', '=', 'C500002')
      .executeTakeFirstOrThrow();
    expect(dated.created_at.toISOString()).toBe('2011-01-03T11:00:00.000Z');
  });

  it('keeps on each order the amount returned against it (sales_order.returned_minor)', async () => {
    const { rows } = await sql<{ order: string; returned: number; summed: number }>`
      select o.external_id as order, o.returned_minor::int as returned,
             coalesce((select sum(r.amount_minor) from order_return r where r.order_id = o.id), 0)::int
               as summed
        from sales_order o
       order by o.external_id
    `.execute(database.db);
    expect(rows.filter((r) => r.returned !== r.summed)).toEqual([]);
    expect(rows.filter((r) => r.returned > 0)).toEqual([
      { order: '500001', returned: 2000, summed: 2000 },
      { order: '500010', returned: 600, summed: 600 },
      { order: '500011', returned: 450, summed: 450 },
    ]);
  });

  it('voids the pending points as a live return does: 100 keeps 0 of 20, 200 keeps 4 of 14', async () => {
    const voids = await database.db
      .selectFrom('ledger_entry')
      .select(['code', 'points'])
      .where('code', 'in', ['pending.void', 'reverse.return'])
      .orderBy('effective_at')
      .orderBy('points', 'desc')
      .execute();
    expect(voids).toEqual([
      { code: 'pending.void', points: 20 },
      { code: 'pending.void', points: 4 },
      { code: 'pending.void', points: 3 },
      { code: 'pending.void', points: 3 },
    ]);
    expect(await pendingOf(database.db, '100')).toBe(0);
    expect(await pendingOf(database.db, '200')).toBe(4);
    expect(await pendingOf(database.db, '300')).toBe(6);
    await expectDoubleEntryBalances(database.db);
  });

  it('nets the returns out of analytics: 10.00 of revenue in 2 purchases, not 40.50 in 4', async () => {
    const { rows } = await sql<{ purchases: number; revenue: number }>`
      select count(*) as purchases, sum(p.net_minor) as revenue
        from ${purchasesOf({ currency: 'GBP', timeZone: 'Europe/London' })} p`.execute(database.db);
    expect(rows[0]).toEqual({ purchases: 2, revenue: 1000 });
  });

  it('records nothing twice when the file is imported again', async () => {
    const before = {
      returns: await tableRowCount(database.db, 'order_return'),
      entries: await tableRowCount(database.db, 'ledger_entry'),
      orders: await tableRowCount(database.db, 'sales_order'),
    };
    const again = await run();
    expect(again).toMatchObject({
      orders: { new: 0, alreadyPresent: 4 },
      pointsEarned: 0,
      returns: { linesMatched: 3, new: 0, alreadyPresent: 4, amountMinor: 0, pointsReversed: 0 },
    });
    expect({
      returns: await tableRowCount(database.db, 'order_return'),
      entries: await tableRowCount(database.db, 'ledger_entry'),
      orders: await tableRowCount(database.db, 'sales_order'),
    }).toEqual(before);
  });
});

describe('a cancellation whose order was returned meanwhile by other means', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());

  it('is refused and counted, and the other orders of its invoice still get their returns', async () => {
    const file = fixture();
    const deps = { db: database.db, clock: manualClock(NOW) };
    // The first 8 records hold the orders 500001 … 500011 (the cut reads on to 500011's end).
    await importOrders(deps, { file, format: 'online-retail', limit: 8 });
    // The shop's desk returns all 3 TEA of 500011, as POST /v1/orders/{id}/returns would.
    await inTransaction(database.db, async (trx) => {
      const repositories = repositoriesFor(trx);
      const order = await repositories.orders.findByExternalId('500011');
      await createReturn(
        {
          ...repositories,
          clock: manualClock(NOW),
          programme: DEFAULT_PROGRAMME,
          ruleFacts: noRuleFacts,
          activeRules: async () => [],
          tiersConfigured: async () => false,
          events: silentEvents,
        },
        order!.id,
        { externalId: 'desk-1' },
      );
    });
    const full = await importOrders(deps, { file, format: 'online-retail' });
    // C500002 was recorded by the first run; C500012's 3 of 500011 are refused (nothing left),
    // its 2 of 500010 and C500013's 2 go through.
    expect(full.returns).toMatchObject({
      linesMatched: 3,
      new: 2,
      alreadyPresent: 1,
      refused: 1,
      refusedInvoices: ['C500012'],
      amountMinor: 300 + 300,
    });
    expect(await returnsByOrder(database.db)).toEqual([
      { order: '500001', external_id: 'C500002', amount_minor: 2000, points_reversed: 20 },
      { order: '500010', external_id: 'C500012', amount_minor: 300, points_reversed: 3 },
      { order: '500010', external_id: 'C500013', amount_minor: 300, points_reversed: 3 },
      { order: '500011', external_id: 'desk-1', amount_minor: 450, points_reversed: 4 },
    ]);
  });
});
