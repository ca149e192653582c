import type { Kysely, Selectable } from 'kysely';
import type { AuditEntry, AuditRepository } from '../../core/audit/audit.js';
import { DomainError } from '../../core/shared/errors.js';
import type { AuditLogTable, DB } from '../schema.js';

const entryOf = (r: Selectable<AuditLogTable>): AuditEntry => ({
  id: r.id,
  at: r.at,
  actor: { keyId: r.actor_key_id, userId: r.actor_user_id, label: r.actor_label },
  action: r.action,
  targetType: r.target_type,
  targetId: r.target_id,
  summary: r.summary ?? {},
});

const encodeCursor = (e: AuditEntry) =>
  Buffer.from(JSON.stringify([e.at.toISOString(), e.id]), 'utf8').toString('base64url');

const decodeCursor = (cursor: string): { at: Date; id: string } => {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(at))) {
      return { at: new Date(at), id };
    }
  } catch {
    // falls through to the error
  }
  throw new DomainError('invalid', 'invalid_cursor', 'The cursor is not one this API gave', {}, [
    { path: 'cursor', message: 'not a cursor from a previous page' },
  ]);
};

export const auditLogRepository = (db: Kysely<DB>): AuditRepository => ({
  insert: async (e) => {
    await db
      .insertInto('audit_log')
      .values({
        id: e.id,
        at: e.at,
        actor_key_id: e.actor.keyId,
        actor_user_id: e.actor.userId,
        actor_label: e.actor.label,
        action: e.action,
        target_type: e.targetType,
        target_id: e.targetId,
        summary: JSON.stringify(e.summary),
      })
      .execute();
  },
  list: async (q) => {
    let query = db.selectFrom('audit_log').selectAll();
    if (q.action) query = query.where('action', '=', q.action);
    if (q.actor) {
      const actor = q.actor;
      query = query.where((eb) =>
        eb.or([
          eb('actor_key_id', '=', actor),
          eb('actor_user_id', '=', actor),
          eb('actor_label', '=', actor),
        ]),
      );
    }
    if (q.from) query = query.where('at', '>=', new Date(q.from));
    if (q.to) query = query.where('at', '<', new Date(q.to));
    if (q.cursor) {
      const c = decodeCursor(q.cursor);
      query = query.where((eb) =>
        eb.or([eb('at', '<', c.at), eb.and([eb('at', '=', c.at), eb('id', '<', c.id)])]),
      );
    }
    const rows = await query
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(q.limit + 1)
      .execute();
    const entries = rows.slice(0, q.limit).map(entryOf);
    const last = entries[entries.length - 1];
    return { entries, nextCursor: rows.length > q.limit && last ? encodeCursor(last) : null };
  },
  latest: async (action, targetId) => {
    const row = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', action)
      .where('target_id', '=', targetId)
      .orderBy('at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? entryOf(row) : null;
  },
});
