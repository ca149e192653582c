import { sql, type Kysely } from 'kysely';

// Frozen in time: this file imports no application code, so later changes cannot rewrite history.
// Each exposure keeps the customer's RFM segment and lifecycle stage as they stood when the
// customer was exposed (the last analytics refresh before it). The uplift per segment is then
// measured on groups the treatment cannot have moved customers between; grouping by today's
// segment would compare customers the treatment itself had sorted. Exposures made before this
// migration get the segment stored now, the closest there is.

const statements = [
  `alter table experiment_exposure add column rfm_segment text, add column lifecycle_stage text`,
  `
    update experiment_exposure x
       set rfm_segment = a.rfm_segment, lifecycle_stage = a.lifecycle_stage
      from customer_analytics a
     where a.customer_id = x.customer_id
  `,
];

export const up = async (db: Kysely<unknown>): Promise<void> => {
  for (const statement of statements) await sql.raw(statement).execute(db);
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await sql`alter table experiment_exposure drop column rfm_segment, drop column lifecycle_stage`.execute(
    db,
  );
};
