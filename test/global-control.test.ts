import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messagingEnv } from '../src/app/messaging-deps.js';
import { controlPosition, inGlobalControl } from '../src/core/messaging/global-control.js';
import { MessagingSettingsSchema } from '../src/core/messaging/messaging.js';
import { messagingRepository } from '../src/db/messaging/messaging.repository.js';
import { sweepMessages } from '../src/jobs/message-send.job.js';
import { manualClock, startTestApp, type TestApp } from './support/app.js';
import { insertStaticSegment } from './support/fixtures.js';

const template = (key: string, kind: 'marketing' | 'transactional') => ({
  key,
  kind,
  defaultLocale: 'en',
  versions: [{ locale: 'en', subject: key, html: `<p>${key}</p>`, text: key }],
});

describe('global control group: held back from marketing, counted by reach, kept stable', () => {
  let app: TestApp;
  const clock = manualClock(new Date('2026-12-01T10:00:00Z'));
  let n = 0;
  let salt = '';

  const customer = async () => {
    n += 1;
    const res = await app.call('POST', '/v1/customers', {
      email: `gc${n}@example.com`,
      firstName: `Gc${n}`,
      consents: [{ channel: 'email', granted: true, source: 'signup' }],
    });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  };
  const log = async (customerId: string) =>
    (await app.call('GET', `/v1/customers/${customerId}/messages`)).body.messages as {
      templateKey: string;
      journey: string | null;
      status: string;
      reason: string | null;
    }[];
  const held = (percent: number, id: string) =>
    inGlobalControl({ globalControlPercent: percent, globalControlSalt: salt }, id);
  const sweep = () => sweepMessages(app.database.db, { clock, mailer: null, env: messagingEnv() });

  beforeAll(async () => {
    app = await startTestApp({ clock });
    for (const t of [template('promo', 'marketing'), template('receipt', 'transactional')]) {
      expect((await app.call('POST', '/v1/templates', t)).status).toBe(201);
    }
  });
  afterAll(async () => {
    await app.close();
  });

  it('refuses a share out of range or not a number, naming the field, and writes nothing', async () => {
    for (const bad of [60, -1, 'x', 0.15]) {
      const res = await app.call('PUT', '/v1/messaging/settings', { globalControlPercent: bad });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].path).toBe('globalControlPercent');
    }
    const settings = await app.call('GET', '/v1/messaging/settings');
    expect(settings.body).toMatchObject({ globalControlPercent: 0, globalControlSalt: null });
  });

  it('makes the salt on the first save and keeps it, whatever the body says', async () => {
    const first = await app.call('PUT', '/v1/messaging/settings', { globalControlPercent: 12.5 });
    expect(first.status).toBe(200);
    salt = first.body.globalControlSalt;
    expect(salt).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const second = await app.call('PUT', '/v1/messaging/settings', {
      globalControlPercent: 30,
      globalControlSalt: 'chosen-by-a-client',
    });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ globalControlPercent: 30, globalControlSalt: salt });
    expect((await app.call('GET', '/v1/messaging/settings')).body).toMatchObject({
      globalControlPercent: 30,
      globalControlSalt: salt,
      maxMarketingPerWindow: 3,
    });
  });

  it('keeps a stored salt even when a write carries another (two first saves racing)', async () => {
    const repository = messagingRepository(app.database.db);
    const stored = await repository.saveSettings(
      MessagingSettingsSchema.parse({
        globalControlPercent: 30,
        globalControlSalt: 'a-later-salt',
      }),
      clock.now(),
    );
    expect(stored).toMatchObject({ globalControlPercent: 30, globalControlSalt: salt });
    expect(await repository.settings()).toMatchObject({ globalControlSalt: salt });
  });

  it('a campaign skips the group, recording global_control, and reach counted it first', async () => {
    const members = [];
    for (let i = 0; i < 40; i += 1) members.push(await customer());
    const control = members.filter((m) => held(30, m.id));
    // 40 draws at 30%: none held (or all) has a chance below one in a million.
    expect(control.length).toBeGreaterThan(0);
    expect(control.length).toBeLessThan(members.length);
    await insertStaticSegment(app, clock.now(), 'seg_gc', members, 'Control test');

    const reach = await app.call('POST', '/v1/campaigns/reach', {
      templateKey: 'promo',
      segmentId: 'seg_gc',
    });
    expect(reach.status).toBe(200);
    expect(reach.body).toEqual({
      segmentSize: 40,
      willReceive: 40 - control.length,
      excluded: {
        no_email: 0,
        no_consent: 0,
        frequency_cap: 0,
        global_control: control.length,
        experiment_holdout: 0,
      },
    });

    const created = await app.call('POST', '/v1/campaigns', {
      templateKey: 'promo',
      segmentId: 'seg_gc',
    });
    expect(created.status).toBe(201);
    await sweep();
    const campaign = (await app.call('GET', `/v1/campaigns/${created.body.id}`)).body;
    expect(campaign.counts.suppressedByReason).toEqual({
      global_control: reach.body.excluded.global_control,
    });
    expect(campaign.counts.queued + campaign.counts.outbox + campaign.counts.sent).toBe(
      reach.body.willReceive,
    );
    for (const m of members) {
      const promo = (await log(m.id)).find((x) => x.templateKey === 'promo')!;
      expect(promo).toMatchObject(
        held(30, m.id) ? { status: 'suppressed', reason: 'global_control' } : { status: 'outbox' },
      );
    }

    // Transactional mail is not marketing: a held-back member still gets it.
    const receipt = await app.call('POST', '/v1/messages', {
      customerId: control[0]!.id,
      templateKey: 'receipt',
    });
    expect(receipt.status).toBe(201);
    expect(receipt.body).toMatchObject({ status: 'queued', reason: null });
  });

  it('journeys skip the group too', async () => {
    const on = await app.call('PUT', '/v1/journeys', {
      welcome: { enabled: true, templateKey: 'promo' },
    });
    expect(on.status).toBe(200);
    // Customers join until both sides of the group have one (ids are random, the salt too).
    const joined: { id: string }[] = [];
    while (!joined.some((m) => held(30, m.id)) || joined.every((m) => held(30, m.id))) {
      joined.push(await customer());
      expect(joined.length).toBeLessThan(200);
    }
    for (const m of joined) {
      const welcome = (await log(m.id)).find((x) => x.journey === 'welcome')!;
      expect(welcome).toMatchObject(
        held(30, m.id)
          ? { status: 'suppressed', reason: 'global_control' }
          : { status: 'queued', reason: null },
      );
    }
    await app.call('PUT', '/v1/journeys', {});
  });

  it('a raised share only adds members, and holds back what they had queued', async () => {
    // A customer outside the group at 30% but inside at 50%, with marketing already queued.
    let moving: { id: string } | null = null;
    while (!moving) {
      const c = await customer();
      const p = controlPosition(salt, c.id);
      if (p >= 0.3 && p < 0.5) moving = c;
    }
    const queued = await app.call('POST', '/v1/messages', {
      customerId: moving.id,
      templateKey: 'promo',
    });
    expect(queued.body).toMatchObject({ status: 'queued' });
    const before = await app.call('POST', '/v1/campaigns/reach', {
      templateKey: 'promo',
      segmentId: 'seg_gc',
    });

    const raised = await app.call('PUT', '/v1/messaging/settings', { globalControlPercent: 50 });
    expect(raised.body.globalControlSalt).toBe(salt);
    const after = await app.call('POST', '/v1/campaigns/reach', {
      templateKey: 'promo',
      segmentId: 'seg_gc',
    });
    expect(after.body.excluded.global_control).toBeGreaterThanOrEqual(
      before.body.excluded.global_control,
    );

    await sweep();
    const message = await app.call('GET', `/v1/messages/${queued.body.id}`);
    expect(message.body).toMatchObject({ status: 'suppressed', reason: 'global_control' });

    const off = await app.call('PUT', '/v1/messaging/settings', { globalControlPercent: 0 });
    expect(off.body).toMatchObject({ globalControlPercent: 0, globalControlSalt: salt });
  });
});
