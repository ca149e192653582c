import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.js';

/**
 * Ids after `after` of the members whose birthday (month and day) is one of `monthDays` and who
 * have no birthday activity for `day`'s year yet, by id, at most `limit`.
 */
export const birthdaysDue = async (
  db: Kysely<DB>,
  q: { day: string; monthDays: string[]; after: string; limit: number },
): Promise<string[]> => {
  const { day, monthDays, after, limit } = q;
  const rows = await db
    .selectFrom('customer as c')
    .select('c.id')
    .where(sql<string>`to_char(c.birthday, 'MM-DD')`, 'in', monthDays)
    .where('c.id', '>', after)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('loyalty_activity as a')
            .select('a.id')
            .whereRef('a.customer_id', '=', 'c.id')
            .where(
              'a.idempotency_key',
              '=',
              sql<string>`${`birthday:`} || c.id || ${`:${day.slice(0, 4)}`}`,
            ),
        ),
      ),
    )
    .orderBy('c.id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
};
