import { sql, type Kysely } from 'kysely';

// Frozen in time: this file imports no application code, so later changes cannot rewrite history.
// An experiment is a document (population, variants, targets, metric settings) with a status. The
// arm of a customer is a hash of (salt, customer id), never stored until the customer is exposed:
// the first time a variant's treatment applied to them, or when a fixed population was taken at
// start. Exposures are written once per customer and experiment, and never change.

const statements = [
  `
    create table experiment (
        id text primary key,
        key text not null unique,
        name text not null,
        hypothesis text not null,
        status text not null check (status in ('draft', 'running', 'stopped')),
        salt text not null,
        population jsonb not null,
        variants jsonb not null,
        targets jsonb not null,
        metrics jsonb not null,
        orthogonal boolean not null default false,
        planned_start_at timestamptz,
        planned_end_at timestamptz,
        started_at timestamptz,
        stopped_at timestamptz,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        check ((status = 'draft') = (started_at is null)),
        check ((status = 'stopped') = (stopped_at is not null))
    )
  `,
  `create index experiment_running_idx on experiment (status) where status = 'running'`,
  `
    create table experiment_exposure (
        experiment_id text not null references experiment (id),
        customer_id text not null references customer (id),
        variant text not null,
        exposed_at timestamptz not null,
        source text not null check (source in ('start', 'entry', 'rule', 'message', 'offer')),
        primary key (experiment_id, customer_id)
    )
  `,
  `create index experiment_exposure_customer_idx on experiment_exposure (customer_id)`,
];

export const up = async (db: Kysely<unknown>): Promise<void> => {
  for (const statement of statements) await sql.raw(statement).execute(db);
};
