import { sql, type Kysely } from 'kysely';

// Frozen in time: this file imports no application code, so later changes cannot rewrite history.
// Analytics results are derived data: recomputed wholesale by the refresh job, never the source
// of truth, so (unlike the ledger) these rows are updated in place.

const statements = [
  `
    create table clv_model_run (
        id text primary key,
        transaction_model text not null,
        transaction_params jsonb not null,
        transaction_log_likelihood double precision not null,
        spend_params jsonb,
        spend_log_likelihood double precision,
        customers integer not null,
        repeat_buyers integer not null,
        calibration_end date not null,
        horizon_weeks double precision not null,
        annual_discount_rate double precision not null,
        validation jsonb,
        duration_ms integer not null,
        fitted_at timestamptz not null
    )
  `,
  `
    create index clv_model_run_fitted_idx on clv_model_run (fitted_at desc)
  `,
  `
    create table customer_analytics (
        customer_id text primary key references customer (id),
        as_of timestamptz not null,
        first_purchase_at timestamptz,
        last_purchase_at timestamptz,
        recency_days integer,
        frequency integer not null default 0,
        monetary_minor bigint not null default 0,
        r_score smallint,
        f_score smallint,
        m_score smallint,
        rfm_segment text,
        lifecycle_stage text not null,
        clv_model_run_id text references clv_model_run (id),
        p_alive double precision,
        expected_purchases double precision,
        expected_spend_minor double precision,
        clv_minor bigint,
        rfm_computed_at timestamptz,
        clv_computed_at timestamptz
    )
  `,
  `
    create index customer_analytics_rfm_idx
        on customer_analytics (rfm_segment, monetary_minor desc, customer_id desc)
  `,
  `
    create index customer_analytics_lifecycle_idx
        on customer_analytics (lifecycle_stage, monetary_minor desc, customer_id desc)
  `,
  `
    create index ledger_entry_effective_idx on ledger_entry (effective_at) include (code, points, customer_id)
  `,
  `
    create index customer_analytics_clv_idx on customer_analytics (clv_minor desc nulls last)
  `,
];

export const up = async (db: Kysely<unknown>): Promise<void> => {
  for (const statement of statements) await sql.raw(statement).execute(db);
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await sql`drop table if exists customer_analytics, clv_model_run cascade`.execute(db);
  await sql`drop index if exists ledger_entry_effective_idx`.execute(db);
};
