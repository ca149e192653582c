import type { ParsedMail } from 'mailparser';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Mailer } from '../src/core/messaging/messaging.send.js';
import { CLAIM_LEASE_MS } from '../src/core/messaging/messaging.js';
import { messagingEnv } from '../src/app/messaging-deps.js';
import { announceAtRisk } from '../src/jobs/at-risk.job.js';
import { celebrateBirthdays } from '../src/jobs/birthdays.job.js';
import { smtpMailer, sweepMessages } from '../src/jobs/message-send.job.js';
import { manualClock, startTestApp, type TestApp } from './support/app.js';
import { insertStaticSegment } from './support/fixtures.js';
import { startSmtp } from './support/smtp.js';

const header = (mail: ParsedMail, name: string) =>
  mail.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '') ?? null;

const to = (mail: ParsedMail) =>
  (Array.isArray(mail.to) ? mail.to : [mail.to])
    .flatMap((a) => a?.value ?? [])
    .map((v) => v.address);

const PROMO = {
  key: 'promo',
  kind: 'marketing',
  defaultLocale: 'en',
  versions: [
    {
      locale: 'en',
      subject: 'Hello {{firstName}}',
      html: '<p>Hi {{firstName}}, you have {{points.balance}} points.</p><a href="{{unsubscribeUrl}}">Unsubscribe</a>',
      text: 'Hi {{firstName}}, you have {{points.balance}} points.\nUnsubscribe: {{unsubscribeUrl}}',
    },
    {
      locale: 'de',
      subject: 'Hallo {{firstName}}',
      html: '<p>Hallo {{firstName}}, du hast {{points.balance}} Punkte.</p>',
      text: 'Hallo {{firstName}}, du hast {{points.balance}} Punkte.',
    },
  ],
};

const simple = (key: string, kind: 'marketing' | 'transactional', subject: string) => ({
  key,
  kind,
  defaultLocale: 'en',
  versions: [{ locale: 'en', subject, html: `<p>${subject}</p>`, text: subject }],
});

describe('e-mail messaging over a real SMTP server', () => {
  let app: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let mailer: Mailer;
  const clock = manualClock(new Date('2026-11-26T10:00:00Z'));
  const env = messagingEnv();
  let n = 0;

  const sweep = (options: Parameters<typeof sweepMessages>[2] = {}, m: Mailer | null = mailer) =>
    sweepMessages(app.database.db, { clock, mailer: m, env }, options);

  const customer = async (
    fields: {
      firstName?: string;
      locale?: string;
      email?: string | null;
      consent?: boolean;
      birthday?: string;
    } = {},
  ) => {
    n += 1;
    const res = await app.call('POST', '/v1/customers', {
      email: fields.email === null ? undefined : (fields.email ?? `c${n}@example.com`),
      firstName: fields.firstName ?? `Cust${n}`,
      ...(fields.locale ? { locale: fields.locale } : {}),
      ...(fields.birthday ? { birthday: fields.birthday } : {}),
      consents:
        fields.consent === false ? [] : [{ channel: 'email', granted: true, source: 'signup' }],
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; email: string | null };
  };

  const send = (customerId: string, templateKey: string, extra: Record<string, unknown> = {}) =>
    app.call('POST', '/v1/messages', { customerId, templateKey, ...extra });

  /** A static segment of these customers, written directly (segments have their own tests). */
  const staticSegment = (id: string, members: { id: string }[]) =>
    insertStaticSegment(app, clock.now(), id, members);

  const mailsTo = (address: string | null) =>
    smtp.received.filter((m) => to(m).includes(address ?? '-'));

  beforeAll(async () => {
    smtp = await startSmtp();
    mailer = smtpMailer(smtp.url);
    app = await startTestApp({ clock });
    for (const t of [
      PROMO,
      simple('statement', 'transactional', 'Your statement'),
      simple('welcome', 'marketing', 'Welcome {{firstName}}'),
      simple('birthday', 'marketing', 'Happy birthday {{firstName}}'),
      simple('news', 'marketing', 'News for {{firstName}}'),
    ]) {
      expect((await app.call('POST', '/v1/templates', t)).status).toBe(201);
    }
    const settings = await app.call('PUT', '/v1/messaging/settings', {
      maxMarketingPerWindow: 3,
      windowDays: 7,
      fromAddress: 'hello@shop.example',
      fromName: 'The Shop',
    });
    expect(settings.status).toBe(200);
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
  });
  beforeEach(() => {
    clock.set(new Date('2026-11-26T10:00:00Z'));
  });
  afterEach(async () => {
    // Whatever a test left due goes now, so it cannot leak into the next test's counts.
    clock.set(new Date(clock.now().getTime() + 10 * CLAIM_LEASE_MS));
    await sweep();
  });

  it('refuses a template that does not compile, naming the part', async () => {
    const doc = await app.call('GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toContain('/v1/templates/{key}/preview');
    const res = await app.call('POST', '/v1/templates', {
      ...simple('broken', 'marketing', 'x'),
      versions: [{ locale: 'en', subject: 'ok', html: '{{#each rewards}}', text: 't' }],
    });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe('versions.0.html');
    const noDefault = await app.call('POST', '/v1/templates', {
      ...simple('broken2', 'marketing', 'x'),
      defaultLocale: 'fr',
    });
    expect(noDefault.status).toBe(400);
  });

  it('sends in the customer’s language with their data, a text part and RFC 8058 headers', async () => {
    const anna = await customer({ firstName: 'Anna', locale: 'de-AT' });
    await app.call('POST', `/v1/customers/${anna.id}/points/adjust`, {
      points: 120,
      reason: 'welcome gift',
    });
    const queued = await send(anna.id, 'promo');
    expect(queued.status).toBe(201);
    expect(queued.body.status).toBe('queued');

    const noneYet = await app.call('GET', `/v1/templates/promo/preview?customerId=${anna.id}`);
    expect(noneYet.body.data.suggestions).toEqual([]); // no recommendations refresh has run
    const at = clock.now();
    await app.database.db
      .insertInto('recommendation')
      .values({
        customer_id: anna.id,
        rank: 1,
        sku: 'MUG',
        name: 'Mug',
        category: 'kitchen',
        score: 0.8,
        reason: 'bought_with',
        reason_sku: 'TEA',
        reason_name: 'Tea',
        reason_category: 'food',
        as_of: at,
        computed_at: at,
      })
      .execute();
    const preview = await app.call('GET', `/v1/templates/promo/preview?customerId=${anna.id}`);
    expect(preview.status).toBe(200);
    expect(preview.body.locale).toBe('de');
    expect(preview.body.data.suggestions).toEqual([
      { sku: 'MUG', name: 'Mug', category: 'kitchen' },
    ]);

    expect((await sweep()).sent).toBe(1);
    const [mail] = mailsTo(anna.email);
    expect(mail).toBeDefined();
    expect(mail!.subject).toBe('Hallo Anna');
    expect(mail!.text).toContain('du hast 120 Punkte');
    expect(mail!.html).toContain('du hast 120 Punkte');
    expect(mail!.from?.value[0]).toMatchObject({ address: 'hello@shop.example', name: 'The Shop' });
    expect(mail!.messageId).toBe(`<${queued.body.id}@shop.example>`);
    expect(header(mail!, 'list-unsubscribe')).toMatch(/^<http:\/\/localhost:3000\/u\/[^>]+>$/);
    expect(header(mail!, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');

    const log = await app.call('GET', `/v1/customers/${anna.id}/messages`);
    expect(log.body.messages).toHaveLength(1);
    expect(log.body.messages[0]).toMatchObject({
      status: 'sent',
      locale: 'de',
      subject: 'Hallo Anna',
    });
  });

  it('falls back to the default locale and gives transactional mail no unsubscribe header', async () => {
    const ben = await customer({ firstName: 'Ben', locale: 'fr', consent: false });
    await send(ben.id, 'promo'); // suppressed: no consent
    const statement = await send(ben.id, 'statement');
    expect(statement.body.status).toBe('queued');
    await sweep();
    const mails = mailsTo(ben.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Your statement');
    expect(header(mails[0]!, 'list-unsubscribe')).toBeNull();
    const enGerman = await customer({ firstName: 'Cleo', locale: 'fr' });
    const preview = await app.call('GET', `/v1/templates/promo/preview?customerId=${enGerman.id}`);
    expect(preview.body.locale).toBe('en');
  });

  it('sends no marketing without consent or address: a suppressed row instead', async () => {
    const noConsent = await customer({ consent: false });
    const res = await send(noConsent.id, 'promo');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'suppressed', reason: 'no_consent' });
    const noEmail = await customer({ email: null });
    expect((await send(noEmail.id, 'statement')).body).toMatchObject({
      status: 'suppressed',
      reason: 'no_email',
    });
    await sweep();
    expect(mailsTo(noConsent.email)).toHaveLength(0);
    const log = await app.call('GET', `/v1/customers/${noConsent.id}/messages`);
    expect(log.body.messages.map((m: { status: string }) => m.status)).toEqual(['suppressed']);
  });

  it('holds the frequency cap under a burst of 10 concurrent triggers', async () => {
    const dora = await customer();
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => send(dora.id, 'news', { dedupeKey: `burst-${i}` })),
    );
    expect(answers.every((a) => a.status === 201)).toBe(true);
    const statuses = answers.map((a) => a.body.status);
    expect(statuses.filter((s) => s === 'queued')).toHaveLength(3);
    expect(answers.filter((a) => a.body.reason === 'frequency_cap')).toHaveLength(7);
    // Transactional mail is not counted and not capped.
    expect((await send(dora.id, 'statement')).body.status).toBe('queued');
    await sweep();
    expect(mailsTo(dora.email).filter((m) => m.subject?.startsWith('News'))).toHaveLength(3);
    expect(mailsTo(dora.email)).toHaveLength(4);
    // A week later the window has room again.
    clock.advanceDays(8);
    expect((await send(dora.id, 'news')).body.status).toBe('queued');
  });

  it('sends each message once when a sweeper dies mid-batch and another takes over', async () => {
    const ids: string[] = [];
    const eve = await customer();
    for (let i = 0; i < 6; i += 1) {
      ids.push((await send(eve.id, 'statement', { dedupeKey: `restart-${i}` })).body.id);
    }
    let calls = 0;
    // The first sweeper sends two mails, then its process "dies" in the middle of the third.
    const dying: Mailer = (mail) => {
      calls += 1;
      return calls <= 2 ? mailer(mail) : new Promise(() => undefined);
    };
    void sweep({}, dying);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(mailsTo(eve.email)).toHaveLength(2);
    // A new runner sees the remaining messages leased; once the lease ends it sends them.
    expect((await sweep()).sent).toBe(0);
    clock.set(new Date(clock.now().getTime() + CLAIM_LEASE_MS + 1));
    expect((await sweep()).sent).toBe(4);
    const got = mailsTo(eve.email).map((m) => m.messageId);
    expect(got).toHaveLength(6);
    expect(new Set(got).size).toBe(6);
    expect(got.sort()).toEqual(ids.map((id) => `<${id}@shop.example>`).sort());
  });

  it('two sweepers at once never send a message twice', async () => {
    const fay = await customer();
    for (let i = 0; i < 10; i += 1) await send(fay.id, 'statement', { dedupeKey: `pair-${i}` });
    const [a, b] = await Promise.all([sweep({ batchSize: 3 }), sweep({ batchSize: 3 })]);
    expect(a.sent + b.sent).toBe(10);
    const got = mailsTo(fay.email).map((m) => m.messageId);
    expect(got).toHaveLength(10);
    expect(new Set(got).size).toBe(10);
  });

  it('unsubscribes end to end from the header’s URL; the next marketing is suppressed', async () => {
    const gus = await customer({ firstName: 'Gus' });
    await send(gus.id, 'promo');
    await sweep();
    const [mail] = mailsTo(gus.email);
    const url = new URL(header(mail!, 'list-unsubscribe')!.slice(1, -1));
    const page = await app.call('GET', url.pathname, undefined, { authorization: '' });
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain('<form method="post"');
    const res = await app.call('POST', url.pathname, 'List-Unsubscribe=One-Click', {
      authorization: '',
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(200);
    const profile = await app.call('GET', `/v1/customers/${gus.id}`);
    expect(profile.body.consents).toContainEqual(
      expect.objectContaining({ channel: 'email', granted: false, source: 'unsubscribe' }),
    );
    expect((await send(gus.id, 'news')).body).toMatchObject({
      status: 'suppressed',
      reason: 'no_consent',
    });
    const forged = await app.call('POST', `${url.pathname.slice(0, -2)}xx`, 'x', {
      authorization: '',
    });
    expect(forged.status).toBe(404);
  });

  it('checks consent again at send time', async () => {
    const hal = await customer();
    expect((await send(hal.id, 'promo')).body.status).toBe('queued');
    await app.call('PATCH', `/v1/customers/${hal.id}`, {
      consents: [{ channel: 'email', granted: false, source: 'support' }],
    });
    expect((await sweep()).suppressed).toBe(1);
    expect(mailsTo(hal.email)).toHaveLength(0);
  });

  it('keeps messages in the outbox without SMTP, and sends them once SMTP is there', async () => {
    const ivy = await customer({ firstName: 'Ivy' });
    const queued = await send(ivy.id, 'statement');
    expect((await sweep({}, null)).outbox).toBe(1);
    const outbox = await app.call('GET', '/v1/messages?status=outbox');
    const row = outbox.body.messages.find((m: { id: string }) => m.id === queued.body.id);
    expect(row).toMatchObject({
      status: 'outbox',
      reason: 'smtp_not_configured',
      subject: 'Your statement',
    });
    expect(mailsTo(ivy.email)).toHaveLength(0);
    expect((await sweep()).sent).toBe(1);
    expect(mailsTo(ivy.email)).toHaveLength(1);
  });

  it('runs the welcome and birthday journeys, once each', async () => {
    const journeys = await app.call('PUT', '/v1/journeys', {
      welcome: { enabled: true, templateKey: 'welcome' },
      birthday: { enabled: true, templateKey: 'birthday' },
    });
    expect(journeys.status).toBe(200);
    expect(journeys.body.reviewRequest).toMatchObject({ enabled: false, delayDays: 7 });
    const jo = await customer({ firstName: 'Jo', birthday: '1990-11-26' });
    await sweep();
    expect(mailsTo(jo.email).map((m) => m.subject)).toEqual(['Welcome Jo']);
    await celebrateBirthdays(app.database.db, clock);
    await celebrateBirthdays(app.database.db, clock);
    await sweep();
    expect(mailsTo(jo.email).map((m) => m.subject)).toEqual(['Welcome Jo', 'Happy birthday Jo']);
    const log = await app.call('GET', `/v1/customers/${jo.id}/messages`);
    expect(log.body.messages.map((m: { journey: string }) => m.journey).sort()).toEqual([
      'birthday',
      'welcome',
    ]);
    await app.call('PUT', '/v1/journeys', {});
  });

  it('win-back: a customer the analytics put at risk gets one message, not one per run', async () => {
    await app.call('PUT', '/v1/journeys', { winBack: { enabled: true, templateKey: 'news' } });
    const sam = await customer({ firstName: 'Sam' });
    const stay = await customer({ firstName: 'Stay' });
    const now = clock.now();
    for (const [id, stage] of [
      [sam.id, 'at_risk'],
      [stay.id, 'active'],
    ] as const) {
      await app.database.db
        .insertInto('customer_analytics')
        .values({ customer_id: id, as_of: now, lifecycle_stage: stage, p_alive: 0.2 })
        .execute();
    }
    expect(await announceAtRisk(app.database.db, clock)).toEqual({ announced: 1 });
    expect(await announceAtRisk(app.database.db, clock)).toEqual({ announced: 0 });
    await sweep();
    expect(mailsTo(sam.email).map((m) => m.subject)).toEqual(['News for Sam']);
    expect(mailsTo(stay.email)).toEqual([]);
    // Still at risk after the quiet period: announced (and written to) once more.
    clock.set(new Date(now.getTime() + 91 * 86_400_000));
    expect(await announceAtRisk(app.database.db, clock)).toEqual({ announced: 1 });
    await sweep();
    expect(mailsTo(sam.email)).toHaveLength(2);
    await app.call('PUT', '/v1/journeys', {});
  });

  it('asks for a review delayDays after an order, once per order', async () => {
    await app.call(
      'POST',
      '/v1/templates',
      simple('review', 'marketing', 'How was it, {{firstName}}?'),
    );
    await app.call('PUT', '/v1/journeys', {
      reviewRequest: { enabled: true, templateKey: 'review', delayDays: 3 },
    });
    const kim = await customer({ firstName: 'Kim' });
    const order = await app.call('POST', '/v1/orders', {
      externalId: 'review-1',
      customerId: kim.id,
      currency: 'GBP',
      placedAt: clock.now().toISOString(),
      lines: [{ sku: 'MUG', quantity: 1, unitPriceMinor: 1000 }],
    });
    expect(order.status).toBeLessThan(300);
    const [queued] = (await app.call('GET', `/v1/customers/${kim.id}/messages`)).body.messages;
    expect(queued).toMatchObject({ journey: 'reviewRequest', status: 'queued' });
    expect(queued.scheduledAt).toBe('2026-11-29T10:00:00.000Z');
    await sweep();
    expect(mailsTo(kim.email)).toHaveLength(0);
    clock.advanceDays(3);
    await sweep();
    expect(mailsTo(kim.email).map((m) => m.subject)).toEqual(['How was it, Kim?']);
    await app.call('PUT', '/v1/journeys', {});
  });

  it('expands a campaign over a segment, with consent applied and counts by reason', async () => {
    const members = [await customer(), await customer(), await customer({ consent: false })];
    await staticSegment('seg_messaging', members);
    const created = await app.call('POST', '/v1/campaigns', {
      templateKey: 'news',
      segmentId: 'seg_messaging',
    });
    expect(created.status).toBe(201);
    const result = await sweep();
    expect(result.campaigns).toBe(1);
    expect(await sweep()).toMatchObject({ campaigns: 0, sent: 0 });
    const campaign = await app.call('GET', `/v1/campaigns/${created.body.id}`);
    expect(campaign.body).toMatchObject({
      status: 'done',
      audience: 3,
      counts: { sent: 2, queued: 0, suppressed: 1, suppressedByReason: { no_consent: 1 } },
    });
    expect(members.map((m) => mailsTo(m.email).length)).toEqual([1, 1, 0]);
    const missing = await app.call('POST', '/v1/campaigns', {
      templateKey: 'news',
      segmentId: 'seg_none',
    });
    expect(missing.status).toBe(404);
  });

  it('a review request carries the customer’s own survey link, which opens the survey', async () => {
    const survey = await app.call('POST', '/v1/surveys', {
      key: 'after-order',
      title: 'How did we do?',
      questions: [{ id: 'nps', type: 'nps', prompt: 'Would you recommend us?' }],
      status: 'active',
    });
    expect(survey.status).toBe(201);
    const template = await app.call('POST', '/v1/templates', {
      key: 'review-request',
      kind: 'marketing',
      defaultLocale: 'en',
      versions: [
        {
          locale: 'en',
          subject: 'Tell us, {{firstName}}',
          html: '<a href="{{surveys.after-order}}">Answer</a>',
          text: 'Answer: {{surveys.after-order}}',
        },
      ],
    });
    expect(template.status).toBe(201);
    const kim = await customer({ firstName: 'Kim' });
    expect((await send(kim.id, 'review-request')).status).toBe(201);
    await sweep();
    const [mail] = mailsTo(kim.email);
    const link = /(http:\/\/localhost:3000\/s\/\S+)/.exec(mail!.text ?? '')?.[1];
    expect(link).toBeDefined();
    const opened = await app.call('GET', new URL(link!).pathname);
    expect(opened.status).toBe(200);
    expect(JSON.stringify(opened.body)).toContain('Would you recommend us?');
  });

  it('a restart in the middle of a campaign sends each message once', async () => {
    const members: { id: string; email: string | null }[] = [];
    for (let i = 0; i < 6; i += 1) members.push(await customer());
    await staticSegment('seg_restart', members);
    const created = await app.call('POST', '/v1/campaigns', {
      templateKey: 'news',
      segmentId: 'seg_restart',
    });
    expect(created.status).toBe(201);
    // The first process expands the campaign and sends two mails, then dies during the third.
    let calls = 0;
    const dying: Mailer = (mail) => {
      calls += 1;
      return calls <= 2 ? mailer(mail) : new Promise(() => undefined);
    };
    void sweep({}, dying);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const sentSoFar = () => members.flatMap((m) => mailsTo(m.email));
    expect(sentSoFar()).toHaveLength(2);
    // The next process neither expands the campaign again nor sends what the dead one held.
    expect(await sweep()).toMatchObject({ campaigns: 0 });
    clock.set(new Date(clock.now().getTime() + CLAIM_LEASE_MS + 1));
    await sweep();
    expect(members.map((m) => mailsTo(m.email).length)).toEqual([1, 1, 1, 1, 1, 1]);
    const campaign = await app.call('GET', `/v1/campaigns/${created.body.id}`);
    expect(campaign.body).toMatchObject({ status: 'done', audience: 6, counts: { sent: 6 } });
  });

  it('lists campaigns newest first, each with its own counts, by page and by status', async () => {
    const schedule = async (segmentId: string, scheduledAt?: string) => {
      const res = await app.call('POST', '/v1/campaigns', {
        templateKey: 'news',
        segmentId,
        ...(scheduledAt ? { scheduledAt } : {}),
      });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    // A: two members with consent wait in the outbox (no SMTP), one without consent is suppressed.
    await staticSegment('seg_list_a', [
      await customer(),
      await customer(),
      await customer({ consent: false }),
    ]);
    const a = await schedule('seg_list_a');
    expect(await sweep({}, null)).toMatchObject({ campaigns: 1, outbox: 2 });
    // B: expanded but nothing sent yet: one queued, one suppressed for want of an address.
    await staticSegment('seg_list_b', [await customer(), await customer({ email: null })]);
    const b = await schedule('seg_list_b');
    expect(await sweep({ maxRounds: 0 })).toMatchObject({ campaigns: 1 });
    // C: not due for months, so still scheduled and without messages.
    const c = await schedule('seg_list_b', '2027-06-01T09:00:00Z');

    const counts = (queued: number, outbox: number, failed: number, byReason = {}) => ({
      queued,
      sent: 0,
      outbox,
      failed,
      suppressed: Object.values(byReason).reduce((x: number, y) => x + Number(y), 0),
      suppressedByReason: byReason,
    });
    const list = async (query = '') => {
      const res = await app.call('GET', `/v1/campaigns${query}`);
      expect(res.status).toBe(200);
      return res.body as { campaigns: any[]; nextCursor: string | null };
    };
    const first = await list('?limit=3');
    expect(first.campaigns.map((x) => x.id)).toEqual([c, b, a]);
    expect(first.campaigns[2]).toMatchObject({
      templateKey: 'news',
      status: 'done',
      audience: 3,
      segment: { id: 'seg_list_a', key: 'seg-list_a', name: 'seg_list_a' },
    });
    expect(first.campaigns.map((x) => x.counts)).toEqual([
      counts(0, 0, 0),
      counts(1, 0, 0, { no_email: 1 }),
      counts(0, 2, 0, { no_consent: 1 }),
    ]);
    expect(first.campaigns[0]).toMatchObject({ status: 'scheduled', audience: 0 });

    // The same messages moving on move only their own campaign's counts.
    const failing: Mailer = () => Promise.reject(new Error('mailbox unavailable'));
    await sweepMessages(app.database.db, { clock, mailer: failing, env, retryScheduleMs: [] });
    const after = await list('?limit=3');
    expect(after.campaigns.map((x) => x.counts)).toEqual([
      counts(0, 0, 0),
      counts(0, 0, 1, { no_email: 1 }),
      counts(0, 0, 2, { no_consent: 1 }),
    ]);

    // Paging one at a time walks the same list with neither gaps nor repeats.
    const all = await list('?limit=200');
    expect(all.nextCursor).toBeNull();
    const ids = all.campaigns.map((x) => x.id);
    expect(ids).toEqual([...ids].sort().reverse());
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { campaigns: any[]; nextCursor: string | null } = await list(
        `?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      walked.push(...page.campaigns.map((x) => x.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(walked).toEqual(ids);

    const scheduled = await list('?status=scheduled');
    expect(scheduled.campaigns.map((x) => x.id)).toEqual([c]);
    const done = (await list('?status=done')).campaigns.map((x) => x.id);
    expect(done).toEqual(expect.arrayContaining([a, b]));
    expect(done).not.toContain(c);
    expect((await list('?status=expanding')).campaigns).toEqual([]);
    expect((await app.call('GET', '/v1/campaigns?status=sent')).status).toBe(400);

    const pos = await app.keyFor('pos');
    const refused = await app.call('GET', '/v1/campaigns', undefined, {
      authorization: `Bearer ${pos}`,
    });
    expect(refused.status).toBe(403);
  });
});
