import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/core/auth/auth.service.js';
import { manualClock } from '../src/core/shared/clock.js';
import type { Database } from '../src/db/dialect.js';
import { repositoriesFor } from '../src/db/repositories.js';
import { createApp } from '../src/http/app.js';
import { openTestDatabase } from './support/database.js';
import { unique } from './support/fixtures.js';

// Enough connections that on PostgreSQL the sign-ins really run at the same time.
const POOL_SIZE = 40;
const PARALLEL = 100;
const PASSWORD = 'the right password';

const clock = manualClock(new Date('2026-03-02T09:00:00.000Z'));
let database: Database;
let app: ReturnType<typeof createApp>;
let adminKey: string;
beforeAll(async () => {
  database = await openTestDatabase({ poolSize: POOL_SIZE });
  app = createApp({
    db: database.db,
    clock,
    log: pino({ level: 'silent' }),
    bodyLimitBytes: 1024 * 1024,
    database,
  });
  ({ secret: adminKey } = await createApiKey(
    { ...repositoriesFor(database.db), clock },
    { name: 'admin', role: 'admin' },
  ));
});
afterAll(() => database.close());

const signIn = async (email: string, password: string) => {
  const res = await app.request('/auth/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return { status: res.status, body: (await res.json()) as { code?: string } };
};

const newUser = async () => {
  const email = `${unique('user')}@example.com`;
  const res = await app.request('/v1/users', {
    method: 'POST',
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ email, name: 'Till manager', password: PASSWORD }),
  });
  expect(res.status).toBe(201);
  return email;
};

const tally = (statuses: number[]) =>
  statuses.reduce<Record<number, number>>((counts, status) => {
    counts[status] = (counts[status] ?? 0) + 1;
    return counts;
  }, {});

describe('the sign-in throttle', () => {
  it('checks at most 10 of 100 wrong passwords sent at once for one e-mail', async () => {
    const email = await newUser();
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) => signIn(email, `wrong guess ${i}`)),
    );
    const elapsedMs = Math.round(performance.now() - started);
    const counts = tally(answers.map((a) => a.status));
    expect(counts, `${elapsedMs} ms`).toEqual({ 401: 10, 429: 90 });
    expect(answers.filter((a) => a.status === 429).map((a) => a.body.code)).toEqual(
      Array(90).fill('too_many_sign_in_attempts'),
    );
    // Locked for the window, right password or not.
    expect((await signIn(email, PASSWORD)).status).toBe(429);
    clock.set(new Date(clock.now().getTime() + 15 * 60_000 + 1000));
    expect((await signIn(email, PASSWORD)).status).toBe(200);
    // Unthrottled, all 100 scrypt checks run, which takes minutes on a busy machine.
  }, 300_000);

  it('does not count right passwords', async () => {
    const email = await newUser();
    for (let i = 1; i <= 9; i += 1) expect((await signIn(email, `wrong ${i}`)).status).toBe(401);
    for (let i = 1; i <= 5; i += 1) expect((await signIn(email, PASSWORD)).status).toBe(200);
    expect((await signIn(email, 'wrong 10')).status).toBe(401);
    expect((await signIn(email, PASSWORD)).status).toBe(429);
  });

  it('counts per e-mail: another user still signs in', async () => {
    const locked = await newUser();
    await Promise.all(Array.from({ length: 12 }, () => signIn(locked, 'wrong')));
    expect((await signIn(locked, PASSWORD)).status).toBe(429);
    expect((await signIn(await newUser(), PASSWORD)).status).toBe(200);
  });
});
