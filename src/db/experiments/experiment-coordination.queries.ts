import { sql, type Kysely } from 'kysely';
import type { ExperimentCoordination } from '../../core/experiments/experiments.service.js';
import type { DB } from '../schema.js';

// One lock for every change of an experiment's status or document: they are rare, and a start's
// overlap check must not miss an experiment another transaction is starting at the same moment.
const LIFECYCLE_LOCK = 'regulars.experiments.lifecycle';

export const experimentCoordination = (db: Kysely<DB>): ExperimentCoordination => ({
  async lockLifecycle() {
    await sql`select pg_advisory_xact_lock(hashtext(${LIFECYCLE_LOCK}))`.execute(db);
  },

  async segmentsShareMember(a, b) {
    const row = await db
      .selectFrom('segment_member as a')
      .innerJoin('segment_member as b', 'b.customer_id', 'a.customer_id')
      .select(sql.lit(1).as('one'))
      .where('a.segment_id', '=', a)
      .where('b.segment_id', '=', b)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  },

  async segmentIdsOf(customerId) {
    const rows = await db
      .selectFrom('segment_member')
      .select('segment_id')
      .where('customer_id', '=', customerId)
      .execute();
    return rows.map((r) => r.segment_id);
  },
});
