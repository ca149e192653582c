import { sql, type Kysely } from 'kysely';
import type { ArmStore } from '../../core/experiments/treatment.js';
import type { DB } from '../schema.js';
import { experimentRepository } from './experiments.repository.js';

/**
 * The reads behind a treatment's decision: running experiments, and which of a page of customers
 * are in an experiment's population (one statement per experiment and page).
 */
export const experimentArmStore = (db: Kysely<DB>): ArmStore => {
  const experiments = experimentRepository(db);
  return {
    running: () => experiments.list({ status: 'running' }),
    recordExposures: (exposures) => experiments.recordExposures(exposures),
    members: async (experiment, customerIds) => {
      if (customerIds.length === 0) return new Map();
      const { entry, segmentId } = experiment.population;
      const rows =
        entry === 'fixed'
          ? await db
              .selectFrom('experiment_exposure')
              .select(['customer_id', 'variant'])
              .where('experiment_id', '=', experiment.id)
              .where('customer_id', 'in', [...customerIds])
              .execute()
          : await db
              .selectFrom('customer as c')
              .leftJoin('experiment_exposure as x', (join) =>
                join.onRef('x.customer_id', '=', 'c.id').on('x.experiment_id', '=', experiment.id),
              )
              .select(['c.id as customer_id', 'x.variant'])
              .where('c.id', 'in', [...customerIds])
              .where((eb) =>
                eb.or([
                  eb('x.variant', 'is not', null),
                  eb.and([
                    eb('c.erased_at', 'is', null),
                    segmentId === null
                      ? sql<boolean>`true`
                      : eb.exists(
                          eb
                            .selectFrom('segment_member as sm')
                            .select(sql.lit(1).as('one'))
                            .whereRef('sm.customer_id', '=', 'c.id')
                            .where('sm.segment_id', '=', segmentId),
                        ),
                  ]),
                ]),
              )
              .execute();
      return new Map(rows.map((r) => [r.customer_id, r.variant ?? null]));
    },
  };
};
