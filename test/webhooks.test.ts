import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql, type Kysely } from 'kysely';
import { pino } from 'pino';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../src/core/events/events.js';
import { deliverDueWebhooks } from '../src/core/webhooks/webhooks.delivery.js';
import { CLAIM_LEASE_MS, RETRY_SCHEDULE_MS } from '../src/core/webhooks/webhooks.js';
import type { DB } from '../src/db/schema.js';
import { runUnitOfWork } from '../src/app/run-unit-of-work.js';
import { webhookRepository } from '../src/db/webhooks/webhooks.repository.js';
import { createJobRunner, type JobRunner } from '../src/jobs/job-runner.js';
import {
  WEBHOOK_DELIVERY_JOB,
  sweepWebhooks,
  webhookDeliveryJob,
} from '../src/jobs/webhook-delivery.job.js';
import { httpSender } from '../src/jobs/webhook-sender.js';
import { manualClock, startTestApp, type TestApp } from './support/app.js';
import { tableRowCount } from './support/database.js';
import { createCustomer, orderBody } from './support/fixtures.js';

/**
 * Webhooks end to end, against a real HTTP endpoint (node:http on 127.0.0.1): subscriptions
 * through the API, events through units of work (and an order through the API), delivery by the
 * sweep with a manual clock, so retries happen exactly when the schedule says.
 */

// Whole seconds near the real time: standardwebhooks' verify rejects timestamps 5 min off its clock.
const clock = manualClock(new Date(Math.floor(Date.now() / 1000) * 1000));
const advance = (ms: number) => clock.set(new Date(clock.now().getTime() + ms));
let t: TestApp;
let db: Kysely<DB>;
let customerId: string;

// ---- the receiving endpoint --------------------------------------------------------------------

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}
let endpoint: Server;
let baseUrl: string;
const requests: Received[] = [];
/** Answers per path, in order; the last one repeats. 'hang' never answers. */
const answers = new Map<string, (number | 'hang')[]>();

const startEndpoint = async () => {
  endpoint = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const path = req.url ?? '';
      requests.push({ path, headers: req.headers, body });
      const plan = answers.get(path) ?? [];
      const answer = (plan.length > 1 ? plan.shift() : plan[0]) ?? 200;
      if (answer === 'hang') return;
      res.writeHead(answer, { 'content-type': 'text/plain' });
      res.end(`answer ${answer} from ${path}`);
    });
  });
  await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}`;
};

const received = (name: string) => requests.filter((r) => r.path === `/hooks/${name}`);

// ---- helpers -----------------------------------------------------------------------------------

const subscribe = async (name: string, eventTypes: string[]) => {
  const res = await t.call('POST', '/v1/webhooks', {
    url: `${baseUrl}/hooks/${name}`,
    eventTypes,
    description: `test ${name}`,
  });
  expect(res.status).toBe(201);
  return res.body as { id: string; secret: string; url: string };
};

const emit = (...events: DomainEvent[]) =>
  runUnitOfWork(db, clock, async (uow) => {
    for (const event of events) uow.events.emit(event);
  });

const pointsEarned = (points: number): DomainEvent => ({
  type: 'points.earned',
  customerId,
  occurredAt: clock.now(),
  data: {
    points,
    entryId: `ent_test_${points}`,
    reason: 'test',
    orderId: null,
    eventId: null,
    pending: false,
  },
});

const pointsRedeemed = (points: number): DomainEvent => ({
  type: 'points.redeemed',
  customerId,
  occurredAt: clock.now(),
  data: { points, entryId: `ent_redeem_${points}`, reason: null },
});

const sweep = (options: { retryScheduleMs?: readonly number[]; timeoutMs?: number } = {}) =>
  sweepWebhooks(db, { clock, timeoutMs: 2_000, allowPrivateTargets: true, ...options });

const deliveries = async (webhookId: string, query = '') => {
  const res = await t.call('GET', `/v1/webhooks/${webhookId}/deliveries${query}`);
  expect(res.status).toBe(200);
  return res.body.deliveries as any[];
};

const count = (table: 'webhook_message' | 'webhook_delivery') => tableRowCount(db, table);

beforeAll(async () => {
  t = await startTestApp({ clock });
  db = t.database.db;
  await startEndpoint();
  // Created before any subscription exists, so its own events go nowhere.
  customerId = (await createCustomer(t)).id;
});

afterEach(async () => {
  const list = await t.call('GET', '/v1/webhooks');
  for (const webhook of list.body.webhooks) await t.call('DELETE', `/v1/webhooks/${webhook.id}`);
  answers.clear();
});

afterAll(async () => {
  endpoint?.closeAllConnections();
  await new Promise((resolve) => endpoint?.close(resolve));
  await t?.close();
});

// ---- subscriptions ------------------------------------------------------------------------------

describe('webhook subscriptions', () => {
  it('shows a whsec_ secret once, at creation and rotation, and manages the subscription', async () => {
    const created = await subscribe('crud', ['order.earned', 'points.earned', 'order.earned']);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(created.secret.slice(6), 'base64').length).toBeGreaterThanOrEqual(24);
    expect(created).toMatchObject({
      id: expect.stringMatching(/^whk_/),
      eventTypes: ['order.earned', 'points.earned'],
      active: true,
      deletedAt: null,
    });

    const got = await t.call('GET', `/v1/webhooks/${created.id}`);
    expect(got.status).toBe(200);
    expect(got.body).not.toHaveProperty('secret');
    const list = await t.call('GET', '/v1/webhooks');
    expect(list.body.webhooks.map((w: any) => w.id)).toEqual([created.id]);
    expect(JSON.stringify(list.body)).not.toContain(created.secret);

    const patched = await t.call('PATCH', `/v1/webhooks/${created.id}`, {
      eventTypes: ['*'],
      active: false,
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ eventTypes: ['*'], active: false });

    const rotated = await t.call('POST', `/v1/webhooks/${created.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(created.secret);

    const deleted = await t.call('DELETE', `/v1/webhooks/${created.id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({ active: false, deletedAt: expect.any(String) });
    expect((await t.call('GET', '/v1/webhooks')).body.webhooks).toEqual([]);
    // Still readable, but no longer changeable.
    expect((await t.call('GET', `/v1/webhooks/${created.id}`)).status).toBe(200);
    const late = await t.call('PATCH', `/v1/webhooks/${created.id}`, { active: true });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('webhook_deleted');
    expect((await t.call('GET', '/v1/webhooks/whk_nope')).status).toBe(404);
  });

  it('answers bad input with a 400 naming the field, and writes nothing', async () => {
    const cases: [unknown, string][] = [
      [{ url: 'ftp://example.com/hook', eventTypes: ['order.earned'] }, 'url'],
      [{ url: 'not a url', eventTypes: ['order.earned'] }, 'url'],
      [{ eventTypes: ['order.earned'] }, 'url'],
      [{ url: 'https://example.com/hook', eventTypes: [] }, 'eventTypes'],
      [{ url: 'https://example.com/hook', eventTypes: ['order.shipped'] }, 'eventTypes.0'],
      [{ url: 'https://example.com/hook', eventTypes: ['rule.issue'] }, 'eventTypes.0'],
      [{ url: 'https://example.com/hook', eventTypes: ['*', 'order.earned'] }, 'eventTypes'],
      [{ url: 'https://example.com/hook', eventTypes: 'order.earned' }, 'eventTypes'],
    ];
    for (const [body, path] of cases) {
      const res = await t.call('POST', '/v1/webhooks', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(
        res.body.errors.map((e: any) => e.path),
        JSON.stringify(body),
      ).toContain(path);
    }
    expect((await t.call('GET', '/v1/webhooks')).body.webhooks).toEqual([]);

    const hook = await subscribe('bad-patch', ['order.earned']);
    const empty = await t.call('PATCH', `/v1/webhooks/${hook.id}`, {});
    expect(empty.status).toBe(400);
    const badUrl = await t.call('PATCH', `/v1/webhooks/${hook.id}`, { url: 'mailto:a@b.c' });
    expect(badUrl.status).toBe(400);
    expect(badUrl.body.errors[0].path).toBe('url');
    const badStatus = await t.call('GET', `/v1/webhooks/${hook.id}/deliveries?status=lost`);
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.errors[0].path).toBe('status');
  });

  it('refuses a pos-role key with 403', async () => {
    const pos = await t.keyFor('pos');
    const as = { authorization: `Bearer ${pos}` };
    expect((await t.call('GET', '/v1/webhooks', undefined, as)).status).toBe(403);
    const post = await t.call(
      'POST',
      '/v1/webhooks',
      { url: 'https://example.com/hook', eventTypes: ['*'] },
      as,
    );
    expect(post.status).toBe(403);
    expect(post.body.code).toBe('role_not_allowed');
    expect((await t.call('GET', '/v1/webhooks/deliveries/dlv_x', undefined, as)).status).toBe(403);
    expect((await t.call('GET', '/v1/webhooks')).body.webhooks).toEqual([]);
  });
});

// ---- delivery -----------------------------------------------------------------------------------

describe('webhook delivery', () => {
  it('delivers a subscribed event once, with the payload, signed so standardwebhooks and node:crypto verify it', async () => {
    clock.set(new Date(Math.floor(Date.now() / 1000) * 1000));
    const hook = await subscribe('signed', ['points.earned']);
    const event = pointsEarned(42);
    await emit(event, pointsRedeemed(5));

    expect(await sweep()).toMatchObject({ attempts: 1, succeeded: 1, retrying: 0, failed: 0 });
    const [request, ...more] = received('signed');
    expect(more).toEqual([]);
    const { headers, body } = request!;

    expect(JSON.parse(body)).toEqual({
      type: 'points.earned',
      timestamp: event.occurredAt.toISOString(),
      data: {
        customerId,
        points: 42,
        entryId: 'ent_test_42',
        reason: 'test',
        orderId: null,
        eventId: null,
        pending: false,
      },
    });
    expect(headers['content-type']).toBe('application/json');
    expect(headers['webhook-id']).toMatch(/^msg_/);
    expect(headers['webhook-timestamp']).toBe(String(clock.now().getTime() / 1000));

    // The reference implementation of the specification accepts it...
    const verified = new Webhook(hook.secret).verify(body, {
      'webhook-id': String(headers['webhook-id']),
      'webhook-timestamp': String(headers['webhook-timestamp']),
      'webhook-signature': String(headers['webhook-signature']),
    });
    expect(verified).toEqual(JSON.parse(body));
    // ... and so does the computation written out by hand.
    const key = Buffer.from(hook.secret.slice('whsec_'.length), 'base64');
    const expected = createHmac('sha256', key)
      .update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`)
      .digest('base64');
    expect(headers['webhook-signature']).toBe(`v1,${expected}`);
    // A tampered body does not verify.
    expect(() =>
      new Webhook(hook.secret).verify(body.replace('42', '43'), headers as Record<string, string>),
    ).toThrow();

    // Nothing goes out twice, however often the sweep runs.
    advance(3 * 86_400_000);
    expect(Object.values(await sweep())).toEqual([0, 0, 0, 0, 0]); // attempts … released
    expect(received('signed')).toHaveLength(1);

    const [delivery, ...others] = await deliveries(hook.id);
    expect(others).toEqual([]);
    expect(delivery).toMatchObject({
      webhookId: hook.id,
      messageId: headers['webhook-id'],
      eventType: 'points.earned',
      status: 'succeeded',
      attemptCount: 1,
      nextAttemptAt: null,
      payload: JSON.parse(body),
      attempts: [
        {
          attempt: 1,
          statusCode: 200,
          responseExcerpt: 'answer 200 from /hooks/signed',
          error: null,
        },
      ],
    });
    expect(delivery.attempts[0].durationMs).toBeGreaterThanOrEqual(0);
    const one = await t.call('GET', `/v1/webhooks/deliveries/${delivery.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(delivery);
  });

  it('writes nothing for events nobody subscribed to or for a rolled-back write', async () => {
    await subscribe('picky', ['tier.changed']);
    const all = await subscribe('everything', ['*']);
    const before = {
      messages: await count('webhook_message'),
      deliveries: await count('webhook_delivery'),
    };

    await expect(
      runUnitOfWork(db, clock, async (uow) => {
        uow.events.emit(pointsRedeemed(7));
        throw new Error('the write fails');
      }),
    ).rejects.toThrow('the write fails');
    expect(await count('webhook_message')).toBe(before.messages);
    expect(await count('webhook_delivery')).toBe(before.deliveries);

    await emit(pointsRedeemed(8));
    await sweep();
    expect(received('picky')).toEqual([]);
    expect(received('everything').map((r) => JSON.parse(r.body).type)).toEqual(['points.redeemed']);
    expect(await deliveries(all.id)).toHaveLength(1);
  });

  it('retries an endpoint that answers 500 twice with the backoff, then succeeds with 3 attempts logged', async () => {
    answers.set('/hooks/flaky', [500, 500, 200]);
    const hook = await subscribe('flaky', ['points.earned']);
    await emit(pointsEarned(1));
    const first = clock.now();

    expect(await sweep()).toMatchObject({ attempts: 1, retrying: 1 });
    let [delivery] = await deliveries(hook.id);
    expect(delivery).toMatchObject({
      status: 'pending',
      attemptCount: 1,
      nextAttemptAt: new Date(first.getTime() + 5_000).toISOString(),
    });

    advance(4_999);
    expect((await sweep()).attempts).toBe(0);
    advance(1);
    expect(await sweep()).toMatchObject({ attempts: 1, retrying: 1 });
    advance(5 * 60_000 - 1);
    expect((await sweep()).attempts).toBe(0);
    advance(1);
    expect(await sweep()).toMatchObject({ attempts: 1, succeeded: 1 });

    [delivery] = await deliveries(hook.id);
    expect(delivery).toMatchObject({ status: 'succeeded', attemptCount: 3, nextAttemptAt: null });
    expect(delivery.attempts.map((a: any) => [a.attempt, a.statusCode, a.responseExcerpt])).toEqual(
      [
        [1, 500, 'answer 500 from /hooks/flaky'],
        [2, 500, 'answer 500 from /hooks/flaky'],
        [3, 200, 'answer 200 from /hooks/flaky'],
      ],
    );
    expect(delivery.attempts.map((a: any) => Date.parse(a.at) - first.getTime())).toEqual([
      0,
      5_000,
      5_000 + 5 * 60_000,
    ]);
    // One message: every attempt carries the same webhook-id and body, with its own timestamp.
    const sent = received('flaky');
    expect(new Set(sent.map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect(new Set(sent.map((r) => r.body)).size).toBe(1);
    expect(new Set(sent.map((r) => r.headers['webhook-timestamp'])).size).toBe(3);
    advance(86_400_000);
    await sweep();
    expect(received('flaky')).toHaveLength(3);
  });

  it('marks a delivery failed once the whole retry schedule is spent', async () => {
    answers.set('/hooks/down', [503]);
    const hook = await subscribe('down', ['points.earned']);
    await emit(pointsEarned(2));
    for (const waitMs of RETRY_SCHEDULE_MS) {
      expect(await sweep()).toMatchObject({ attempts: 1, retrying: 1 });
      advance(waitMs);
    }
    expect(await sweep()).toMatchObject({ attempts: 1, failed: 1 });
    const [delivery] = await deliveries(hook.id, '?status=failed');
    expect(delivery).toMatchObject({ status: 'failed', attemptCount: 8, nextAttemptAt: null });
    expect(delivery.attempts.map((a: any) => a.statusCode)).toEqual(Array(8).fill(503));
    expect(received('down')).toHaveLength(RETRY_SCHEDULE_MS.length + 1);

    advance(7 * 86_400_000);
    expect((await sweep()).attempts).toBe(0);
    expect(await deliveries(hook.id, '?status=pending')).toEqual([]);
  });

  it('logs a refused connection and a timeout as failed attempts, retried like any failure', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/gone`;
    await new Promise((resolve) => closed.close(resolve));
    const dead = await t.call('POST', '/v1/webhooks', {
      url: deadUrl,
      eventTypes: ['points.earned'],
    });
    answers.set('/hooks/slow', ['hang']);
    const slow = await subscribe('slow', ['points.earned']);
    await emit(pointsEarned(3));

    expect(await sweep({ timeoutMs: 300 })).toMatchObject({ attempts: 2, retrying: 2 });
    const [refused] = await deliveries(dead.body.id);
    expect(refused.attempts[0]).toMatchObject({ statusCode: null, responseExcerpt: null });
    expect(refused.attempts[0].error).toBe('connection failed (ECONNREFUSED)');
    const [timedOut] = await deliveries(slow.id);
    expect(timedOut.attempts[0]).toMatchObject({ statusCode: null, error: 'timed out' });
    expect(timedOut.attempts[0].durationMs).toBeGreaterThanOrEqual(250);
    expect(timedOut).toMatchObject({ status: 'pending', attemptCount: 1 });
  });

  it('replays a delivery with the same message id and body, after success and after final failure', async () => {
    const hook = await subscribe('replay', ['points.earned']);
    await emit(pointsEarned(4));
    await sweep();
    const [original] = await deliveries(hook.id);
    expect(original.status).toBe('succeeded');

    advance(1_000);
    const replay = await t.call('POST', `/v1/webhooks/deliveries/${original.id}/replay`);
    expect(replay.status).toBe(202);
    expect(replay.body).toMatchObject({
      status: 'pending',
      messageId: original.messageId,
      replayOf: original.id,
      attemptCount: 0,
    });
    expect(await sweep()).toMatchObject({ attempts: 1, succeeded: 1 });
    const [first, second] = received('replay');
    expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    expect(second!.body).toBe(first!.body);

    // A delivery that failed for good (no retries in this schedule) is sent again on replay.
    answers.set('/hooks/replay', [500, 200]);
    advance(1_000);
    await emit(pointsEarned(5));
    expect(await sweep({ retryScheduleMs: [] })).toMatchObject({ attempts: 1, failed: 1 });
    const [failed] = await deliveries(hook.id, '?status=failed');
    advance(1_000);
    const again = await t.call('POST', `/v1/webhooks/deliveries/${failed.id}/replay`);
    expect(again.status).toBe(202);
    expect(await sweep()).toMatchObject({ attempts: 1, succeeded: 1 });
    const sent = received('replay');
    expect(sent).toHaveLength(4);
    expect(sent[3]!.headers['webhook-id']).toBe(failed.messageId);
    expect(JSON.parse(sent[3]!.body).data.points).toBe(5);
    expect((await deliveries(hook.id)).map((d) => d.status)).toEqual([
      'succeeded',
      'failed',
      'succeeded',
      'succeeded',
    ]);
    expect((await t.call('POST', '/v1/webhooks/deliveries/dlv_nope/replay')).status).toBe(404);
  });

  it('sends a webhook.test ping on request, and nothing to a paused subscription', async () => {
    clock.set(new Date(Math.floor(Date.now() / 1000) * 1000)); // standardwebhooks checks it
    const hook = await subscribe('ping', ['order.earned']);
    const ping = await t.call('POST', `/v1/webhooks/${hook.id}/test`);
    expect(ping.status).toBe(202);
    expect(ping.body).toMatchObject({ eventType: 'webhook.test', status: 'pending' });
    await sweep();
    const [request] = received('ping');
    expect(JSON.parse(request!.body)).toMatchObject({
      type: 'webhook.test',
      data: { webhookId: hook.id },
    });
    expect(() =>
      new Webhook(hook.secret).verify(request!.body, request!.headers as any),
    ).not.toThrow();

    await t.call('PATCH', `/v1/webhooks/${hook.id}`, { active: false });
    const paused = await t.call('POST', `/v1/webhooks/${hook.id}/test`);
    expect(paused.status).toBe(409);
    expect(paused.body.code).toBe('webhook_inactive');
  });

  it('holds a paused subscription’s pending deliveries, resumes them, and cancels them on delete', async () => {
    answers.set('/hooks/pause', [500, 200]);
    const hook = await subscribe('pause', ['points.earned']);
    await emit(pointsEarned(6));
    await sweep(); // 500: pending, retry in 5 s
    await t.call('PATCH', `/v1/webhooks/${hook.id}`, { active: false });
    await emit(pointsEarned(7)); // paused: not taken
    advance(60_000);
    expect((await sweep()).attempts).toBe(0);
    await t.call('PATCH', `/v1/webhooks/${hook.id}`, { active: true });
    expect(await sweep()).toMatchObject({ attempts: 1, succeeded: 1 });
    expect((await deliveries(hook.id)).map((d) => d.status)).toEqual(['succeeded']);

    answers.set('/hooks/pause', [500]);
    await emit(pointsEarned(8));
    await sweep();
    await t.call('DELETE', `/v1/webhooks/${hook.id}`);
    advance(3_600_000);
    expect((await sweep()).attempts).toBe(0);
    expect((await deliveries(hook.id)).map((d) => d.status)).toEqual(['cancelled', 'succeeded']);
  });

  it('delivers the events of an order ingested through the API', async () => {
    const hook = await subscribe('orders', ['order.earned']);
    const order = await t.call(
      'POST',
      '/v1/orders',
      orderBody(customerId, { placedAt: clock.now().toISOString() }),
    );
    expect(order.status).toBe(201);
    await sweep();
    const bodies = received('orders').map((r) => JSON.parse(r.body));
    expect(bodies).toEqual([
      {
        type: 'order.earned',
        timestamp: expect.any(String),
        data: expect.objectContaining({
          customerId,
          orderId: order.body.order.id,
          totalMinor: order.body.order.totalMinor,
          points: order.body.points.earned,
        }),
      },
    ]);
    expect((await deliveries(hook.id))[0].status).toBe('succeeded');
  });

  it('two sweepers at once send each delivery once', async () => {
    const hook = await subscribe('pair', ['points.earned']);
    await emit(...Array.from({ length: 30 }, (_, i) => pointsEarned(100 + i)));
    const sweeper = () =>
      deliverDueWebhooks(
        {
          webhooks: webhookRepository(db),
          send: httpSender({ timeoutMs: 2_000, allowPrivateTargets: true }),
          clock,
        },
        { batchSize: 4 },
      );
    const [a, b] = await Promise.all([sweeper(), sweeper()]);
    expect(a.succeeded + b.succeeded).toBe(30);
    const points = received('pair').map((r) => JSON.parse(r.body).data.points as number);
    expect(points.sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => 100 + i));
    const log = await deliveries(hook.id, '?limit=100');
    expect(log.every((d) => d.status === 'succeeded' && d.attempts.length === 1)).toBe(true);
  });

  it('after a restart, a new job runner neither resends a succeeded delivery nor loses one claimed by a process that died', async () => {
    const hook = await subscribe('restart', ['points.earned']);
    await emit(pointsEarned(11), pointsEarned(12));
    expect(await sweep()).toMatchObject({ attempts: 2, succeeded: 2 });

    // A third is claimed by a sweeper whose process then dies before it sends or logs anything.
    advance(1_000);
    await emit(pointsEarned(13));
    const now = clock.now();
    const orphaned = await webhookRepository(db).claimDue(
      now,
      new Date(now.getTime() + CLAIM_LEASE_MS),
      10,
    );
    expect(orphaned).toHaveLength(1);

    // The restarted process: a job runner of its own over the same database.
    const jobs = createJobRunner({
      database: t.database,
      log: pino({ level: 'silent' }),
      jobs: [webhookDeliveryJob({ clock, timeoutMs: 2_000, allowPrivateTargets: true })],
      schema: 'jobs_webhooks',
      pollingIntervalSeconds: 0.5,
      maintenanceIntervalSeconds: 1,
    });
    await jobs.start();
    try {
      advance(10_000);
      await runSweepJob(jobs);
      expect(received('restart')).toHaveLength(2); // the claim's lease still holds
      advance(CLAIM_LEASE_MS);
      await runSweepJob(jobs);
      advance(86_400_000);
      await runSweepJob(jobs);
    } finally {
      await jobs.stop({ graceful: true });
    }
    const points = received('restart').map((r) => JSON.parse(r.body).data.points);
    expect(points.sort()).toEqual([11, 12, 13]);
    const log = await deliveries(hook.id);
    expect(log.map((d) => d.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    // The orphaned claim counted as attempt 1, whose fate nobody knows; attempt 2 delivered it.
    expect(log[0]).toMatchObject({ attemptCount: 2, attempts: [{ attempt: 2, statusCode: 200 }] });
  });
});

/** Enqueues one sweep job (retrying while the queue already holds one) and waits until it is done. */
const runSweepJob = async (jobs: JobRunner) => {
  const deadline = Date.now() + 30_000;
  let id: string | null = null;
  while (!id) {
    id = await jobs.enqueue(WEBHOOK_DELIVERY_JOB, {});
    if (!id) await new Promise((resolve) => setTimeout(resolve, 100));
    if (Date.now() > deadline) throw new Error('could not enqueue the sweep');
  }
  for (;;) {
    const { rows } = await sql<{ state: string }>`
      select state::text as state from jobs_webhooks.job where id = ${id}
    `.execute(db);
    if (rows[0]?.state === 'completed') return;
    if (rows[0]?.state === 'failed') throw new Error('the sweep job failed');
    if (Date.now() > deadline) throw new Error('timed out waiting for the sweep job');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};
