import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messagingEnv } from '../src/app/messaging-deps.js';
import { variantFor } from '../src/core/experiments/assignment.js';
import {
  PopulationSchema,
  TargetsSchema,
  VariantSchema,
  type Experiment,
} from '../src/core/experiments/experiments.js';
import { inGlobalControl } from '../src/core/messaging/global-control.js';
import type { Mailer } from '../src/core/messaging/messaging.send.js';
import { experimentRepository } from '../src/db/experiments/experiments.repository.js';
import { smtpMailer, sweepMessages } from '../src/jobs/message-send.job.js';
import { manualClock, startTestApp, type TestApp } from './support/app.js';
import { experimentFixture } from './support/experiment-fixture.js';
import { insertStaticSegment, unique } from './support/fixtures.js';
import { recipients, startSmtp } from './support/smtp.js';

// What running experiments do to e-mail and offers, end to end over a real SMTP server: a
// holdout arm gets none of a targeted campaign's or journey's mail (experiment_holdout), a
// template arm gets its template, every arm is exposed once at the same moment, the global
// control group is held back before any arm, and rewards an arm names are that arm's alone.

const template = (key: string, kind: 'marketing' | 'transactional', subject: string) => ({
  key,
  kind,
  defaultLocale: 'en',
  versions: [{ locale: 'en', subject, html: `<p>${subject}</p>`, text: subject }],
});

describe('experiments in messaging: holdouts, template variants, offers per arm', () => {
  let app: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let mailer: Mailer;
  const clock = manualClock(new Date('2026-12-01T10:00:00Z'));
  const env = messagingEnv();
  let n = 0;

  const sweep = () => sweepMessages(app.database.db, { clock, mailer, env });
  const customer = async (fields: Record<string, unknown> = {}) => {
    n += 1;
    const res = await app.call('POST', '/v1/customers', {
      email: `x${n}-${unique('m')}@example.com`.toLowerCase(),
      firstName: `Member${n}`,
      consents: [{ channel: 'email', granted: true, source: 'signup' }],
      ...fields,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; email: string; firstName: string };
  };
  const mailsTo = (address: string) => smtp.received.filter((m) => recipients(m).includes(address));
  const log = async (customerId: string) =>
    (await app.call('GET', `/v1/customers/${customerId}/messages`)).body.messages as {
      templateKey: string;
      campaignId: string | null;
      journey: string | null;
      status: string;
      reason: string | null;
    }[];
  const exposures = (experimentId: string) =>
    app.database.db
      .selectFrom('experiment_exposure')
      .select(['customer_id', 'variant', 'source', 'exposed_at'])
      .where('experiment_id', '=', experimentId)
      .orderBy('customer_id')
      .execute();

  // Several run at once, stored directly past the overlap check, so they are marked orthogonal.
  const experiment = (id: string, fields: Partial<Experiment>) =>
    experimentFixture(id, clock.now(), { orthogonal: true, ...fields });
  const start = async (e: Experiment) => {
    const store = experimentRepository(app.database.db);
    await store.insert(e);
    if (e.population.entry === 'fixed') await store.exposePopulation(e, clock.now());
    return e;
  };
  const stop = (e: Experiment) =>
    experimentRepository(app.database.db).update({
      ...e,
      status: 'stopped',
      stoppedAt: clock.now(),
    });
  const armOf = (e: Experiment, id: string) => variantFor(e.salt, id, e.variants).key;

  beforeAll(async () => {
    smtp = await startSmtp();
    mailer = smtpMailer(smtp.url);
    app = await startTestApp({ clock });
    for (const t of [
      template('promo', 'marketing', 'Promo for {{firstName}}'),
      template('promo-b', 'marketing', 'Variant B for {{firstName}}'),
      template('hello', 'marketing', 'Welcome {{firstName}}'),
      template('receipt', 'transactional', 'Your receipt'),
      {
        ...template('offers', 'transactional', 'Your offers'),
        versions: [
          {
            locale: 'en',
            subject: 'Your offers',
            html: '<p>{{#each rewards}}[{{name}}]{{/each}}</p>',
            text: '{{#each rewards}}[{{name}}]{{/each}}',
          },
        ],
      },
    ]) {
      expect((await app.call('POST', '/v1/templates', t)).status).toBe(201);
    }
    const settings = await app.call('PUT', '/v1/messaging/settings', {
      maxMarketingPerWindow: 10,
      windowDays: 7,
      fromAddress: 'hello@shop.example',
    });
    expect(settings.status).toBe(200);
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
  });

  it('a campaign with a 50% holdout: no mail to the holdout, the variant’s subject to its arm, each exposed once', async () => {
    const members = [];
    for (let i = 0; i < 40; i += 1) members.push(await customer());
    await insertStaticSegment(app, clock.now(), 'seg_holdout', members);
    const campaign = await app.call('POST', '/v1/campaigns', {
      templateKey: 'promo',
      segmentId: 'seg_holdout',
      scheduledAt: new Date(clock.now().getTime() + 3_600_000).toISOString(),
    });
    expect(campaign.status).toBe(201);
    const e = await start(
      experiment('exp_holdout', {
        population: PopulationSchema.parse({ segmentId: 'seg_holdout', entry: 'open' }),
        variants: VariantSchema.array().parse([
          { key: 'holdout', name: 'Nothing', weight: 2, holdout: true },
          { key: 'control', name: 'Usual promo', weight: 1, control: true },
          { key: 'b', name: 'Variant B', weight: 1, templateKey: 'promo-b' },
        ]),
        targets: TargetsSchema.parse({ campaignIds: [campaign.body.id] }),
      }),
    );
    const arm = new Map(members.map((m) => [m.id, armOf(e, m.id)]));
    const held = members.filter((m) => arm.get(m.id) === 'holdout');
    // 40 draws at 50%: fewer than 5 or more than 35 has a chance below one in 10^5.
    expect(held.length).toBeGreaterThan(4);
    expect(held.length).toBeLessThan(36);
    expect(members.some((m) => arm.get(m.id) === 'b')).toBe(true);

    // Reach counts the holdout as its own reason and exposes nobody; without campaignId, no
    // experiment targets the would-be campaign.
    const reach = await app.call('POST', '/v1/campaigns/reach', {
      templateKey: 'promo',
      segmentId: 'seg_holdout',
      campaignId: campaign.body.id,
    });
    expect(reach.status, JSON.stringify(reach.body)).toBe(200);
    expect(reach.body).toEqual({
      segmentSize: 40,
      willReceive: 40 - held.length,
      excluded: {
        no_email: 0,
        no_consent: 0,
        frequency_cap: 0,
        global_control: 0,
        experiment_holdout: held.length,
      },
    });
    const plain = await app.call('POST', '/v1/campaigns/reach', {
      templateKey: 'promo',
      segmentId: 'seg_holdout',
    });
    expect(plain.body.excluded.experiment_holdout).toBe(0);
    expect(await exposures(e.id)).toEqual([]);

    clock.set(new Date(clock.now().getTime() + 3_600_000));
    const sent = await sweep();
    expect(sent.campaigns).toBe(1);
    const sentAt = clock.now();

    for (const m of members) {
      const mails = mailsTo(m.email);
      const message = (await log(m.id)).find((x) => x.campaignId === campaign.body.id)!;
      if (arm.get(m.id) === 'holdout') {
        expect(mails).toEqual([]);
        expect(message).toMatchObject({ status: 'suppressed', reason: 'experiment_holdout' });
      } else {
        expect(mails.map((x) => x.subject)).toEqual([
          `${arm.get(m.id) === 'b' ? 'Variant B' : 'Promo'} for ${m.firstName}`,
        ]);
        expect(message).toMatchObject({
          status: 'sent',
          reason: null,
          templateKey: arm.get(m.id) === 'b' ? 'promo-b' : 'promo',
        });
      }
    }

    // Every arm, the holdout included, exposed once, at the send, as the message source.
    const exposed = await exposures(e.id);
    expect(exposed).toHaveLength(40);
    for (const x of exposed) {
      expect(x).toMatchObject({ variant: arm.get(x.customer_id), source: 'message' });
      expect(new Date(x.exposed_at).getTime()).toBe(sentAt.getTime());
    }
    const counts = (await app.call('GET', `/v1/campaigns/${campaign.body.id}`)).body.counts;
    expect(counts).toMatchObject({
      sent: 40 - held.length,
      suppressed: held.length,
      suppressedByReason: { experiment_holdout: held.length },
    });

    // A second sweep later changes nothing: no mail, no exposure moved.
    const before = smtp.received.length;
    clock.set(new Date(clock.now().getTime() + 60_000));
    await sweep();
    expect(smtp.received.length).toBe(before);
    expect(await exposures(e.id)).toEqual(exposed);
    await stop(e);
  });

  it('a fixed population: only the customers exposed at start are treated; a later member is not', async () => {
    const members = [];
    for (let i = 0; i < 12; i += 1) members.push(await customer());
    await insertStaticSegment(app, clock.now(), 'seg_fixed', members);
    const campaign = await app.call('POST', '/v1/campaigns', {
      templateKey: 'promo',
      segmentId: 'seg_fixed',
      scheduledAt: new Date(clock.now().getTime() + 60_000).toISOString(),
    });
    const e = await start(
      experiment('exp_fixed', {
        // Everyone is in the holdout, but only those in the population at start.
        population: PopulationSchema.parse({ segmentId: 'seg_fixed', entry: 'fixed' }),
        variants: VariantSchema.array().parse([
          { key: 'control', name: 'Control', weight: 1e-9, control: true },
          { key: 'holdout', name: 'Holdout', weight: 1_000_000, holdout: true },
        ]),
        targets: TargetsSchema.parse({ campaignIds: [campaign.body.id] }),
      }),
    );
    const exposedAtStart = await exposures(e.id);
    const late = await customer();
    await app.database.db
      .insertInto('segment_member')
      .values({ segment_id: 'seg_fixed', customer_id: late.id, added_at: clock.now() })
      .execute();
    clock.set(new Date(clock.now().getTime() + 60_000));
    await sweep();
    for (const m of members) {
      expect(mailsTo(m.email)).toEqual([]);
      expect((await log(m.id))[0]).toMatchObject({ reason: 'experiment_holdout' });
    }
    expect(mailsTo(late.email).map((x) => x.subject)).toEqual([expect.stringMatching(/^Promo/)]);
    // The fixed population's exposures are those of the start, unchanged.
    expect(await exposures(e.id)).toEqual(exposedAtStart);
    expect(exposedAtStart.map((x) => x.customer_id).sort()).toEqual(
      members.map((m) => m.id).sort(),
    );
    await stop(e);
  });

  it('the global control group gets nothing and joins no arm; the others are split as usual', async () => {
    const on = await app.call('PUT', '/v1/messaging/settings', {
      maxMarketingPerWindow: 10,
      fromAddress: 'hello@shop.example',
      globalControlPercent: 30,
    });
    const settings = on.body as { globalControlPercent: number; globalControlSalt: string };
    const members = [];
    for (let i = 0; i < 30; i += 1) members.push(await customer());
    const control = members.filter((m) => inGlobalControl(settings, m.id));
    expect(control.length).toBeGreaterThan(0);
    await insertStaticSegment(app, clock.now(), 'seg_gc', members);
    const campaign = await app.call('POST', '/v1/campaigns', {
      templateKey: 'promo',
      segmentId: 'seg_gc',
      scheduledAt: new Date(clock.now().getTime() + 60_000).toISOString(),
    });
    const e = await start(
      experiment('exp_gc', {
        population: PopulationSchema.parse({ segmentId: 'seg_gc', entry: 'open' }),
        variants: VariantSchema.array().parse([
          { key: 'control', name: 'Control', weight: 1, control: true },
          { key: 'holdout', name: 'Holdout', weight: 1, holdout: true },
        ]),
        targets: TargetsSchema.parse({ campaignIds: [campaign.body.id] }),
      }),
    );
    const reach = await app.call('POST', '/v1/campaigns/reach', {
      templateKey: 'promo',
      segmentId: 'seg_gc',
      campaignId: campaign.body.id,
    });
    const reachable = members.filter((m) => !inGlobalControl(settings, m.id));
    const held = reachable.filter((m) => armOf(e, m.id) === 'holdout');
    expect(reach.body.excluded).toMatchObject({
      global_control: control.length,
      experiment_holdout: held.length,
    });
    clock.set(new Date(clock.now().getTime() + 60_000));
    await sweep();
    for (const m of control) {
      expect(mailsTo(m.email)).toEqual([]);
      expect((await log(m.id))[0]).toMatchObject({ reason: 'global_control' });
    }
    for (const m of held) expect(mailsTo(m.email)).toEqual([]);
    expect((await exposures(e.id)).map((x) => x.customer_id)).toEqual(
      reachable.map((m) => m.id).sort(),
    );
    await stop(e);
    await app.call('PUT', '/v1/messaging/settings', {
      maxMarketingPerWindow: 10,
      fromAddress: 'hello@shop.example',
      globalControlPercent: 0,
    });
  });

  it('a journey with a holdout: welcome mail to one arm, none to the other, decided again at send time', async () => {
    const on = await app.call('PUT', '/v1/journeys', {
      welcome: { enabled: true, templateKey: 'hello', delayHours: 1 },
    });
    expect(on.status).toBe(200);
    // Queued before the experiment starts: the send asks again and holds the holdout back.
    const early = [];
    for (let i = 0; i < 10; i += 1) early.push(await customer());
    const e = await start(
      experiment('exp_welcome', {
        population: PopulationSchema.parse({ segmentId: null, entry: 'open' }),
        variants: VariantSchema.array().parse([
          { key: 'control', name: 'Control', weight: 1, control: true },
          { key: 'holdout', name: 'No welcome', weight: 1, holdout: true },
        ]),
        targets: TargetsSchema.parse({ journeys: ['welcome'] }),
      }),
    );
    const later = [];
    for (let i = 0; i < 20; i += 1) later.push(await customer());
    for (const m of later) {
      const welcome = (await log(m.id)).find((x) => x.journey === 'welcome')!;
      expect(welcome).toMatchObject(
        armOf(e, m.id) === 'holdout'
          ? { status: 'suppressed', reason: 'experiment_holdout' }
          : { status: 'queued', reason: null },
      );
    }
    clock.set(new Date(clock.now().getTime() + 2 * 3_600_000));
    await sweep();
    const everyone = [...early, ...later];
    for (const m of everyone) {
      const held = armOf(e, m.id) === 'holdout';
      expect(mailsTo(m.email).map((x) => x.subject)).toEqual(
        held ? [] : [`Welcome ${m.firstName}`],
      );
      expect((await log(m.id)).find((x) => x.journey === 'welcome')).toMatchObject(
        held ? { status: 'suppressed', reason: 'experiment_holdout' } : { status: 'sent' },
      );
    }
    expect(everyone.some((m) => armOf(e, m.id) === 'holdout')).toBe(true);
    const exposed = await exposures(e.id);
    expect(exposed.map((x) => x.customer_id)).toEqual(everyone.map((m) => m.id).sort());
    expect(new Set(exposed.map((x) => x.source))).toEqual(new Set(['message']));
    await stop(e);

    // Stopped: everyone gets the default again, and nobody new is exposed.
    const after = await customer();
    expect((await log(after.id))[0]).toMatchObject({ journey: 'welcome', status: 'queued' });
    expect(await exposures(e.id)).toHaveLength(everyone.length);
    await app.call('PUT', '/v1/journeys', {});
  });

  it('a variant template that vanished or changed kind: the default is sent, with a warning', async () => {
    const members = [];
    for (let i = 0; i < 4; i += 1) members.push(await customer());
    await insertStaticSegment(app, clock.now(), 'seg_fallback', members);
    const gone = template('gone-soon', 'marketing', 'Gone {{firstName}}');
    expect((await app.call('POST', '/v1/templates', gone)).status).toBe(201);
    const campaign = await app.call('POST', '/v1/campaigns', {
      templateKey: 'promo',
      segmentId: 'seg_fallback',
      scheduledAt: new Date(clock.now().getTime() + 60_000).toISOString(),
    });
    const e = await start(
      experiment('exp_fallback', {
        population: PopulationSchema.parse({ segmentId: 'seg_fallback', entry: 'open' }),
        variants: VariantSchema.array().parse([
          { key: 'control', name: 'Control', weight: 1e-9, control: true },
          // A transactional template would skip consent and the cap: never swapped in.
          { key: 'receipt', name: 'Receipt', weight: 1, templateKey: 'receipt' },
          { key: 'gone', name: 'Gone', weight: 1, templateKey: 'gone-soon' },
        ]),
        targets: TargetsSchema.parse({ campaignIds: [campaign.body.id] }),
      }),
    );
    expect((await app.call('DELETE', '/v1/templates/gone-soon')).status).toBe(204);
    const warnings: string[] = [];
    const listen = (w: Error) => warnings.push(w.message);
    process.on('warning', listen);
    clock.set(new Date(clock.now().getTime() + 60_000));
    await sweep();
    // emitWarning reports on the next tick.
    await new Promise((resolve) => setImmediate(resolve));
    process.off('warning', listen);
    for (const m of members) {
      expect(mailsTo(m.email).map((x) => x.subject)).toEqual([`Promo for ${m.firstName}`]);
    }
    const arms = new Set(members.map((m) => armOf(e, m.id)));
    for (const [arm, problem] of [
      ['receipt', 'is transactional, not marketing'],
      ['gone', 'no longer exists'],
    ]) {
      if (arms.has(arm!)) {
        expect(
          warnings.some((w) => w.includes('experiment.template_unusable') && w.includes(problem!)),
        ).toBe(true);
      }
    }
    expect(warnings.length).toBeGreaterThan(0);
    await stop(e);
  });

  it('offers per arm: each arm sees and redeems its reward only; outsiders see neither', async () => {
    const reward = async (name: string) => {
      const res = await app.call('POST', '/v1/rewards', {
        name,
        kind: 'percent_discount',
        value: 10,
        pointsCost: 50,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    };
    const forA = await reward('Offer A');
    const forB = await reward('Offer B');
    const everyone = await reward('Offer for all');
    const members = [];
    for (let i = 0; i < 16; i += 1) members.push(await customer());
    const outsider = await customer();
    for (const m of [...members, outsider]) {
      const res = await app.call('POST', `/v1/customers/${m.id}/points/adjust`, {
        points: 500,
        reason: 'gift',
      });
      expect(res.status).toBe(201);
    }
    await insertStaticSegment(app, clock.now(), 'seg_offers', members);
    const e = await start(
      experiment('exp_offers', {
        population: PopulationSchema.parse({ segmentId: 'seg_offers', entry: 'open' }),
        variants: VariantSchema.array().parse([
          { key: 'a', name: 'A', weight: 1, control: true, rewardIds: [forA] },
          { key: 'b', name: 'B', weight: 1, rewardIds: [forB] },
        ]),
      }),
    );
    const token = async (id: string) =>
      (await app.call('GET', `/v1/customers/${id}/card`)).body.token as string;
    const shown = async (id: string) => {
      const page = await app.call('GET', `/m/api/${await token(id)}`);
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      return (page.body.rewards as { id: string }[])
        .map((r) => r.id)
        .filter((r) => [forA, forB, everyone].includes(r))
        .sort();
    };
    const redeem = async (id: string, rewardId: string) =>
      app.call(
        'POST',
        `/m/api/${await token(id)}/rewards/${rewardId}/redeem`,
        {},
        {
          'idempotency-key': unique('tap'),
        },
      );

    expect(await exposures(e.id)).toEqual([]);
    for (const m of members) {
      const own = armOf(e, m.id) === 'a' ? forA : forB;
      expect(await shown(m.id)).toEqual([own, everyone].sort());
    }
    expect(await shown(outsider.id)).toEqual([everyone]);
    const exposed = await exposures(e.id);
    expect(exposed.map((x) => x.customer_id)).toEqual(members.map((m) => m.id).sort());
    expect(new Set(exposed.map((x) => x.source))).toEqual(new Set(['offer']));
    expect(new Set(exposed.map((x) => x.variant))).toEqual(new Set(['a', 'b']));

    const inA = members.find((m) => armOf(e, m.id) === 'a')!;
    const refused = await redeem(inA.id, forB);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('reward_not_offered');
    expect((await redeem(outsider.id, forA)).body.code).toBe('reward_not_offered');
    expect((await redeem(inA.id, forA)).status).toBe(201);
    expect((await redeem(outsider.id, everyone)).status).toBe(201);

    // E-mails list the arm's offers only.
    const mail = await app.call('POST', '/v1/messages', {
      customerId: inA.id,
      templateKey: 'offers',
    });
    expect(mail.status).toBe(201);
    await sweep();
    const text = mailsTo(inA.email).find((x) => x.subject === 'Your offers')!.text ?? '';
    expect(text).toContain('[Offer for all]');
    expect(text).not.toContain('[Offer B]');

    // Stopped: the offers are everyone's again.
    await stop(e);
    expect(await shown(outsider.id)).toEqual([forA, forB, everyone].sort());
  });
});
