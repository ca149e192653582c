import { sql, type Kysely } from 'kysely';

// Frozen in time: this file imports no application code, so later changes cannot rewrite history.
// Feedback: surveys (their questions as JSON), one response per customer and survey with one
// survey_answer row per answered question (so NPS and CSAT are aggregated by SQL, by index),
// reviews (once per the shop's external id), and complaints with an append-only event history.
// Every per-customer table carries customer_id, the distribution key.

const statements = [
  `
    create table survey (
        id text primary key,
        key text not null,
        title text not null,
        description text,
        questions jsonb not null,
        status text not null check (status in ('draft', 'active', 'archived')),
        created_at timestamptz not null,
        updated_at timestamptz not null
    )
  `,
  `create unique index survey_key_key on survey (key)`,
  `
    create table survey_response (
        id text primary key,
        survey_id text not null references survey (id),
        customer_id text not null references customer (id),
        source text not null check (source in ('link', 'api')),
        answers jsonb not null,
        submitted_at timestamptz not null
    )
  `,
  `create unique index survey_response_once_key on survey_response (survey_id, customer_id)`,
  `create index survey_response_customer_idx on survey_response (customer_id, submitted_at)`,
  `
    create table survey_answer (
        response_id text not null references survey_response (id),
        survey_id text not null references survey (id),
        customer_id text not null references customer (id),
        question_id text not null,
        question_type text not null check (question_type in ('nps', 'csat', 'text', 'choice')),
        score smallint,
        value text,
        submitted_at timestamptz not null,
        primary key (response_id, question_id),
        check (question_type not in ('nps', 'csat') or score is not null)
    )
  `,
  `create index survey_answer_score_idx on survey_answer (question_type, submitted_at)
       where score is not null`,
  `
    create table review (
        id text primary key,
        customer_id text not null references customer (id),
        external_id text not null,
        sku text,
        rating smallint not null check (rating between 1 and 5),
        text text,
        submitted_at timestamptz not null,
        created_at timestamptz not null
    )
  `,
  `create unique index review_external_id_key on review (external_id)`,
  `create index review_customer_idx on review (customer_id, submitted_at)`,
  `
    create table complaint (
        id text primary key,
        customer_id text not null references customer (id),
        subject text not null,
        body text not null,
        channel text not null,
        status text not null check (status in ('open', 'answered', 'resolved')),
        opened_at timestamptz not null,
        first_response_at timestamptz,
        resolved_at timestamptz,
        updated_at timestamptz not null,
        check (first_response_at is null or first_response_at >= opened_at),
        check (resolved_at is null or resolved_at >= opened_at)
    )
  `,
  `create index complaint_opened_idx on complaint (opened_at)`,
  `create index complaint_customer_idx on complaint (customer_id, opened_at)`,
  `
    create table complaint_event (
        complaint_id text not null references complaint (id),
        seq integer not null,
        customer_id text not null references customer (id),
        kind text not null check (kind in ('opened', 'reply', 'status')),
        author text,
        body text,
        from_status text,
        to_status text,
        at timestamptz not null,
        primary key (complaint_id, seq)
    )
  `,
];

export const up = async (db: Kysely<unknown>): Promise<void> => {
  for (const statement of statements) await sql.raw(statement).execute(db);
};
