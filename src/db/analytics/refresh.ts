import type { Kysely } from 'kysely';
import { refreshAllAnalytics, type FullRefreshInput } from '../../core/analytics/refresh-all.js';
import { getProgramme } from '../../core/programme/programme.service.js';
import type { Clock } from '../../core/shared/clock.js';
import { inTransaction, repositoriesFor } from '../repositories.js';
import type { DB } from '../schema.js';
import { clvSource } from './clv.queries.js';
import { customerAnalyticsStore } from './customer-analytics.queries.js';

/**
 * The full analytics refresh wired to the database, in one transaction (or the caller's): readers
 * see the previous figures until the new ones are complete, never a mix.
 */
export const refreshAnalyticsIn = (db: Kysely<DB>, clock: Clock, input: FullRefreshInput) =>
  inTransaction(db, async (trx) => {
    const programme = await getProgramme(repositoriesFor(trx));
    return refreshAllAnalytics(
      {
        analytics: customerAnalyticsStore(trx),
        clock,
        programme,
        clv: clvSource(trx, programme),
      },
      input,
    );
  });
