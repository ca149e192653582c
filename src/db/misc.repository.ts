import type { Kysely, Selectable } from 'kysely';
import type { ApiKey, ApiKeyRepository } from '../core/auth/auth.js';
import type { ProgrammeRepository, ProgrammeSettings } from '../core/programme/programme.js';
import type { DB } from './schema.js';

export const programmeRepository = (db: Kysely<DB>): ProgrammeRepository => ({
  get: async () => {
    const row = await db.selectFrom('programme_settings').select('settings').executeTakeFirst();
    return row ? (row.settings as ProgrammeSettings) : null;
  },
  save: async (settings) => {
    const json = JSON.stringify(settings);
    await db
      .insertInto('programme_settings')
      .values({ settings: json })
      .onConflict((oc) => oc.column('id').doUpdateSet({ settings: json, updated_at: new Date() }))
      .execute();
  },
});

const apiKeyFromRow = (row: Selectable<DB['api_key']>): ApiKey => ({
  id: row.id,
  name: row.name,
  role: row.role,
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
});

export const apiKeyRepository = (db: Kysely<DB>): ApiKeyRepository => ({
  insert: async (key, keyHash) => {
    await db
      .insertInto('api_key')
      .values({
        id: key.id,
        name: key.name,
        role: key.role,
        key_hash: keyHash,
        created_at: key.createdAt,
        revoked_at: null,
      })
      .execute();
  },
  findByHash: async (keyHash) => {
    const row = await db
      .selectFrom('api_key')
      .selectAll()
      .where('key_hash', '=', keyHash)
      .executeTakeFirst();
    return row ? apiKeyFromRow(row) : null;
  },
  findById: async (id) => {
    const row = await db.selectFrom('api_key').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? apiKeyFromRow(row) : null;
  },
  countActiveAdmins: async () => {
    const row = await db
      .selectFrom('api_key')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'admin')
      .where('revoked_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
  lockActiveAdmins: async () =>
    (
      await db
        .selectFrom('api_key')
        .select('id')
        .where('role', '=', 'admin')
        .where('revoked_at', 'is', null)
        .orderBy('id')
        .forUpdate()
        .execute()
    ).map((row) => row.id),
  list: async () =>
    (await db.selectFrom('api_key').selectAll().orderBy('created_at').execute()).map(apiKeyFromRow),
  revoke: async (id, at) => {
    const result = await db
      .updateTable('api_key')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  },
});
