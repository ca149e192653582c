import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestDrafts } from '../src/cli/import/index.js';
import { addDays } from '../src/core/shared/clock.js';
import { createApp } from '../src/http/app.js';
import { applicationJobs } from '../src/jobs/index.js';
import { createJobRunner, type JobRunner } from '../src/jobs/job-runner.js';
import { TIER_PLACEMENT_JOB, placeMembersInTiers } from '../src/jobs/tier-placement.job.js';
import { reviewDueTiers, tierReviewJob } from '../src/jobs/tier-review.job.js';
import { manualClock, startTestApp, type TestApp } from './support/app.js';
import { tableRowCount } from './support/database.js';
import { createCustomer, orderBody } from './support/fixtures.js';

/**
 * VIP tiers end to end, on both databases, with a hand-moved clock: upgrades on the order that
 * crosses a threshold, the tier's bonus on the next order, no downgrade before the period's
 * review (grace days included), then the review itself, once.
 */

type Clock = ReturnType<typeof manualClock>;

const order = async (t: TestApp, clock: Clock, customerId: string, totalMinor: number) => {
  const res = await t.call(
    'POST',
    '/v1/orders',
    orderBody(customerId, {
      placedAt: clock.now().toISOString(),
      lines: [{ sku: 'ITEM', quantity: 1, unitPriceMinor: totalMinor }],
    }),
  );
  expect(res.status).toBe(201);
  return res.body as { order: { id: string; pointsEarned: number }; points: { earned: number } };
};

const returnWhole = async (t: TestApp, orderId: string) => {
  const res = await t.call('POST', `/v1/orders/${orderId}/returns`, {});
  expect(res.status).toBe(201);
};

const progress = async (t: TestApp, customerId: string) => {
  const res = await t.call('GET', `/v1/customers/${customerId}/tier`);
  expect(res.status).toBe(200);
  return res.body;
};

const changes = (t: TestApp, customerId: string) =>
  t.database.db
    .selectFrom('tier_change')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('seq')
    .execute();

const memberRow = (t: TestApp, customerId: string) =>
  t.database.db
    .selectFrom('member_tier')
    .selectAll()
    .where('customer_id', '=', customerId)
    .executeTakeFirst();

const allChanges = (t: TestApp) => tableRowCount(t.database.db, 'tier_change');

const SPEND_TIERS = {
  policy: { metric: 'spend', window: { kind: 'calendarYear' }, graceDays: 30 },
  tiers: [
    { code: 'bronze', name: 'Bronze', threshold: 1000 },
    {
      code: 'silver',
      name: 'Silver',
      threshold: 5000,
      earnMultiplierPercent: 150,
      benefits: ['Free delivery'],
    },
    { code: 'gold', name: 'Gold', threshold: 20000, earnMultiplierPercent: 200 },
  ],
};

describe('tiers by spend over the calendar year (Europe/London, 30 grace days)', () => {
  const clock = manualClock(new Date('2026-03-01T12:00:00.000Z'));
  let t: TestApp;
  let ann: string;
  let silverOrderId: string;
  let bea: string;

  beforeAll(async () => {
    t = await startTestApp({ clock });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('does nothing for members while no tiers are configured', async () => {
    expect((await t.call('GET', '/v1/tiers')).body).toEqual({ policy: null, tiers: [] });
    const c = await createCustomer(t);
    await order(t, clock, c.id, 100_000);
    expect(await progress(t, c.id)).toMatchObject({ tier: null, metric: null, next: null });
    expect(await allChanges(t)).toBe(0);
  });

  it('stores the policy and tiers; ranks follow the list', async () => {
    const saved = await t.call('PUT', '/v1/tiers', SPEND_TIERS);
    expect(saved.status).toBe(200);
    expect(saved.body.tiers.map((x: any) => [x.code, x.rank, x.earnMultiplierPercent])).toEqual([
      ['bronze', 1, 100],
      ['silver', 2, 150],
      ['gold', 3, 200],
    ]);
    const read = await t.call('GET', '/v1/tiers');
    expect(read.body).toEqual(saved.body);
    expect(read.body.tiers[1].benefits).toEqual(['Free delivery']);
  });

  it('refuses bad configurations, naming the field, and writes nothing', async () => {
    const bad = structuredClone(SPEND_TIERS);
    bad.tiers[2]!.threshold = 5000;
    const res = await t.call('PUT', '/v1/tiers', bad);
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual({
      path: 'tiers.2.threshold',
      message: 'must exceed tiers.1.threshold',
    });
    const dup = structuredClone(SPEND_TIERS);
    dup.tiers[1]!.code = 'bronze';
    expect((await t.call('PUT', '/v1/tiers', dup)).body.errors).toContainEqual({
      path: 'tiers.1.code',
      message: 'duplicates tiers.0.code',
    });
    const noDays = {
      ...SPEND_TIERS,
      policy: { ...SPEND_TIERS.policy, window: { kind: 'rolling' } },
    };
    const missing = await t.call('PUT', '/v1/tiers', noDays);
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: any) => e.path)).toContain('policy.window.days');
    expect((await t.call('GET', '/v1/tiers')).body.tiers[2].threshold).toBe(20000);
  });

  it('moves up on the order that crosses a threshold; the next order earns the tier’s bonus', async () => {
    ann = (await createCustomer(t)).id;
    const first = await order(t, clock, ann, 800);
    expect(first.points.earned).toBe(8);
    expect((await progress(t, ann)).tier).toBeNull();

    await order(t, clock, ann, 3200); // 4000: bronze (no bonus)
    expect((await progress(t, ann)).tier.code).toBe('bronze');
    const crossing = await order(t, clock, ann, 2000); // 6000: silver, from this order on
    silverOrderId = crossing.order.id;
    expect(crossing.points.earned).toBe(20);
    const next = await order(t, clock, ann, 600); // 6 points + half again (silver, 150%)
    expect(next.points.earned).toBe(9);
    expect(next.order.pointsEarned).toBe(9);

    const mine = await progress(t, ann);
    expect(mine.tier).toMatchObject({ code: 'silver', earnMultiplierPercent: 150 });
    expect(mine.since).toBe('2026-03-01T12:00:00.000Z');
    // 1 January 2027 in London (GMT) plus 30 days.
    expect(mine.reviewAt).toBe('2027-01-31T00:00:00.000Z');

    const history = await changes(t, ann);
    expect(history.map((c) => [c.from_tier, c.to_tier, c.reason, Number(c.metric_value)])).toEqual([
      [null, 'bronze', 'upgrade', 4000],
      ['bronze', 'silver', 'upgrade', 6000],
    ]);
    expect(history[1]!.window_start.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(history[1]!.window_end.toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('a return mid-period lowers the metric but not the tier; progress shows both', async () => {
    clock.set(new Date('2026-06-01T09:00:00.000Z'));
    await returnWhole(t, silverOrderId); // 6600 - 2000 = 4600, under silver's 5000
    const mine = await progress(t, ann);
    expect(mine).toMatchObject({
      tier: { code: 'silver' },
      metric: 'spend',
      windowStart: '2026-01-01T00:00:00.000Z',
      windowEnd: '2027-01-01T00:00:00.000Z',
      value: 4600,
      next: { code: 'gold', threshold: 20000, remaining: 15400, percent: 23 },
      toKeep: { threshold: 5000, value: 4600, remaining: 400 },
    });
    expect((await changes(t, ann)).length).toBe(2);
  });

  it('the calendar year is a hard boundary: December and January spend do not add up', async () => {
    bea = (await createCustomer(t)).id;
    clock.set(new Date('2026-12-31T12:00:00.000Z'));
    await order(t, clock, bea, 3000);
    expect((await memberRow(t, bea))?.review_at?.toISOString()).toBe('2027-01-31T00:00:00.000Z');
    clock.set(new Date('2027-01-01T12:00:00.000Z'));
    await order(t, clock, bea, 3000); // 6000 over both days, 3000 in 2027
    const mine = await progress(t, bea);
    expect(mine.tier.code).toBe('bronze');
    expect(mine.value).toBe(3000);
    // Bronze earned again in 2027: reviewed after 2027 instead.
    expect(mine.reviewAt).toBe('2028-01-31T00:00:00.000Z');
    expect((await changes(t, bea)).length).toBe(1);
  });

  it('moves down only at the review, once the grace days are over, and only once', async () => {
    clock.set(new Date('2027-01-30T23:59:00.000Z'));
    expect(await reviewDueTiers(t.database.db, clock)).toMatchObject({ reviewed: 0 });
    expect((await progress(t, ann)).tier.code).toBe('silver');

    clock.set(new Date('2027-01-31T00:00:00.000Z'));
    const review = await reviewDueTiers(t.database.db, clock);
    expect(review).toMatchObject({ reviewed: 1, downgraded: 1 });
    const mine = await progress(t, ann);
    expect(mine.tier.code).toBe('bronze');
    expect(mine.reviewAt).toBe('2028-01-31T00:00:00.000Z');
    const last = (await changes(t, ann)).at(-1)!;
    expect(last).toMatchObject({
      from_tier: 'silver',
      to_tier: 'bronze',
      reason: 'review.downgrade',
    });
    expect(Number(last.metric_value)).toBe(4600);
    expect(last.window_start.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(last.window_end.toISOString()).toBe('2027-01-01T00:00:00.000Z');

    const before = await allChanges(t);
    const row = await memberRow(t, ann);
    expect(await reviewDueTiers(t.database.db, clock)).toMatchObject({ reviewed: 0 });
    expect(await allChanges(t)).toBe(before);
    expect(await memberRow(t, ann)).toEqual(row);

    const history = await t.call('GET', `/v1/customers/${ann}/tier/history`);
    expect(history.body.changes.map((c: any) => c.reason)).toEqual([
      'review.downgrade',
      'upgrade',
      'upgrade',
    ]);
  });

  it('counts members per tier and lists the members of one', async () => {
    const res = await t.call('GET', '/v1/tiers/members?tier=bronze');
    expect(res.status).toBe(200);
    expect(res.body.counts).toEqual([
      { code: 'bronze', name: 'Bronze', rank: 1, members: 2 },
      { code: 'silver', name: 'Silver', rank: 2, members: 0 },
      { code: 'gold', name: 'Gold', rank: 3, members: 0 },
    ]);
    expect(res.body.members.map((m: any) => m.customerId).sort()).toEqual([ann, bea].sort());
    const page = await t.call('GET', '/v1/tiers/members?limit=1');
    expect(page.body.members).toHaveLength(1);
    expect(page.body.nextCursor).toBe(page.body.members[0].customerId);
    expect((await t.call('GET', '/v1/tiers/members?tier=platinum')).status).toBe(422);
    // Store staff may see a member's tier, not the configuration or the member lists.
    const pos = { authorization: `Bearer ${await t.keyFor('pos')}` };
    expect((await t.call('GET', `/v1/customers/${ann}/tier`, undefined, pos)).status).toBe(200);
    expect((await t.call('GET', '/v1/tiers/members', undefined, pos)).status).toBe(403);
    expect((await t.call('PUT', '/v1/tiers', SPEND_TIERS, pos)).status).toBe(403);
  });

  it('refuses to remove a tier members hold', async () => {
    const res = await t.call('PUT', '/v1/tiers', {
      ...SPEND_TIERS,
      tiers: SPEND_TIERS.tiers.slice(1),
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('tier_in_use');
    expect((await t.call('GET', '/v1/tiers')).body.tiers).toHaveLength(3);
  });

  it('a year without spend loses the tier; a year with enough keeps it (run as the daily job)', async () => {
    clock.set(new Date('2028-01-31T00:00:00.000Z'));
    const job = tierReviewJob({ clock });
    expect(job.schedule?.cron).toBe('20 0 * * *');
    expect(tierReviewJob({ clock, cron: null }).schedule).toBeUndefined();
    await job.handle({}, { db: t.database.db, jobId: 'test', retryCount: 0, log: quietLog });
    expect((await progress(t, ann)).tier).toBeNull();
    expect((await changes(t, ann)).at(-1)).toMatchObject({
      from_tier: 'bronze',
      to_tier: null,
      reason: 'review.removed',
    });
    const kept = await progress(t, bea);
    expect(kept.tier.code).toBe('bronze');
    expect(kept.reviewAt).toBe('2029-01-31T00:00:00.000Z');
    expect((await changes(t, bea)).length).toBe(1);
  });
});

const quietLog = { info: () => undefined } as never;

describe('tiers by orders over a rolling 90 days (7 grace days)', () => {
  const start = new Date('2026-03-01T12:00:00.000Z');
  const clock = manualClock(start);
  const day = (n: number) => clock.set(addDays(start, n));
  let t: TestApp;
  let cat: string;
  let dan: string;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    const res = await t.call('PUT', '/v1/tiers', {
      policy: { metric: 'orders', window: { kind: 'rolling', days: 90 }, graceDays: 7 },
      tiers: [
        { code: 'regular', name: 'Regular', threshold: 2 },
        { code: 'frequent', name: 'Frequent', threshold: 4, earnMultiplierPercent: 120 },
      ],
    });
    expect(res.status).toBe(200);
    cat = (await createCustomer(t)).id;
    dan = (await createCustomer(t)).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('counts orders not fully returned, in the last 90 days only', async () => {
    day(0);
    await order(t, clock, cat, 1000);
    await order(t, clock, dan, 1000);
    day(30);
    await order(t, clock, cat, 1000); // 2 orders: regular
    expect((await progress(t, cat)).tier.code).toBe('regular');
    day(31);
    const returned = await order(t, clock, cat, 1000);
    await returnWhole(t, returned.order.id);
    day(40);
    await order(t, clock, cat, 1000); // 3 that count (the returned one does not)
    expect((await progress(t, cat)).value).toBe(3);
    day(45);
    await order(t, clock, cat, 1000); // 4: frequent
    const mine = await progress(t, cat);
    expect(mine.tier.code).toBe('frequent');
    expect(mine.since).toBe(addDays(start, 45).toISOString());
    expect(mine.reviewAt).toBe(addDays(start, 45 + 90 + 7).toISOString());
    // 90 local days back across the clocks' change: 13:00 BST on day 45, so 13:00 GMT in January.
    expect(mine.windowStart).toBe('2026-01-15T13:00:00.000Z');
    expect(mine.windowEnd).toBe(addDays(start, 45).toISOString());

    day(100);
    await order(t, clock, dan, 1000); // the day-0 order has left dan's window
    expect((await progress(t, dan)).value).toBe(1);
    expect((await progress(t, dan)).tier).toBeNull();
  });

  it('the next order earns the bonus; slower buying does not downgrade before the review', async () => {
    day(125);
    const next = await order(t, clock, cat, 1000); // 10 points + 20%
    expect(next.points.earned).toBe(12);
    expect((await progress(t, cat)).tier.code).toBe('frequent');

    day(141);
    expect(await reviewDueTiers(t.database.db, clock)).toMatchObject({ reviewed: 0 });
    clock.set(addDays(start, 142 - 1 / 1440)); // one minute before the grace ends
    expect(await reviewDueTiers(t.database.db, clock)).toMatchObject({ reviewed: 0 });
    day(142);
    expect(await reviewDueTiers(t.database.db, clock)).toMatchObject({ downgraded: 1 });
    const mine = await progress(t, cat);
    expect(mine.tier.code).toBe('regular');
    // Kept for the next 90 days after the reviewed period ended, plus grace.
    expect(mine.reviewAt).toBe(addDays(start, 45 + 90 + 90 + 7).toISOString());
    const last = (await changes(t, cat)).at(-1)!;
    expect(last).toMatchObject({ from_tier: 'frequent', to_tier: 'regular' });
    // The period reviewed: from when frequent was earned, 90 days; days 45 and 125 in it.
    expect(Number(last.metric_value)).toBe(2);
    expect(last.window_start.toISOString()).toBe(addDays(start, 45).toISOString());
    expect(last.window_end.toISOString()).toBe(addDays(start, 135).toISOString());
    expect(await reviewDueTiers(t.database.db, clock)).toMatchObject({ reviewed: 0 });
  });
});

describe('tiers by points (calendar year, no grace)', () => {
  const clock = manualClock(new Date('2026-05-01T12:00:00.000Z'));
  let t: TestApp;
  let eve: string;
  const config = {
    policy: { metric: 'points', window: { kind: 'calendarYear' }, graceDays: 0 },
    tiers: [
      { code: 'fan', name: 'Fan', threshold: 50 },
      { code: 'superfan', name: 'Superfan', threshold: 100, earnMultiplierPercent: 200 },
    ],
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    expect((await t.call('PUT', '/v1/tiers', config)).status).toBe(200);
    const hook = { url: 'https://example.com/hooks', eventTypes: ['tier.changed'] };
    expect((await t.call('POST', '/v1/webhooks', hook)).status).toBe(201);
    eve = (await createCustomer(t)).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('counts points earned, pending included, and keeps the tier when they are reversed', async () => {
    const first = await order(t, clock, eve, 6000); // 60 points, pending: fan
    expect((await progress(t, eve)).tier.code).toBe('fan');
    expect((await progress(t, eve)).value).toBe(60);
    await returnWhole(t, first.order.id);
    const mine = await progress(t, eve);
    expect(mine.value).toBe(0);
    expect(mine.tier.code).toBe('fan');
    expect(mine.reviewAt).toBe('2027-01-01T00:00:00.000Z');
    expect((await changes(t, eve)).map((c) => c.reason)).toEqual(['upgrade']);
    // The change was announced as a tier.changed event (here: to a webhook subscribed to it).
    const messages = await t.database.db
      .selectFrom('webhook_message')
      .select('payload')
      .where('event_type', '=', 'tier.changed')
      .where('customer_id', '=', eve)
      .execute();
    expect(messages.map((m) => JSON.parse(m.payload).data)).toEqual([
      { customerId: eve, from: null, to: 'fan', reason: 'upgrade' },
    ]);
  });

  it('a new grace period moves the scheduled reviews', async () => {
    const res = await t.call('PUT', '/v1/tiers', {
      ...config,
      policy: { ...config.policy, graceDays: 10 },
    });
    expect(res.status).toBe(200);
    expect((await progress(t, eve)).reviewAt).toBe('2027-01-11T00:00:00.000Z');
  });

  it('a review that runs late catches up period by period, in one run', async () => {
    const fay = (await createCustomer(t)).id;
    await order(t, clock, fay, 6000); // 60 points: fan
    clock.set(new Date('2026-06-01T12:00:00.000Z'));
    const second = await order(t, clock, fay, 5000); // 110: superfan
    expect((await progress(t, fay)).tier.code).toBe('superfan');
    await returnWhole(t, second.order.id); // 60 in 2026
    // Nobody ran the review in January 2027: a year late, 2026 and 2027 are reviewed in turn.
    clock.set(new Date('2028-02-01T00:00:00.000Z'));
    expect(await reviewDueTiers(t.database.db, clock)).toEqual({
      reviewed: 3,
      kept: 0,
      upgraded: 0,
      downgraded: 1,
      removed: 2,
    });
    expect(
      (await changes(t, fay)).map((c) => [c.to_tier, c.reason, c.window_start.toISOString()]),
    ).toEqual([
      ['fan', 'upgrade', '2026-01-01T00:00:00.000Z'],
      ['superfan', 'upgrade', '2026-01-01T00:00:00.000Z'],
      ['fan', 'review.downgrade', '2026-01-01T00:00:00.000Z'],
      [null, 'review.removed', '2027-01-01T00:00:00.000Z'],
    ]);
    expect((await changes(t, eve)).at(-1)).toMatchObject({ reason: 'review.removed' });
    expect(await reviewDueTiers(t.database.db, clock)).toMatchObject({ reviewed: 0 });
  });
});

describe('tier placement: members whose history predates the tiers', () => {
  const now = new Date('2026-03-01T12:00:00.000Z');
  const clock = manualClock(now);
  let t: TestApp;
  let runner: JobRunner | null = null;
  const ids: Record<'ada' | 'ben' | 'cal' | 'dot' | 'eli', string> = {
    ada: '',
    ben: '',
    cal: '',
    dot: '',
    eli: '',
  };

  const tiersAt = async () =>
    Object.fromEntries(
      await Promise.all(
        Object.entries(ids).map(async ([name, id]) => [
          name,
          (await memberRow(t, id))?.tier_code ?? null,
        ]),
      ),
    );

  const placementMessages = async () =>
    (
      await t.database.db
        .selectFrom('webhook_message')
        .select(['customer_id', 'payload'])
        .where('event_type', '=', 'tier.changed')
        .execute()
    ).map((m) => JSON.parse(m.payload).data);

  const place = async (headers?: Record<string, string>) =>
    t.call('POST', '/v1/tiers/placement', undefined, headers);

  const withThresholds = (bronze: number, silver: number, gold: number) => ({
    ...SPEND_TIERS,
    tiers: SPEND_TIERS.tiers.map((tier, i) => ({ ...tier, threshold: [bronze, silver, gold][i]! })),
  });

  beforeAll(async () => {
    t = await startTestApp({ clock });
    const hook = { url: 'https://example.com/hooks', eventTypes: ['tier.changed'] };
    expect((await t.call('POST', '/v1/webhooks', hook)).status).toBe(201);
    for (const name of Object.keys(ids) as (keyof typeof ids)[]) {
      ids[name] = (await createCustomer(t)).id;
    }
    // History while no tiers exist: nobody is placed by it.
    clock.set(new Date('2025-06-01T12:00:00.000Z'));
    await order(t, clock, ids.eli, 30_000); // last year: outside 2026's window
    clock.set(new Date('2026-01-15T12:00:00.000Z'));
    await order(t, clock, ids.ada, 25_000);
    await order(t, clock, ids.ben, 3_000);
    await order(t, clock, ids.cal, 1_500);
    await order(t, clock, ids.dot, 500);
    clock.set(new Date('2026-02-15T12:00:00.000Z'));
    await order(t, clock, ids.ben, 3_000);
    clock.set(now);
  });
  afterAll(async () => {
    await runner?.stop({ graceful: false });
    await t?.close();
  });

  it('saving tiers alone places nobody: upgrades wait for activity', async () => {
    expect((await t.call('PUT', '/v1/tiers', SPEND_TIERS)).status).toBe(200);
    expect(await tiersAt()).toEqual({ ada: null, ben: null, cal: null, dot: null, eli: null });
  });

  it('is admin only', async () => {
    const pos = { authorization: `Bearer ${await t.keyFor('pos')}` };
    expect((await place(pos)).status).toBe(403);
    expect(await allChanges(t)).toBe(0);
  });

  it('places every member in the highest tier their current window reaches, with its event', async () => {
    const res = await place();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      membersMeasured: 5,
      moved: { bronze: 1, silver: 1, gold: 1 },
    });
    expect(typeof res.body.seconds).toBe('number');
    expect(await tiersAt()).toEqual({
      ada: 'gold',
      ben: 'silver',
      cal: 'bronze',
      dot: null,
      eli: null,
    });
    // As an upgrade would: since = now, reviewed after the year plus grace.
    const ada = await memberRow(t, ids.ada);
    expect(ada?.since.toISOString()).toBe(now.toISOString());
    expect(ada?.review_at?.toISOString()).toBe('2027-01-31T00:00:00.000Z');
    const [change, ...more] = await changes(t, ids.ben);
    expect(more).toEqual([]);
    expect(change).toMatchObject({ from_tier: null, to_tier: 'silver', reason: 'placement' });
    expect(Number(change!.metric_value)).toBe(6000);
    expect(change!.window_start.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(change!.window_end.toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(await placementMessages()).toEqual(
      expect.arrayContaining([
        { customerId: ids.ada, from: null, to: 'gold', reason: 'placement' },
        { customerId: ids.ben, from: null, to: 'silver', reason: 'placement' },
        { customerId: ids.cal, from: null, to: 'bronze', reason: 'placement' },
      ]),
    );
    expect(await placementMessages()).toHaveLength(3);
    const history = await t.call('GET', `/v1/customers/${ids.ada}/tier/history`);
    expect(history.body.changes.map((c: any) => c.reason)).toEqual(['placement']);
  });

  it('a second run moves nobody and writes nothing', async () => {
    const before = await allChanges(t);
    const res = await place();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      membersMeasured: 5,
      moved: { bronze: 0, silver: 0, gold: 0 },
    });
    expect(await allChanges(t)).toBe(before);
    expect(await placementMessages()).toHaveLength(3);
  });

  it('never moves anyone down: members above what new thresholds give them stay', async () => {
    expect((await t.call('PUT', '/v1/tiers', withThresholds(2_000, 10_000, 30_000))).status).toBe(
      200,
    );
    const res = await place();
    expect(res.body.moved).toEqual({ bronze: 0, silver: 0, gold: 0 });
    expect(await tiersAt()).toMatchObject({ ada: 'gold', ben: 'silver', cal: 'bronze' });
    expect(await placementMessages()).toHaveLength(3);
  });

  it('a save that may qualify members differently enqueues the tier-placement job with it', async () => {
    // The same app and database, with a job runner that runs the registered tier-placement job.
    const jobs = createJobRunner({
      database: t.database,
      log: pino({ level: 'silent' }),
      jobs: applicationJobs({ clock }).filter((job) => job.name === TIER_PLACEMENT_JOB),
      schema: 'jobs_tiers',
      pollingIntervalSeconds: 0.5,
    });
    runner = jobs;
    await jobs.start();
    const app = createApp({
      db: t.database.db,
      clock,
      log: pino({ level: 'silent' }),
      bodyLimitBytes: 1024 * 1024,
      database: t.database,
      jobs,
    });
    const put = async (body: unknown) =>
      (
        await app.request('/v1/tiers', {
          method: 'PUT',
          headers: { authorization: `Bearer ${t.adminKey}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).status;
    const jobStates = async () => {
      const { rows } = await sql<{ state: string }>`
        select state::text as state from jobs_tiers.job where name = ${TIER_PLACEMENT_JOB}
      `.execute(t.database.db);
      return rows.map((r) => r.state);
    };

    // Names only: nobody qualifies differently, no job.
    const renamed = withThresholds(2_000, 10_000, 30_000);
    renamed.tiers[0]!.name = 'Bronze club';
    expect(await put(renamed)).toBe(200);
    // Refused (gold is held): rolled back, job and all.
    expect(await put({ ...renamed, tiers: renamed.tiers.slice(0, 2) })).toBe(409);
    expect(await jobStates()).toEqual([]);

    // Lower thresholds: dot reaches bronze, cal silver, ben gold; ada stays gold, eli nothing.
    expect(await put(withThresholds(500, 1_500, 6_000))).toBe(200);
    const deadline = Date.now() + 30_000;
    while (!(await jobStates()).includes('completed')) {
      if (Date.now() > deadline) throw new Error('the tier-placement job did not complete');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await jobStates()).toEqual(['completed']);
    expect(await tiersAt()).toEqual({
      ada: 'gold',
      ben: 'gold',
      cal: 'silver',
      dot: 'bronze',
      eli: null,
    });
    expect((await changes(t, ids.ben)).map((c) => [c.from_tier, c.to_tier, c.reason])).toEqual([
      [null, 'silver', 'placement'],
      ['silver', 'gold', 'placement'],
    ]);
    expect(await placementMessages()).toEqual(
      expect.arrayContaining([
        { customerId: ids.ben, from: 'silver', to: 'gold', reason: 'placement' },
        { customerId: ids.cal, from: 'bronze', to: 'silver', reason: 'placement' },
        { customerId: ids.dot, from: null, to: 'bronze', reason: 'placement' },
      ]),
    );
    expect(await placementMessages()).toHaveLength(6);
    await jobs.stop();
  });

  it('an import of history ends by placing its members', async () => {
    const lines: string[] = [];
    const drafts = [
      { id: 'imp-1', customer: 'ext-fay', minor: 7_000 },
      { id: 'imp-2', customer: 'ext-gus', minor: 800 },
    ].map((d) => ({
      externalId: d.id,
      customerExternalId: d.customer,
      currency: 'GBP',
      channel: 'web' as const,
      placedAt: new Date('2026-02-20T10:00:00.000Z'),
      lines: [{ sku: 'ITEM', quantity: 1, unitPriceMinor: d.minor }],
    }));
    const summary = await ingestDrafts(
      { db: t.database.db, clock, log: (line) => lines.push(line) },
      drafts,
      { source: 'test' },
    );
    expect(summary.orders.new).toBe(2);
    const fay = await t.database.db
      .selectFrom('customer_external_id as x')
      .innerJoin('member_tier as m', 'm.customer_id', 'x.customer_id')
      .select(['m.tier_code'])
      .where('x.external_id', '=', 'ext-fay')
      .executeTakeFirst();
    expect(fay?.tier_code).toBe('gold');
    expect(lines.at(-1)).toMatch(
      /^tiers: 7 members measured, moved up: bronze 1, silver 0, gold 1 \(\d+\.\d s\)$/,
    );
    // Nothing new imported: nothing to place, no line.
    lines.length = 0;
    await ingestDrafts({ db: t.database.db, clock, log: (l) => lines.push(l) }, drafts, {
      source: 'test',
    });
    expect(lines).toEqual([]);
  });

  it('goes through the members in keyset batches, each measured once', async () => {
    // Saved without a job runner: only the run below places anyone.
    expect((await t.call('PUT', '/v1/tiers', withThresholds(100, 400, 1_000))).status).toBe(200);
    const seen: number[] = [];
    const placed = await placeMembersInTiers(t.database.db, clock, {
      batchSize: 2,
      onBatch: (progress) => seen.push(progress.membersMeasured),
    });
    // dot (500) and gus (800) reach silver, cal (1500) gold; eli's spend is last year's.
    expect(placed).toMatchObject({ membersMeasured: 7, moved: { bronze: 0, silver: 2, gold: 1 } });
    expect(seen).toEqual([2, 4, 6, 7]);
    expect(await tiersAt()).toEqual({
      ada: 'gold',
      ben: 'gold',
      cal: 'gold',
      dot: 'silver',
      eli: null,
    });
    expect((await placeMembersInTiers(t.database.db, clock, { batchSize: 3 })).moved).toEqual({
      bronze: 0,
      silver: 0,
      gold: 0,
    });
  });
});
