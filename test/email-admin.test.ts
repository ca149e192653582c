import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messagingEnv } from '../src/app/messaging-deps.js';
import { sweepMessages } from '../src/jobs/message-send.job.js';
import { manualClock, startTestApp, type TestApp } from './support/app.js';
import { insertStaticSegment } from './support/fixtures.js';

const version = (locale: string, subject: string, body: string) => ({
  locale,
  subject,
  html: `<p>${body}</p>`,
  text: body,
});

describe('e-mail administration: templates per locale, draft preview, journeys, campaign reach', () => {
  let app: TestApp;
  const clock = manualClock(new Date('2026-12-01T10:00:00Z'));
  let n = 0;

  const customer = async (
    fields: { locale?: string; email?: string | null; consent?: boolean; firstName?: string } = {},
  ) => {
    n += 1;
    const res = await app.call('POST', '/v1/customers', {
      ...(fields.email === null ? {} : { email: fields.email ?? `mail${n}@example.com` }),
      firstName: fields.firstName ?? `Name${n}`,
      ...(fields.locale ? { locale: fields.locale } : {}),
      consents:
        fields.consent === false ? [] : [{ channel: 'email', granted: true, source: 'signup' }],
    });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  };

  const staticSegment = (id: string, members: { id: string }[]) =>
    insertStaticSegment(app, clock.now(), id, members);

  beforeAll(async () => {
    app = await startTestApp({ clock });
  });
  afterAll(async () => {
    await app.close();
  });

  it('creates, edits and lists a template per locale', async () => {
    const created = await app.call('POST', '/v1/templates', {
      key: 'hello',
      kind: 'marketing',
      defaultLocale: 'en',
      versions: [version('en', 'Hello {{firstName}}', 'Hi {{firstName}}')],
    });
    expect(created.status).toBe(201);
    const edited = await app.call('PUT', '/v1/templates/hello', {
      kind: 'marketing',
      defaultLocale: 'en',
      versions: [
        version('en', 'Hello {{firstName}}', 'Hi {{firstName}}'),
        version('de', 'Hallo {{firstName}}', 'Servus {{firstName}}'),
      ],
    });
    expect(edited.status).toBe(200);
    const list = await app.call('GET', '/v1/templates');
    const hello = list.body.templates.find((t: { key: string }) => t.key === 'hello');
    expect(hello.versions.map((v: { locale: string }) => v.locale).sort()).toEqual(['de', 'en']);
    const repeated = await app.call('PUT', '/v1/templates/hello', {
      kind: 'marketing',
      defaultLocale: 'en',
      versions: [version('en', 'a', 'b'), version('en', 'c', 'd')],
    });
    expect(repeated.status).toBe(400);
    expect(repeated.body.errors[0].path).toBe('versions.1.locale');
    const variables = await app.call('GET', '/v1/template-variables');
    expect(variables.body.variables.map((v: { name: string }) => v.name)).toContain(
      'points.balance',
    );
  });

  it('previews an unsaved draft for a customer in their locale, or in the one asked for', async () => {
    const jonas = await customer({ firstName: 'Jonas', locale: 'de-AT' });
    const draft = {
      kind: 'marketing',
      defaultLocale: 'en',
      versions: [
        version('en', 'Hello {{firstName}}', 'You have {{points.balance}} points'),
        version('de', 'Hallo {{firstName}}', 'Du hast {{points.balance}} Punkte'),
      ],
    };
    const own = await app.call('POST', '/v1/templates/preview', { customerId: jonas.id, draft });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({
      locale: 'de',
      subject: 'Hallo Jonas',
      text: 'Du hast 0 Punkte',
    });
    const asked = await app.call('POST', '/v1/templates/preview', {
      customerId: jonas.id,
      locale: 'en',
      draft,
    });
    expect(asked.body).toMatchObject({ locale: 'en', subject: 'Hello Jonas' });
    const nobody = await app.call('POST', '/v1/templates/preview', {
      customerId: 'cus_missing',
      draft,
    });
    expect(nobody.status).toBe(404);
  });

  it('names a bad draft part with its line: syntax error and unknown variable, never a 500', async () => {
    const someone = await customer();
    const res = await app.call('POST', '/v1/templates/preview', {
      customerId: someone.id,
      draft: {
        kind: 'marketing',
        defaultLocale: 'en',
        versions: [
          {
            locale: 'en',
            subject: 'Hi {{frstName}}',
            html: '<p>ok</p>\n{{#each rewards}}',
            text: 'line one\n{{#each rewards}}{{name}} {{pointsCost}} {{nope}}{{/each}}',
          },
        ],
      },
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('template_invalid');
    const byPath = Object.fromEntries(
      res.body.errors.map((e: { path: string; message: string }) => [e.path, e.message]),
    );
    expect(byPath['versions.0.subject']).toBe('line 1, column 6: unknown variable "frstName"');
    expect(byPath['versions.0.html']).toMatch(/line 2/);
    expect(byPath['versions.0.text']).toBe('line 2, column 44: unknown variable "nope"');
    const saved = await app.call('POST', '/v1/templates', {
      key: 'broken',
      kind: 'marketing',
      defaultLocale: 'en',
      versions: [version('en', 'x', '{{#if}}')],
    });
    expect(saved.status).toBe(422);
    expect(saved.body.errors[0].path).toBe('versions.0.html');
    // Saving is held to what the preview says: a misspelt variable is refused, not sent empty.
    const misspelt = await app.call('POST', '/v1/templates', {
      key: 'misspelt',
      kind: 'marketing',
      defaultLocale: 'en',
      versions: [version('en', 'Hi {{frstName}}', '<p>ok</p>')],
    });
    expect(misspelt.status).toBe(422);
    expect(misspelt.body.errors).toEqual([
      { path: 'versions.0.subject', message: 'line 1, column 6: unknown variable "frstName"' },
    ]);
    expect((await app.call('GET', '/v1/templates/misspelt')).status).toBe(404);
  });

  it('switches a journey off and on, sets its delay and template, audited; bad input is a 4xx', async () => {
    const on = await app.call('PATCH', '/v1/journeys/welcome', {
      enabled: true,
      templateKey: 'hello',
      delayDays: 1,
      delayHours: 2,
    });
    expect(on.status).toBe(200);
    expect(on.body.welcome).toEqual({
      enabled: true,
      templateKey: 'hello',
      delayDays: 1,
      delayHours: 2,
    });
    const joined = await customer();
    const queued = await app.call('GET', `/v1/customers/${joined.id}/messages`);
    expect(queued.body.messages[0]).toMatchObject({
      journey: 'welcome',
      scheduledAt: '2026-12-02T12:00:00.000Z',
    });
    const off = await app.call('PATCH', '/v1/journeys/welcome', { enabled: false });
    expect(off.body.welcome).toMatchObject({ enabled: false, templateKey: 'hello' });
    const quiet = await customer();
    expect((await app.call('GET', `/v1/customers/${quiet.id}/messages`)).body.messages).toEqual([]);

    const hours = await app.call('PATCH', '/v1/journeys/welcome', { delayHours: 24 });
    expect(hours.status).toBe(400);
    expect(hours.body.errors[0].path).toBe('delayHours');
    const unknown = await app.call('PATCH', '/v1/journeys/nosuch', { enabled: true });
    expect(unknown.status).toBe(400);
    const noTemplate = await app.call('PATCH', '/v1/journeys/birthday', { enabled: true });
    expect(noTemplate.status).toBe(422);
    expect(noTemplate.body.errors[0].path).toBe('templateKey');
    const missing = await app.call('PATCH', '/v1/journeys/birthday', {
      enabled: true,
      templateKey: 'nope',
    });
    expect(missing.status).toBe(404);
    const stray = await app.call('PATCH', '/v1/journeys/birthday', { enabled: true, extra: 1 });
    expect(stray.status).toBe(400);
    expect((await app.call('GET', '/v1/journeys')).body.birthday.enabled).toBe(false);

    const audit = await app.call('GET', '/v1/audit-log?action=journey.updated');
    expect(audit.body.entries.map((e: { targetId: string }) => e.targetId)).toEqual([
      'welcome',
      'welcome',
    ]);
  });

  it('reach counts each exclusion and equals what the send queues', async () => {
    await app.call('PUT', '/v1/messaging/settings', { maxMarketingPerWindow: 1, windowDays: 7 });
    const ok1 = await customer();
    const ok2 = await customer();
    const noConsent = await customer({ consent: false });
    const noEmail = await customer({ email: null });
    const capped = await customer();
    const earlier = await app.call('POST', '/v1/messages', {
      customerId: capped.id,
      templateKey: 'hello',
    });
    expect(earlier.body.status).toBe('queued');
    await staticSegment('seg_reach', [ok1, ok2, noConsent, noEmail, capped]);

    const reach = await app.call('POST', '/v1/campaigns/reach', {
      templateKey: 'hello',
      segmentId: 'seg_reach',
    });
    expect(reach.status).toBe(200);
    expect(reach.body).toEqual({
      segmentSize: 5,
      willReceive: 2,
      excluded: {
        no_consent: 1,
        no_email: 1,
        frequency_cap: 1,
        global_control: 0,
        experiment_holdout: 0,
      },
    });

    const created = await app.call('POST', '/v1/campaigns', {
      templateKey: 'hello',
      segmentId: 'seg_reach',
    });
    expect(created.status).toBe(201);
    await sweepMessages(app.database.db, { clock, mailer: null, env: messagingEnv() });
    const campaign = (await app.call('GET', `/v1/campaigns/${created.body.id}`)).body;
    expect(campaign.counts.queued + campaign.counts.outbox + campaign.counts.sent).toBe(
      reach.body.willReceive,
    );
    expect(campaign.counts.suppressedByReason).toEqual({
      no_consent: 1,
      no_email: 1,
      frequency_cap: 1,
    });

    const transactional = await app.call('POST', '/v1/templates', {
      key: 'notice',
      kind: 'transactional',
      defaultLocale: 'en',
      versions: [version('en', 'Notice', 'Notice')],
    });
    expect(transactional.status).toBe(201);
    const noticeReach = await app.call('POST', '/v1/campaigns/reach', {
      templateKey: 'notice',
      segmentId: 'seg_reach',
    });
    expect(noticeReach.body).toMatchObject({
      willReceive: 4,
      excluded: { no_consent: 0, no_email: 1, frequency_cap: 0, global_control: 0 },
    });
    const badSegment = await app.call('POST', '/v1/campaigns/reach', {
      templateKey: 'hello',
      segmentId: 'seg_none',
    });
    expect(badSegment.status).toBe(404);
    const badBody = await app.call('POST', '/v1/campaigns/reach', { templateKey: 'hello' });
    expect(badBody.status).toBe(400);
    expect(badBody.body.errors[0].path).toBe('segmentId');
  });
});
