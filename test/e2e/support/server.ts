import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { createApiKey } from '../../../src/core/auth/auth.service.js';
import { systemClock } from '../../../src/core/shared/clock.js';
import { importOrders } from '../../../src/cli/import/import-orders.js';
import { latestInvoiceDate, loadDemo } from '../../../src/cli/demo.js';
import type { Database } from '../../../src/db/dialect.js';
import { repositoriesFor } from '../../../src/db/repositories.js';
import { createApp } from '../../../src/http/app.js';
import { openTestDatabase } from '../../support/database.js';
import { E2E_WEB_DIST } from '../build-web.js';

export const RETAIL = resolve(
  import.meta.dirname,
  '../../../../shared/data/online-retail/online_retail_lines.csv.gz',
);

// Seven months of Online Retail (Dec 2010 – early Jul 2011): enough for cohorts, curves and a CLV
// fit with its validation. Dates move forward in whole weeks so the last order is in the past week.
const RETAIL_LINES = 250_000;

const weeksToNow = (last: number) =>
  Math.floor((Date.now() - last) / (7 * 86_400_000)) * 7 * 86_400_000;

export interface E2eServerOptions {
  /**
   * Online Retail lines to import: 250,000 (seven months) unless told; 'all' for the whole file;
   * 'none' for a new, empty programme.
   */
  lines?: number | 'all' | 'none';
  /** A migrated, empty database the caller opened and will close (default: a test database). */
  database?: Database;
  /** The built pages to serve (default: the e2e tests' build, test/e2e/.web-dist). */
  webDist?: string;
}

export interface E2eServer {
  url: string;
  adminKey: string;
  database: Database;
  dataset: 'online-retail' | 'synthetic' | 'none';
  /** Calls the API as a script would, with the admin key. */
  api<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<T>;
  close(): Promise<void>;
}

/** The whole app on a real port over an in-process PGlite, seeded from real data when present. */
export const startE2eServer = async (options: E2eServerOptions = {}): Promise<E2eServer> => {
  const database = options.database ?? (await openTestDatabase());
  const deps = { db: database.db, clock: systemClock };
  const lines = options.lines ?? RETAIL_LINES;
  const dataset = lines === 'none' ? 'none' : existsSync(RETAIL) ? 'online-retail' : 'synthetic';
  if (dataset === 'online-retail' && lines !== 'none') {
    const limit = lines === 'all' ? undefined : lines;
    const lastOrder = await latestInvoiceDate(RETAIL, limit);
    await importOrders(deps, {
      file: RETAIL,
      format: 'online-retail',
      limit,
      batchSize: 500,
      dateOffsetMs: weeksToNow(lastOrder?.getTime() ?? Date.now()),
    });
  } else if (dataset === 'synthetic') {
    await loadDemo(deps, { synthetic: true, batchSize: 500 });
  }
  const { secret: adminKey } = await createApiKey(
    { ...repositoriesFor(database.db), clock: systemClock },
    { name: 'e2e', role: 'admin' },
  );
  const app = createApp({
    db: database.db,
    clock: systemClock,
    log: pino({ level: 'silent' }),
    bodyLimitBytes: 1024 * 1024,
    database,
    webDist: `${options.webDist ?? E2E_WEB_DIST}/`,
  });
  const server: ServerType = await new Promise((ready) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => ready(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const api: E2eServer['api'] = async (method, path, body, headers = {}) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${adminKey}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : null) as never;
  };
  return {
    url,
    adminKey,
    database,
    dataset,
    api,
    close: async () => {
      const closed = new Promise((done) => server.close(() => done(undefined)));
      // A page the browser keeps open (keep-alive, a progress stream) would hold close() forever.
      if ('closeAllConnections' in server) server.closeAllConnections();
      await closed;
      if (!options.database) await database.close();
    },
  };
};
