import { pino, type Logger } from 'pino';
import { loadConfig } from '../../src/config.js';
import { createApiKey } from '../../src/core/auth/auth.service.js';
import type { Role } from '../../src/core/auth/auth.js';
import { manualClock, systemClock, type Clock } from '../../src/core/shared/clock.js';
import type { Database } from '../../src/db/dialect.js';
import { repositoriesFor } from '../../src/db/repositories.js';
import { createApp } from '../../src/http/app.js';
import { contractCheckerFor, type ContractChecker } from './contract.js';
import { openTestDatabase } from './database.js';

export { manualClock };

export interface TestApp {
  database: Database;
  clock: Clock;
  adminKey: string;
  keyFor(role: Role): Promise<string>;
  /**
   * Sends a request the way a client would, through the whole middleware stack, and fails unless
   * the response is one the app's /openapi.json documents (test/support/contract.ts).
   */
  call(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

/**
 * REGULARS_ORDER_BATCHING as this test project sets it (the pglite-unbatched project turns it
 * off), read and validated the way the server reads it.
 */
export const projectOrderBatching = (): boolean =>
  loadConfig({ REGULARS_ORDER_BATCHING: process.env.REGULARS_ORDER_BATCHING }).orderBatching;

export const startTestApp = async (
  options: {
    clock?: Clock;
    bodyLimitBytes?: number;
    webDist?: string;
    /** Default true: the tests' webhook receivers listen on 127.0.0.1. */
    webhooksAllowPrivate?: boolean;
    /** Group commit of orders; default: the project's REGULARS_ORDER_BATCHING. */
    orderBatching?: boolean;
    /** REGULARS_MAX_FUTURE_SKEW_MINUTES; default: the server's default (a day). */
    maxFutureSkewMinutes?: number;
    /** Default: silent. */
    log?: Logger;
    /** A migrated database opened by the caller (a primary with its replica, say); closed with the app. */
    database?: Database;
  } = {},
): Promise<TestApp> => {
  const database = options.database ?? (await openTestDatabase());
  const clock = options.clock ?? systemClock;
  const log = options.log ?? pino({ level: 'silent' });
  const app = createApp({
    db: database.db,
    readDb: database.readDb,
    clock,
    log,
    bodyLimitBytes: options.bodyLimitBytes ?? 1024 * 1024,
    webhooksAllowPrivate: options.webhooksAllowPrivate ?? true,
    orderBatching: options.orderBatching ?? projectOrderBatching(),
    maxFutureSkewMinutes: options.maxFutureSkewMinutes,
    database,
    webDist: options.webDist,
  });
  const keyFor = async (role: Role) =>
    (await createApiKey({ ...repositoriesFor(database.db), clock }, { name: `test-${role}`, role }))
      .secret;
  const adminKey = await keyFor('admin');
  let contract: ContractChecker | null = null;
  const contractOf = async () =>
    (contract ??= contractCheckerFor(await (await app.request('/openapi.json')).text()));
  const call: TestApp['call'] = async (method, path, body, headers = {}) => {
    const res = await app.request(path, {
      method,
      headers: {
        authorization: `Bearer ${adminKey}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    (await contractOf()).check({ method, path }, res, text);
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
  return { database, clock, adminKey, keyFor, call, close: () => database.close() };
};
