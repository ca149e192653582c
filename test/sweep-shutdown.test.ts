import { createServer, type Server, type Socket } from 'node:net';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../src/core/events/events.js';
import { CLAIM_LEASE_MS } from '../src/core/webhooks/webhooks.js';
import { messagingEnv } from '../src/app/messaging-deps.js';
import type { DB } from '../src/db/schema.js';
import { runUnitOfWork } from '../src/app/run-unit-of-work.js';
import { webhookRepository } from '../src/db/webhooks/webhooks.repository.js';
import { smtpMailer, sweepMessages } from '../src/jobs/message-send.job.js';
import { shutdownControl } from '../src/jobs/shutdown.js';
import { sweepWebhooks } from '../src/jobs/webhook-delivery.job.js';
import { manualClock, startTestApp, type TestApp } from './support/app.js';
import { createCustomer } from './support/fixtures.js';

/**
 * The sweeps during a shutdown, against a peer that accepts connections and never answers (an
 * HTTP receiver, an SMTP server that never greets): once stopping they claim no further batch;
 * when the grace runs out the sends in flight are abandoned and every claim is released, due at
 * once with no attempt counted, so another process or the next start sends it.
 */

const clock = manualClock(new Date(Math.floor(Date.now() / 1000) * 1000));
let t: TestApp;
let db: Kysely<DB>;

const blackHole = async () => {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    accepted: () => sockets.size,
    close: async () => {
      sockets.forEach((s) => s.destroy());
      await new Promise((resolve) => server.close(resolve));
    },
  };
};
let hole: Awaited<ReturnType<typeof blackHole>>;

const waitFor = async (what: string, ready: () => boolean | Promise<boolean>) => {
  const deadline = Date.now() + 10_000;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

const settlesWithin = <T>(work: Promise<T>, ms: number) =>
  Promise.race([work, new Promise<'pending'>((r) => setTimeout(() => r('pending'), ms))]);

beforeAll(async () => {
  t = await startTestApp({ clock });
  db = t.database.db;
  hole = await blackHole();
});

afterAll(async () => {
  await hole?.close();
  await t?.close();
});

describe('sweeps during a shutdown', () => {
  it('webhooks: no batch after stopping; in-flight requests abandoned and released', async () => {
    const customerId = (await createCustomer(t)).id;
    const hook = await t.call('POST', '/v1/webhooks', {
      url: `http://127.0.0.1:${hole.port}/never`,
      eventTypes: ['points.earned'],
    });
    expect(hook.status).toBe(201);
    await runUnitOfWork(db, clock, async (uow) => {
      for (let i = 0; i < 30; i += 1) {
        const event: DomainEvent = {
          type: 'points.earned',
          customerId,
          occurredAt: clock.now(),
          data: {
            points: i,
            entryId: `e${i}`,
            reason: 't',
            orderId: null,
            eventId: null,
            pending: false,
          },
        };
        uow.events.emit(event);
      }
    });

    const control = shutdownControl();
    // A per-request timeout far beyond the test: only the shutdown can end these requests.
    const sweep = sweepWebhooks(db, {
      clock,
      timeoutMs: 60_000,
      allowPrivateTargets: true,
      shutdown: control.signals,
    });
    await waitFor('the first batch at the black hole', () => hole.accepted() >= 20);
    control.stop();
    expect(await settlesWithin(sweep, 300)).toBe('pending'); // in flight: allowed to finish
    control.abandon();
    const result = await settlesWithin(sweep, 2_000);
    expect(result).toEqual({ attempts: 0, succeeded: 0, retrying: 0, failed: 0, released: 20 });
    expect(hole.accepted()).toBe(20); // the remaining 10 were never claimed

    const { rows } = await sql<{ status: string; attempt_count: number; n: number }>`
      select status, attempt_count, count(*)::int as n from webhook_delivery
      where subscription_id = ${hook.body.id} group by status, attempt_count
    `.execute(db);
    expect(rows).toEqual([{ status: 'pending', attempt_count: 0, n: 30 }]);
    const now = clock.now();
    const again = await webhookRepository(db).claimDue(
      now,
      new Date(now.getTime() + CLAIM_LEASE_MS),
      100,
    );
    expect(again).toHaveLength(30);
    await t.call('DELETE', `/v1/webhooks/${hook.body.id}`);
  });

  it('e-mail: the send in flight is abandoned, it and the rest of the batch released', async () => {
    const template = {
      key: 'statement',
      kind: 'transactional',
      defaultLocale: 'en',
      versions: [{ locale: 'en', subject: 'Statement', html: '<p>S</p>', text: 'S' }],
    };
    expect((await t.call('POST', '/v1/templates', template)).status).toBe(201);
    const customer = await t.call('POST', '/v1/customers', {
      email: 'shutdown@example.com',
      consents: [{ channel: 'email', granted: true, source: 'signup' }],
    });
    expect(customer.status).toBe(201);
    for (let i = 0; i < 5; i += 1) {
      const res = await t.call('POST', '/v1/messages', {
        customerId: customer.body.id,
        templateKey: 'statement',
        dedupeKey: `shutdown-${i}`,
      });
      expect(res.status).toBe(201);
    }

    const control = shutdownControl();
    const before = hole.accepted();
    const sweep = sweepMessages(db, {
      clock,
      mailer: smtpMailer(`smtp://127.0.0.1:${hole.port}`),
      env: messagingEnv(),
      shutdown: control.signals,
    });
    await waitFor('the SMTP connection', () => hole.accepted() > before);
    control.abandon();
    const result = await settlesWithin(sweep, 2_000);
    expect(result).toMatchObject({ sent: 0, retrying: 0, failed: 0, released: 5 });

    const { rows } = await sql<{ status: string; attempts: number; leased: number; n: number }>`
      select status, attempts, count(lease_until)::int as leased, count(*)::int as n
      from message group by status, attempts
    `.execute(db);
    expect(rows).toEqual([{ status: 'queued', attempts: 0, leased: 0, n: 5 }]);
  });
});
