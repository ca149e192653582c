import fc from 'fast-check';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../src/core/shared/clock.js';
import type { DB } from '../src/db/schema.js';
import { startTestApp, type TestApp } from './support/app.js';
import { expectDoubleEntryBalances } from './support/ledger-checks.js';

/**
 * Races and invariants on the real database of the current project. Every request goes through the
 * whole middleware stack, so the transaction-per-write and idempotency machinery is what is tested,
 * not the services on their own.
 */

type Call = TestApp['call'];

const closeApp = async (app: TestApp | undefined) => {
  if (app) await app.close();
};

const START = new Date('2026-01-05T10:00:00.000Z');

let customerSeq = 0;
const newCustomer = async (call: Call): Promise<string> => {
  customerSeq += 1;
  const res = await call('POST', '/v1/customers', {
    email: `race-${customerSeq}-${Date.now()}@example.test`,
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
};

const credit = async (call: Call, customerId: string, points: number) => {
  const res = await call('POST', `/v1/customers/${customerId}/points/adjust`, {
    points,
    reason: 'test funding',
  });
  expect(res.status).toBe(201);
};

const orderBody = (customerId: string, externalId: string, placedAt: Date, pounds = 42) => ({
  externalId,
  customerId,
  currency: 'GBP',
  placedAt: placedAt.toISOString(),
  lines: [{ sku: 'SKU-1', quantity: 1, unitPriceMinor: pounds * 100 }],
});

const countRows = async (db: Kysely<DB>, query: RawBuilder<{ n: number }>) =>
  Number((await query.execute(db)).rows[0]?.n ?? 0);

const ordersWithExternalId = (db: Kysely<DB>, externalId: string) =>
  countRows(
    db,
    sql<{ n: number }>`select count(*) as n from sales_order where external_id = ${externalId}`,
  );

const earnEntriesOfExternalId = (db: Kysely<DB>, externalId: string) =>
  countRows(
    db,
    sql<{ n: number }>`
      select count(*) as n from ledger_entry e join sales_order o on o.id = e.order_id
      where o.external_id = ${externalId} and e.code in ('earn.order', 'earn.order.pending')`,
  );

const entryCount = (db: Kysely<DB>) =>
  countRows(db, sql<{ n: number }>`select count(*) as n from ledger_entry`);

const inParallel = <T>(n: number, send: (i: number) => Promise<T>): Promise<T[]> =>
  Promise.all(Array.from({ length: n }, (_, i) => send(i)));

interface Member {
  customerId: string;
  orderIds: string[];
}

/** Members with posted points to spend and orders (posted and pending) to return. */
const fundedMembersWithOrders = async (call: Call, count: number): Promise<Member[]> => {
  const members: Member[] = [];
  for (let m = 0; m < count; m += 1) {
    const customerId = await newCustomer(call);
    await credit(call, customerId, 300);
    const orderIds: string[] = [];
    for (const daysAgo of [30, 0, 0]) {
      const placedAt = new Date(Date.now() - daysAgo * 86_400_000);
      const body = orderBody(customerId, `mixed-${customerId}-${orderIds.length}`, placedAt, 60);
      body.lines.push({ sku: 'SKU-2', quantity: 2, unitPriceMinor: 1500 });
      const res = await call('POST', '/v1/orders', body);
      expect(res.status).toBe(201);
      orderIds.push(res.body.order.id);
    }
    members.push({ customerId, orderIds });
  }
  return members;
};

const MIXED_KINDS = ['order', 'redeem', 'adjust', 'returnAll', 'returnOne', 'read'] as const;
type MixedKind = (typeof MIXED_KINDS)[number];

/** Any other answer, a 500 from a deadlock or a serialization failure above all, is a bug. */
const ALLOWED_OUTCOMES: Record<MixedKind, (number | string)[]> = {
  order: [201],
  redeem: [201, '409 insufficient_points'],
  adjust: [201, '409 insufficient_points'],
  returnAll: [201, '409 nothing_to_return'],
  returnOne: [201, '409 nothing_to_return', '422 invalid_return'],
  read: [200],
};

const mixedRequest = async (call: Call, member: Member, i: number) => {
  const kind = MIXED_KINDS[i % MIXED_KINDS.length]!;
  const { customerId, orderIds } = member;
  const orderId = orderIds[i % orderIds.length]!;
  const send = (): ReturnType<Call> => {
    switch (kind) {
      case 'order':
        return call(
          'POST',
          '/v1/orders',
          orderBody(customerId, `mixed-new-${customerId}-${i}`, new Date(), 11),
        );
      case 'redeem':
        return call('POST', `/v1/customers/${customerId}/points/redeem`, { points: 25 });
      case 'adjust':
        return call('POST', `/v1/customers/${customerId}/points/adjust`, {
          points: i % 4 === 0 ? 15 : -10,
          reason: 'mixed traffic',
        });
      case 'returnAll':
        return call('POST', `/v1/orders/${orderId}/returns`, {});
      case 'returnOne':
        return call('POST', `/v1/orders/${orderId}/returns`, {
          lines: [{ lineNo: 2, quantity: 1 }],
        });
      case 'read':
        return call('GET', `/v1/customers/${customerId}/points`);
    }
  };
  const res = await send();
  return { kind, status: res.status, code: res.body?.code as string | undefined };
};

// ---------------------------------------------------------------------------------------------
// Ledger invariants, checked with SQL straight on the tables rather than through the services,
// so a bug in the repository's own arithmetic cannot hide itself.

const memberAccountTotals = async (db: Kysely<DB>, accountId: string) => {
  const { rows } = await sql<{ stored: number | null; from_entries: number }>`
    select
      (select credits_posted - debits_posted from ledger_account where id = ${accountId}) as stored,
      coalesce((select sum(points) from ledger_entry where credit_account_id = ${accountId}), 0)
        - coalesce((select sum(points) from ledger_entry where debit_account_id = ${accountId}), 0)
        as from_entries
  `.execute(db);
  const row = rows[0]!;
  return { stored: Number(row.stored ?? 0), fromEntries: Number(row.from_entries) };
};

const lotRemainders = async (db: Kysely<DB>, customerId: string) => {
  const { rows } = await sql<{ id: string; remaining: number; expires_at: Date | null }>`
    select l.id, l.expires_at,
      l.points - coalesce((select sum(c.points) from lot_consumption c where c.lot_id = l.id), 0) as remaining
    from points_lot l where l.customer_id = ${customerId}
  `.execute(db);
  return rows.map((r) => ({ ...r, remaining: Number(r.remaining) }));
};

const pendingRemainders = async (db: Kysely<DB>, customerId: string) => {
  const { rows } = await sql<{ id: string; remaining: number; release_at: Date }>`
    select p.id, p.release_at,
      p.points - coalesce((select sum(s.points) from ledger_entry s where s.pending_entry_id = p.id), 0)
        as remaining
    from ledger_entry p where p.customer_id = ${customerId} and p.code = 'earn.order.pending'
  `.execute(db);
  return rows.map((r) => ({ ...r, remaining: Number(r.remaining) }));
};

/** Entries that credit the points account each open exactly one lot of the same size. */
const creditsWithoutMatchingLot = async (db: Kysely<DB>, customerId: string) => {
  const { rows } = await sql<{ id: string }>`
    select e.id from ledger_entry e
    where e.customer_id = ${customerId} and e.credit_account_id = ${`${customerId}:points`}
      and (select count(*) from points_lot l where l.entry_id = e.id and l.points = e.points) <> 1
  `.execute(db);
  return rows.map((r) => r.id);
};

/** Entries that debit the points account consume exactly their points from lots. */
const debitsWithoutMatchingConsumption = async (db: Kysely<DB>, customerId: string) => {
  const { rows } = await sql<{ id: string }>`
    select e.id from ledger_entry e
    where e.customer_id = ${customerId} and e.debit_account_id = ${`${customerId}:points`}
      and coalesce((select sum(c.points) from lot_consumption c where c.entry_id = e.id), 0) <> e.points
  `.execute(db);
  return rows.map((r) => r.id);
};

/** The cumulative share of an order's points its returns must take back (see pointsToReverse). */
const owedBack = (earned: number, returned: number, total: number) =>
  total <= 0 ? 0 : returned >= total ? earned : Math.floor((earned * returned) / total);

/**
 * Per order: one earn entry for what it earned; its returns moved in the ledger what they report
 * as reversed, and reversed plus unrecovered is exactly the returned share of the order's points.
 */
const ordersOutOfStep = async (db: Kysely<DB>, customerId: string) => {
  const { rows } = await sql<{
    id: string;
    earned: number;
    total: number;
    earn_entries: number;
    earn_points: number;
    returned: number;
    reversed: number;
    unrecovered: number;
    moved: number;
  }>`
    select o.id, o.points_earned as earned, o.total_minor as total,
      (select count(*) from ledger_entry e
        where e.order_id = o.id and e.code in ('earn.order', 'earn.order.pending')) as earn_entries,
      coalesce((select sum(e.points) from ledger_entry e
        where e.order_id = o.id and e.code in ('earn.order', 'earn.order.pending')), 0) as earn_points,
      coalesce((select sum(r.amount_minor) from order_return r where r.order_id = o.id), 0) as returned,
      coalesce((select sum(r.points_reversed) from order_return r where r.order_id = o.id), 0) as reversed,
      coalesce((select sum(r.points_unrecovered) from order_return r where r.order_id = o.id), 0) as unrecovered,
      coalesce((select sum(e.points) from ledger_entry e
        where e.order_id = o.id and e.code in ('pending.void', 'reverse.return')), 0) as moved
    from sales_order o where o.customer_id = ${customerId}
  `.execute(db);
  return rows
    .map(
      (r) =>
        Object.fromEntries(
          Object.entries(r).map(([k, v]) => [k, k === 'id' ? v : Number(v)]),
        ) as typeof r,
    )
    .filter(
      (r) =>
        r.earn_entries !== (r.earned > 0 ? 1 : 0) ||
        r.earn_points !== r.earned ||
        r.reversed !== r.moved ||
        r.reversed + r.unrecovered !== owedBack(r.earned, r.returned, r.total),
    );
};

const expectMemberInvariants = async (
  db: Kysely<DB>,
  customerId: string,
  settledAt: Date | null,
) => {
  const points = await memberAccountTotals(db, `${customerId}:points`);
  const lots = await lotRemainders(db, customerId);
  const lotSum = lots.reduce((s, l) => s + l.remaining, 0);
  expect(points.stored, 'points account vs its entries').toBe(points.fromEntries);
  expect(points.stored, 'points account vs open lots').toBe(lotSum);
  expect(points.stored).toBeGreaterThanOrEqual(0);
  for (const lot of lots)
    expect(lot.remaining, `lot ${lot.id} overdrawn`).toBeGreaterThanOrEqual(0);

  const pending = await memberAccountTotals(db, `${customerId}:pending`);
  const pendings = await pendingRemainders(db, customerId);
  expect(pending.stored, 'pending account vs its entries').toBe(pending.fromEntries);
  expect(pending.stored, 'pending account vs open pending').toBe(
    pendings.reduce((s, p) => s + p.remaining, 0),
  );
  for (const p of pendings)
    expect(p.remaining, `pending ${p.id} over-settled`).toBeGreaterThanOrEqual(0);

  expect(await creditsWithoutMatchingLot(db, customerId)).toEqual([]);
  expect(await debitsWithoutMatchingConsumption(db, customerId)).toEqual([]);
  expect(await ordersOutOfStep(db, customerId)).toEqual([]);

  if (settledAt) {
    // Just settled at `settledAt`: nothing due may still be open.
    const overdueLots = lots.filter(
      (l) => l.remaining > 0 && l.expires_at && l.expires_at <= settledAt,
    );
    const overduePendings = pendings.filter((p) => p.remaining > 0 && p.release_at <= settledAt);
    expect(overdueLots, 'expired lots left open').toEqual([]);
    expect(overduePendings, 'released pending left open').toEqual([]);
  }
};

/** Double entry: summed over every account, credits minus debits is zero. */
const expectLedgerInvariants = async (
  db: Kysely<DB>,
  customerIds: string[],
  settledAt: Date | null,
) => {
  for (const id of customerIds) await expectMemberInvariants(db, id, settledAt);
  await expectDoubleEntryBalances(db);
};

describe('concurrent writers', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => closeApp(app));

  it('never overspends: 50 racing redemptions of 10 against a balance of 100', async () => {
    const customerId = await newCustomer(app.call);
    await credit(app.call, customerId, 100);

    const results = await inParallel(50, () =>
      app.call('POST', `/v1/customers/${customerId}/points/redeem`, { points: 10 }),
    );

    const accepted = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status === 409);
    expect(accepted).toHaveLength(10);
    expect(refused).toHaveLength(40);
    for (const r of refused) expect(r.body.code).toBe('insufficient_points');

    const points = await app.call('GET', `/v1/customers/${customerId}/points`);
    expect(points.body.balance).toBe(0);
    const ledger = await app.call('GET', `/v1/customers/${customerId}/ledger?limit=500`);
    const redeems = ledger.body.entries.filter((e: { code: string }) => e.code === 'redeem');
    expect(redeems).toHaveLength(10);
    await expectLedgerInvariants(app.database.db, [customerId], new Date());
  });

  // A deadlock between two writers of one member needs an unlucky interleaving, so a few rounds.
  it('answers mixed concurrent traffic without a 500 and keeps the ledger consistent', async () => {
    for (let round = 0; round < 4; round += 1) {
      const members = await fundedMembersWithOrders(app.call, 3);

      const results = await inParallel(90, (i) =>
        mixedRequest(app.call, members[i % members.length]!, i),
      );

      for (const r of results) {
        const outcome = r.status === 200 || r.status === 201 ? r.status : `${r.status} ${r.code}`;
        expect(ALLOWED_OUTCOMES[r.kind], `${r.kind} answered ${outcome}`).toContain(outcome);
      }
      const customerIds = members.map((m) => m.customerId);
      await expectLedgerInvariants(app.database.db, customerIds, null);
    }
  });

  it('spends once when 20 copies of a redemption race under one Idempotency-Key', async () => {
    const customerId = await newCustomer(app.call);
    await credit(app.call, customerId, 100);

    const results = await inParallel(20, () =>
      app.call(
        'POST',
        `/v1/customers/${customerId}/points/redeem`,
        { points: 30 },
        { 'idempotency-key': `spend-${customerId}` },
      ),
    );

    for (const r of results) expect(r.status).toBe(201);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect((await app.call('GET', `/v1/customers/${customerId}/points`)).body.balance).toBe(70);
    await expectLedgerInvariants(app.database.db, [customerId], null);
  });

  it('counts every one of 20 distinct orders racing for a member with no accounts yet', async () => {
    const customerId = await newCustomer(app.call);

    const results = await inParallel(20, (i) =>
      app.call('POST', '/v1/orders', orderBody(customerId, `fresh-${customerId}-${i}`, new Date())),
    );

    for (const r of results) expect(r.status).toBe(201);
    expect((await app.call('GET', `/v1/customers/${customerId}/points`)).body.pending).toBe(
      20 * 42,
    );
    await expectLedgerInvariants(app.database.db, [customerId], null);
  });

  it('records an order once when 20 copies race under one Idempotency-Key', async () => {
    const customerId = await newCustomer(app.call);
    const body = orderBody(customerId, `idem-race-${Date.now()}`, new Date());

    const results = await inParallel(20, () =>
      app.call('POST', '/v1/orders', body, { 'idempotency-key': `key-${body.externalId}` }),
    );

    for (const r of results) expect(r.status).toBe(201);
    const first = results[0]!.body;
    for (const r of results) expect(r.body).toEqual(first);
    expect(await ordersWithExternalId(app.database.db, body.externalId)).toBe(1);
    expect(await earnEntriesOfExternalId(app.database.db, body.externalId)).toBe(1);
  });

  it('records an order once when 20 copies race without a key (unique externalId)', async () => {
    const customerId = await newCustomer(app.call);
    const body = orderBody(customerId, `ext-race-${Date.now()}`, new Date());

    const results = await inParallel(20, () => app.call('POST', '/v1/orders', body));

    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200)).toHaveLength(19);
    const orderIds = new Set(results.map((r) => r.body.order.id));
    expect(orderIds.size).toBe(1);
    expect(await ordersWithExternalId(app.database.db, body.externalId)).toBe(1);
    expect(await earnEntriesOfExternalId(app.database.db, body.externalId)).toBe(1);
    const points = await app.call('GET', `/v1/customers/${customerId}/points`);
    expect(points.body.pending).toBe(42);
  });

  it('refuses a reused Idempotency-Key with a different body and writes nothing', async () => {
    const customerId = await newCustomer(app.call);
    const key = `reuse-${Date.now()}`;
    const first = orderBody(customerId, `${key}-a`, new Date());
    const second = orderBody(customerId, `${key}-b`, new Date(), 7);
    expect((await app.call('POST', '/v1/orders', first, { 'idempotency-key': key })).status).toBe(
      201,
    );
    const entriesBefore = await entryCount(app.database.db);

    const reused = await app.call('POST', '/v1/orders', second, { 'idempotency-key': key });

    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('idempotency_key_reused');
    expect(await ordersWithExternalId(app.database.db, second.externalId)).toBe(0);
    expect(await entryCount(app.database.db)).toBe(entriesBefore);
  });

  it('lets exactly one of two different bodies racing under one key win', async () => {
    const customerId = await newCustomer(app.call);
    const key = `split-${Date.now()}`;
    const bodies = [
      orderBody(customerId, `${key}-a`, new Date()),
      orderBody(customerId, `${key}-b`, new Date(), 9),
    ];

    const results = await inParallel(10, (i) =>
      app.call('POST', '/v1/orders', bodies[i % 2], { 'idempotency-key': key }),
    );

    const winners = results.filter((r) => r.status === 201);
    const losers = results.filter((r) => r.status === 422);
    expect(winners.length + losers.length).toBe(10);
    for (const r of losers) expect(r.body.code).toBe('idempotency_key_reused');
    const winningExternalIds = new Set(winners.map((r) => r.body.order.externalId));
    expect(winningExternalIds.size).toBe(1);
    const [winner] = [...winningExternalIds] as string[];
    const loser = bodies.find((b) => b.externalId !== winner)!;
    expect(await ordersWithExternalId(app.database.db, winner!)).toBe(1);
    expect(await ordersWithExternalId(app.database.db, loser.externalId)).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------
// Property: any sequence of orders, returns, redemptions, adjustments and the passing of time
// leaves every member's ledger consistent.

type Op =
  | {
      kind: 'order';
      who: number;
      lines: { quantity: number; unitPriceMinor: number }[];
      placedHoursAgo: number;
    }
  | { kind: 'return'; who: number; pick: number; whole: boolean; line: number; quantity: number }
  | { kind: 'redeem'; who: number; points: number }
  | { kind: 'adjust'; who: number; points: number }
  | { kind: 'advance'; days: number };

const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('order' as const),
      who: fc.nat(2),
      lines: fc.array(
        fc.record({
          quantity: fc.integer({ min: 1, max: 3 }),
          unitPriceMinor: fc.integer({ min: 0, max: 6000 }),
        }),
        {
          minLength: 1,
          maxLength: 3,
        },
      ),
      // Up to 40 days back: some orders are still inside the 14-day window, some already past it.
      placedHoursAgo: fc.integer({ min: 0, max: 40 * 24 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('return' as const),
      who: fc.nat(2),
      pick: fc.nat(),
      whole: fc.boolean(),
      line: fc.nat(),
      quantity: fc.integer({ min: 1, max: 3 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('redeem' as const),
      who: fc.nat(2),
      points: fc.integer({ min: 1, max: 150 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('adjust' as const),
      who: fc.nat(2),
      points: fc.integer({ min: -120, max: 200 }).filter((n) => n !== 0),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      // Small steps cross the 14-day return window; large ones cross the 365-day expiry.
      days: fc.oneof(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 300, max: 400 })),
    }),
  },
);

const scenarioArbitrary = fc.record({
  customers: fc.integer({ min: 1, max: 3 }),
  ops: fc.array(opArbitrary, { minLength: 4, maxLength: 30, size: 'max' }),
});

interface TrackedOrder {
  id: string;
  lines: { quantity: number; returned: number }[];
}

interface World {
  call: Call;
  clock: ReturnType<typeof manualClock>;
  customers: string[];
  orders: TrackedOrder[][];
  seq: number;
}

const balanceOf = async (world: World, customerId: string): Promise<number> => {
  const res = await world.call('GET', `/v1/customers/${customerId}/points`);
  expect(res.status).toBe(200);
  return res.body.balance as number;
};

const placeOrder = async (
  world: World,
  op: Extract<Op, { kind: 'order' }>,
  customerId: string,
  who: number,
) => {
  world.seq += 1;
  const placedAt = new Date(world.clock.now().getTime() - op.placedHoursAgo * 3_600_000);
  const res = await world.call('POST', '/v1/orders', {
    externalId: `prop-${customerId}-${world.seq}`,
    customerId,
    currency: 'GBP',
    placedAt: placedAt.toISOString(),
    lines: op.lines.map((l, i) => ({ sku: `SKU-${i}`, ...l })),
  });
  expect(res.status).toBe(201);
  world.orders[who]!.push({
    id: res.body.order.id,
    lines: op.lines.map((l) => ({ quantity: l.quantity, returned: 0 })),
  });
};

const returnBody = (order: TrackedOrder, op: Extract<Op, { kind: 'return' }>) => {
  if (op.whole) return {};
  const lineIndex = op.line % order.lines.length;
  const line = order.lines[lineIndex]!;
  const quantity = Math.min(op.quantity, Math.max(1, line.quantity - line.returned));
  return { lines: [{ lineNo: lineIndex + 1, quantity }] };
};

/** What the API must answer when the tracked order cannot take this return; null when it can. */
const expectedRefusal = (order: TrackedOrder, body: ReturnType<typeof returnBody>) => {
  const asked = body.lines?.[0];
  if (!asked) {
    const left = order.lines.reduce((sum, l) => sum + l.quantity - l.returned, 0);
    return left === 0 ? { status: 409, code: 'nothing_to_return' } : null;
  }
  const line = order.lines[asked.lineNo - 1]!;
  return asked.quantity > line.quantity - line.returned
    ? { status: 422, code: 'invalid_return' }
    : null;
};

const returnOrder = async (world: World, op: Extract<Op, { kind: 'return' }>, who: number) => {
  const orders = world.orders[who]!;
  if (orders.length === 0) return;
  const order = orders[op.pick % orders.length]!;
  const body = returnBody(order, op);
  const refusal = expectedRefusal(order, body);
  const res = await world.call('POST', `/v1/orders/${order.id}/returns`, body);
  if (refusal) {
    expect({ status: res.status, code: res.body.code }).toEqual(refusal);
    return;
  }
  expect(res.status).toBe(201);
  for (const l of res.body.lines as { lineNo: number; quantity: number }[]) {
    order.lines[l.lineNo - 1]!.returned += l.quantity;
  }
};

/** A spend succeeds exactly when the balance (settled at this instant) covers it. */
const spend = async (
  world: World,
  customerId: string,
  path: 'redeem' | 'adjust',
  points: number,
) => {
  const before = await balanceOf(world, customerId);
  const body = path === 'redeem' ? { points } : { points, reason: 'property test' };
  const res = await world.call('POST', `/v1/customers/${customerId}/points/${path}`, body);
  const debit = path === 'redeem' ? points : -points;
  if (debit > before) {
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('insufficient_points');
    expect(await balanceOf(world, customerId)).toBe(before);
    return;
  }
  expect(res.status).toBe(201);
  expect(await balanceOf(world, customerId)).toBe(before - debit);
};

const applyOp = async (world: World, op: Op) => {
  if (op.kind === 'advance') return world.clock.advanceDays(op.days);
  const who = op.who % world.customers.length;
  const customerId = world.customers[who]!;
  if (op.kind === 'order') return placeOrder(world, op, customerId, who);
  if (op.kind === 'return') return returnOrder(world, op, who);
  return spend(world, customerId, op.kind, op.points);
};

describe('ledger invariants under random histories', () => {
  const clock = manualClock(START);
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ clock });
  });
  afterAll(() => closeApp(app));

  it('keeps accounts, entries, lots and pending in agreement', { timeout: 180_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary, async (scenario) => {
        // Each run starts at the same instant with fresh customers, so a failing seed replays.
        clock.set(START);
        const customers: string[] = [];
        for (let i = 0; i < scenario.customers; i += 1) customers.push(await newCustomer(app.call));
        const world: World = {
          call: app.call,
          clock,
          customers,
          orders: customers.map(() => []),
          seq: 0,
        };

        for (const op of scenario.ops) {
          await applyOp(world, op);
          await expectLedgerInvariants(app.database.db, customers, null);
        }
        // Reading the balance settles the member; afterwards nothing due may be left open.
        for (const id of customers) await balanceOf(world, id);
        await expectLedgerInvariants(app.database.db, customers, clock.now());
      }),
      { numRuns: 20, interruptAfterTimeLimit: 150_000, markInterruptAsFailure: false },
    );
  });
});
