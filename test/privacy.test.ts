import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TIMELINE_KINDS } from '../src/core/feedback/timeline.js';
import { TIMELINE_SECTIONS } from '../src/core/customers/export.js';
import { messagingEnv } from '../src/app/messaging-deps.js';
import { sweepMessages } from '../src/jobs/message-send.job.js';
import { startTestApp, type TestApp } from './support/app.js';
import { createCustomer, orderBody, unique } from './support/fixtures.js';
import { scanTextColumns } from './support/scan.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const ok = async (
  method: string,
  path: string,
  body?: unknown,
  status = 201,
  headers: Record<string, string> = {},
) => {
  const res = await t.call(method, path, body, headers);
  expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(status);
  return res.body;
};

const year = new Date().getUTCFullYear();
const WINDOW = `granularity=month&from=${year - 1}-01-01&to=${year + 1}-12-31`;

/** Points liability, revenue per month and cohort sizes: what an erasure must leave unchanged. */
const totals = async () => {
  const kpis = await ok('GET', '/v1/analytics/kpis', undefined, 200);
  return {
    // The liability is measured as of now: the time of measuring differs, the figures must not.
    kpis: { ...kpis, balances: { ...kpis.balances, at: null } },
    retention: await ok('GET', `/v1/analytics/retention?${WINDOW}`, undefined, 200),
    cohorts: await ok('GET', `/v1/analytics/cohorts?${WINDOW}`, undefined, 200),
  };
};

const TAG = unique('zq').replace(/-/g, '');
const PERSON = {
  email: `zelda.quimby.${TAG}@example.org`,
  phone: '+44 7700 900461',
  storedPhone: '+447700900461',
  firstName: 'Zeldaquinn',
  lastName: 'Quimbyworth',
  birthday: '1985-04-12',
  nickname: `Zedqueen${TAG}`,
  externalId: `shopcust-${TAG}`,
  review: 'The teapot Zelda bought is splendidly crooked',
  surveyText: 'Please stock lavender oolong for Zelda',
  complaintSubject: 'Parcel for Quimbyworth lost',
  complaintBody: 'My parcel never reached 12 Wisteria Lane',
  reply: 'Dear Zeldaquinn, we are sorry about Wisteria Lane',
  returnReason: 'Zelda returned it: too crooked',
};
const NEEDLES = [
  PERSON.email,
  PERSON.storedPhone,
  PERSON.firstName,
  PERSON.lastName,
  PERSON.birthday,
  PERSON.nickname,
  PERSON.externalId,
  PERSON.review,
  PERSON.surveyText,
  PERSON.complaintSubject,
  PERSON.complaintBody,
  PERSON.reply,
  PERSON.returnReason,
  'Wisteria Lane',
];

/** A customer with a record of every kind: profile, orders, points, feedback, messages, … */
const richCustomer = async () => {
  await ok('POST', '/v1/webhooks', {
    url: 'https://hooks.example.com/regulars',
    eventTypes: ['*'],
  });
  await ok(
    'PUT',
    '/v1/tiers',
    {
      policy: { metric: 'spend', window: { kind: 'calendarYear' }, graceDays: 30 },
      tiers: [{ code: 'bronze', name: 'Bronze', threshold: 1000 }],
    },
    200,
  );
  const customer = await ok(
    'POST',
    '/v1/customers',
    {
      email: PERSON.email,
      phone: PERSON.phone,
      firstName: PERSON.firstName,
      lastName: PERSON.lastName,
      birthday: PERSON.birthday,
      locale: 'en',
      attributes: { nickname: PERSON.nickname, vip: true },
      externalIds: [{ source: 'shop', id: PERSON.externalId }],
      consents: [
        { channel: 'email', granted: true, source: 'signup' },
        { channel: 'sms', granted: true, source: 'signup' },
      ],
    },
    201,
    { 'idempotency-key': unique('create') },
  );
  const id = customer.id as string;
  const { order } = await ok('POST', '/v1/orders', {
    ...orderBody(''),
    customerId: undefined,
    customerExternalId: PERSON.externalId,
  });
  await ok('POST', '/v1/orders', orderBody(id));
  await ok('POST', `/v1/orders/${order.id}/returns`, {
    reason: PERSON.returnReason,
    lines: [{ lineNo: 2, quantity: 1 }],
  });
  await ok('POST', `/v1/customers/${id}/points/adjust`, {
    points: 500,
    reason: `goodwill for ${PERSON.firstName}`,
  });
  const reward = await ok('POST', '/v1/rewards', {
    name: unique('reward'),
    kind: 'percent_discount',
    value: 10,
    pointsCost: 100,
  });
  const redemption = await ok(
    'POST',
    `/v1/customers/${id}/rewards/${reward.id}/redeem`,
    undefined,
    201,
    {
      'idempotency-key': unique('redeem'),
    },
  );
  await ok(
    'POST',
    '/v1/coupons/redeem',
    {
      code: redemption.coupon.code,
      customerId: id,
      orderExternalId: unique('checkout'),
      basket: { currency: 'GBP', lines: [{ sku: 'MUG', quantity: 2, unitPriceMinor: 1500 }] },
    },
    201,
  );
  await ok('POST', `/v1/customers/${id}/reviews`, {
    externalId: unique('rev'),
    sku: 'MUG',
    rating: 4,
    text: PERSON.review,
  });
  const survey = await ok('POST', '/v1/surveys', {
    key: unique('survey').toLowerCase(),
    title: 'How did we do?',
    questions: [
      { id: 'nps', type: 'nps', prompt: 'Recommend us?' },
      { id: 'why', type: 'text', prompt: 'What should we change?' },
    ],
    status: 'active',
  });
  await ok('POST', `/v1/customers/${id}/survey-responses`, {
    surveyId: survey.id,
    answers: { nps: 9, why: PERSON.surveyText },
  });
  const complaint = await ok('POST', '/v1/complaints', {
    customerId: id,
    subject: PERSON.complaintSubject,
    body: PERSON.complaintBody,
    channel: 'email',
  });
  await ok('POST', `/v1/complaints/${complaint.id}/replies`, { body: PERSON.reply, by: 'staff' });
  await ok('GET', `/v1/customers/${id}/card`, undefined, 200);
  const code = (await ok('GET', `/v1/customers/${id}/referral`, undefined, 200)).code as string;
  await createCustomer(t, { referralCode: code });
  const segment = await ok('POST', '/v1/segments', {
    key: unique('vips').toLowerCase(),
    name: 'Hand picked',
    kind: 'static',
  });
  await ok('POST', `/v1/segments/${segment.id}/members`, { customerIds: [id] }, 200);
  // One e-mail sent (rendered with the name), one still queued.
  const template = (key: string, kind: string) => ({
    key,
    kind,
    defaultLocale: 'en',
    versions: [
      {
        locale: 'en',
        subject: 'Hello {{firstName}}',
        html: '<p>Hi {{firstName}} {{lastName}}</p>',
        text: 'Hi {{firstName}} {{lastName}}',
      },
    ],
  });
  await ok('POST', '/v1/templates', template('privacy-promo', 'marketing'));
  await ok('POST', '/v1/templates', template('privacy-notice', 'transactional'));
  await ok('POST', '/v1/messages', { customerId: id, templateKey: 'privacy-promo' });
  await sweepMessages(t.database.db, {
    clock: t.clock,
    mailer: async () => ({ smtpMessageId: '<privacy@test>' }),
    env: messagingEnv(),
  });
  await ok('POST', '/v1/messages', { customerId: id, templateKey: 'privacy-notice' });
  return { id, segmentId: segment.id as string };
};

/** The member's referral code, as held by them and by its lookup table. */
const referralCodesOf = async (customerId: string) =>
  (
    await sql<{ code: string }>`
      select code from referral_code where customer_id = ${customerId}
      union all
      select code from referral_code_owner where customer_id = ${customerId}
    `.execute(t.database.db)
  ).rows;

describe('GDPR export and erasure', () => {
  let id: string;
  let segmentId: string;
  let before: Awaited<ReturnType<typeof totals>>;
  let firstErasedAt: string;

  beforeAll(async () => {
    ({ id, segmentId } = await richCustomer());
  });

  it('exports every kind of record of the timeline, with a readme of every section', async () => {
    const exported = await ok('GET', `/v1/customers/${id}/export`, undefined, 200);
    expect(exported.format).toBe('regulars.customer-export/1');
    expect(exported.customer).toMatchObject({ email: PERSON.email, firstName: PERSON.firstName });
    expect(exported.identities).toEqual([
      expect.objectContaining({ source: 'shop', externalId: PERSON.externalId }),
    ]);
    expect(exported.consents).toHaveLength(2);
    const kinds = new Set((exported.timeline as { kind: string }[]).map((i) => i.kind));
    expect([...kinds].sort()).toEqual([...TIMELINE_KINDS].sort());
    for (const item of exported.timeline as {
      kind: keyof typeof TIMELINE_SECTIONS;
      id: string;
    }[]) {
      const section = exported[TIMELINE_SECTIONS[item.kind]];
      expect(section, item.kind).toBeTruthy();
      if (item.kind !== 'tier') expect(JSON.stringify(section), item.kind).toContain(item.id);
    }
    for (const section of Object.keys(exported)) {
      expect(exported.readme[section], `readme of ${section}`).toBeTruthy();
    }
    expect(exported.orders[0].lines.length).toBeGreaterThan(0);
    expect(exported.returns[0].lines).toHaveLength(1);
    expect(exported.points.balance).toBeGreaterThan(0);
    expect(exported.card).toHaveLength(1);
    expect(JSON.stringify(exported.card)).not.toMatch(/token/i);
    expect(exported.referrals.code.code).toMatch(/^[A-Z0-9]{8}$/);
    expect(exported.referrals.made).toHaveLength(1);
    expect(exported.segments).toEqual([expect.objectContaining({ id: segmentId })]);
    expect(exported.webhookEvents.length).toBeGreaterThan(0);
    expect(exported.complaints[0].history.map((h: any) => h.body)).toContain(PERSON.reply);
    expect(exported.surveyResponses[0].answers).toEqual([
      expect.objectContaining({ questionId: 'nps', score: 9 }),
      expect.objectContaining({ questionId: 'why', value: PERSON.surveyText }),
    ]);
    expect(exported.messages.map((m: any) => m.status).sort()).toEqual(['queued', 'sent']);
  });

  it('erases every personal field of every table and keeps the programme totals', async () => {
    // A queued job naming the customer, in a table shaped like pg-boss's (not installed here).
    await sql`create schema if not exists pgboss`.execute(t.database.db);
    await sql`create table if not exists pgboss.job (id text, data jsonb, output jsonb)`.execute(
      t.database.db,
    );
    await sql`insert into pgboss.job values ('j1', ${JSON.stringify({ customerId: id, email: PERSON.email })}, null)`.execute(
      t.database.db,
    );
    expect(await scanTextColumns(t, [PERSON.email, PERSON.firstName, PERSON.review])).not.toEqual(
      [],
    );
    before = await totals();
    const pos = await t.keyFor('pos');
    const forbidden = await t.call('POST', `/v1/customers/${id}/erase`, undefined, {
      authorization: `Bearer ${pos}`,
    });
    expect(forbidden.status).toBe(403);
    expect(
      (
        await t.call('GET', `/v1/customers/${id}/export`, undefined, {
          authorization: `Bearer ${pos}`,
        })
      ).status,
    ).toBe(403);

    expect(await referralCodesOf(id)).toHaveLength(2);
    const erased = await ok('POST', `/v1/customers/${id}/erase`, undefined, 200);
    expect(erased).toMatchObject({ customerId: id, status: 'erased' });
    firstErasedAt = erased.erasedAt;

    expect(await scanTextColumns(t, NEEDLES)).toEqual([]);
    expect(await totals()).toEqual(before);
    const { rows: jobs } = await sql`select id from pgboss.job`.execute(t.database.db);
    expect(jobs).toEqual([]);

    const profile = await ok('GET', `/v1/customers/${id}`, undefined, 200);
    expect(profile).toMatchObject({
      email: null,
      phone: null,
      firstName: null,
      lastName: null,
      birthday: null,
      attributes: {},
      externalIds: [],
      erasedAt: firstErasedAt,
    });
    expect(profile.consents.every((c: { granted: boolean }) => !c.granted)).toBe(true);
    const messages = await ok('GET', `/v1/customers/${id}/messages`, undefined, 200);
    expect(messages.messages.map((m: any) => [m.status, m.reason]).sort()).toEqual([
      ['sent', null],
      ['suppressed', 'customer_erased'],
    ]);
    const segment = await ok('GET', `/v1/segments/${segmentId}/members`, undefined, 200);
    expect(segment.members).toEqual([]);
    const { rows: cards } = await sql<{ revoked_at: Date | null }>`
      select revoked_at from member_card where customer_id = ${id}
    `.execute(t.database.db);
    expect(cards.every((c) => c.revoked_at !== null)).toBe(true);
    // The referral code is gone, from its lookup table too: nothing leads to them.
    expect(await referralCodesOf(id)).toEqual([]);
  });

  it('cannot find the erased customer, refuses their orders and profile changes', async () => {
    for (const query of [
      `email=${encodeURIComponent(PERSON.email)}`,
      `phone=${encodeURIComponent(PERSON.phone)}`,
      `externalId=${PERSON.externalId}&source=shop`,
      `q=${PERSON.firstName}`,
    ]) {
      const found = await ok('GET', `/v1/customers?${query}`, undefined, 200);
      expect(found.customers, query).toEqual([]);
    }
    const byId = await t.call('POST', '/v1/orders', orderBody(id));
    expect(byId.status).toBe(422);
    expect(byId.body.code).toBe('unknown_customer');
    const byExternal = await t.call('POST', '/v1/orders', {
      ...orderBody(''),
      customerId: undefined,
      customerExternalId: PERSON.externalId,
    });
    expect(byExternal.status).toBe(422);
    const patch = await t.call('PATCH', `/v1/customers/${id}`, { email: PERSON.email });
    expect(patch.status).toBe(409);
    expect(patch.body.code).toBe('customer_erased');
    const card = await t.call('GET', `/v1/customers/${id}/card`);
    expect([card.status, card.body.code]).toEqual([409, 'customer_erased']);
  });

  it('a second erasure changes nothing; the export shows the pseudonymous remains', async () => {
    const again = await ok('POST', `/v1/customers/${id}/erase`, undefined, 200);
    expect(again).toEqual({ customerId: id, status: 'erased', erasedAt: firstErasedAt });
    expect(await totals()).toEqual(before);
    const remains = await ok('GET', `/v1/customers/${id}/export`, undefined, 200);
    expect(remains.customer).toMatchObject({ id, email: null, erasedAt: firstErasedAt });
    expect(remains.orders.length).toBe(2);
    expect(remains.ledger.length).toBeGreaterThan(0);
    expect(JSON.stringify(remains)).not.toContain(PERSON.firstName);
    expect(await scanTextColumns(t, NEEDLES)).toEqual([]);
  });

  it('records exports and the erasure with their actor, newest first', async () => {
    const log = await ok('GET', `/v1/audit-log?limit=200`, undefined, 200);
    const mine = log.entries.filter((e: any) => e.targetId === id);
    expect(mine.map((e: any) => e.action)).toEqual([
      'customer.exported',
      'customer.erased',
      'customer.exported',
      'points.adjusted',
    ]);
    // The adjustment's reason named the person: the entry names only the fields sent.
    expect(mine[3].summary).toMatchObject({ fields: ['points', 'reason'], points: 500 });
    expect(mine[1].actor).toMatchObject({ label: 'test-admin', userId: null });
    expect(mine[1].actor.keyId).toMatch(/^key_/);
    expect(mine[1].summary.rowsChanged.customers).toBeGreaterThan(0);
    const erasures = await ok('GET', '/v1/audit-log?action=customer.erased', undefined, 200);
    expect(erasures.entries).toHaveLength(1);
  });

  it('two erasures at once erase once', async () => {
    const other = await createCustomer(t, { firstName: 'Twinnie' });
    const [a, b] = await Promise.all([
      t.call('POST', `/v1/customers/${other.id}/erase`),
      t.call('POST', `/v1/customers/${other.id}/erase`),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body).toEqual(b.body);
    const log = await ok('GET', '/v1/audit-log?action=customer.erased', undefined, 200);
    expect(log.entries.filter((e: any) => e.targetId === other.id)).toHaveLength(1);
  });

  it('refuses unknown and malformed ids', async () => {
    for (const [method, suffix] of [
      ['GET', 'export'],
      ['POST', 'erase'],
    ] as const) {
      const missing = await t.call(method, `/v1/customers/cus_nobody/${suffix}`);
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('customer_not_found');
      const long = await t.call(method, `/v1/customers/${'x'.repeat(101)}/${suffix}`);
      expect(long.status).toBe(400);
      expect(long.body.errors[0].path).toBe('id');
    }
  });
});

describe('audit log of admin actions', () => {
  it('records settings, keys, users, webhooks and rewards without secrets, and pages', async () => {
    const since = new Date().toISOString();
    await ok('PATCH', '/v1/programme', { returnWindowDays: 14 }, 200);
    const key = await ok('POST', '/v1/api-keys', { name: 'till-9', role: 'pos' });
    const user = await ok('POST', '/v1/users', {
      email: `${unique('u')}@example.com`,
      name: 'Ada Admin',
      password: 'correct horse battery staple',
      role: 'admin',
    });
    const hook = await ok('POST', '/v1/webhooks', {
      url: 'https://hooks.example.com/audit',
      eventTypes: ['order.earned'],
    });
    const rotated = await ok('POST', `/v1/webhooks/${hook.id}/rotate-secret`, undefined, 200);
    const reward = await ok('POST', '/v1/rewards', {
      name: unique('gift'),
      kind: 'percent_discount',
      value: 5,
      pointsCost: 50,
    });
    await ok('POST', `/v1/rewards/${reward.id}/archive`, undefined, 200);
    // A refused write leaves no entry.
    expect((await t.call('PATCH', '/v1/programme', { returnWindowDays: -1 })).status).toBe(400);

    const log = await ok('GET', `/v1/audit-log?from=${encodeURIComponent(since)}`, undefined, 200);
    expect(log.entries.map((e: any) => e.action)).toEqual([
      'reward.archived',
      'reward.created',
      'webhook.secret_rotated',
      'webhook.created',
      'user.created',
      'api_key.created',
      'programme.updated',
    ]);
    expect(log.entries.find((e: any) => e.action === 'api_key.created').targetId).toBe(key.id);
    expect(log.entries.find((e: any) => e.action === 'user.created').targetId).toBe(user.id);
    expect(log.entries[0]).toMatchObject({ targetType: 'reward', targetId: reward.id });
    const text = JSON.stringify(log);
    for (const secret of [key.secret, hook.secret, rotated.secret, 'correct horse']) {
      expect(text).not.toContain(secret);
    }

    const first = await ok(
      'GET',
      `/v1/audit-log?from=${encodeURIComponent(since)}&limit=3`,
      undefined,
      200,
    );
    expect(first.entries).toHaveLength(3);
    const rest = await ok(
      'GET',
      `/v1/audit-log?from=${encodeURIComponent(since)}&limit=10&cursor=${first.nextCursor}`,
      undefined,
      200,
    );
    expect([...first.entries, ...rest.entries]).toEqual(log.entries);
    expect(rest.nextCursor).toBeNull();
    const byActor = await ok(
      'GET',
      '/v1/audit-log?actor=test-admin&action=reward.created',
      undefined,
      200,
    );
    expect(byActor.entries.length).toBeGreaterThan(0);
    expect((await t.call('GET', '/v1/audit-log?cursor=nonsense')).body.code).toBe('invalid_cursor');
    const pos = await t.keyFor('pos');
    expect(
      (await t.call('GET', '/v1/audit-log', undefined, { authorization: `Bearer ${pos}` })).status,
    ).toBe(403);
  });
});
