import { sql, type Kysely } from 'kysely';
import type { Session, SessionRepository, SignInFailures } from '../core/auth/sessions.js';
import type { User, UserRepository } from '../core/auth/users.js';
import { inTransaction } from './repositories.js';
import type { DB } from './schema.js';

const userFrom = (row: {
  id: string;
  email: string;
  name: string;
  role: User['role'];
  created_at: Date;
  disabled_at: Date | null;
}): User => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  createdAt: row.created_at,
  disabledAt: row.disabled_at,
});

export const userRepository = (db: Kysely<DB>): UserRepository => ({
  insert: async (user, passwordHash) => {
    const inserted = await sql<{ id: string }>`
      insert into app_user (id, email, name, role, password_hash, created_at)
      values (${user.id}, ${user.email}, ${user.name}, ${user.role}, ${passwordHash}, ${user.createdAt})
      on conflict (lower(email)) do nothing
      returning id
    `.execute(db);
    return inserted.rows.length === 1;
  },
  findByEmail: async (email) => {
    const row = await db
      .selectFrom('app_user')
      .selectAll()
      .where(sql<string>`lower(email)`, '=', email.toLowerCase())
      .executeTakeFirst();
    return row ? { user: userFrom(row), passwordHash: row.password_hash } : null;
  },
  list: async () =>
    (await db.selectFrom('app_user').selectAll().orderBy('created_at').execute()).map(userFrom),
  disable: async (id, at) => {
    const row = await db
      .updateTable('app_user')
      .set({ disabled_at: sql`coalesce(disabled_at, ${at})` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row ? userFrom(row) : null;
  },
});

export const sessionRepository = (db: Kysely<DB>): SessionRepository => ({
  insert: async (session, tokenHash) => {
    await db
      .insertInto('admin_session')
      .values({
        token_hash: tokenHash,
        api_key_id: session.subject.kind === 'api_key' ? session.subject.apiKeyId : null,
        user_id: session.subject.kind === 'user' ? session.subject.userId : null,
        csrf_token: session.csrfToken,
        created_at: session.createdAt,
        expires_at: session.expiresAt,
      })
      .execute();
  },
  // One lookup by primary key; a revoked key or a disabled user ends the session at once.
  findActive: async (tokenHash) => {
    const row = await db
      .selectFrom('admin_session as s')
      .leftJoin('api_key as k', 'k.id', 's.api_key_id')
      .leftJoin('app_user as u', 'u.id', 's.user_id')
      .select([
        's.api_key_id',
        's.user_id',
        's.csrf_token',
        's.created_at',
        's.expires_at',
        'k.name as key_name',
        'k.role as key_role',
        'u.name as user_name',
        'u.role as user_role',
      ])
      .where('s.token_hash', '=', tokenHash)
      .where('s.revoked_at', 'is', null)
      .where((eb) =>
        eb.or([
          eb.and([eb('s.api_key_id', 'is not', null), eb('k.revoked_at', 'is', null)]),
          eb.and([eb('s.user_id', 'is not', null), eb('u.disabled_at', 'is', null)]),
        ]),
      )
      .executeTakeFirst();
    if (!row) return null;
    const base = {
      csrfToken: row.csrf_token,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
    };
    if (row.api_key_id) {
      return {
        ...base,
        subject: { kind: 'api_key', apiKeyId: row.api_key_id },
        principal: { keyId: row.api_key_id, name: row.key_name!, role: row.key_role! },
      } satisfies Session;
    }
    return {
      ...base,
      subject: { kind: 'user', userId: row.user_id! },
      principal: { keyId: row.user_id!, name: row.user_name!, role: row.user_role! },
    } satisfies Session;
  },
  revoke: async (tokenHash, at) => {
    await db
      .updateTable('admin_session')
      .set({ revoked_at: at })
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .execute();
  },
});

/**
 * Attempts of one e-mail are counted one at a time, in every server process alike: a transaction
 * holds an advisory lock on the e-mail while it counts the window and adds its row only if under
 * the limit, so concurrent attempts queue there and the later ones see the earlier ones' rows.
 */
export const signInFailureRepository = (db: Kysely<DB>): SignInFailures => ({
  count: (email, at, since, limit) =>
    inTransaction(db, async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtextextended(${`sign_in:${email}`}, 0))`.execute(
        trx,
      );
      // Forget what left the window, any e-mail's; rows another attempt is deleting are skipped.
      await sql`
        delete from sign_in_failure where id in (
          select id from sign_in_failure where failed_at < ${since} for update skip locked
        )
      `.execute(trx);
      const counted = await sql<{ id: number }>`
        insert into sign_in_failure (email, failed_at)
        select ${email}, ${at}
        where (
          select count(*) from sign_in_failure where email = ${email} and failed_at >= ${since}
        ) < ${limit}
        returning id
      `.execute(trx);
      const row = counted.rows[0];
      return row ? String(row.id) : null;
    }),
  uncount: async (attempt) => {
    await db.deleteFrom('sign_in_failure').where('id', '=', Number(attempt)).execute();
  },
});
