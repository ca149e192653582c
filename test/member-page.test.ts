import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUPON_CODE_PATTERN } from '../src/core/rewards/coupon-code.js';
import { addDays } from '../src/core/shared/clock.js';
import { createApp } from '../src/http/app.js';
import { manualClock, startTestApp, type TestApp } from './support/app.js';
import { contractCheckerFor, type ContractChecker } from './support/contract.js';
import { createCustomer, orderBody, unique } from './support/fixtures.js';

// The member page's API: no API key, the card token is the credential. A summary of the member,
// one 404 for every bad token, and redeeming a reward from the page: idempotent, atomic, never
// overspending under concurrent taps, and closed to cross-site forms.
const START = new Date('2026-06-01T09:00:00.000Z');
const clock = manualClock(START);
let t: TestApp;
let app: ReturnType<typeof createApp>;
let contract: ContractChecker;
beforeAll(async () => {
  t = await startTestApp({ clock });
  // A second app on the same database, called without any credential but the token.
  app = createApp({
    db: t.database.db,
    clock,
    log: pino({ level: 'silent' }),
    bodyLimitBytes: 1024 * 1024,
    database: t.database,
  });
  contract = contractCheckerFor(await (await app.request('/openapi.json')).text());
  const tiers = await t.call('PUT', '/v1/tiers', {
    policy: { metric: 'points', window: { kind: 'rolling', days: 365 }, graceDays: 0 },
    tiers: [
      { code: 'silver', name: 'Silver', threshold: 1000, benefits: ['Free delivery'] },
      { code: 'gold', name: 'Gold', threshold: 5000 },
    ],
  });
  expect(tiers.status, JSON.stringify(tiers.body)).toBe(200);
});
afterAll(() => t.close());

const send = async (path: string, init: RequestInit = {}) => {
  const res = await app.request(path, init);
  const text = await res.text();
  // Every answer the page may get is one /openapi.json promises, its problem codes included.
  contract.check({ method: init.method ?? 'GET', path }, res, text);
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
};
const summary = (token: string) => send(`/m/api/${token}`);
const redeem = (token: string, rewardId: string, key: string | null = unique('tap')) =>
  send(`/m/api/${token}/rewards/${rewardId}/redeem`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
    body: '{}',
  });

const newMember = async (points: number, fields: Record<string, unknown> = {}) => {
  const customer = await createCustomer(t, fields);
  if (points > 0) {
    const res = await t.call('POST', `/v1/customers/${customer.id}/points/adjust`, {
      points,
      reason: 'welcome gift',
    });
    expect(res.status).toBe(201);
  }
  const card = await t.call('GET', `/v1/customers/${customer.id}/card`);
  return { id: customer.id, token: card.body.token as string, cardId: card.body.cardId as string };
};

const newReward = async (fields: Record<string, unknown> = {}) => {
  const res = await t.call('POST', '/v1/rewards', {
    name: unique('Coffee'),
    kind: 'percent_discount',
    value: 10,
    pointsCost: 100,
    ...fields,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; name: string };
};

/** What a redemption writes: if these are unchanged, nothing was written. */
const writes = async (customerId: string) => {
  const count = async (table: 'coupon' | 'reward_redemption' | 'ledger_entry') =>
    Number(
      (
        await t.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('customer_id', '=', customerId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    coupons: await count('coupon'),
    redemptions: await count('reward_redemption'),
    entries: await count('ledger_entry'),
  };
};

describe('the member page API', () => {
  it('summarises a member with orders: card, points, expiry, tier, rewards, referral, history', async () => {
    const m = await newMember(300, { firstName: 'Anna', lastName: 'Berg', locale: 'de-AT' });
    // A second credit a minute later expires a minute later: the same day, so one line.
    clock.set(new Date(START.getTime() + 60_000));
    const bonus = await t.call('POST', `/v1/customers/${m.id}/points/adjust`, {
      points: 5,
      reason: 'bonus',
    });
    expect(bonus.status).toBe(201);
    const order = await t.call(
      'POST',
      '/v1/orders',
      orderBody(m.id, { placedAt: clock.now().toISOString() }),
    );
    expect(order.status).toBe(201);
    const earned = order.body.points.earned as number;
    expect(earned).toBeGreaterThan(0);
    const cheap = await newReward({ pointsCost: 100 });
    const dear = await newReward({
      pointsCost: 100_000,
      kind: 'free_product',
      value: undefined,
      sku: 'MUG',
    });

    const res = await summary(m.token);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const s = res.body;
    expect(s.customer).toEqual({ firstName: 'Anna', name: 'Anna Berg', locale: 'de-AT' });
    expect(s.card).toEqual({
      cardId: m.cardId,
      token: m.token,
      qrSvgUrl: `/m/api/${m.token}/qr.svg`,
    });
    expect(s.points).toMatchObject({ balance: 305, pending: earned });
    expect(s.points.nextPendingRelease.points).toBe(earned);
    expect(s.points.expiring).toEqual([
      { points: 305, expiresAt: addDays(START, 365).toISOString() },
    ]);
    expect(s.tier).toMatchObject({ current: null, metric: 'points' });
    expect(s.tier.next).toMatchObject({ code: 'silver', name: 'Silver', threshold: 1000 });
    const byId = new Map(s.rewards.map((r: { id: string }) => [r.id, r]));
    expect(byId.get(cheap.id)).toMatchObject({
      name: cheap.name,
      kind: 'percent_discount',
      value: 10,
      pointsPrice: 100,
      affordable: true,
      eligible: true,
      reasons: [],
    });
    expect(byId.get(dear.id)).toMatchObject({
      kind: 'free_product',
      sku: 'MUG',
      affordable: false,
      eligible: false,
      reasons: [expect.objectContaining({ code: 'insufficient_points', pointsMissing: 99_695 })],
    });
    expect(s.referral.code).toMatch(/^[0-9A-Z]{8}$/);
    expect(s.referral.link).toContain(s.referral.code);
    expect(s.referral).toMatchObject({ referrerPoints: 500, friendPoints: 250 });
    expect(s.history.map((h: { kind: string }) => h.kind).sort()).toEqual([
      'adjust.credit',
      'adjust.credit',
      'earn.order.pending',
    ]);
    expect(s.history).toContainEqual(
      expect.objectContaining({ kind: 'adjust.credit', points: 300, description: 'welcome gift' }),
    );
    expect(s.coupons).toEqual([]);
    expect(s.programme).toEqual({ name: 'Regulars', currency: 'GBP', pointsPerCurrencyUnit: 1 });

    // Once the return window has passed, the page shows the order's points as spendable.
    clock.set(addDays(START, 15));
    const later = (await summary(m.token)).body;
    expect(later.points).toMatchObject({ balance: 305 + earned, pending: 0 });
    expect(later.points.expiring).toHaveLength(2);
    expect(later.history[0]).toMatchObject({ kind: 'pending.post', points: earned });

    const qr = await app.request(s.card.qrSvgUrl);
    expect(qr.status).toBe(200);
    expect(qr.headers.get('content-type')).toContain('image/svg+xml');
    expect(qr.headers.get('cache-control')).toBe('no-store');
    expect(await qr.text()).toContain('<svg');
  });

  it('answers a forged, malformed, unknown or revoked token with the same 404, never a 500', async () => {
    const m = await newMember(10);
    const reward = await newReward();
    const rotated = await t.call('POST', `/v1/customers/${m.id}/card/rotate`);
    expect(rotated.status).toBe(201);
    const current = rotated.body.token as string;
    const forged = current.slice(0, -1) + (current.endsWith('A') ? 'B' : 'A');
    for (const token of [m.token, forged, 'nope', 'a.b', 'x'.repeat(1000), '%E2%82%AC']) {
      for (const res of [
        await summary(token),
        await redeem(token, reward.id),
        await send(`/m/api/${token}/qr.svg`),
      ]) {
        expect(res.status, token).toBe(404);
        expect(res.body).toMatchObject({
          code: 'card_not_found',
          detail: 'No active member card for this token',
        });
        expect(res.headers.get('cache-control')).toBe('no-store');
      }
    }
    expect((await summary(current)).status).toBe(200);
  });

  it('redeems a reward for a coupon; a retry with the same key returns it and spends once', async () => {
    const m = await newMember(250);
    const reward = await newReward({ pointsCost: 100, couponValidityDays: 30 });
    const key = unique('tap');
    const first = await redeem(m.token, reward.id, key);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.coupon.code).toMatch(COUPON_CODE_PATTERN);
    expect(first.body.coupon.validUntil).toBe(addDays(clock.now(), 30).toISOString());
    expect(first.body).toMatchObject({
      reward: { id: reward.id, name: reward.name },
      pointsSpent: 100,
      balance: 150,
    });
    expect(first.headers.get('cache-control')).toBe('no-store');

    const retries = await Promise.all([1, 2, 3].map(() => redeem(m.token, reward.id, key)));
    for (const retry of retries) {
      expect(retry.status).toBe(200);
      expect(retry.body.coupon.code).toBe(first.body.coupon.code);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
    }
    const after = (await summary(m.token)).body;
    expect(after.points.balance).toBe(150);
    expect(after.history.filter((h: { kind: string }) => h.kind === 'redeem')).toEqual([
      expect.objectContaining({ points: -100, description: reward.name }),
    ]);
    expect((await writes(m.id)).coupons).toBe(1);
    // The coupon stays in the member's wallet after a reload.
    expect(after.coupons).toEqual([
      expect.objectContaining({
        code: first.body.coupon.code,
        rewardName: reward.name,
        kind: 'percent_discount',
        value: 10,
        usesLeft: 1,
        validUntil: first.body.coupon.validUntil,
      }),
    ]);
  });

  it('refuses a reward the member cannot afford with a clear 409 and writes nothing', async () => {
    const m = await newMember(50);
    const reward = await newReward({ pointsCost: 100, stock: 5 });
    const before = await writes(m.id);
    const res = await redeem(m.token, reward.id);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('insufficient_points');
    expect(res.body.detail).toBe('Not enough points: this reward needs 100, you have 50');
    expect(await writes(m.id)).toEqual(before);
    expect((await t.call('GET', `/v1/rewards/${reward.id}`)).body.stock).toBe(5);
    expect((await summary(m.token)).body.points.balance).toBe(50);
  });

  it('refuses with the codes the route documents: unknown reward, tier only, not now, key reused', async () => {
    const m = await newMember(500);
    const before = await writes(m.id);
    const unknown = await redeem(m.token, 'rwd_unknown');
    expect([unknown.status, unknown.body.code]).toEqual([404, 'reward_not_found']);
    const lostCard = await redeem('not-a-card', 'rwd_unknown');
    expect([lostCard.status, lostCard.body.code]).toEqual([404, 'card_not_found']);

    const goldOnly = await newReward({ tierCodes: ['gold'] });
    const tier = await redeem(m.token, goldOnly.id);
    expect([tier.status, tier.body.code]).toEqual([422, 'tier_required']);
    const later = await newReward({ validFrom: addDays(clock.now(), 7).toISOString() });
    const notYet = await redeem(m.token, later.id);
    expect([notYet.status, notYet.body.code]).toEqual([422, 'reward_not_available']);
    expect(await writes(m.id)).toEqual(before);

    const key = unique('tap');
    const first = await newReward();
    expect((await redeem(m.token, first.id, key)).status).toBe(201);
    const other = await newReward();
    const reused = await redeem(m.token, other.id, key);
    expect([reused.status, reused.body.code]).toEqual([422, 'idempotency_key_reused']);
  });

  it('needs an Idempotency-Key and a JSON content type, so neither a bare retry nor a form can spend', async () => {
    const m = await newMember(500);
    const reward = await newReward();
    const before = await writes(m.id);
    const missing = await redeem(m.token, reward.id, null);
    expect(missing.status).toBe(400);
    expect(missing.body.detail).toContain('Idempotency-Key');
    expect(missing.body.errors.map((e: { path: string }) => e.path)).toContain('idempotency-key');
    for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data']) {
      const res = await send(`/m/api/${m.token}/rewards/${reward.id}/redeem`, {
        method: 'POST',
        headers: { 'content-type': type, 'idempotency-key': unique('form') },
        body: 'a=1',
      });
      expect(res.status, type).toBe(415);
      expect(res.body.code).toBe('unsupported_media_type');
    }
    const untyped = await send(`/m/api/${m.token}/rewards/${reward.id}/redeem`, {
      method: 'POST',
      headers: { 'idempotency-key': unique('bare') },
    });
    expect(untyped.status).toBe(415);
    expect(await writes(m.id)).toEqual(before);
  });

  it('never overspends under concurrent redeems with different keys', async () => {
    const m = await newMember(350);
    const reward = await newReward({ pointsCost: 100 });
    const results = await Promise.all(Array.from({ length: 6 }, () => redeem(m.token, reward.id)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 201, 409, 409, 409]);
    const codes = new Set(results.filter((r) => r.status === 201).map((r) => r.body.coupon.code));
    expect(codes.size).toBe(3);
    expect((await summary(m.token)).body.points.balance).toBe(50);
    expect((await writes(m.id)).coupons).toBe(3);

    // And a limited stock is never given out twice.
    const rich = await newMember(10_000);
    const scarce = await newReward({ pointsCost: 10, stock: 2 });
    const taps = await Promise.all(Array.from({ length: 5 }, () => redeem(rich.token, scarce.id)));
    expect(taps.filter((r) => r.status === 201)).toHaveLength(2);
    expect(taps.filter((r) => r.status === 409).map((r) => r.body.code)).toEqual([
      'out_of_stock',
      'out_of_stock',
      'out_of_stock',
    ]);
    expect((await summary(rich.token)).body.points.balance).toBe(10_000 - 20);
  });

  it('ignores any Authorization header: the token alone decides', async () => {
    const m = await newMember(0);
    const res = await app.request(`/m/api/${m.token}`, {
      headers: { authorization: 'Bearer not-a-key' },
    });
    expect(res.status).toBe(200);
  });
});
