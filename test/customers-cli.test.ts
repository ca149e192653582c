import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerCustomersCommand } from '../src/cli/customers.command.js';
import { startTestApp, type TestApp } from './support/app.js';
import { createCustomer, orderBody } from './support/fixtures.js';

let t: TestApp;
let dir: string;
beforeAll(async () => {
  t = await startTestApp();
  dir = mkdtempSync(join(tmpdir(), 'regulars-export-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t.close();
});

/** Runs `regulars customers …` in-process against the test database, capturing its output. */
const run = async (args: string[]) => {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const program = new Command().exitOverride().configureOutput({
    writeOut: (s) => (stdout += s),
    writeErr: (s) => (stderr += s),
  });
  registerCustomersCommand(program, async () => ({ db: t.database.db, close: async () => {} }));
  let exitCode = 0;
  try {
    await program.parseAsync(['customers', ...args], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    exitCode = error.exitCode;
  } finally {
    out.mockRestore();
  }
  return { stdout, stderr, exitCode };
};

describe('regulars customers export', () => {
  it('prints or writes the same JSON as the API, and is audited', async () => {
    const customer = await createCustomer(t, { firstName: 'Ottilie' });
    expect((await t.call('POST', '/v1/orders', orderBody(customer.id))).status).toBe(201);
    const printed = await run(['export', customer.id]);
    expect(printed.exitCode).toBe(0);
    const json = JSON.parse(printed.stdout);
    const api = (await t.call('GET', `/v1/customers/${customer.id}/export`)).body;
    expect({ ...json, exportedAt: null, points: null }).toEqual({
      ...api,
      exportedAt: null,
      points: null,
    });
    expect(json.customer.firstName).toBe('Ottilie');
    expect(json.orders).toHaveLength(1);

    const file = join(dir, 'export.json');
    const written = await run(['export', customer.id, '--out', file]);
    expect(written.stdout).toContain(file);
    expect(JSON.parse(readFileSync(file, 'utf8')).customer.id).toBe(customer.id);
    expect(statSync(file).mode & 0o077).toBe(0);

    const log = (await t.call('GET', '/v1/audit-log?action=customer.exported')).body.entries;
    const labels = log
      .filter((e: any) => e.targetId === customer.id)
      .map((e: any) => e.actor.label);
    // Newest first: the file, the API's export, the printed one.
    expect(labels).toEqual([
      `cli:${userInfo().username}`,
      'test-admin',
      `cli:${userInfo().username}`,
    ]);
  });

  it('refuses an unknown customer with a message', async () => {
    const res = await run(['export', 'cus_nobody']);
    expect(res.exitCode).toBe(1);
    expect(res.stderr).toContain('No customer cus_nobody');
  });
});
