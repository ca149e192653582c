import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../src/core/events/events.js';
import type { DB } from '../src/db/schema.js';
import { runUnitOfWork } from '../src/app/run-unit-of-work.js';
import { sweepWebhooks } from '../src/jobs/webhook-delivery.job.js';
import type { ResolvedAddress } from '../src/jobs/webhook-sender.js';
import { manualClock, startTestApp, type TestApp } from './support/app.js';
import { createCustomer } from './support/fixtures.js';

/**
 * Webhooks cannot be pointed at the internal network: a subscription naming a loopback, private
 * or link-local address (in any spelling) or carrying credentials is refused with a 400 naming
 * `url`; at delivery, a name that resolves to such an address is refused too, logged as a failed
 * attempt that is not retried, and nothing is sent. The connection goes to the address that was
 * checked. The log keeps the status and a short, cleaned excerpt of the answer, never its headers.
 */

const clock = manualClock(new Date(Math.floor(Date.now() / 1000) * 1000));
let t: TestApp;
let db: Kysely<DB>;
let customerId: string;
let receiver: Server;
let port: number;
const hits: string[] = [];

/** Names the test's resolver knows; everything else does not resolve. */
const names = new Map<string, ResolvedAddress[]>();
const resolve = async (hostname: string): Promise<ResolvedAddress[]> => {
  const known = names.get(hostname);
  if (!known) throw Object.assign(new Error(`no such name ${hostname}`), { code: 'ENOTFOUND' });
  return known;
};

const sweep = (allowPrivateTargets: boolean) =>
  sweepWebhooks(db, { clock, timeoutMs: 2_000, allowPrivateTargets, resolve });

const emit = () =>
  runUnitOfWork(db, clock, async (uow) => {
    const event: DomainEvent = {
      type: 'points.earned',
      customerId,
      occurredAt: clock.now(),
      data: {
        points: 1,
        entryId: 'ent_t',
        reason: 'test',
        orderId: null,
        eventId: null,
        pending: false,
      },
    };
    uow.events.emit(event);
  });

const subscribe = async (url: string) => {
  const res = await t.call('POST', '/v1/webhooks', { url, eventTypes: ['points.earned'] });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
};

const onlyDelivery = async (webhookId: string) => {
  const res = await t.call('GET', `/v1/webhooks/${webhookId}/deliveries`);
  expect(res.body.deliveries).toHaveLength(1);
  return res.body.deliveries[0];
};

beforeAll(async () => {
  t = await startTestApp({ clock, webhooksAllowPrivate: false });
  db = t.database.db;
  customerId = (await createCustomer(t)).id;
  receiver = createServer((req, res) => {
    hits.push(req.url ?? '');
    req.resume();
    req.on('end', () => {
      res.writeHead(418, { 'content-type': 'text/plain', 'x-internal-token': 'tok_secret_123' });
      res.end(`line one\r\n\u001b[31mred\u202e\u0000${'x'.repeat(1_000)}`);
    });
  });
  await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
  port = (receiver.address() as AddressInfo).port;
});

afterEach(async () => {
  const list = await t.call('GET', '/v1/webhooks');
  for (const webhook of list.body.webhooks) await t.call('DELETE', `/v1/webhooks/${webhook.id}`);
  names.clear();
  hits.length = 0;
});

afterAll(async () => {
  receiver?.closeAllConnections();
  await new Promise((done) => receiver?.close(done));
  await t?.close();
});

describe('webhook targets', () => {
  it('refuses internal and credentialed URLs at creation and update with a 400 naming url', async () => {
    const refused = [
      'http://127.0.0.1:8080/h',
      'http://2130706433/h',
      'http://0x7f.0.0.1/h',
      'http://0177.0.0.1/h',
      'http://0.0.0.0/h',
      'http://[::1]/h',
      'http://[::ffff:127.0.0.1]/h',
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.8/h',
      'http://172.20.1.1/h',
      'http://192.168.1.10/h',
      'http://100.64.0.1/h',
      'http://[fd00::1]/h',
      'http://[fe80::1]/h',
      'http://localhost/h',
      'https://user:pass@hooks.example/h',
    ];
    for (const url of refused) {
      const res = await t.call('POST', '/v1/webhooks', { url, eventTypes: ['points.earned'] });
      expect(res.status, url).toBe(400);
      expect(res.body).toMatchObject({
        code: 'webhook_url_refused',
        errors: [{ path: 'url', message: expect.any(String) }],
      });
    }
    expect((await t.call('GET', '/v1/webhooks')).body.webhooks).toEqual([]);

    const id = await subscribe('https://hooks.example/h');
    const patched = await t.call('PATCH', `/v1/webhooks/${id}`, {
      url: 'http://169.254.169.254/',
    });
    expect(patched.status).toBe(400);
    expect(patched.body.errors).toEqual([{ path: 'url', message: expect.any(String) }]);
    expect((await t.call('GET', `/v1/webhooks/${id}`)).body.url).toBe('https://hooks.example/h');
  });

  it('refuses at delivery a name that resolves to an internal address, without retrying', async () => {
    names.set('rebind.example', [{ address: '127.0.0.1', family: 4 }]);
    // One public and one private address: refused too, whichever a connection would pick.
    names.set('mixed.example', [
      { address: '93.184.216.34', family: 4 },
      { address: '::ffff:10.0.0.1', family: 6 },
    ]);
    const rebind = await subscribe(`http://rebind.example:${port}/rebind`);
    const mixed = await subscribe(`http://mixed.example:${port}/mixed`);
    await emit();

    expect(await sweep(false)).toMatchObject({ attempts: 2, failed: 2, retrying: 0 });
    expect(hits).toEqual([]);
    for (const [id, reason] of [
      [rebind, 'refused: rebind.example resolves to a loopback address'],
      [mixed, 'refused: mixed.example resolves to a private address'],
    ] as const) {
      const delivery = await onlyDelivery(id);
      expect(delivery).toMatchObject({ status: 'failed', attemptCount: 1, nextAttemptAt: null });
      expect(delivery.attempts).toEqual([
        expect.objectContaining({ statusCode: null, responseExcerpt: null, error: reason }),
      ]);
    }
    clock.set(new Date(clock.now().getTime() + 86_400_000));
    expect((await sweep(false)).attempts).toBe(0);
  });

  it('connects to the checked address and keeps only the status and a short clean excerpt', async () => {
    // `pinned.example` exists only in the test's resolver: the request reaching the receiver on
    // 127.0.0.1 shows the connection used the checked address, not a second lookup.
    names.set('pinned.example', [{ address: '127.0.0.1', family: 4 }]);
    const id = await subscribe(`http://pinned.example:${port}/pinned`);
    await emit();

    expect(await sweep(true)).toMatchObject({ attempts: 1, retrying: 1 });
    expect(hits).toEqual(['/pinned']);
    const delivery = await onlyDelivery(id);
    const [attempt] = delivery.attempts;
    expect(attempt).toMatchObject({ statusCode: 418, error: null });
    // Control and formatting characters (CR LF, ESC, RLO, NUL) become one space; 200 characters kept.
    const clean = 'line one [31mred ';
    expect(attempt.responseExcerpt).toBe(`${clean}${'x'.repeat(200 - clean.length)}…`);
    expect(attempt.responseExcerpt.length).toBeLessThanOrEqual(201);
    const one = await t.call('GET', `/v1/webhooks/deliveries/${delivery.id}`);
    expect(JSON.stringify(one.body)).not.toContain('tok_secret_123');
    expect(JSON.stringify(one.body)).not.toMatch(/x-internal-token/i);
  });

  it('logs a name that does not resolve as a failed attempt, retried on schedule', async () => {
    const id = await subscribe(`http://nowhere.example:${port}/none`);
    await emit();
    expect(await sweep(false)).toMatchObject({ attempts: 1, retrying: 1 });
    const delivery = await onlyDelivery(id);
    expect(delivery.attempts[0]).toMatchObject({ error: 'name not resolved (ENOTFOUND)' });
    expect(hits).toEqual([]);
  });
});
