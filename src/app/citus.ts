import type { Kysely } from 'kysely';
import { readCatalogue } from '../db/citus/catalogue.js';
import { TABLE_PLACEMENT, TRIGGERS_ON_SHARDS } from '../db/citus/placement.js';
import { readinessOffences } from '../db/citus/readiness.js';
import { citusScript } from '../db/citus/script.js';
import type { DB } from '../db/schema.js';

/** How far the database's schema is from Citus-ready, and the script that distributes it. */
export const citusReadiness = async (db: Kysely<DB>) => {
  const tables = await readCatalogue(db as unknown as Kysely<unknown>);
  return {
    offences: readinessOffences({
      tables,
      placement: TABLE_PLACEMENT,
      triggersOnShards: TRIGGERS_ON_SHARDS,
    }),
    script: citusScript(tables, TABLE_PLACEMENT),
  };
};
