/**
 * Where each table lives on a Citus cluster. Customer data is sharded by customer so that
 * everything one request touches for one member sits on one worker; programme tables are small,
 * read everywhere and copied to every worker; outboxes, sessions and the migrator's own tables
 * stay on the coordinator, where the processes that sweep them run.
 *
 * A new table must be placed here: the readiness check fails on a table it does not know.
 */
export type Placement =
  | {
      kind: 'distributed';
      column: string;
      /**
       * Tables of one colocation group keep the rows of one distribution value on one worker,
       * so keys between them hold. `customer` is the customer data; a group of its own (`none`)
       * is a lookup table, distributed by the value it looks up.
       */
      colocation: string;
    }
  | { kind: 'reference' }
  | { kind: 'coordinator'; why: string };

/** The colocation group of customer data, anchored on the `customer` table. */
export const CUSTOMER_GROUP = 'customer';
/** A table in a colocation group of its own (Citus: `colocate_with => 'none'`). */
export const OWN_GROUP = 'none';

const byCustomer: Placement = {
  kind: 'distributed',
  column: 'customer_id',
  colocation: CUSTOMER_GROUP,
};
const reference: Placement = { kind: 'reference' };
const coordinator = (why: string): Placement => ({ kind: 'coordinator', why });
/**
 * A value unique across all customers (an e-mail address, a code, an external id) is unique only
 * in a table distributed by that value: a lookup table holding the owner, written in the same
 * transaction as the owner's row (Citus' co-located lookup pattern).
 */
export const lookupBy = (column: string): Placement => ({
  kind: 'distributed',
  column,
  colocation: OWN_GROUP,
});

export const TABLE_PLACEMENT: Readonly<Record<string, Placement>> = {
  // The customer row is the shard's anchor: its own id is the distribution column.
  customer: { kind: 'distributed', column: 'id', colocation: CUSTOMER_GROUP },
  at_risk_notice: byCustomer,
  complaint: byCustomer,
  complaint_event: byCustomer,
  coupon_issue: byCustomer,
  customer_analytics: byCustomer,
  customer_consent: byCustomer,
  customer_external_id: byCustomer,
  experiment_exposure: byCustomer,
  expiry_notice: byCustomer,
  ledger_account: byCustomer,
  ledger_entry: byCustomer,
  lot_consumption: byCustomer,
  loyalty_activity: byCustomer,
  member_card: byCustomer,
  member_tier: byCustomer,
  message: byCustomer,
  order_line: byCustomer,
  order_return: byCustomer,
  order_return_line: byCustomer,
  points_lot: byCustomer,
  recommendation: byCustomer,
  // A referral is the referred friend's (one live referral each); the referrer's id is a reference.
  referral: { kind: 'distributed', column: 'referred_id', colocation: CUSTOMER_GROUP },
  referral_code: byCustomer,
  review: byCustomer,
  reward_redemption: byCustomer,
  rule_award: byCustomer,
  sales_order: byCustomer,
  segment_member: byCustomer,
  survey_answer: byCustomer,
  survey_response: byCustomer,
  tier_change: byCustomer,

  // Batch codes and anonymous redemptions have no customer: coupons are a group of their own,
  // by coupon id, their redemptions with them; the code's uniqueness lives in its lookup.
  coupon: { kind: 'distributed', column: 'id', colocation: 'coupon' },
  coupon_redemption: { kind: 'distributed', column: 'coupon_id', colocation: 'coupon' },
  coupon_code: lookupBy('code'),
  customer_email: lookupBy('email'),
  customer_external_id_owner: lookupBy('external_id'),
  sales_order_external: lookupBy('external_id'),

  app_user: reference,
  campaign: reference,
  clv_model_run: reference,
  coupon_batch: reference,
  experiment: reference,
  ledger_system_account: reference,
  message_template: reference,
  message_template_version: reference,
  messaging_config: reference,
  programme_settings: reference,
  recommendation_popular: reference,
  referral_settings: reference,
  reward: reference,
  rule: reference,
  rule_version: reference,
  segment: reference,
  survey: reference,
  tier_definition: reference,
  tier_policy: reference,
  webhook_subscription: reference,

  referral_code_owner: lookupBy('code'),
  review_external_key: lookupBy('external_id'),

  admin_session: coordinator('sign-in sessions are read by the API process on every request'),
  api_key: coordinator('keys are checked by the API process on every request'),
  app_secret: coordinator('secrets are read only by the processes on the coordinator'),
  audit_log: coordinator('an operator trail, written and read on the coordinator'),
  idempotency_record: coordinator('keyed by the caller, not by a customer'),
  kysely_migration: coordinator("the migrator's own bookkeeping"),
  kysely_migration_lock: coordinator("the migrator's own lock"),
  sign_in_failure: coordinator('rate limiting of sign-ins, keyed by e-mail address'),
  webhook_attempt: coordinator('webhook outbox: swept by the delivery worker'),
  webhook_delivery: coordinator('webhook outbox: swept by the delivery worker'),
  webhook_message: coordinator('webhook outbox: swept by the delivery worker'),
};

/** Schemas whose tables belong to a library, not to Regulars' data (the job queue). */
export const COORDINATOR_SCHEMAS: readonly string[] = ['pgboss'];

const appendOnly =
  'refuses UPDATE and DELETE of its own row and reads no other table, so it is correct on a shard';

/**
 * Triggers that run on the shards of a distributed table, each with why that is safe. Citus
 * runs them only with `citus.enable_unsafe_triggers = on` (docs/scale.md says where to set it).
 */
export const TRIGGERS_ON_SHARDS: Readonly<Record<string, string>> = {
  'points_lot.points_lot_append_only': appendOnly,
  'lot_consumption.lot_consumption_append_only': appendOnly,
  'rule_award.rule_award_append_only': appendOnly,
  'tier_change.tier_change_append_only': appendOnly,
  'ledger_entry.ledger_entry_append_only':
    'refuses UPDATE and DELETE but the erasure of a reason; reads no other table',
  'order_return.order_return_counts_returned':
    "adds the return to its order's returned amount, filtering on customer_id: the order sits on the same shard",
};
