import { createReadStream, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip, gzipSync } from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticShop } from '../src/cli/demo-synthetic.js';
import { loadDemoIfEmpty } from '../src/cli/demo.js';
import {
  ImportSetupError,
  importOrders,
  ingestDrafts,
  type ImportOptions,
  type ImportSummary,
  type WriteMode,
} from '../src/cli/import/index.js';
import { updateProgramme } from '../src/core/programme/programme.service.js';
import { manualClock, systemClock } from '../src/core/shared/clock.js';
import type { Database } from '../src/db/dialect.js';
import { repositoriesFor } from '../src/db/repositories.js';
import type { DB } from '../src/db/schema.js';
import { openTestDatabase, tableRowCount } from './support/database.js';

const ROOT = resolve(import.meta.dirname, '..');
const RETAIL = resolve(ROOT, '../shared/data/online-retail/online_retail_lines.csv.gz');
const CDNOW = resolve(ROOT, '../shared/data/cdnow/CDNOW_master.txt');
const hasRetail = existsSync(RETAIL);
const hasCdnow = existsSync(CDNOW);
const skipped = (name: string, present: boolean, path: string) =>
  present
    ? name
    : `${name} (skipped: ${path} not found; the shared data lives beside the repository)`;

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

const tempFile = (name: string, content: string | Buffer): string => {
  const dir = mkdtempSync(join(tmpdir(), 'regulars-import-'));
  tempDirs.push(dir);
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

const tableCounts = async (db: Kysely<DB>) => ({
  customers: await tableRowCount(db, 'customer'),
  orders: await tableRowCount(db, 'sales_order'),
  lines: await tableRowCount(db, 'order_line'),
  entries: await tableRowCount(db, 'ledger_entry'),
  lots: await tableRowCount(db, 'points_lot'),
});

const orderByExternalId = (db: Kysely<DB>, externalId: string) =>
  db
    .selectFrom('sales_order')
    .selectAll()
    .where('external_id', '=', externalId)
    .executeTakeFirstOrThrow();

/** The first `count` data lines of the gzipped file, read plainly with readline. */
const firstLines = async (path: string, count: number): Promise<string[]> => {
  const lines: string[] = [];
  const input = createReadStream(path);
  const reader = createInterface({ input: input.pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of reader) {
    lines.push(line);
    if (lines.length > count) break;
  }
  input.destroy();
  return lines.slice(1);
};

/**
 * The same rules as the importer, worked out differently: split on commas and take the columns
 * counted from both ends (a quoted description may hold a comma, the other columns never do).
 */
const retailRow = (line: string) => {
  const f = line.split(',');
  return {
    invoice: f[0]!,
    quantity: Number(f[f.length - 5]),
    price: Number(f[f.length - 3]),
    customer: f[f.length - 2]!,
  };
};
const takenRow = (r: ReturnType<typeof retailRow>) =>
  r.customer !== '' && !r.invoice.startsWith('C') && r.quantity > 0 && r.price > 0;

describe.skipIf(!hasRetail)(skipped('online-retail import', hasRetail, RETAIL), () => {
  const LIMIT = 3_000;
  let database: Database;
  let first: ImportSummary;
  const options: ImportOptions = {
    file: RETAIL,
    format: 'online-retail',
    limit: LIMIT,
    batchSize: 40,
  };

  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());

  it('never writes half an order: a limit inside invoice 536365 (7 lines) leaves it out whole', async () => {
    const cut = await importOrders(
      { db: database.db, clock: systemClock },
      { ...options, limit: 5 },
    );
    expect(cut).toMatchObject({ linesRead: 5, truncated: true, linesTaken: 0, orders: { new: 0 } });
    expect(cut.rejected.byReason).toEqual({ 'order cut off by the line limit': 5 });
    expect(await tableRowCount(database.db, 'sales_order')).toBe(0);
  });

  it('imports the invoices of a slice that have a customer, as a plain reading of the slice counts them', async () => {
    first = await importOrders({ db: database.db, clock: systemClock }, options);
    const lines = (await firstLines(RETAIL, LIMIT + 2_000)).map(retailRow);
    const slice = lines.slice(0, LIMIT);
    const invoices = [...new Set(slice.filter(takenRow).map((r) => r.invoice))];
    // The last invoice is left out when its lines go on past the cut.
    const continues = lines.slice(LIMIT).find(takenRow)?.invoice === invoices.at(-1);
    const expected = continues ? invoices.slice(0, -1) : invoices;
    expect(first.orders.new).toBe(expected.length);
    expect(await tableRowCount(database.db, 'sales_order')).toBe(expected.length);
    const expectedLines = slice.filter((r) => takenRow(r) && expected.includes(r.invoice)).length;
    expect(await tableRowCount(database.db, 'order_line')).toBe(expectedLines);
    expect(first.linesRead).toBe(LIMIT);
    expect(first.linesTaken + first.rejected.total).toBe(first.linesRead);
    expect(first.rejected.byReason['missing customer id']).toBe(
      slice.filter((r) => r.customer === '' && !r.invoice.startsWith('C')).length,
    );
    // Every cancellation line is either matched to an earlier line (taken) or rejected as unmatched.
    const cancelled = slice.filter((r) => r.invoice.startsWith('C')).length;
    expect(first.returns.linesRead).toBe(cancelled);
    expect(first.returns.linesMatched + first.returns.unmatched.total).toBe(cancelled);
    const unmatchedRejected = Object.entries(first.rejected.byReason)
      .filter(([reason]) => reason.startsWith('cancellation not matched'))
      .reduce((sum, [, n]) => sum + n, 0);
    expect(unmatchedRejected).toBe(first.returns.unmatched.total);
    expect(first.linesTaken).toBe(expectedLines + first.returns.linesMatched);
    expect(first.customersCreated).toBe(
      new Set(slice.filter(takenRow).map((r) => r.customer)).size,
    );
  });

  it('keeps invoice 536365 exact: 139.12 GBP in pence, 139 points at 1 point per pound', async () => {
    const order = await orderByExternalId(database.db, '536365');
    expect(order).toMatchObject({ total_minor: 13912, points_earned: 139, currency: 'GBP' });
    expect(order.placed_at.toISOString()).toBe('2010-12-01T08:26:00.000Z');
    const lines = await database.db
      .selectFrom('order_line')
      .selectAll()
      .where('order_id', '=', order.id)
      .orderBy('line_no')
      .execute();
    expect(lines.map((l) => [l.sku, l.quantity, l.unit_price_minor])).toEqual([
      ['85123A', 6, 255],
      ['71053', 6, 339],
      ['84406B', 8, 275],
      ['84029G', 6, 339],
      ['84029E', 6, 339],
      ['22752', 2, 765],
      ['21730', 6, 425],
    ]);
    const owner = await database.db
      .selectFrom('customer_external_id as x')
      .innerJoin('customer as c', 'c.id', 'x.customer_id')
      .select(['x.customer_id', 'x.external_id', 'c.attributes'])
      .where('x.source', '=', 'online-retail')
      .where('x.external_id', '=', '17850')
      .executeTakeFirstOrThrow();
    expect(owner).toMatchObject({
      customer_id: order.customer_id,
      attributes: { country: 'United Kingdom' },
    });
    const earned = await database.db
      .selectFrom('ledger_entry')
      .select(['code', 'points'])
      .where('order_id', '=', order.id)
      .execute();
    // Dated 2010, its points posted long ago (and have since expired, by a separate entry).
    expect(earned).toEqual([{ code: 'earn.order', points: 139 }]);
  });

  it('imports nothing the second time', async () => {
    const before = await tableCounts(database.db);
    const again = await importOrders({ db: database.db, clock: systemClock }, options);
    expect(again).toMatchObject({
      orders: { new: 0, alreadyPresent: first.orders.new },
      customersCreated: 0,
      pointsEarned: 0,
      rejected: first.rejected,
    });
    expect(await tableCounts(database.db)).toEqual(before);
  });
});

type Row = Record<string, unknown>;
interface Snapshot {
  orders: Row[];
  entries: Row[];
  accounts: Row[];
  lots: Row[];
  returns: Row[];
  consumptions: Row[];
}

/** Everything an import wrote, named by external ids (our ids are random), in a stable order. */
const snapshot = async (db: Kysely<DB>): Promise<Snapshot> => {
  const rows = async (query: string) => (await sql.raw<Row>(query).execute(db)).rows;
  const owner = (table: string) =>
    `(select x.external_id from customer_external_id x where x.customer_id = ${table}.customer_id)`;
  return {
    orders:
      await rows(`select external_id, ${owner('o')} as customer, total_minor, points_earned, placed_at,
      (select count(*) from order_line l where l.order_id = o.id) as lines from sales_order o order by external_id`),
    entries:
      await rows(`select ${owner('e')} as customer, (select external_id from sales_order s where s.id = e.order_id) as ord,
      (select external_id from order_return r where r.id = e.return_id) as ret,
      code, points, effective_at, release_at, pending_entry_id is not null as settles from ledger_entry e
      order by 1, 2, 3, code, effective_at, points`),
    accounts:
      await rows(`select ${owner('a')} as customer, kind, debits_posted, credits_posted from ledger_account a
      where kind <> 'system' order by 1, 2`),
    lots: await rows(`select ${owner('l')} as customer, points, expires_at, created_at,
      points - coalesce((select sum(c.points) from lot_consumption c where c.lot_id = l.id), 0) as remaining
      from points_lot l order by 1, created_at, points, remaining`),
    returns:
      await rows(`select (select external_id from sales_order s where s.id = r.order_id) as ord, ${owner('r')} as customer,
      external_id, reason, amount_minor, points_reversed, points_unrecovered, created_at,
      (select string_agg(line_no || 'x' || quantity || '=' || amount_minor, ' ' order by line_no)
        from order_return_line x where x.return_id = r.id) as lines
      from order_return r order by 1, external_id`),
    consumptions:
      await rows(`select ${owner('c')} as customer, e.code, (select external_id from order_return r where r.id = e.return_id) as ret,
      l.created_at as lot_created, l.points as lot_points, c.points from lot_consumption c
      join ledger_entry e on e.id = c.entry_id join points_lot l on l.id = c.lot_id
      order by 1, 2, 3, e.effective_at, 4, 5, c.points`),
  };
};

describe.skipIf(!hasRetail)(
  skipped('the bulk path writes what ingestOrder writes one order at a time', hasRetail, RETAIL),
  () => {
    const both = async (runs: { limit?: number; at: string }[], file = RETAIL) => {
      const results: Partial<Record<WriteMode, Snapshot>> = {};
      for (const mode of ['bulk', 'direct'] as const) {
        const database = await openTestDatabase();
        try {
          for (const run of runs) {
            const deps = { db: database.db, clock: manualClock(new Date(run.at)) };
            await importOrders(deps, {
              file,
              format: 'online-retail',
              ...(run.limit === undefined ? {} : { limit: run.limit }),
              mode,
              batchSize: 25,
            });
          }
          results[mode] = await snapshot(database.db);
        } finally {
          await database.close();
        }
      }
      return { bulk: results.bulk!, direct: results.direct! };
    };

    it('with lots expiring during the import (clock a year on, some lots past expiry)', async () => {
      const { bulk, direct } = await both([{ limit: 1_500, at: '2011-12-15T11:00:00Z' }]);
      expect(bulk.entries.some((e) => e.code === 'expire')).toBe(true);
      expect(bulk.lots.some((l) => Number(l.remaining) > 0)).toBe(true);
      expect(bulk).toEqual(direct);
    });

    it('with pending points posted by a second import after the return window', async () => {
      // Customer 17850 buys at 08:26, 08:28, 09:01 … 11:34 on 1 Dec 2010: the first import leaves
      // its early orders pending; by 10:00 on the 15th they are due and post when it earns again.
      const { bulk, direct } = await both([
        { limit: 200, at: '2010-12-01T23:00:00Z' },
        { limit: 1_500, at: '2010-12-15T10:00:00Z' },
      ]);
      expect(bulk.entries.some((e) => e.code === 'pending.post')).toBe(true);
      expect(bulk.entries.some((e) => e.code === 'earn.order.pending')).toBe(true);
      expect(bulk).toEqual(direct);
    });

    describe('with many cancellations, each recorded by createReturn one at a time in direct', () => {
      // Customers of the whole year with many cancellations for their orders: 3,771 lines, 210
      // orders, 544 cancelled lines matched into 198 returns, many of orders of earlier batches,
      // several of one order in one batch.
      const CUSTOMERS = new Set(
        [12471, 12607, 12709, 13113, 13798, 14410, 14543, 14680, 15365, 16801, 17511].map(
          (id) => `${id}.0`,
        ),
      );
      let file: string;
      beforeAll(async () => {
        const lines: string[] = [];
        const reader = createInterface({
          input: createReadStream(RETAIL).pipe(createGunzip()),
          crlfDelay: Infinity,
        });
        for await (const line of reader) {
          if (lines.length === 0 || CUSTOMERS.has(retailRow(line).customer)) lines.push(line);
        }
        file = tempFile('cancellations.csv', `${lines.join('\n')}\n`);
      });

      it("takes posted points back from lots, the order's own first (clock at the end)", async () => {
        const { bulk, direct } = await both([{ at: '2011-12-15T11:00:00Z' }], file);
        expect(bulk.returns).toHaveLength(198);
        const codes = new Set(bulk.entries.filter((e) => e.ret).map((e) => e.code));
        expect(codes).toEqual(new Set(['reverse.return']));
        expect(bulk.consumptions.some((c) => c.code === 'reverse.return')).toBe(true);
        expect(bulk).toEqual(direct);
        // Two fresh databases and the direct path: about 35 s on PGlite, more on a busy machine.
      }, 180_000);

      it('voids pending points, then takes back posted ones on a second run', async () => {
        // December 2010 first, its last fortnight still pending (C538357 cancels 538353 the day
        // it was bought); then the whole file: December's points post, its returns are found
        // again, and later returns take from lots made by those postings.
        const { bulk, direct } = await both(
          [{ limit: 330, at: '2010-12-21T00:00:00Z' }, { at: '2011-12-15T11:00:00Z' }],
          file,
        );
        const codes = new Set(bulk.entries.filter((e) => e.ret).map((e) => e.code));
        expect(codes).toEqual(new Set(['pending.void', 'reverse.return']));
        expect(bulk.entries.some((e) => e.code === 'pending.post')).toBe(true);
        expect(bulk).toEqual(direct);
      }, 180_000);
    });
  },
);

describe('generic csv import with a column mapping', () => {
  const MAP =
    'externalId=order_id,customerExternalId=cust,sku=sku,quantity=qty,unitPrice=price,placedAt=date,name=desc,category=cat,channel=chan,storeId=store';
  const CSV = [
    'order_id,cust,sku,qty,price,date,desc,cat,chan,store',
    'A-1,c1,MUG,2,10.50,2026-01-05 10:00:00,Mug,kitchen,pos,store-1',
    'A-1,c1,TEA,1,9.99,2026-01-05 10:00:00,Tea,food,pos,store-1',
    'A-2,c2,MUG,abc,10.50,2026-01-06,Mug,kitchen,web,',
    'A-2,c2,PEN,3,1.20,2026-01-06,Pen,office,web,',
    'A-3,c1,MUG,1,,2026-01-07,Mug,kitchen,web,',
    'A-4,c3,MUG,1,"1,5",2026-01-07,Mug,kitchen,web,',
    'A-4,c3,CUP,1,4.00,not-a-date,Cup,kitchen,web,',
    'A-5,c4,BAG,-1,3.00,2026-01-08,Bag,,web,',
    'A-6,c2,SOCK,2,5.555,2026-01-09T09:30:00+01:00,Sock,,app,',
    'A-1,c1,LATE,1,1.00,2026-01-05 10:00:00,Late,,pos,store-1',
    'A-7,c5,HAT,1,12.00,2026-01-10,Hat,,kiosk,',
  ].join('\n');
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());
  const run = (file: string, extra: Partial<ImportOptions> = {}) =>
    importOrders(
      { db: database.db, clock: systemClock },
      { file, format: 'csv', map: MAP, currency: 'GBP', source: 'shop', ...extra },
    );

  it('takes the good rows and rejects the bad ones, each with its reason', async () => {
    const summary = await run(tempFile('orders.csv', CSV));
    expect(summary).toMatchObject({
      linesRead: 11,
      linesTaken: 4,
      orders: { new: 3, alreadyPresent: 0 },
      customersCreated: 2,
      pointsEarned: 30 + 3 + 11,
    });
    expect(summary.rejected.total).toBe(7);
    expect(summary.rejected.byReason).toEqual({
      'unparsable unitPrice': 2,
      'unparsable quantity': 1,
      'unparsable placedAt': 1,
      'non-positive quantity': 1,
      'order lines not consecutive (its order was already complete)': 1,
      'unknown channel': 1,
    });
    // Each reason with the lines of the file it was given for (the header is line 1).
    expect(Object.values(summary.rejected.firstLines)).toEqual([[6, 7], [4], [8], [9], [11], [12]]);
    expect(await orderByExternalId(database.db, 'A-1')).toMatchObject({
      total_minor: 3099,
      points_earned: 30,
      channel: 'pos',
      store_id: 'store-1',
    });
    expect(await orderByExternalId(database.db, 'A-2')).toMatchObject({
      total_minor: 360,
      points_earned: 3,
    });
    // Without an offset, the time is the shop's (Europe/London, the default programme's): winter = UTC.
    expect((await orderByExternalId(database.db, 'A-1')).placed_at.toISOString()).toBe(
      '2026-01-05T10:00:00.000Z',
    );
    // 5.555 rounds half away from zero to 5.56; the offset moves the time to UTC.
    const sock = await orderByExternalId(database.db, 'A-6');
    expect(sock).toMatchObject({ total_minor: 1112, channel: 'app' });
    expect(sock.placed_at.toISOString()).toBe('2026-01-09T08:30:00.000Z');
    const sources = await database.db
      .selectFrom('customer_external_id')
      .select(['source', 'external_id'])
      .orderBy('external_id')
      .execute();
    expect(sources).toEqual([
      { source: 'shop', external_id: 'c1' },
      { source: 'shop', external_id: 'c2' },
    ]);
  });

  it('reads the gzipped file the same way, and finds every order already there', async () => {
    const summary = await run(tempFile('orders.csv.gz', gzipSync(CSV)));
    expect(summary).toMatchObject({
      linesRead: 11,
      orders: { new: 0, alreadyPresent: 3 },
      customersCreated: 0,
    });
  });

  it('refuses a mapping or header it cannot use before writing anything', async () => {
    const file = tempFile('orders.csv', CSV);
    await expect(run(file, { map: 'externalId=order_id,sku=sku' })).rejects.toThrow(
      /no column for customerExternalId/,
    );
    await expect(run(file, { map: MAP.replace('qty', 'quantity') })).rejects.toThrow(
      ImportSetupError,
    );
    await expect(run(file, { map: `${MAP},colour=c` })).rejects.toThrow(/unknown field "colour"/);
    await expect(run(file, { currency: 'XXZ' })).rejects.toThrow(/unknown ISO 4217/);
  });
});

describe('future-dated orders in a file', () => {
  // Worked by hand: the clock reads 2026-12-07 10:00 UTC and the skew is a day, so an order
  // placed at 2026-12-08 10:00:00 is the latest taken. F-2 (two lines, 2030) and F-4 (one second
  // past the limit) are bad data: skipped and counted, with the line they start on, while the
  // import goes on; the API refuses the same orders (placed_in_future).
  const MAP =
    'externalId=order_id,customerExternalId=cust,sku=sku,quantity=qty,unitPrice=price,placedAt=date';
  const CSV = [
    'order_id,cust,sku,qty,price,date',
    'F-1,c1,MUG,1,10.00,2026-12-01 09:00:00',
    'F-2,c1,MUG,1,10.00,2030-01-01 09:00:00',
    'F-2,c1,TEA,2,5.00,2030-01-01 09:00:00',
    'F-3,c2,MUG,1,10.00,2026-12-08 10:00:00',
    'F-4,c3,MUG,1,10.00,2026-12-08 10:00:01',
    'F-5,c2,PEN,1,2.00,2026-12-07 11:00:00',
  ].join('\n');
  const clock = manualClock(new Date('2026-12-07T10:00:00.000Z'));
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());

  it('skips and reports them, writes the rest, and never creates their customers', async () => {
    const summary = await importOrders(
      { db: database.db, clock },
      {
        file: tempFile('future.csv', CSV),
        format: 'csv',
        map: MAP,
        currency: 'GBP',
        source: 'shop',
      },
    );
    const reason = 'placedAt in the future (more than 1440 minutes ahead of the clock)';
    expect(summary).toMatchObject({
      linesRead: 6,
      linesTaken: 3,
      orders: { new: 3, alreadyPresent: 0 },
      customersCreated: 2,
      rejected: { total: 3, byReason: { [reason]: 3 }, firstLines: { [reason]: [3, 6] } },
      stopped: null,
    });
    const orders = await database.db
      .selectFrom('sales_order')
      .select('external_id')
      .orderBy('external_id')
      .execute();
    expect(orders.map((o) => o.external_id)).toEqual(['F-1', 'F-3', 'F-5']);
  });

  it('follows a configured skew', async () => {
    const fresh = await openTestDatabase();
    try {
      const summary = await importOrders(
        { db: fresh.db, clock, maxFutureSkewMinutes: 30 },
        {
          file: tempFile('future.csv', CSV),
          format: 'csv',
          map: MAP,
          currency: 'GBP',
          source: 'shop',
          dryRun: true,
        },
      );
      // With 30 minutes, F-3 (a day ahead) and F-5 (an hour ahead) are too far ahead as well:
      // F-2's two lines, F-3, F-4 and F-5.
      expect(summary.rejected.byReason).toEqual({
        'placedAt in the future (more than 30 minutes ahead of the clock)': 5,
      });
      expect(summary.orders.new).toBe(1);
    } finally {
      await fresh.close();
    }
  });
});

describe('cdnow import', () => {
  const CDNOW_SNIPPET = [
    ' customer_id  date number_of_cds  dollar_value',
    ' 00001 19970101  1   11.77',
    ' 00002 19970112  2   20.00',
    ' 00002 19970112  3   20.00',
    ' 00455 19970102  1    0.00',
    ' 00003 1997013   1    5.00',
    ' 00004 19970105  0    5.00',
  ].join('\r\n');

  it('makes one order per row, exact to the cent, and takes $0.00 rows as visits', async () => {
    const database = await openTestDatabase();
    try {
      const summary = await importOrders(
        { db: database.db, clock: systemClock },
        { file: tempFile('cdnow.txt', CDNOW_SNIPPET), format: 'cdnow' },
      );
      expect(summary).toMatchObject({
        linesRead: 6,
        orders: { new: 4 },
        customersCreated: 3,
        pointsEarned: 0,
      });
      expect(summary.rejected.byReason).toEqual({
        'unparsable date (expected yyyymmdd)': 1,
        'number of CDs is not positive': 1,
      });
      const lines = await sql<{
        external_id: string;
        currency: string;
        total_minor: number;
        sku: string;
        name: string;
        quantity: number;
        unit_price_minor: number;
      }>`
        select o.external_id, o.currency, o.total_minor, l.sku, l.name, l.quantity, l.unit_price_minor
        from sales_order o join order_line l on l.order_id = o.id order by o.external_id`.execute(
        database.db,
      );
      expect(lines.rows).toEqual([
        {
          external_id: 'cdnow-1-19970101-1',
          currency: 'USD',
          total_minor: 1177,
          sku: 'CD',
          name: 'CD',
          quantity: 1,
          unit_price_minor: 1177,
        },
        {
          external_id: 'cdnow-2-19970112-2',
          currency: 'USD',
          total_minor: 2000,
          sku: 'CD',
          name: 'CD',
          quantity: 2,
          unit_price_minor: 1000,
        },
        {
          external_id: 'cdnow-2-19970112-3',
          currency: 'USD',
          total_minor: 2000,
          sku: 'CD',
          name: '3 CDs',
          quantity: 1,
          unit_price_minor: 2000,
        },
        {
          external_id: 'cdnow-455-19970102-4',
          currency: 'USD',
          total_minor: 0,
          sku: 'CD',
          name: 'CD',
          quantity: 1,
          unit_price_minor: 0,
        },
      ]);
    } finally {
      await database.close();
    }
  });

  it("reads a date without a time as that day in the programme's time zone, not the evening before", async () => {
    const database = await openTestDatabase();
    try {
      await updateProgramme(repositoriesFor(database.db), {
        currency: 'USD',
        timeZone: 'America/New_York',
      });
      await importOrders(
        { db: database.db, clock: systemClock },
        { file: tempFile('cdnow-ny.txt', CDNOW_SNIPPET), format: 'cdnow' },
      );
      const { rows } = await sql<{ external_id: string; placed_at: Date; day: string }>`
        select external_id, placed_at,
               to_char((placed_at at time zone 'America/New_York')::date, 'YYYY-MM-DD') as day
          from sales_order order by external_id`.execute(database.db);
      expect(rows.map((r) => [r.external_id, r.placed_at.toISOString(), r.day])).toEqual([
        ['cdnow-1-19970101-1', '1997-01-01T05:00:00.000Z', '1997-01-01'],
        ['cdnow-2-19970112-2', '1997-01-12T05:00:00.000Z', '1997-01-12'],
        ['cdnow-2-19970112-3', '1997-01-12T05:00:00.000Z', '1997-01-12'],
        ['cdnow-455-19970102-4', '1997-01-02T05:00:00.000Z', '1997-01-02'],
      ]);
    } finally {
      await database.close();
    }
  });

  it.skipIf(!hasCdnow)(skipped('reads the real CDNOW master file', hasCdnow, CDNOW), async () => {
    const database = await openTestDatabase();
    try {
      const summary = await importOrders(
        { db: database.db, clock: systemClock },
        { file: CDNOW, format: 'cdnow', limit: 1_000 },
      );
      expect(summary).toMatchObject({
        linesRead: 1_000,
        linesTaken: 1_000,
        orders: { new: 1_000 },
        rejected: { total: 0 },
      });
    } finally {
      await database.close();
    }
  });
});

describe('synthetic demo shop', () => {
  it('is the same on every run and ingests like any import; the server-start loader skips a database with orders', async () => {
    const end = new Date('2026-06-01T00:00:00Z');
    const drafts = syntheticShop({ end, customers: 40, seed: 7 });
    expect(syntheticShop({ end, customers: 40, seed: 7 })).toEqual(drafts);
    expect(drafts.every((d) => d.placedAt <= end && d.lines.length > 0)).toBe(true);
    const database = await openTestDatabase();
    try {
      const deps = { db: database.db, clock: manualClock(end) };
      const summary = await ingestDrafts(deps, drafts, { source: 'demo' });
      expect(summary.orders.new).toBe(drafts.length);
      expect(summary.customersCreated).toBe(new Set(drafts.map((d) => d.customerExternalId)).size);
      expect(await loadDemoIfEmpty(deps, { synthetic: true })).toBeNull();
    } finally {
      await database.close();
    }
  });
});
