import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withRewardRepositories } from '../src/app/rewards-deps.js';
import { runUnitOfWork } from '../src/app/run-unit-of-work.js';
import { COUPON_CODE_PATTERN, newCouponCode } from '../src/core/rewards/coupon-code.js';
import { redeemCoupon } from '../src/core/rewards/coupons.service.js';
import { manualClock, startTestApp, type TestApp } from './support/app.js';
import { createCustomer, unique } from './support/fixtures.js';

// Checkout: validate → redeem → release, promotional batches, and the guarantees a till relies
// on (one winner for a single-use code, idempotent per order, the use given back on release).
const START = new Date('2026-06-01T09:00:00.000Z');
const clock = manualClock(START);
let t: TestApp;
let pos: Record<string, string>;
beforeAll(async () => {
  t = await startTestApp({ clock });
  pos = { authorization: `Bearer ${await t.keyFor('pos')}` };
  const hook = await t.call('POST', '/v1/webhooks', {
    url: 'https://example.com/hooks/coupons',
    eventTypes: ['coupon.redeemed', 'coupon.released', 'reward.redeemed', 'points.redeemed'],
  });
  expect(hook.status).toBe(201);
});
afterAll(() => t.close());

const GBP = (total: number, extra: object[] = []) => ({
  currency: 'GBP',
  lines: [{ sku: 'MUG', category: 'kitchen', quantity: 1, unitPriceMinor: total }, ...extra],
});

const createBatch = async (fields: Record<string, unknown> = {}) => {
  const res = await t.call('POST', '/v1/coupon-batches', {
    name: unique('batch'),
    count: 1,
    discount: { kind: 'percent_discount', value: 10 },
    ...fields,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; counts: Record<string, number> };
};

const codesOf = async (batchId: string): Promise<string[]> => {
  const res = await t.call('GET', `/v1/coupon-batches/${batchId}/codes`);
  expect(res.status).toBe(200);
  return res.body.codes.map((c: { code: string }) => c.code);
};

const oneCode = async (fields: Record<string, unknown> = {}) =>
  (await codesOf((await createBatch(fields)).id))[0]!;

const validate = (body: Record<string, unknown>, headers = pos) =>
  t.call('POST', '/v1/coupons/validate', { basket: GBP(5000), ...body }, headers);

const redeem = (body: Record<string, unknown>, headers = pos) =>
  t.call(
    'POST',
    '/v1/coupons/redeem',
    { basket: GBP(5000), orderExternalId: unique('order'), ...body },
    headers,
  );

const release = (code: string, orderExternalId: string) =>
  t.call('POST', '/v1/coupons/release', { code, orderExternalId }, pos);

const reasonCodes = (res: { body: any }) => res.body.reasons.map((r: { code: string }) => r.code);

const memberCoupon = async (customerId: string, fields: Record<string, unknown> = {}) => {
  await t.call('POST', `/v1/customers/${customerId}/points/adjust`, {
    points: 1000,
    reason: 'test credit',
  });
  const reward = await t.call('POST', '/v1/rewards', {
    name: unique('reward'),
    kind: 'fixed_discount',
    valueMinor: 700,
    pointsCost: 100,
    ...fields,
  });
  const res = await t.call(
    'POST',
    `/v1/customers/${customerId}/rewards/${reward.body.id}/redeem`,
    undefined,
    { 'idempotency-key': unique('k') },
  );
  expect(res.status).toBe(201);
  return res.body.coupon.code as string;
};

const eventsOf = async (type: string) =>
  (
    await t.database.db
      .selectFrom('webhook_message')
      .select('payload')
      .where('event_type', '=', type)
      .execute()
  ).map((m) => JSON.parse(m.payload));

describe('promotional batches', () => {
  it('generates 1,000 unique codes that all validate, and exports them as CSV', async () => {
    const batch = await createBatch({ count: 1000, minBasketMinor: 1000 });
    expect(batch.counts).toEqual({ issued: 1000, redeemed: 0, codesUsed: 0, released: 0 });
    const csv = await t.call('GET', `/v1/coupon-batches/${batch.id}/codes?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const rows = (csv.body as string).trim().split('\r\n');
    expect(rows[0]).toBe('code,customer_id,uses_allowed,uses_count,status,valid_from,valid_until');
    const codes = rows.slice(1).map((r) => r.split(',')[0]!);
    expect(codes).toHaveLength(1000);
    expect(new Set(codes).size).toBe(1000);
    for (const code of codes) expect(code).toMatch(COUPON_CODE_PATTERN);
    for (let i = 0; i < codes.length; i += 50) {
      const answers = await Promise.all(
        codes.slice(i, i + 50).map((code) => validate({ code, basket: GBP(2999) })),
      );
      for (const a of answers) expect(a.body).toMatchObject({ valid: true, discountMinor: 299 });
    }
    const view = await t.call('GET', `/v1/coupon-batches/${batch.id}`);
    expect(view.body).toMatchObject({ kind: 'percent_discount', value: 10, usesPerCode: 1 });
    const list = await t.call('GET', '/v1/coupon-batches');
    expect(list.body.batches.map((b: { id: string }) => b.id)).toContain(batch.id);
  });

  it('only admins create batches or export codes; a till cannot', async () => {
    const body = { name: 'x', count: 1, discount: { kind: 'percent_discount', value: 5 } };
    expect((await t.call('POST', '/v1/coupon-batches', body, pos)).status).toBe(403);
    const batch = await createBatch();
    expect(
      (await t.call('GET', `/v1/coupon-batches/${batch.id}/codes`, undefined, pos)).status,
    ).toBe(403);
    expect((await t.call('GET', '/v1/coupon-batches/cpb_nope')).status).toBe(404);
  });

  it('bad input gets a 400 naming the field, and writes nothing', async () => {
    const before = (await t.call('GET', '/v1/coupon-batches')).body.batches.length;
    const discount = { kind: 'percent_discount', value: 10 };
    const batchCases: [unknown, string][] = [
      [{ name: 'x', count: 0, discount }, 'count'],
      [{ name: 'x', count: 100_001, discount }, 'count'],
      [{ name: 'x', count: 1.5, discount }, 'count'],
      [{ name: 'x', count: 1, discount: { kind: 'gift', description: 'x' } }, 'discount.kind'],
      [{ name: 'x', count: 1, discount: { kind: 'percent_discount', value: 0 } }, 'discount.value'],
      [{ name: 'x', count: 1, discount, usesPerCode: 0 }, 'usesPerCode'],
      [{ name: 'x', count: 1, discount, validUntil: 'tomorrow' }, 'validUntil'],
      [{ count: 1, discount }, 'name'],
    ];
    for (const [body, path] of batchCases) {
      const res = await t.call('POST', '/v1/coupon-batches', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect((await t.call('GET', '/v1/coupon-batches')).body.batches).toHaveLength(before);

    const checkoutCases: [string, unknown, string][] = [
      ['validate', { code: 'X', basket: { currency: 'gbp', lines: [] } }, 'basket.currency'],
      [
        'validate',
        {
          code: 'X',
          basket: { currency: 'GBP', lines: [{ sku: 'A', quantity: '2', unitPriceMinor: 1 }] },
        },
        'basket.lines.0.quantity',
      ],
      [
        'validate',
        {
          code: 'X',
          basket: { currency: 'GBP', lines: [{ sku: 'A', quantity: 1, unitPriceMinor: 1.5 }] },
        },
        'basket.lines.0.unitPriceMinor',
      ],
      ['validate', { basket: GBP(100) }, 'code'],
      ['redeem', { code: 'X', basket: GBP(100) }, 'orderExternalId'],
      ['release', { code: 'X' }, 'orderExternalId'],
    ];
    for (const [action, body, path] of checkoutCases) {
      const res = await t.call('POST', `/v1/coupons/${action}`, body, pos);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
  });

  it('a fixed discount must be in the programme currency', async () => {
    const res = await t.call('POST', '/v1/coupon-batches', {
      name: 'euro',
      count: 1,
      discount: { kind: 'fixed_discount', valueMinor: 100, currency: 'EUR' },
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('currency_mismatch');
  });
});

describe('validating a coupon at checkout', () => {
  it('computes the discount of each kind', async () => {
    const percent = await oneCode({ discount: { kind: 'percent_discount', value: 15 } });
    // 15% of 1999 is 299.85: rounded down, never more than the promise.
    expect((await validate({ code: percent, basket: GBP(1999) })).body).toMatchObject({
      valid: true,
      discountMinor: 299,
      currency: 'GBP',
      reasons: [],
      coupon: { code: percent, kind: 'percent_discount', value: 15, usesLeft: 1 },
    });
    const fixed = await oneCode({ discount: { kind: 'fixed_discount', valueMinor: 1000 } });
    expect((await validate({ code: fixed, basket: GBP(5000) })).body.discountMinor).toBe(1000);
    // Never more than the basket.
    expect((await validate({ code: fixed, basket: GBP(600) })).body.discountMinor).toBe(600);
    const free = await oneCode({ discount: { kind: 'free_product', sku: 'TEA' } });
    const withTea = GBP(5000, [{ sku: 'TEA', quantity: 3, unitPriceMinor: 450 }]);
    expect((await validate({ code: free, basket: withTea })).body.discountMinor).toBe(450);
    // Typed loosely: lower case, no dashes, O for 0.
    const loose = percent.toLowerCase().replace(/-/g, '').replace(/0/g, 'o');
    expect((await validate({ code: loose, basket: GBP(1000) })).body.valid).toBe(true);
  });

  it('reports each reason a code cannot be used', async () => {
    const expect1 = async (body: Record<string, unknown>, codes: string[]) => {
      const res = await validate(body);
      expect(res.status).toBe(200);
      expect(res.body.valid).toBe(false);
      expect(res.body.discountMinor).toBe(0);
      expect(reasonCodes(res)).toEqual(codes);
      for (const r of res.body.reasons) expect(r.message).toEqual(expect.any(String));
      return res;
    };
    const unknown = await expect1({ code: newCouponCode() }, ['unknown_code']);
    expect(unknown.body.coupon).toBeNull();
    await expect1({ code: 'not a code at all' }, ['unknown_code']);

    await expect1({ code: await oneCode({ validFrom: '2026-07-01T00:00:00Z' }) }, [
      'not_yet_valid',
    ]);
    await expect1({ code: await oneCode({ validUntil: '2026-05-01T00:00:00Z' }) }, ['expired']);

    const single = await oneCode();
    expect((await redeem({ code: single })).status).toBe(201);
    await expect1({ code: single }, ['used_up']);

    const [ann, bob] = [(await createCustomer(t)).id, (await createCustomer(t)).id];
    const anns = await memberCoupon(ann);
    await expect1({ code: anns, customerId: bob }, ['bound_to_another_customer']);
    await expect1({ code: anns }, ['customer_required']);
    expect((await validate({ code: anns, customerId: ann })).body.valid).toBe(true);

    const min = await oneCode({ minBasketMinor: 3000 });
    await expect1({ code: min, basket: GBP(2999) }, ['below_minimum_basket']);
    expect((await validate({ code: min, basket: GBP(3000) })).body.valid).toBe(true);
    await expect1({ code: min, basket: { ...GBP(5000), currency: 'EUR' } }, ['currency_mismatch']);

    await expect1({ code: await oneCode({ discount: { kind: 'free_product', sku: 'TEA' } }) }, [
      'product_not_in_basket',
    ]);

    const voided = await oneCode();
    const v = await t.call('POST', '/v1/coupons/void', { code: voided, reason: 'leaked online' });
    expect(v.status).toBe(200);
    expect(v.body).toMatchObject({ status: 'void', voidReason: 'leaked online' });
    await expect1({ code: voided }, ['void']);
    expect(
      (await t.call('POST', '/v1/coupons/void', { code: voided, reason: 'x' }, pos)).status,
    ).toBe(403);

    const promo = await createBatch({ count: 2, onePerCustomer: true });
    const [first, second] = await codesOf(promo.id);
    expect((await redeem({ code: first, customerId: ann })).status).toBe(201);
    await expect1({ code: second!, customerId: ann }, ['already_used_by_customer']);
    await expect1({ code: second! }, ['customer_required']);
    expect((await validate({ code: second!, customerId: bob })).body.valid).toBe(true);

    // Several reasons at once are all reported.
    const many = await oneCode({ validUntil: '2026-05-01T00:00:00Z', minBasketMinor: 3000 });
    await expect1({ code: many, basket: GBP(100) }, ['expired', 'below_minimum_basket']);
    expect((await validate({ code: single, customerId: 'cus_nope' })).status).toBe(404);
  });
});

describe('redeeming and releasing at checkout', () => {
  it('is idempotent per order, even without an Idempotency-Key', async () => {
    const code = await oneCode({ usesPerCode: 3 });
    const order = unique('order');
    const first = await redeem({ code, orderExternalId: order, basket: GBP(2000) });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      code,
      orderExternalId: order,
      discountMinor: 200,
      currency: 'GBP',
      status: 'redeemed',
      releasedAt: null,
    });
    const again = await redeem({ code, orderExternalId: order, basket: GBP(9999) });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const other = await redeem({ code, orderExternalId: unique('order') });
    expect(other.status).toBe(201);
    expect((await validate({ code })).body.coupon.usesLeft).toBe(1);
    const events = (await eventsOf('coupon.redeemed')).filter(
      (e) => e.data.couponId === first.body.couponId,
    );
    expect(events).toHaveLength(2);
  });

  it('a single-use code under 10 concurrent redemptions for different orders: one winner', async () => {
    const code = await oneCode();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => redeem({ code, orderExternalId: `race-${code}-${i}` })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    const losers = results.filter((r) => r.status !== 201);
    expect(losers).toHaveLength(9);
    for (const r of losers) {
      expect(r.status).toBe(409);
      expect(r.body.code).toBe('coupon_used_up');
    }
    const rows = await t.database.db
      .selectFrom('coupon_redemption')
      .innerJoin('coupon', 'coupon.id', 'coupon_redemption.coupon_id')
      .select(['coupon.uses_count'])
      .where('coupon.code', '=', code)
      .execute();
    expect(rows).toEqual([{ uses_count: 1 }]);
  });

  it('one-per-customer batch: two of its codes for one customer at once, one wins', async () => {
    // Two codes are two coupons (on Citus, two shards): what serialises them is the batch's row,
    // locked before the customer's uses of the batch are counted. The first redemption holds its
    // transaction open while the second checks, so without that lock both would pass.
    const promo = await createBatch({ count: 2, onePerCustomer: true });
    const [first, second] = await codesOf(promo.id);
    const customerId = (await createCustomer(t)).id;
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const redeemIn = (code: string, holdMs: number) =>
      runUnitOfWork(t.database.db, clock, async (uow) => {
        const done = await redeemCoupon(withRewardRepositories(uow), {
          code,
          customerId,
          basket: { currency: 'GBP', lines: [{ sku: 'MUG', quantity: 1, unitPriceMinor: 5000 }] },
          orderExternalId: unique('order'),
        });
        await pause(holdMs);
        return done;
      });
    const results = await Promise.allSettled([
      redeemIn(first!, 300),
      pause(50).then(() => redeemIn(second!, 0)),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'coupon_already_used_by_customer' });
    const counts = (await t.call('GET', `/v1/coupon-batches/${promo.id}`)).body.counts;
    expect(counts).toMatchObject({ issued: 2, redeemed: 1, codesUsed: 1 });
  });

  it('an invalid coupon is a 422 with every reason, and writes nothing', async () => {
    const code = await oneCode({ validUntil: '2026-05-01T00:00:00Z', minBasketMinor: 3000 });
    const res = await redeem({ code, basket: GBP(100) });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('coupon_expired');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['code', 'basket.lines']);
    expect(res.body.errors[1].message).toMatch(/^below_minimum_basket/);
    const unknown = await redeem({ code: newCouponCode() });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('coupon_unknown_code');
    const count = await t.database.db
      .selectFrom('coupon_redemption')
      .innerJoin('coupon', 'coupon.id', 'coupon_redemption.coupon_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('coupon.code', '=', code)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('release gives the use back; a second release changes nothing', async () => {
    const code = await oneCode();
    const order = unique('order');
    const redeemed = await redeem({ code, orderExternalId: order });
    expect(redeemed.status).toBe(201);
    expect(reasonCodes(await validate({ code }))).toEqual(['used_up']);

    clock.set(new Date('2026-06-01T10:00:00.000Z'));
    const released = await release(code, order);
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({
      id: redeemed.body.id,
      status: 'released',
      releasedAt: '2026-06-01T10:00:00.000Z',
    });
    expect((await validate({ code })).body.valid).toBe(true);

    clock.set(new Date('2026-06-01T11:00:00.000Z'));
    const twice = await release(code, order);
    expect(twice.status).toBe(200);
    expect(twice.body).toEqual(released.body);
    expect((await validate({ code })).body.coupon.usesLeft).toBe(1);
    const events = (await eventsOf('coupon.released')).filter(
      (e) => e.data.couponId === redeemed.body.couponId,
    );
    expect(events).toHaveLength(1);
    expect(events[0].data.orderExternalId).toBe(order);

    // The released order cannot quietly take the code again; another order can.
    const reuse = await redeem({ code, orderExternalId: order });
    expect(reuse.status).toBe(409);
    expect(reuse.body.code).toBe('coupon_redemption_released');
    expect((await redeem({ code, orderExternalId: unique('order') })).status).toBe(201);

    expect((await release(code, 'never-redeemed')).status).toBe(404);
    expect((await release(newCouponCode(), order)).status).toBe(404);
    clock.set(START);
  });

  it('a member’s reward coupon is redeemed with the member and counted in the events', async () => {
    const ann = (await createCustomer(t)).id;
    const code = await memberCoupon(ann);
    const res = await redeem({ code, customerId: ann, basket: GBP(500) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ customerId: ann, discountMinor: 500 });
    const rewards = (await eventsOf('reward.redeemed')).filter((e) => e.data.customerId === ann);
    expect(rewards).toHaveLength(1);
    expect(rewards[0].data.pointsSpent).toBe(100);
    const spent = (await eventsOf('points.redeemed')).filter((e) => e.data.customerId === ann);
    expect(spent.map((e) => e.data.points)).toEqual([100]);
  });
});
