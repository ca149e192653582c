import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUPON_CODE_PATTERN } from '../src/core/rewards/coupon-code.js';
import { runUnitOfWork } from '../src/app/run-unit-of-work.js';
import { manualClock, startTestApp, type TestApp } from './support/app.js';
import { createCustomer, orderBody, points, unique } from './support/fixtures.js';

// The rewards catalogue, the member's view of it, redeeming points for a coupon (stock, limits,
// tiers and points taken atomically, even under concurrent requests) and rules that issue coupons.
const START = new Date('2026-06-01T09:00:00.000Z');
const clock = manualClock(START);
let t: TestApp;
let pos: Record<string, string>;
beforeAll(async () => {
  t = await startTestApp({ clock });
  pos = { authorization: `Bearer ${await t.keyFor('pos')}` };
});
afterAll(() => t.close());

const givePoints = async (customerId: string, amount: number) => {
  const res = await t.call('POST', `/v1/customers/${customerId}/points/adjust`, {
    points: amount,
    reason: 'test credit',
  });
  expect(res.status).toBe(201);
};

const member = async (amount: number) => {
  const c = await createCustomer(t);
  if (amount > 0) await givePoints(c.id, amount);
  return c.id;
};

const createReward = async (fields: Record<string, unknown> = {}) => {
  const res = await t.call('POST', '/v1/rewards', {
    name: unique('reward'),
    kind: 'percent_discount',
    value: 10,
    pointsCost: 100,
    ...fields,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; stock: number | null; [k: string]: unknown };
};

const redeem = (customerId: string, rewardId: string, key: string | null = unique('redeem')) =>
  t.call('POST', `/v1/customers/${customerId}/rewards/${rewardId}/redeem`, undefined, {
    ...pos,
    ...(key === null ? {} : { 'idempotency-key': key }),
  });

const count = async (table: 'coupon' | 'reward_redemption' | 'ledger_entry', rewardId?: string) => {
  let query = t.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .$if(rewardId !== undefined && table !== 'ledger_entry', (q) =>
      q.where('reward_id' as never, '=', rewardId as never),
    );
  if (table === 'ledger_entry') query = query.where('code', '=', 'redeem');
  return Number((await query.executeTakeFirstOrThrow()).n);
};

const stockOf = async (rewardId: string) =>
  (await t.call('GET', `/v1/rewards/${rewardId}`)).body.stock as number | null;

const grantTier = async (customerId: string, code: string) => {
  await t.database.db
    .insertInto('tier_definition')
    .values({
      code,
      name: code,
      rank: 100 + Math.floor(Math.random() * 1_000_000),
      // Out of reach, so the tier engine never assigns it on its own.
      threshold: 1_000_000_000_000,
      earn_multiplier_percent: 100,
      benefits: JSON.stringify({}),
      created_at: START,
      updated_at: START,
    })
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  await t.database.db
    .insertInto('member_tier')
    .values({ customer_id: customerId, tier_code: code, since: START, updated_at: START })
    .onConflict((oc) => oc.column('customer_id').doUpdateSet({ tier_code: code }))
    .execute();
};

describe('the rewards catalogue', () => {
  it('creates each kind, reads, lists, patches and archives instead of deleting', async () => {
    const percent = await createReward({ value: 15, stock: 5, couponValidityDays: 30 });
    expect(percent).toMatchObject({ kind: 'percent_discount', value: 15, stock: 5, active: true });
    const fixed = await createReward({ kind: 'fixed_discount', value: undefined, valueMinor: 500 });
    expect(fixed).toMatchObject({ valueMinor: 500, currency: 'GBP', usesPerCoupon: 1 });
    const free = await createReward({ kind: 'free_product', value: undefined, sku: 'MUG' });
    expect(free).toMatchObject({ kind: 'free_product', sku: 'MUG', value: null });
    const sample = await createReward({ kind: 'sample', value: undefined, sku: 'TEA-S' });
    expect(sample.sku).toBe('TEA-S');
    const gift = await createReward({
      kind: 'gift',
      value: undefined,
      description: 'A tote bag',
      pointsCost: 0,
    });
    expect(gift).toMatchObject({ kind: 'gift', description: 'A tote bag', pointsCost: 0 });

    expect((await t.call('GET', `/v1/rewards/${percent.id}`)).body).toEqual(percent);
    const patched = await t.call('PATCH', `/v1/rewards/${percent.id}`, {
      pointsCost: 250,
      stock: null,
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ pointsCost: 250, stock: null, value: 15 });
    // Changing the kind drops the old kind's fields; the new ones must be given.
    const rekind = await t.call('PATCH', `/v1/rewards/${percent.id}`, { kind: 'free_product' });
    expect(rekind.status).toBe(422);
    expect(rekind.body.code).toBe('invalid_reward');
    expect(rekind.body.errors.map((e: { path: string }) => e.path)).toContain('sku');
    const rekinded = await t.call('PATCH', `/v1/rewards/${percent.id}`, {
      kind: 'free_product',
      sku: 'MUG',
    });
    expect(rekinded.body).toMatchObject({ kind: 'free_product', sku: 'MUG', value: null });
    // A field of another kind is refused, not ignored.
    const foreign = await t.call('PATCH', `/v1/rewards/${fixed.id}`, { sku: 'MUG' });
    expect(foreign.status).toBe(422);

    const euro = await t.call('POST', '/v1/rewards', {
      name: 'euros',
      kind: 'fixed_discount',
      valueMinor: 500,
      currency: 'EUR',
      pointsCost: 10,
    });
    expect(euro.status).toBe(422);
    expect(euro.body.code).toBe('currency_mismatch');

    const archived = await t.call('POST', `/v1/rewards/${gift.id}/archive`);
    expect(archived.status).toBe(200);
    expect(archived.body).toMatchObject({ active: false, archivedAt: START.toISOString() });
    expect((await t.call('GET', `/v1/rewards/${gift.id}`)).status).toBe(200);
    const listed = (await t.call('GET', '/v1/rewards')).body.rewards.map((r: any) => r.id);
    expect(listed).toContain(fixed.id);
    expect(listed).not.toContain(gift.id);
    const all = (await t.call('GET', '/v1/rewards?includeArchived=true')).body.rewards;
    expect(all.map((r: any) => r.id)).toContain(gift.id);
    expect((await t.call('PATCH', `/v1/rewards/${gift.id}`, { name: 'x' })).body.code).toBe(
      'reward_archived',
    );
    expect((await t.call('GET', '/v1/rewards/rwd_nope')).status).toBe(404);
  });

  it('only admins edit the catalogue', async () => {
    const res = await t.call('POST', '/v1/rewards', { name: 'x' }, pos);
    expect(res.status).toBe(403);
    expect((await t.call('GET', '/v1/rewards', undefined, pos)).status).toBe(403);
  });

  it('bad input gets a 400 naming the field, and writes nothing', async () => {
    const cases: [unknown, string][] = [
      [{ name: 'x', kind: 'percent_discount', value: 150, pointsCost: 1 }, 'value'],
      [{ name: 'x', kind: 'percent_discount', value: 10 }, 'pointsCost'],
      [{ name: 'x', kind: 'percent_discount', value: 10, pointsCost: -1 }, 'pointsCost'],
      [{ name: 'x', kind: 'percent_discount', value: 10, pointsCost: 1.5 }, 'pointsCost'],
      [{ name: 'x', kind: 'cash', pointsCost: 1 }, 'kind'],
      [{ name: 'x', kind: 'free_product', pointsCost: 1 }, 'sku'],
      [{ name: 'x', kind: 'gift', pointsCost: 1 }, 'description'],
      [{ name: 'x', kind: 'sample', sku: 'S', pointsCost: 1, stock: -1 }, 'stock'],
      [
        {
          name: 'x',
          kind: 'sample',
          sku: 'S',
          pointsCost: 1,
          validFrom: '2026-07-01T00:00:00Z',
          validUntil: '2026-06-01T00:00:00Z',
        },
        'validUntil',
      ],
      [{ name: 'x', kind: 'sample', sku: 'S', pointsCost: 1, tierCodes: [] }, 'tierCodes'],
    ];
    const before = await count('coupon');
    const rewardsBefore = (await t.call('GET', '/v1/rewards?includeArchived=true')).body.rewards;
    for (const [body, path] of cases) {
      const res = await t.call('POST', '/v1/rewards', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    const rewardsAfter = (await t.call('GET', '/v1/rewards?includeArchived=true')).body.rewards;
    expect(rewardsAfter).toHaveLength(rewardsBefore.length);
    expect(await count('coupon')).toBe(before);

    const reward = await createReward();
    const noKey = await redeem(await member(500), reward.id, null);
    expect(noKey.status).toBe(400);
    expect(noKey.body.errors[0].path).toBe('idempotency-key');
  });
});

describe('the member view', () => {
  it('lists every active reward with eligible or the reasons why not', async () => {
    clock.set(START);
    const c = await member(300);
    const affordable = await createReward({ pointsCost: 300 });
    const dear = await createReward({ pointsCost: 420 });
    const gone = await createReward({ pointsCost: 10, stock: 0 });
    const tierOnly = await createReward({ pointsCost: 10, tierCodes: ['gold-view'] });
    const later = await createReward({ pointsCost: 10, validFrom: '2026-07-01T00:00:00Z' });
    const over = await createReward({
      pointsCost: 10,
      validFrom: '2026-01-01T00:00:00Z',
      validUntil: '2026-05-01T00:00:00Z',
    });
    const limited = await createReward({ pointsCost: 10, perMemberLimit: 1 });
    const hidden = await createReward({ pointsCost: 10, active: false });
    expect((await redeem(c, limited.id)).status).toBe(201);

    const res = await t.call('GET', `/v1/customers/${c}/rewards`, undefined, pos);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ customerId: c, balance: 290, tierCode: null });
    const byId = new Map(res.body.rewards.map((r: any) => [r.id, r]));
    const codes = (id: string) => (byId.get(id) as any).reasons.map((r: any) => r.code);
    expect(byId.get(affordable.id)).toMatchObject({ eligible: false });
    expect((byId.get(affordable.id) as any).reasons[0]).toMatchObject({
      code: 'insufficient_points',
      pointsMissing: 10,
    });
    expect((byId.get(dear.id) as any).reasons[0].pointsMissing).toBe(130);
    expect(codes(gone.id)).toEqual(['out_of_stock']);
    expect(codes(tierOnly.id)).toEqual(['tier_required']);
    expect(codes(later.id)).toEqual(['not_yet_valid']);
    expect(codes(over.id)).toEqual(['expired']);
    expect(codes(limited.id)).toEqual(['reward_limit_reached']);
    expect(byId.has(hidden.id)).toBe(false);

    await givePoints(c, 10);
    await grantTier(c, 'gold-view');
    const again = await t.call('GET', `/v1/customers/${c}/rewards`, undefined, pos);
    const after = new Map(again.body.rewards.map((r: any) => [r.id, r]));
    expect(after.get(affordable.id)).toMatchObject({ eligible: true, reasons: [] });
    expect(after.get(tierOnly.id)).toMatchObject({ eligible: true });
    expect(again.body.tierCode).toBe('gold-view');
    expect((await t.call('GET', '/v1/customers/cus_nope/rewards')).status).toBe(404);
  });
});

describe('redeeming a reward', () => {
  it('spends the points and issues an unguessable, member-bound coupon', async () => {
    clock.set(START);
    const c = await member(1000);
    const reward = await createReward({
      pointsCost: 400,
      stock: 3,
      couponValidityDays: 30,
      usesPerCoupon: 2,
      minBasketMinor: 2000,
    });
    const res = await redeem(c, reward.id);
    expect(res.status).toBe(201);
    const { coupon, redemption } = res.body;
    expect(coupon.code).toMatch(COUPON_CODE_PATTERN);
    expect(coupon).toMatchObject({
      customerId: c,
      rewardId: reward.id,
      kind: 'percent_discount',
      value: 10,
      currency: 'GBP',
      minBasketMinor: 2000,
      validFrom: START.toISOString(),
      validUntil: '2026-07-01T09:00:00.000Z',
      usesAllowed: 2,
      usesLeft: 2,
      status: 'active',
    });
    expect(redemption).toMatchObject({ rewardId: reward.id, customerId: c, pointsSpent: 400 });
    expect((await points(t, c)).balance).toBe(600);
    expect(await stockOf(reward.id)).toBe(2);
    const mine = await t.call('GET', `/v1/customers/${c}/coupons`, undefined, pos);
    expect(mine.body.coupons.map((x: any) => x.code)).toEqual([coupon.code]);
    // The coupon works at checkout for this member.
    const check = await t.call('POST', '/v1/coupons/validate', {
      code: coupon.code.toLowerCase(),
      customerId: c,
      basket: { currency: 'GBP', lines: [{ sku: 'MUG', quantity: 2, unitPriceMinor: 1500 }] },
    });
    expect(check.body).toMatchObject({ valid: true, discountMinor: 300 });
  });

  it('stock of 1 under 20 concurrent redemptions: one coupon, the rest out_of_stock', async () => {
    const reward = await createReward({ pointsCost: 100, stock: 1 });
    const members = [];
    for (let i = 0; i < 20; i += 1) members.push(await member(150));
    const results = await Promise.all(members.map((c) => redeem(c, reward.id)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    for (const r of results.filter((x) => x.status === 409)) {
      expect(r.body.code).toBe('out_of_stock');
    }
    expect(await stockOf(reward.id)).toBe(0);
    expect(await count('coupon', reward.id)).toBe(1);
    expect(await count('reward_redemption', reward.id)).toBe(1);
    const balances = [];
    for (const c of members) balances.push((await points(t, c)).balance);
    expect(balances.filter((b) => b === 50)).toHaveLength(1);
    expect(balances.filter((b) => b === 150)).toHaveLength(19);
  });

  it('one member, 10 concurrent redemptions, a limit of 2 and plenty of stock: exactly 2', async () => {
    const reward = await createReward({ pointsCost: 100, perMemberLimit: 2, stock: 50 });
    const c = await member(10_000);
    const results = await Promise.all(Array.from({ length: 10 }, () => redeem(c, reward.id)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(2);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused.every((r) => r.status === 409 && r.body.code === 'reward_limit_reached')).toBe(
      true,
    );
    expect((await points(t, c)).balance).toBe(9_800);
    expect(await stockOf(reward.id)).toBe(48);
    expect(await count('coupon', reward.id)).toBe(2);
  });

  it('the same Idempotency-Key twice (also at once) gives one coupon and spends once', async () => {
    const reward = await createReward({ pointsCost: 100, stock: 10 });
    const c = await member(1000);
    const key = unique('same');
    const [a, b] = await Promise.all([redeem(c, reward.id, key), redeem(c, reward.id, key)]);
    const c3 = await redeem(c, reward.id, key);
    expect([a.status, b.status, c3.status]).toEqual([201, 201, 201]);
    expect(b.body.coupon.code).toBe(a.body.coupon.code);
    expect(c3.body.coupon.code).toBe(a.body.coupon.code);
    expect(c3.headers.get('idempotent-replayed')).toBe('true');
    expect(await count('coupon', reward.id)).toBe(1);
    expect((await points(t, c)).balance).toBe(900);
    expect(await stockOf(reward.id)).toBe(9);
    // The same key for another reward is a reuse, refused.
    const other = await createReward({ pointsCost: 1 });
    const reused = await redeem(c, other.id, key);
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('idempotency_key_reused');
  });

  it('insufficient points: 409 insufficient_points and nothing written', async () => {
    const reward = await createReward({ pointsCost: 500, stock: 3 });
    const c = await member(499);
    const before = {
      coupons: await count('coupon'),
      redemptions: await count('reward_redemption'),
      spends: await count('ledger_entry'),
    };
    const res = await redeem(c, reward.id);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('insufficient_points');
    expect({
      coupons: await count('coupon'),
      redemptions: await count('reward_redemption'),
      spends: await count('ledger_entry'),
    }).toEqual(before);
    expect(await stockOf(reward.id)).toBe(3);
    expect((await points(t, c)).balance).toBe(499);
  });

  it('a tier-only reward is refused without the tier and granted with it', async () => {
    const reward = await createReward({ pointsCost: 50, tierCodes: ['gold-redeem'] });
    const c = await member(200);
    const refused = await redeem(c, reward.id);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('tier_required');
    expect((await points(t, c)).balance).toBe(200);
    expect(await count('coupon', reward.id)).toBe(0);
    await grantTier(c, 'gold-redeem');
    expect((await redeem(c, reward.id)).status).toBe(201);
    expect((await points(t, c)).balance).toBe(150);
  });

  it('the per-member limit counts each member separately', async () => {
    const reward = await createReward({ pointsCost: 10, perMemberLimit: 1 });
    const [a, b] = [await member(100), await member(100)];
    expect((await redeem(a, reward.id)).status).toBe(201);
    const again = await redeem(a, reward.id);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('reward_limit_reached');
    expect((await redeem(b, reward.id)).status).toBe(201);
    expect((await points(t, a)).balance).toBe(90);
  });

  it('inactive, archived, not yet valid or ended: 422 reward_not_available', async () => {
    const c = await member(1000);
    const inactive = await createReward({ active: false });
    const archived = await createReward();
    await t.call('POST', `/v1/rewards/${archived.id}/archive`);
    const later = await createReward({ validFrom: '2027-01-01T00:00:00Z' });
    const ended = await createReward({ validUntil: '2026-05-01T00:00:00Z' });
    for (const r of [inactive, archived, later, ended]) {
      const res = await redeem(c, r.id);
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('reward_not_available');
    }
    expect((await redeem(c, 'rwd_nope')).status).toBe(404);
    expect((await redeem('cus_nope', inactive.id)).status).toBe(404);
    expect((await points(t, c)).balance).toBe(1000);
  });
});

describe('rules that issue coupons', () => {
  const createRule = async (effects: unknown[]) => {
    const res = await t.call('POST', '/v1/rules', {
      status: 'active',
      document: { schemaVersion: 1, name: unique('rule'), trigger: 'order.placed', effects },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string };
  };
  const archiveRule = (id: string) =>
    t.call('PATCH', `/v1/rules/${id}`, { status: 'archived' }).then((r) => {
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    });
  const couponsOf = async (customerId: string) =>
    (await t.call('GET', `/v1/customers/${customerId}/coupons`)).body.coupons as any[];

  it('an issue.reward effect gives one coupon per firing, free, within the stock', async () => {
    const reward = await createReward({ pointsCost: 700, stock: 2, couponValidityDays: 7 });
    const rule = await createRule([{ type: 'issue.reward', rewardId: reward.id }]);
    try {
      const c = await member(0);
      const first = orderBody(c, { placedAt: clock.now().toISOString() });
      expect((await t.call('POST', '/v1/orders', first)).status).toBe(201);
      // The same order again is the same firing: no second coupon.
      expect((await t.call('POST', '/v1/orders', first)).status).toBe(200);
      let coupons = await couponsOf(c);
      expect(coupons).toHaveLength(1);
      expect(coupons[0]).toMatchObject({ rewardId: reward.id, customerId: c, usesAllowed: 1 });
      expect((await points(t, c)).lifetime.redeemed).toBe(0);

      await t.call('POST', '/v1/orders', orderBody(c, { placedAt: clock.now().toISOString() }));
      await t.call('POST', '/v1/orders', orderBody(c, { placedAt: clock.now().toISOString() }));
      coupons = await couponsOf(c);
      // The third firing found no stock: skipped, and recorded why.
      expect(coupons).toHaveLength(2);
      expect(await stockOf(reward.id)).toBe(0);
      const skipped = await t.database.db
        .selectFrom('coupon_issue')
        .selectAll()
        .where('customer_id', '=', c)
        .where('skipped_reason', 'is not', null)
        .execute();
      expect(skipped.map((s) => s.skipped_reason)).toEqual(['out_of_stock']);
    } finally {
      await archiveRule(rule.id);
    }
  });

  it('an issue.coupon effect gives a new code of the batch, bound to the customer', async () => {
    const batch = await t.call('POST', '/v1/coupon-batches', {
      name: 'welcome',
      count: 3,
      discount: { kind: 'fixed_discount', valueMinor: 500 },
    });
    expect(batch.status).toBe(201);
    const rule = await createRule([{ type: 'issue.coupon', couponBatchId: batch.body.id }]);
    try {
      const c = await member(0);
      await t.call('POST', '/v1/orders', orderBody(c, { placedAt: clock.now().toISOString() }));
      const coupons = await couponsOf(c);
      expect(coupons).toHaveLength(1);
      expect(coupons[0]).toMatchObject({ batchId: batch.body.id, customerId: c, valueMinor: 500 });
      const counts = (await t.call('GET', `/v1/coupon-batches/${batch.body.id}`)).body.counts;
      expect(counts.issued).toBe(4);
    } finally {
      await archiveRule(rule.id);
    }
  });

  it('one rule.issue event dispatched twice under one source key issues once', async () => {
    const reward = await createReward({ stock: 5 });
    const c = await member(0);
    const emit = () =>
      runUnitOfWork(t.database.db, clock, async (uow) => {
        uow.events.emit({
          type: 'rule.issue',
          customerId: c,
          occurredAt: clock.now(),
          data: {
            ruleId: 'rul_test',
            ruleVersion: 1,
            kind: 'reward',
            ref: reward.id,
            sourceKey: `test:${c}`,
          },
        });
      });
    await emit();
    await emit();
    expect(await couponsOf(c)).toHaveLength(1);
    expect(await stockOf(reward.id)).toBe(4);
  });
});
