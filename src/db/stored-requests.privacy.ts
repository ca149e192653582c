import { sql, type Kysely } from 'kysely';
import type { PersonalDataHolder } from '../core/customers/privacy.js';
import { redactor } from '../core/customers/redact.js';
import type { DB } from './schema.js';

/**
 * The HTTP layer's idempotency records keep each write's response to replay it; a response that
 * names the customer's id (their profile, an order of theirs, …) is redacted, keeping its status,
 * so a retry still gets an answer without the person's data.
 */
export const storedResponsePrivacy = (db: Kysely<DB>): PersonalDataHolder => ({
  module: 'idempotency',
  exportCustomer: async () => ({}),
  eraseCustomer: async ({ customerId, identifiers }) => {
    const redact = redactor(identifiers);
    const { rows } = await sql<{ principal: string; key: string; response_body: string }>`
      select principal, key, response_body from idempotency_record
       where strpos(response_body, ${customerId}) > 0
    `.execute(db);
    for (const row of rows) {
      await db
        .updateTable('idempotency_record')
        .set({ response_body: redact.jsonText(row.response_body) })
        .where('principal', '=', row.principal)
        .where('key', '=', row.key)
        .execute();
    }
    return rows.length;
  },
});

/**
 * pg-boss's queue (schema `pgboss`, when the job runner installed it): jobs whose data or output
 * names the customer's id are deleted. Regulars' own jobs carry no customer data (they sweep
 * tables), so this is a safeguard for jobs added later.
 */
export const jobQueuePrivacy = (db: Kysely<DB>, schema = 'pgboss'): PersonalDataHolder => ({
  module: 'jobs',
  exportCustomer: async () => ({}),
  eraseCustomer: async ({ customerId }) => {
    let deleted = 0;
    for (const table of ['job', 'archive']) {
      const { rows } = await sql<{ present: string | null }>`
        select to_regclass(${`${schema}.${table}`})::text as present
      `.execute(db);
      if (!rows[0]?.present) continue;
      const text = sql`coalesce(data::text, '') || ' ' || coalesce(output::text, '')`;
      const result = await sql`
        delete from ${sql.table(`${schema}.${table}`)} where strpos(${text}, ${customerId}) > 0
      `.execute(db);
      deleted += Number(result.numAffectedRows ?? 0n);
    }
    return deleted;
  },
});
