import { pino } from 'pino';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xmlProblems } from '../src/core/analytics/charts/xml.test-support.js';
import { loadCardSecret } from '../src/core/cards/card-secret.js';
import { verifyCardToken } from '../src/core/cards/card-token.js';
import { cardSecretStore } from '../src/db/cards.repository.js';
import { createApp } from '../src/http/app.js';
import { manualClock, startTestApp, type TestApp } from './support/app.js';
import { createCustomer, points, unique } from './support/fixtures.js';

const START = new Date('2026-06-01T09:00:00.000Z');
const clock = manualClock(START);
let t: TestApp;
let pos: Record<string, string>;
beforeAll(async () => {
  t = await startTestApp({ clock });
  pos = { authorization: `Bearer ${await t.keyFor('pos')}` };
});
afterAll(() => t.close());

const cardOf = async (customerId: string) => {
  const res = await t.call('GET', `/v1/customers/${customerId}/card`);
  expect(res.status).toBe(200);
  return res.body as { cardId: string; token: string; qrSvgUrl: string; memberPageUrl: string };
};

/** Replaces the character at `i` with another one of the token alphabet. */
const changeCharAt = (token: string, i: number) =>
  token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);

const award = (token: string, body: unknown, key: string | null = unique('award')) =>
  t.call('POST', `/v1/pos/cards/${token}/award`, body, {
    ...pos,
    ...(key === null ? {} : { 'idempotency-key': key }),
  });

const redeem = (token: string, body: unknown, key = unique('redeem')) =>
  t.call('POST', `/v1/pos/cards/${token}/redeem`, body, { ...pos, 'idempotency-key': key });

describe('member cards', () => {
  it('issues one card per member whose token names the card, not the customer, and verifies', async () => {
    const c = await createCustomer(t, { firstName: 'Ann', lastName: 'Lee' });
    const card = await cardOf(c.id);
    expect(card.cardId).toMatch(/^crd_[0-9A-Z]{26}$/);
    expect(card.token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(card.token).not.toContain(c.id);
    expect(card.token).not.toContain(card.cardId);
    expect(card.qrSvgUrl).toBe(`/v1/customers/${c.id}/card.svg`);
    expect(card.memberPageUrl).toBe(`/m/${card.token}`);
    // Asking again returns the same card, not a new one.
    expect((await cardOf(c.id)).cardId).toBe(card.cardId);

    const secret = await loadCardSecret({ secrets: cardSecretStore(t.database.db), clock });
    expect(verifyCardToken(secret.key, card.token)).toBe(card.cardId);
  });

  it('a token with one character changed, in the card part or the signature, is not found', async () => {
    const c = await createCustomer(t);
    const { token } = await cardOf(c.id);
    const dot = token.indexOf('.');
    for (const i of [0, dot - 1, dot + 1, token.length - 1]) {
      const res = await t.call('GET', `/v1/pos/cards/${changeCharAt(token, i)}`, undefined, pos);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('card_not_found');
    }
    for (const junk of ['x', c.id, 'a.b', `${token}.x`]) {
      const res = await t.call('GET', `/v1/pos/cards/${encodeURIComponent(junk)}`, undefined, pos);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('card_not_found');
    }
    const tampered = await award(changeCharAt(token, token.length - 1), {
      points: 5,
      reason: 'tampered',
    });
    expect(tampered.status).toBe(404);
    expect((await points(t, c.id)).balance).toBe(0);
  });

  it('a POS key looks the member up, awards and redeems, and sees the balance change', async () => {
    const c = await createCustomer(t, { firstName: 'Bea', lastName: 'Okafor' });
    const { token, cardId } = await cardOf(c.id);

    const looked = await t.call('GET', `/v1/pos/cards/${token}`, undefined, pos);
    expect(looked.status).toBe(200);
    expect(looked.body).toEqual({
      cardId,
      customerId: c.id,
      name: 'Bea Okafor',
      firstName: 'Bea',
      lastName: 'Okafor',
      balance: 0,
      pending: 0,
      nextExpiring: null,
      tier: null,
    });

    const awarded = await award(token, { points: 120, reason: 'welcome gift at the till' });
    expect(awarded.status).toBe(201);
    expect(awarded.body.entry).toMatchObject({
      code: 'adjust.credit',
      points: 120,
      balanceDelta: 120,
      reason: 'welcome gift at the till',
    });
    expect(awarded.body.entry.actor).toMatch(/^key_/);
    expect(awarded.body.member).toMatchObject({ balance: 120, nextExpiring: { points: 120 } });

    const redeemed = await redeem(token, { points: 45 });
    expect(redeemed.status).toBe(201);
    expect(redeemed.body.entry).toMatchObject({ code: 'redeem', points: 45, balanceDelta: -45 });
    expect(redeemed.body.member.balance).toBe(75);

    const after = await t.call('GET', `/v1/pos/cards/${token}`, undefined, pos);
    expect(after.body).toMatchObject({ balance: 75, nextExpiring: { points: 75 } });
    expect((await points(t, c.id)).balance).toBe(75);

    const tooMuch = await redeem(token, { points: 76, reason: 'mug' });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.code).toBe('insufficient_points');
    expect((await points(t, c.id)).balance).toBe(75);
  });

  it('shows the member’s tier when they have one', async () => {
    const c = await createCustomer(t);
    const { token } = await cardOf(c.id);
    // Written directly: the tiers module owns these tables and its service is not ours to call.
    const code = unique('gold');
    await t.database.db
      .insertInto('tier_definition')
      .values({
        code,
        name: 'Gold',
        rank: 9_001,
        threshold: 500,
        earn_multiplier_percent: 150,
        benefits: '[]',
        created_at: START,
        updated_at: START,
      })
      .execute();
    await t.database.db
      .insertInto('member_tier')
      .values({
        customer_id: c.id,
        tier_code: code,
        since: START,
        review_at: null,
        updated_at: START,
      })
      .execute();
    const res = await t.call('GET', `/v1/pos/cards/${token}`, undefined, pos);
    expect(res.status).toBe(200);
    expect(res.body.tier).toEqual({ code, name: 'Gold' });
  });

  it('a POS key may not call the admin card routes', async () => {
    const c = await createCustomer(t);
    for (const [method, path] of [
      ['GET', `/v1/customers/${c.id}/card`],
      ['GET', `/v1/customers/${c.id}/card.svg`],
      ['POST', `/v1/customers/${c.id}/card/rotate`],
    ] as const) {
      const res = await t.call(method, path, undefined, pos);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.code).toBe('role_not_allowed');
    }
    const count = await t.database.db
      .selectFrom('member_card')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('customer_id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('rotation issues a new card and the old token stops working', async () => {
    const c = await createCustomer(t);
    const old = await cardOf(c.id);
    const rotated = await t.call('POST', `/v1/customers/${c.id}/card/rotate`);
    expect(rotated.status).toBe(201);
    expect(rotated.body.cardId).not.toBe(old.cardId);
    expect(rotated.body.token).not.toBe(old.token);

    const oldLookup = await t.call('GET', `/v1/pos/cards/${old.token}`, undefined, pos);
    expect(oldLookup.status).toBe(404);
    expect(oldLookup.body.code).toBe('card_not_found');
    expect((await award(old.token, { points: 5, reason: 'old card' })).status).toBe(404);

    const newLookup = await t.call('GET', `/v1/pos/cards/${rotated.body.token}`, undefined, pos);
    expect(newLookup.status).toBe(200);
    expect(newLookup.body.cardId).toBe(rotated.body.cardId);
    expect((await cardOf(c.id)).cardId).toBe(rotated.body.cardId);
  });

  it('serves the QR code as a well-formed SVG that encodes the token', async () => {
    const c = await createCustomer(t);
    const { token } = await cardOf(c.id);
    const res = await t.call('GET', `/v1/customers/${c.id}/card.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    const svg = res.body as string;
    expect(svg.trim()).toMatch(
      /^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"[\s\S]*<\/svg>$/,
    );
    expect(xmlProblems(svg.trim())).toEqual([]);
    // The QR encoder is deterministic: the same picture as encoding the token itself.
    expect(svg).toBe(await QRCode.toString(token, { type: 'svg', errorCorrectionLevel: 'M' }));
  });

  it('an award retried with the same Idempotency-Key credits once', async () => {
    const c = await createCustomer(t);
    const { token } = await cardOf(c.id);
    const key = unique('till-7');
    const first = await award(token, { points: 30, reason: 'birthday visit' }, key);
    const again = await award(token, { points: 30, reason: 'birthday visit' }, key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.entry.id).toBe(first.body.entry.id);
    expect((await points(t, c.id)).balance).toBe(30);

    const otherBody = await award(token, { points: 31, reason: 'birthday visit' }, key);
    expect(otherBody.status).toBe(422);
    expect((await points(t, c.id)).balance).toBe(30);
  });

  it('bad award input is a 400 naming the field, and writes nothing', async () => {
    const c = await createCustomer(t);
    const { token } = await cardOf(c.id);
    const zero = await award(token, { points: 0, reason: 'nothing' });
    expect(zero.status).toBe(400);
    expect(zero.body.errors.map((e: { path: string }) => e.path)).toEqual(['points']);

    const noReason = await award(token, { points: 10 });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors.map((e: { path: string }) => e.path)).toEqual(['reason']);

    const noKey = await award(token, { points: 10, reason: 'no key' }, null);
    expect(noKey.status).toBe(400);
    expect(noKey.body.errors[0].path).toBe('idempotency-key');
    expect(noKey.body.detail).toMatch(/idempotency-key/i);

    const noRedeemKey = await t.call('POST', `/v1/pos/cards/${token}/redeem`, { points: 1 }, pos);
    expect(noRedeemKey.status).toBe(400);
    expect(noRedeemKey.body.errors[0].path).toBe('idempotency-key');

    expect((await points(t, c.id)).balance).toBe(0);
  });

  it('the generated secret is kept in the database: tokens survive a restart', async () => {
    const c = await createCustomer(t);
    const { token, cardId } = await cardOf(c.id);

    const first = await loadCardSecret({ secrets: cardSecretStore(t.database.db), clock });
    const second = await loadCardSecret({ secrets: cardSecretStore(t.database.db), clock });
    expect(first.key.length).toBe(32);
    expect(second.key.equals(first.key)).toBe(true);

    // A second server process over the same database: a fresh app, with nothing cached.
    const restarted = createApp({
      db: t.database.db,
      clock,
      log: pino({ level: 'silent' }),
      bodyLimitBytes: 1024 * 1024,
      database: t.database,
    });
    const res = await restarted.request(`/v1/pos/cards/${token}`, { headers: pos });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { cardId: string }).cardId).toBe(cardId);

    // A configured REGULARS_CARD_SECRET takes precedence: tokens signed by another key fail.
    const configured = createApp({
      db: t.database.db,
      clock,
      log: pino({ level: 'silent' }),
      bodyLimitBytes: 1024 * 1024,
      database: t.database,
      cardSecret: 'a-configured-card-secret-of-at-least-32-chars',
    });
    const other = await configured.request(`/v1/pos/cards/${token}`, { headers: pos });
    expect(other.status).toBe(404);
  });

  it('concurrent first requests issue one card; concurrent rotations end on one new card', async () => {
    const c = await createCustomer(t);
    const cards = await Promise.all([1, 2, 3, 4, 5].map(() => cardOf(c.id)));
    expect(new Set(cards.map((card) => card.cardId)).size).toBe(1);

    const rotations = await Promise.all(
      [1, 2, 3].map(() => t.call('POST', `/v1/customers/${c.id}/card/rotate`)),
    );
    expect(rotations.map((r) => r.status)).toEqual([201, 201, 201]);
    const active = await t.database.db
      .selectFrom('member_card')
      .select('id')
      .where('customer_id', '=', c.id)
      .where('revoked_at', 'is', null)
      .execute();
    expect(active).toHaveLength(1);
    expect((await cardOf(c.id)).cardId).toBe(active[0]!.id);
  });

  it('documents the card routes in the OpenAPI document', async () => {
    const res = await t.call('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/customers/{id}/card',
        '/v1/customers/{id}/card.svg',
        '/v1/customers/{id}/card/rotate',
        '/v1/pos/cards/{token}',
        '/v1/pos/cards/{token}/award',
        '/v1/pos/cards/{token}/redeem',
      ]),
    );
  });
});

describe('a card secret generated by a request that rolled back', () => {
  it('is never used: the next request stores and signs with the one that sticks', async () => {
    const fresh = await startTestApp({ clock });
    try {
      const posKey = { authorization: `Bearer ${await fresh.keyFor('pos')}` };
      // The very first use of the secret is inside a write that fails and rolls back.
      const failed = await fresh.call(
        'POST',
        '/v1/pos/cards/not-a-token/award',
        { points: 5, reason: 'nobody' },
        { ...posKey, 'idempotency-key': unique('k') },
      );
      expect(failed.status).toBe(404);
      const stored = await fresh.database.db.selectFrom('app_secret').selectAll().execute();
      expect(stored).toHaveLength(0);

      const c = await createCustomer(fresh);
      const card = await fresh.call('GET', `/v1/customers/${c.id}/card`);
      const secret = await loadCardSecret({
        secrets: cardSecretStore(fresh.database.db),
        clock,
      });
      expect(verifyCardToken(secret.key, card.body.token)).toBe(card.body.cardId);
      const found = await fresh.call('GET', `/v1/pos/cards/${card.body.token}`, undefined, posKey);
      expect(found.status).toBe(200);
    } finally {
      await fresh.close();
    }
  });
});
