import { sql, type RawBuilder } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { referralRepository } from '../src/db/referrals.repository.js';
import { manualClock, startTestApp, type TestApp } from './support/app.js';
import { createCustomer, orderBody, points, unique } from './support/fixtures.js';

// The programme defaults: GBP, 1 point per pound, 14-day return window. An order's own points stay
// pending for the window, so a member's spendable balance here is what the referral awards gave.
const START = new Date('2026-06-01T09:00:00.000Z');
const clock = manualClock(START);
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(() => t.close());
beforeEach(() => clock.set(START));

const TERMS = {
  enabled: true,
  referrerPoints: 500,
  friendPoints: 250,
  minOrderMinor: 3000,
  maxConversionsPerReferrer: null as number | null,
};

const configure = async (
  overrides: Partial<typeof TERMS> & { linkBaseUrl?: string | null } = {},
) => {
  const res = await t.call('PUT', '/v1/referrals/settings', { ...TERMS, ...overrides });
  expect(res.status).toBe(200);
  return res.body;
};

const codeOf = async (customerId: string): Promise<string> => {
  const res = await t.call('GET', `/v1/customers/${customerId}/referral`);
  expect(res.status).toBe(200);
  return res.body.code as string;
};

const referralsOf = async (query: string) => {
  const res = await t.call('GET', `/v1/referrals?${query}`);
  expect(res.status).toBe(200);
  return res.body.referrals as any[];
};

/** The friend's one referral record (refused ones included), newest first. */
const referralOfFriend = async (friendId: string) =>
  (await referralsOf(`referredId=${friendId}`))[0];

const signUpWith = (code: string, fields: Record<string, unknown> = {}) =>
  createCustomer(t, { referralCode: code, ...fields });

/** 2 × 10.50 + 9.99 = 30.99 GBP, placed now. */
const order = async (customerId: string, fields: Record<string, unknown> = {}) => {
  const res = await t.call(
    'POST',
    '/v1/orders',
    orderBody(customerId, { placedAt: clock.now().toISOString(), ...fields }),
  );
  expect(res.status).toBe(201);
  return res.body.order as { id: string; totalMinor: number };
};

const balance = async (customerId: string) => (await points(t, customerId)).balance;

const count = async (query: RawBuilder<{ n: number }>) =>
  Number((await query.execute(t.database.db)).rows[0]?.n ?? 0);

const referralRows = () => count(sql<{ n: number }>`select count(*) as n from referral`);

const awardEntries = (referralId: string) =>
  count(
    sql<{ n: number }>`select count(*) as n from ledger_entry
      where idempotency_key like ${`award:referral:${referralId}:%`}`,
  );

describe('referral settings', () => {
  it('start from stored defaults, are replaced by PUT, and set where links point', async () => {
    const initial = await t.call('GET', '/v1/referrals/settings');
    expect(initial.status).toBe(200);
    expect(initial.body).toMatchObject({
      enabled: true,
      referrerPoints: 500,
      friendPoints: 250,
      minOrderMinor: 2000,
      currency: 'GBP',
      maxConversionsPerReferrer: 25,
      linkBaseUrl: 'http://localhost:3000',
      linkBaseUrlIsDefault: true,
    });

    const member = await createCustomer(t);
    const saved = await configure({ referrerPoints: 700, linkBaseUrl: 'https://shop.example/' });
    expect(saved).toMatchObject({
      referrerPoints: 700,
      linkBaseUrl: 'https://shop.example',
      linkBaseUrlIsDefault: false,
    });
    expect((await t.call('GET', '/v1/referrals/settings')).body).toEqual(saved);
    const code = await codeOf(member.id);
    expect((await t.call('GET', `/v1/customers/${member.id}/referral`)).body.link).toBe(
      `https://shop.example/r/${code}`,
    );

    expect((await configure({ linkBaseUrl: null })).linkBaseUrl).toBe('http://localhost:3000');
    expect((await t.call('GET', `/v1/customers/${member.id}/referral`)).body.link).toBe(
      `http://localhost:3000/r/${code}`,
    );
  });

  it('are for admins; a pos key may read a member’s code but not the programme', async () => {
    const pos = { authorization: `Bearer ${await t.keyFor('pos')}` };
    const member = await createCustomer(t);
    expect((await t.call('GET', '/v1/referrals/settings', undefined, pos)).status).toBe(403);
    expect((await t.call('PUT', '/v1/referrals/settings', TERMS, pos)).status).toBe(403);
    expect((await t.call('GET', '/v1/referrals', undefined, pos)).status).toBe(403);
    expect(
      (await t.call('GET', `/v1/customers/${member.id}/referral`, undefined, pos)).status,
    ).toBe(200);
  });
});

describe('referral codes', () => {
  it('one random, unambiguous code per member, issued on first request, with stats', async () => {
    await configure();
    const a = await createCustomer(t);
    const b = await createCustomer(t);
    const first = await t.call('GET', `/v1/customers/${a.id}/referral`);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      customerId: a.id,
      code: expect.stringMatching(/^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{8}$/),
      link: `http://localhost:3000/r/${first.body.code}`,
      stats: { invited: 0, converted: 0, reversed: 0, pointsEarned: 0 },
    });
    expect(await codeOf(a.id)).toBe(first.body.code);
    expect(await codeOf(b.id)).not.toBe(first.body.code);

    const missing = await t.call('GET', '/v1/customers/cus_nobody/referral');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('customer_not_found');
  });
});

describe('referral codes across members', () => {
  // Codes are drawn at random, so a clash is forced here through the repository.
  const claim = (customerId: string, code: string) =>
    t.database.db
      .transaction()
      .execute((trx) =>
        referralRepository(trx).insertCodeIfAbsent({ customerId, code, createdAt: START }),
      );

  it('a code is held by one member, also when two claim it at once; a member keeps their first', async () => {
    const [ann, bob] = [await createCustomer(t), await createCustomer(t)];
    const code = unique('CODE').toUpperCase();
    const [forAnn, forBob] = await Promise.all([claim(ann.id, code), claim(bob.id, code)]);
    const holder = forAnn?.code === code ? ann : bob;
    const other = holder === ann ? bob : ann;
    expect([forAnn?.code === code, forBob?.code === code].sort()).toEqual([false, true]);
    expect(await claim(other.id, code)).toBeNull();
    expect((await referralRepository(t.database.db).findCode(code))?.customerId).toBe(holder.id);

    const second = unique('CODE').toUpperCase();
    expect((await claim(holder.id, second))?.code).toBe(code);
    expect(await referralRepository(t.database.db).findCode(second)).toBeNull();
    expect(
      await count(
        sql<{ n: number }>`select count(*) as n from referral_code_owner where code = ${second}`,
      ),
    ).toBe(0);
    expect((await claim(other.id, second))?.code).toBe(second);
  });
});

describe('a referral from sign-up to reward', () => {
  it('a friend who signs up with the code and places a qualifying order rewards both', async () => {
    await configure();
    const ann = await createCustomer(t, { firstName: 'Ann' });
    const code = await codeOf(ann.id);
    // Typed by a person: lower case, a dash in the middle.
    const bob = await signUpWith(`${code.slice(0, 4).toLowerCase()}-${code.slice(4)}`);

    const pending = await referralOfFriend(bob.id);
    expect(pending).toMatchObject({
      code,
      referrerId: ann.id,
      referredId: bob.id,
      status: 'pending',
      source: 'signup',
      reason: null,
    });
    expect(pending.id).toMatch(/^ref_/);
    expect(await balance(ann.id)).toBe(0);

    const first = await order(bob.id);
    const converted = await referralOfFriend(bob.id);
    expect(converted).toMatchObject({
      status: 'converted',
      orderId: first.id,
      referrerPoints: 500,
      friendPoints: 250,
      minOrderMinor: 3000,
      convertedAt: START.toISOString(),
    });
    expect(await balance(ann.id)).toBe(500);
    expect(await balance(bob.id)).toBe(250);
    expect((await points(t, bob.id)).pending).toBe(30);
    const annLedger = (await t.call('GET', `/v1/customers/${ann.id}/ledger`)).body.entries;
    expect(annLedger).toEqual([
      expect.objectContaining({ code: 'earn.award', points: 500, reason: 'referral.referrer' }),
    ]);

    // A second order changes nothing: only the first qualifying order converts.
    await order(bob.id);
    expect(await balance(ann.id)).toBe(500);
    expect(await balance(bob.id)).toBe(250);
    expect((await t.call('GET', `/v1/customers/${ann.id}/referral`)).body.stats).toEqual({
      invited: 1,
      converted: 1,
      reversed: 0,
      pointsEarned: 500,
    });
  });

  it('an existing customer without orders can be attributed through the API', async () => {
    await configure();
    const ann = await createCustomer(t);
    const carl = await createCustomer(t);
    const code = await codeOf(ann.id);
    const res = await t.call('POST', '/v1/referrals', { code, customerId: carl.id });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ referrerId: ann.id, status: 'pending', source: 'api' });
    // Asking again for the same pair returns the same referral.
    const again = await t.call('POST', '/v1/referrals', { code, customerId: carl.id });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(res.body.id);
    await order(carl.id);
    expect((await referralOfFriend(carl.id)).status).toBe('converted');
    expect(await balance(ann.id)).toBe(500);
  });
});

describe('refusals', () => {
  const refusedByApi = async (body: unknown, code: string, path: string) => {
    const before = await referralRows();
    const res = await t.call('POST', '/v1/referrals', body);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe(code);
    expect(res.body.errors).toEqual([expect.objectContaining({ path })]);
    expect(await referralRows()).toBe(before);
  };

  it('self-referral: the same customer, the same e-mail in another case, the same phone', async () => {
    await configure();
    const ann = await createCustomer(t, {
      email: `${unique('ann')}@example.com`,
      phone: '+44 20 7946 0958',
    });
    const code = await codeOf(ann.id);
    const shouted = ann.email.toUpperCase();
    const [local, domain] = shouted.split('@') as [string, string];

    await refusedByApi({ code, customerId: ann.id }, 'referral_same_customer', 'customerId');

    // The very same address in capitals is the same customer: the sign-up itself is refused.
    const before = await referralRows();
    const same = await t.call('POST', '/v1/customers', { email: shouted, referralCode: code });
    expect(same.status).toBe(409);
    expect(same.body.code).toBe('email_taken');
    expect(await referralRows()).toBe(before);

    // The same mailbox with a +tag, in capitals: the sign-up stands, the referral is refused.
    const alias = await signUpWith(code, { email: `${local}+FRIEND@${domain}` });
    expect(await referralOfFriend(alias.id)).toMatchObject({
      status: 'refused',
      reason: 'same_email',
      referrerId: ann.id,
      referredId: alias.id,
    });
    // Through the API the same check refuses and records nothing.
    const alias2 = await createCustomer(t, { email: `${local}+Shop@${domain.toLowerCase()}` });
    await refusedByApi({ code, customerId: alias2.id }, 'referral_same_email', 'customerId');

    const phone = await signUpWith(code, { phone: '+44 (20) 7946-0958' });
    expect(await referralOfFriend(phone.id)).toMatchObject({
      status: 'refused',
      reason: 'same_phone',
    });
    const phone2 = await createCustomer(t, { phone: '0044 20 7946 0958' });
    await refusedByApi({ code, customerId: phone2.id }, 'referral_same_phone', 'customerId');

    // Refused referrals pay nothing, and do not count as invitations.
    await order(alias.id);
    await order(phone.id);
    expect(await balance(ann.id)).toBe(0);
    expect((await t.call('GET', `/v1/customers/${ann.id}/referral`)).body.stats.invited).toBe(0);
  });

  it('an unknown code, a friend already referred or with an order, a loop of referrals', async () => {
    await configure();
    const ann = await createCustomer(t);
    const dan = await createCustomer(t);
    const annCode = await codeOf(ann.id);
    const danCode = await codeOf(dan.id);

    const stranger = await signUpWith('ZZZZ-ZZZZ');
    expect(await referralOfFriend(stranger.id)).toMatchObject({
      status: 'refused',
      reason: 'unknown_code',
      referrerId: null,
      code: 'ZZZZZZZZ',
    });
    await refusedByApi(
      { code: 'ZZZZZZZZ', customerId: stranger.id },
      'referral_unknown_code',
      'code',
    );

    const eve = await signUpWith(annCode);
    await refusedByApi(
      { code: danCode, customerId: eve.id },
      'referral_already_referred',
      'customerId',
    );

    const buyer = await createCustomer(t);
    await order(buyer.id);
    await refusedByApi(
      { code: annCode, customerId: buyer.id },
      'referral_has_orders',
      'customerId',
    );

    // Eve was referred by Ann; Ann cannot now be referred by Eve.
    const eveCode = await codeOf(eve.id);
    await refusedByApi({ code: eveCode, customerId: ann.id }, 'referral_circular', 'customerId');
  });

  it('while the programme is off nothing is attributed and nothing converts', async () => {
    await configure();
    const ann = await createCustomer(t);
    const code = await codeOf(ann.id);
    const waiting = await signUpWith(code);
    await configure({ enabled: false });
    const late = await signUpWith(code);
    expect(await referralOfFriend(late.id)).toMatchObject({
      status: 'refused',
      reason: 'disabled',
    });
    await refusedByApi(
      { code, customerId: (await createCustomer(t)).id },
      'referral_disabled',
      'code',
    );
    await order(waiting.id);
    expect((await referralOfFriend(waiting.id)).status).toBe('pending');
    await configure();
    await order(waiting.id);
    expect((await referralOfFriend(waiting.id)).status).toBe('converted');
    expect(await balance(ann.id)).toBe(500);
  });
});

describe('conversion', () => {
  it('an order below the minimum or in another currency does not convert; a later one does', async () => {
    await configure({ minOrderMinor: 3000 });
    const ann = await createCustomer(t);
    const bob = await signUpWith(await codeOf(ann.id));
    const small = { lines: [{ sku: 'PEN', quantity: 1, unitPriceMinor: 2999 }] };
    await order(bob.id, small);
    await order(bob.id, {
      currency: 'EUR',
      lines: [{ sku: 'BAG', quantity: 1, unitPriceMinor: 9000 }],
    });
    expect((await referralOfFriend(bob.id)).status).toBe('pending');
    expect(await balance(ann.id)).toBe(0);

    const third = await order(bob.id, {
      lines: [{ sku: 'BAG', quantity: 1, unitPriceMinor: 3000 }],
    });
    expect(await referralOfFriend(bob.id)).toMatchObject({
      status: 'converted',
      orderId: third.id,
    });
    expect(await balance(ann.id)).toBe(500);
    expect(await balance(bob.id)).toBe(250);
  });

  it('past the yearly cap the friend is still rewarded, the referrer not; a new year pays again', async () => {
    await configure({ maxConversionsPerReferrer: 2 });
    const ann = await createCustomer(t);
    const code = await codeOf(ann.id);
    const friends = [await signUpWith(code), await signUpWith(code), await signUpWith(code)];
    for (const friend of friends) await order(friend.id);

    const records = await Promise.all(friends.map((f) => referralOfFriend(f.id)));
    expect(records.map((r) => [r.status, r.referrerPoints, r.reason])).toEqual([
      ['converted', 500, null],
      ['converted', 500, null],
      ['converted', 0, 'referrer_cap_reached'],
    ]);
    expect(await balance(ann.id)).toBe(1000);
    for (const friend of friends) expect(await balance(friend.id)).toBe(250);

    clock.set(new Date('2027-01-04T09:00:00.000Z'));
    const nextYear = await signUpWith(code);
    await order(nextYear.id);
    expect((await referralOfFriend(nextYear.id)).referrerPoints).toBe(500);
    expect(await balance(ann.id)).toBe(1500);
  });

  it('two qualifying orders of the friend sent at once convert once', async () => {
    await configure();
    const ann = await createCustomer(t);
    const bob = await signUpWith(await codeOf(ann.id));
    const results = await Promise.all([
      t.call('POST', '/v1/orders', orderBody(bob.id, { placedAt: START.toISOString() })),
      t.call('POST', '/v1/orders', orderBody(bob.id, { placedAt: START.toISOString() })),
      t.call('POST', '/v1/orders', orderBody(bob.id, { placedAt: START.toISOString() })),
    ]);
    expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
    const referral = await referralOfFriend(bob.id);
    expect(referral.status).toBe('converted');
    expect(results.map((r) => r.body.order.id)).toContain(referral.orderId);
    expect(await awardEntries(referral.id)).toBe(2);
    expect(await balance(ann.id)).toBe(500);
    expect(await balance(bob.id)).toBe(250);
  });

  it('friends of one referrer converting at once cannot overshoot the cap', async () => {
    await configure({ maxConversionsPerReferrer: 1 });
    const ann = await createCustomer(t);
    const code = await codeOf(ann.id);
    const friends = [await signUpWith(code), await signUpWith(code), await signUpWith(code)];
    await Promise.all(
      friends.map((f) =>
        t.call('POST', '/v1/orders', orderBody(f.id, { placedAt: START.toISOString() })),
      ),
    );
    const records = await Promise.all(friends.map((f) => referralOfFriend(f.id)));
    expect(records.every((r) => r.status === 'converted')).toBe(true);
    expect(records.filter((r) => r.referrerPoints === 500)).toHaveLength(1);
    expect(await balance(ann.id)).toBe(500);
  });
});

describe('reversal', () => {
  const returnLines = (orderId: string, lines: { lineNo: number; quantity: number }[]) =>
    t.call('POST', `/v1/orders/${orderId}/returns`, { lines, externalId: unique('r') });

  it('a return that takes the order below the minimum takes both rewards back, once', async () => {
    await configure({ minOrderMinor: 3000 });
    const ann = await createCustomer(t);
    const bob = await signUpWith(await codeOf(ann.id));
    // 3 × 10.50 + 9.99 = 41.49 GBP.
    const first = await order(bob.id, {
      lines: [
        { sku: 'MUG', quantity: 3, unitPriceMinor: 1050 },
        { sku: 'TEA', quantity: 1, unitPriceMinor: 999 },
      ],
    });
    expect(await balance(ann.id)).toBe(500);
    // Ann spends 300 of her 500 referral points before the order comes back.
    const spent = await t.call('POST', `/v1/customers/${ann.id}/points/redeem`, { points: 300 });
    expect(spent.status).toBe(201);

    // One mug back leaves 30.99 ≥ 30.00: the referral stands.
    expect((await returnLines(first.id, [{ lineNo: 1, quantity: 1 }])).status).toBe(201);
    expect((await referralOfFriend(bob.id)).status).toBe('converted');
    expect(await balance(ann.id)).toBe(200);

    // The tea back leaves 21.00: both rewards are reversed; Ann had only 200 left of her 500.
    const below = await returnLines(first.id, [{ lineNo: 2, quantity: 1 }]);
    expect(below.status).toBe(201);
    const reversed = await referralOfFriend(bob.id);
    expect(reversed).toMatchObject({
      status: 'reversed',
      returnId: below.body.id,
      reversedAt: START.toISOString(),
      referrerPoints: 500,
      friendPoints: 250,
      referrerPointsUnrecovered: 300,
      friendPointsUnrecovered: 0,
    });
    expect(await balance(ann.id)).toBe(0);
    expect(await balance(bob.id)).toBe(0);
    const annLedger = (await t.call('GET', `/v1/customers/${ann.id}/ledger`)).body.entries;
    expect(annLedger[0]).toMatchObject({ code: 'reverse.award', points: 200 });
    expect((await t.call('GET', `/v1/customers/${ann.id}/referral`)).body.stats).toMatchObject({
      converted: 0,
      reversed: 1,
      pointsEarned: 0,
    });

    // A second return of the same order changes nothing more.
    const entriesBefore = await awardEntries(reversed.id);
    const reverseEntries = () =>
      count(sql<{ n: number }>`select count(*) as n from ledger_entry
        where idempotency_key like ${`reverse:award:referral:${reversed.id}:%`}`);
    const reversalsBefore = await reverseEntries();
    expect((await returnLines(first.id, [{ lineNo: 1, quantity: 2 }])).status).toBe(201);
    expect(await referralOfFriend(bob.id)).toEqual(reversed);
    expect(await awardEntries(reversed.id)).toBe(entriesBefore);
    expect(await reverseEntries()).toBe(reversalsBefore);
    expect(await balance(ann.id)).toBe(0);

    // A reversed referral does not convert again on a later order.
    await order(bob.id);
    expect((await referralOfFriend(bob.id)).status).toBe('reversed');
    expect(await balance(ann.id)).toBe(0);
  });

  it('a whole return reverses even with no minimum; other orders’ returns do not', async () => {
    await configure({ minOrderMinor: 0 });
    const ann = await createCustomer(t);
    const bob = await signUpWith(await codeOf(ann.id));
    const first = await order(bob.id);
    const second = await order(bob.id);
    expect((await t.call('POST', `/v1/orders/${second.id}/returns`, {})).status).toBe(201);
    expect((await referralOfFriend(bob.id)).status).toBe('converted');
    expect((await t.call('POST', `/v1/orders/${first.id}/returns`, {})).status).toBe(201);
    expect((await referralOfFriend(bob.id)).status).toBe('reversed');
    expect(await balance(ann.id)).toBe(0);
    expect(await balance(bob.id)).toBe(0);
  });
});

describe('bad input', () => {
  const expectField = (res: { status: number; body: any }, path: string) => {
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  };

  it('is a 400 naming the field, and writes nothing', async () => {
    await configure();
    const before = (await t.call('GET', '/v1/referrals/settings')).body;
    expectField(
      await t.call('PUT', '/v1/referrals/settings', { ...TERMS, referrerPoints: -1 }),
      'referrerPoints',
    );
    expectField(
      await t.call('PUT', '/v1/referrals/settings', { ...TERMS, friendPoints: 1.5 }),
      'friendPoints',
    );
    const { enabled: _enabled, ...noEnabled } = TERMS;
    expectField(await t.call('PUT', '/v1/referrals/settings', noEnabled), 'enabled');
    expectField(
      await t.call('PUT', '/v1/referrals/settings', { ...TERMS, maxConversionsPerReferrer: 0 }),
      'maxConversionsPerReferrer',
    );
    expectField(
      await t.call('PUT', '/v1/referrals/settings', {
        ...TERMS,
        linkBaseUrl: 'ftp://shop.example',
      }),
      'linkBaseUrl',
    );
    expect((await t.call('GET', '/v1/referrals/settings')).body).toEqual(before);

    const ann = await createCustomer(t);
    expectField(await t.call('POST', '/v1/referrals', { code: '', customerId: ann.id }), 'code');
    expectField(await t.call('POST', '/v1/referrals', { code: 'ABCDEFGH' }), 'customerId');
    expectField(await t.call('GET', '/v1/referrals?status=paid'), 'status');
    expectField(await t.call('GET', '/v1/referrals?limit=0'), 'limit');

    const customers = await count(sql<{ n: number }>`select count(*) as n from customer`);
    expectField(
      await t.call('POST', '/v1/customers', {
        email: 'x@example.com',
        referralCode: 'X'.repeat(40),
      }),
      'referralCode',
    );
    expect(await count(sql<{ n: number }>`select count(*) as n from customer`)).toBe(customers);

    const missing = await t.call('POST', '/v1/referrals', {
      code: 'ABCDEFGH',
      customerId: 'cus_nobody',
    });
    expect(missing.status).toBe(404);
    expect(missing.body.errors).toEqual([expect.objectContaining({ path: 'customerId' })]);
  });
});

describe('GET /v1/referrals/stats', () => {
  // A programme of its own, so the figures are only this story's.
  const statsClock = manualClock(new Date('2026-03-02T10:00:00.000Z'));
  let s: TestApp;
  beforeAll(async () => {
    s = await startTestApp({ clock: statsClock });
  });
  afterAll(() => s.close());

  const ok = async (method: string, path: string, body?: unknown) => {
    const res = await s.call(method, path, body);
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    return res.body;
  };
  const member = (fields: Record<string, unknown> = {}) => createCustomer(s, fields);
  const codeFor = async (id: string) =>
    (await ok('GET', `/v1/customers/${id}/referral`)).code as string;
  const buy = async (customerId: string) =>
    (
      await ok(
        'POST',
        '/v1/orders',
        orderBody(customerId, { placedAt: statsClock.now().toISOString() }),
      )
    ).order.id as string;
  const stats = (query = '') => ok('GET', `/v1/referrals/stats${query}`);

  it('counts referrals by state and the points their awards moved, with and without a window', async () => {
    await ok('PUT', '/v1/referrals/settings', { ...TERMS, maxConversionsPerReferrer: 2 });
    expect(await stats()).toEqual({
      from: null,
      to: null,
      referrals: { total: 0, pending: 0, converted: 0, reversed: 0, refused: 0 },
      conversionRatePercent: null,
      pointsAwarded: { referrers: 0, friends: 0, reversed: 0 },
      topReferrers: [],
    });

    // 2 March: Ann refers Bob and Cat, Dan refers Eve; a mistyped code is refused.
    const ann = await member({ firstName: 'Ann', lastName: 'Lee' });
    const dan = await member();
    const annCode = await codeFor(ann.id);
    const danCode = await codeFor(dan.id);
    const bob = await member({ referralCode: annCode });
    const cat = await member({ referralCode: annCode });
    const eve = await member({ referralCode: danCode });
    await member({ referralCode: 'ZZZZ-ZZZZ' });

    // 10 March: Bob and Eve convert (500 to the referrer, 250 to the friend each).
    statsClock.set(new Date('2026-03-10T10:00:00.000Z'));
    await buy(bob.id);
    const eveOrder = await buy(eve.id);

    // 23:30 UTC on 31 March is 00:30 on 1 April in London: Cat converts (Ann's second paid
    // conversion this year); Fay stays pending; Gus converts past Ann's cap of 2 (friend only);
    // Dan's Hal converts.
    statsClock.set(new Date('2026-03-31T23:30:00.000Z'));
    await buy(cat.id);
    await member({ referralCode: annCode });
    const gus = await member({ referralCode: annCode });
    await buy(gus.id);
    const hal = await member({ referralCode: danCode });
    await buy(hal.id);

    // 20 May: Eve returns her order whole; both of its awards are taken back (500 + 250).
    statsClock.set(new Date('2026-05-20T10:00:00.000Z'));
    await ok('POST', `/v1/orders/${eveOrder}/returns`, {});

    const annRow = { customerId: ann.id, name: 'Ann Lee', email: ann.email };
    const danRow = { customerId: dan.id, name: null, email: dan.email };
    expect(await stats()).toEqual({
      from: null,
      to: null,
      // Bob, Cat, Eve, the refused one, Fay, Gus, Hal.
      referrals: { total: 7, pending: 1, converted: 4, reversed: 1, refused: 1 },
      conversionRatePercent: 66.67,
      pointsAwarded: { referrers: 2000, friends: 1250, reversed: 750 },
      topReferrers: [
        { ...annRow, converted: 3, pointsEarned: 1000 },
        { ...danRow, converted: 1, pointsEarned: 500 },
      ],
    });

    // April in London: Fay, Gus and Hal were made, Cat, Gus and Hal converted.
    expect(await stats('?from=2026-04-01&to=2026-04-30')).toEqual({
      from: '2026-04-01',
      to: '2026-04-30',
      referrals: { total: 3, pending: 1, converted: 3, reversed: 0, refused: 0 },
      conversionRatePercent: 100,
      pointsAwarded: { referrers: 1000, friends: 750, reversed: 0 },
      topReferrers: [
        { ...annRow, converted: 2, pointsEarned: 500 },
        { ...danRow, converted: 1, pointsEarned: 500 },
      ],
    });

    // Up to 31 March: Bob, Cat, Eve and the refused one were made; only Bob's conversion stands.
    expect(await stats('?to=2026-03-31')).toMatchObject({
      from: null,
      referrals: { total: 4, pending: 0, converted: 1, reversed: 0, refused: 1 },
      conversionRatePercent: 33.33,
      pointsAwarded: { referrers: 1000, friends: 500, reversed: 0 },
      topReferrers: [{ ...annRow, converted: 1, pointsEarned: 500 }],
    });

    // From May: only Eve's reversal happened.
    expect(await stats('?from=2026-05-01')).toMatchObject({
      referrals: { total: 0, pending: 0, converted: 0, reversed: 1, refused: 0 },
      conversionRatePercent: null,
      pointsAwarded: { referrers: 0, friends: 0, reversed: 750 },
      topReferrers: [],
    });
  });

  it('is for admins, and a window that ends before it starts is a 400 naming to', async () => {
    const pos = { authorization: `Bearer ${await s.keyFor('pos')}` };
    expect((await s.call('GET', '/v1/referrals/stats', undefined, pos)).status).toBe(403);

    const backwards = await s.call('GET', '/v1/referrals/stats?from=2026-04-02&to=2026-04-01');
    expect(backwards.status).toBe(400);
    expect(backwards.body.code).toBe('validation_failed');
    expect(backwards.body.errors).toEqual([expect.objectContaining({ path: 'to' })]);
    const impossible = await s.call('GET', '/v1/referrals/stats?from=2026-02-30');
    expect(impossible.status).toBe(400);
    expect(impossible.body.errors).toEqual([expect.objectContaining({ path: 'from' })]);
  });
});
