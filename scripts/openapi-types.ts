/**
 * Writes web/src/shared/api.generated.ts: TypeScript types of every path and named schema in the
 * OpenAPI document the server serves at /openapi.json, so a changed server view is a type error
 * in the web pages. With --check it writes nothing and fails when the file is stale (npm test).
 *
 *   npm run api:types              regenerate
 *   npm run api:types -- --check   compare only
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely';
import openapiTS, { astToString } from 'openapi-typescript';
import { pino } from 'pino';
import { format, resolveConfig } from 'prettier';
import { systemClock } from '../src/core/shared/clock.js';
import type { DB } from '../src/db/schema.js';
import { createApp } from '../src/http/app.js';

const SHOWN = 'web/src/shared/api.generated.ts';
const TARGET = fileURLToPath(new URL(`../${SHOWN}`, import.meta.url));

const HEADER = `/**
 * Generated from the API's /openapi.json by scripts/openapi-types.ts (npm run api:types).
 * Do not edit: change the server's zod views, then regenerate. npm test fails when this is stale.
 */
`;

/**
 * The app's own /openapi.json, asked in process. The document is made from the routes' zod
 * schemas alone, so the app gets a database that never connects (Kysely's DummyDriver): no
 * PGlite to start, nothing listening, and a query by mistake would return no rows, not hang.
 */
const servedOpenApiDocument = async (): Promise<unknown> => {
  const db = new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (kysely) => new PostgresIntrospector(kysely),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  const app = createApp({
    db,
    database: { kind: 'pglite' },
    clock: systemClock,
    log: pino({ level: 'silent' }),
    bodyLimitBytes: 1024 * 1024,
  });
  const response = await app.request('/openapi.json');
  if (!response.ok) throw new Error(`GET /openapi.json answered ${response.status}`);
  return response.json();
};

const generatedTypes = async (): Promise<string> => {
  const document = await servedOpenApiDocument();
  const source = HEADER + astToString(await openapiTS(document as never));
  const options = await resolveConfig(TARGET);
  return format(source, { ...options, filepath: TARGET });
};

const readCurrent = () => readFile(TARGET, 'utf8').catch(() => '');

const main = async (check: boolean) => {
  const [generated, current] = await Promise.all([generatedTypes(), readCurrent()]);
  if (generated === current) {
    console.log(`${SHOWN}: up to date`);
    return;
  }
  if (check) {
    console.error(
      `${SHOWN} is stale: the API's /openapi.json has changed. Run npm run api:types and commit it.`,
    );
    process.exitCode = 1;
    return;
  }
  await writeFile(TARGET, generated);
  console.log(`${SHOWN}: written`);
};

await main(process.argv.includes('--check'));
