import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeApiKey } from '../src/core/auth/auth.service.js';
import { apiKeyRepository } from '../src/db/misc.repository.js';
import { startTestApp, type TestApp } from './support/app.js';
import { testDatabaseKind } from './support/database.js';
import { rowCounts, unique } from './support/fixtures.js';
import { startServerProcess } from './support/server-process.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

const newKey = async (app: TestApp, role: 'admin' | 'pos', key?: string) => {
  const res = await app.call(
    'POST',
    '/v1/api-keys',
    { name: unique(`key-${role}`), role },
    key ? bearer(key) : {},
  );
  expect(res.status).toBe(201);
  return res.body as { id: string; name: string; role: string; secret: string };
};

describe('GET /v1/api-keys', () => {
  it('lists every key with id, name, role, created and revoked, never a secret or hash', async () => {
    const key = await newKey(t, 'pos');
    const res = await t.call('GET', '/v1/api-keys');
    expect(res.status).toBe(200);
    const listed = res.body.items.find((k: { id: string }) => k.id === key.id);
    expect(listed).toEqual({
      id: key.id,
      name: key.name,
      role: 'pos',
      createdAt: expect.any(String),
      revokedAt: null,
    });
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(key.secret);
    expect(text).not.toMatch(/hash|secret/i);
    expect(res.body.items.length).toBeGreaterThanOrEqual(2);
  });

  it('is refused to pos', async () => {
    const pos = await newKey(t, 'pos');
    const list = await t.call('GET', '/v1/api-keys', undefined, bearer(pos.secret));
    expect(list.status).toBe(403);
    const before = await rowCounts(t);
    const revoke = await t.call(
      'POST',
      `/v1/api-keys/${pos.id}/revoke`,
      undefined,
      bearer(pos.secret),
    );
    expect(revoke.status).toBe(403);
    expect(await rowCounts(t)).toEqual(before);
  });
});

describe('POST /v1/api-keys/{id}/revoke', () => {
  it('revokes a key: it is refused at once, even though this server had just checked it', async () => {
    const pos = await newKey(t, 'pos');
    // Checked once, so the server's cache of checked keys holds it.
    expect((await t.call('GET', '/v1/customers', undefined, bearer(pos.secret))).status).toBe(200);
    const res = await t.call('POST', `/v1/api-keys/${pos.id}/revoke`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: pos.id, role: 'pos', revokedAt: expect.any(String) });
    const refused = await t.call('GET', '/v1/customers', undefined, bearer(pos.secret));
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('invalid_api_key');
    const listed = (await t.call('GET', '/v1/api-keys')).body.items.find(
      (k: { id: string }) => k.id === pos.id,
    );
    expect(listed.revokedAt).toBe(res.body.revokedAt);
    const audit = await t.call('GET', '/v1/audit-log?action=api_key.revoked');
    expect(audit.body.entries.map((e: { targetId: string }) => e.targetId)).toContain(pos.id);
  });

  it('is idempotent: a second revoke changes nothing and returns the first revocation', async () => {
    const pos = await newKey(t, 'pos');
    const first = await t.call('POST', `/v1/api-keys/${pos.id}/revoke`);
    const again = await t.call('POST', `/v1/api-keys/${pos.id}/revoke`);
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
  });

  it('answers 404 for an unknown key, and writes nothing', async () => {
    const before = await rowCounts(t);
    const res = await t.call('POST', '/v1/api-keys/key_nope/revoke');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('api_key_not_found');
    expect(await rowCounts(t)).toEqual(before);
  });

  it('lets an admin key revoke itself: its next request is refused', async () => {
    const admin = await newKey(t, 'admin');
    const res = await t.call(
      'POST',
      `/v1/api-keys/${admin.id}/revoke`,
      undefined,
      bearer(admin.secret),
    );
    expect(res.status).toBe(200);
    expect((await t.call('GET', '/v1/api-keys', undefined, bearer(admin.secret))).status).toBe(401);
  });

  it('refuses to revoke the last active admin key (409), and writes nothing', async () => {
    const app = await startTestApp();
    try {
      const last = await newKey(app, 'admin');
      const admins = (await app.call('GET', '/v1/api-keys')).body.items.filter(
        (k: { id: string; role: string; revokedAt: string | null }) =>
          k.role === 'admin' && !k.revokedAt && k.id !== last.id,
      );
      expect(admins.length).toBeGreaterThan(0);
      for (const admin of admins) {
        const res = await app.call(
          'POST',
          `/v1/api-keys/${admin.id}/revoke`,
          undefined,
          bearer(last.secret),
        );
        expect(res.status).toBe(200);
      }
      const before = await rowCounts(app);
      const refused = await app.call(
        'POST',
        `/v1/api-keys/${last.id}/revoke`,
        undefined,
        bearer(last.secret),
      );
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('last_admin_key');
      expect(await rowCounts(app)).toEqual(before);
      expect((await app.call('GET', '/v1/api-keys', undefined, bearer(last.secret))).status).toBe(
        200,
      );
    } finally {
      await app.close();
    }
  });
});

// Two transactions at once need two connections: PostgreSQL only (PGlite has one).
describe.skipIf(testDatabaseKind() !== 'postgres')('two admins revoking each other at once', () => {
  it('leaves one of them active: the second revocation waits for the first, then is refused', async () => {
    const app = await startTestApp();
    try {
      const clock = app.clock;
      const others = (await app.call('GET', '/v1/api-keys')).body.items as { id: string }[];
      const [x, y] = [await newKey(app, 'admin'), await newKey(app, 'admin')];
      for (const other of others) {
        const res = await app.call(
          'POST',
          `/v1/api-keys/${other.id}/revoke`,
          undefined,
          bearer(x.secret),
        );
        expect(res.status).toBe(200);
      }
      const db = app.database.db;
      let releaseFirst!: () => void;
      const firstMayCommit = new Promise<void>((resolve) => (releaseFirst = resolve));
      let firstRevoked!: () => void;
      const firstHasRevoked = new Promise<void>((resolve) => (firstRevoked = resolve));
      const first = db.transaction().execute(async (trx) => {
        await revokeApiKey({ apiKeys: apiKeyRepository(trx), clock }, y.id);
        firstRevoked();
        await firstMayCommit;
      });
      await firstHasRevoked;
      const second = db
        .transaction()
        .execute((trx) => revokeApiKey({ apiKeys: apiKeyRepository(trx), clock }, x.id))
        .then(
          () => 'revoked',
          (error: { code?: string }) => error.code,
        );
      // Give the second time to reach its lock (or, without one, to pass the check).
      await new Promise((resolve) => setTimeout(resolve, 300));
      releaseFirst();
      await first;
      expect(await second).toBe('last_admin_key');
      const active = (await apiKeyRepository(db).list()).filter(
        (k) => k.role === 'admin' && !k.revokedAt,
      );
      expect(active.map((k) => k.id)).toEqual([x.id]);
    } finally {
      await app.close();
    }
  });
});

// The command line is the same on both projects (it opens a PGlite directory of its own), so it
// runs once, in the pglite project.
describe.skipIf(testDatabaseKind() !== 'pglite')('regulars keys:list and keys:revoke', () => {
  const ROOT = fileURLToPath(new URL('..', import.meta.url));
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'regulars-keys-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const cli = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          TMPDIR: process.env.TMPDIR,
          REGULARS_DATA_DIR: dataDir,
          LOG_LEVEL: 'warn',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('exit', (code) => resolve({ code, stdout, stderr }));
    });

  it('lists keys without secrets, revokes one, and refuses an unknown id', async () => {
    const created = await cli(['keys:create', '--name', 'till 1', '--role', 'pos']);
    expect(created.code).toBe(0);
    const [, id, secret] = /^(key_\S+) \(pos\): (\S+)$/m.exec(created.stdout)!;

    const listed = await cli(['keys:list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`^${id}\\s+pos\\s+\\S+\\s+active\\s+till 1$`, 'm'));
    expect(listed.stdout).not.toContain(secret);

    const revoked = await cli(['keys:revoke', id!]);
    expect(revoked.code).toBe(0);
    const revokedAt = /\d{4}-\d\d-\d\dT\S+Z\s+(\d{4}-\d\d-\d\dT\S+Z)\s+till 1$/m.exec(
      revoked.stdout,
    )?.[1];
    expect(revokedAt).toBeDefined();

    const json = await cli(['keys:list', '--json']);
    expect(json.code).toBe(0);
    const keys = JSON.parse(json.stdout) as Record<string, unknown>[];
    expect(keys.find((k) => k.id === id)).toEqual({
      id,
      name: 'till 1',
      role: 'pos',
      createdAt: expect.any(String),
      revokedAt,
    });
    expect(json.stdout).not.toContain(secret);

    const unknown = await cli(['keys:revoke', 'key_nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No API key key_nope');
  }, 180_000);

  it('while a server owns the directory: asks it with the admin key, or refuses with the API call', async () => {
    const adminKey = 'keys-cli-admin-0123456789abcdef';
    const server = await startServerProcess({
      REGULARS_DATA_DIR: dataDir,
      REGULARS_ADMIN_KEY: adminKey,
    });
    try {
      const created = await fetch(`${server.url}/v1/api-keys`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'till 2', role: 'pos' }),
      });
      const { id, secret } = (await created.json()) as { id: string; secret: string };
      const ok = (key: string) =>
        fetch(`${server.url}/v1/customers`, { headers: { authorization: `Bearer ${key}` } });
      expect((await ok(secret)).status).toBe(200);

      const refused = await cli(['keys:revoke', id]);
      expect(refused.code).toBe(75);
      expect(refused.stderr).toContain(`/v1/api-keys/${id}/revoke`);
      expect((await ok(secret)).status).toBe(200);

      const listed = await cli(['keys:list'], { REGULARS_ADMIN_KEY: adminKey });
      expect(listed.code).toBe(0);
      expect(listed.stdout).toMatch(new RegExp(`^${id}\\s+pos\\s+\\S+\\s+active\\s+till 2$`, 'm'));
      expect(listed.stderr).toContain('listed by the running server');

      const revoked = await cli(['keys:revoke', id], { REGULARS_ADMIN_KEY: adminKey });
      expect(revoked.code).toBe(0);
      expect(revoked.stderr).toContain('revoked by the running server');
      // The server revoked it itself, so it refuses the key at once.
      expect((await ok(secret)).status).toBe(401);
    } finally {
      await server.stop();
    }
  }, 240_000);
});
