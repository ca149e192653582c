import { sql, type Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import * as createCore from './migrations/20261123_1200_create_core.js';
import * as createAnalytics from './migrations/20261124_0900_create_analytics.js';
import * as createRulesAndTiers from './migrations/20261125_0900_create_rules_and_tiers.js';
import * as createWebhooks from './migrations/20261125_1000_create_webhooks.js';
import * as createTierPolicy from './migrations/20261125_1100_create_tier_policy.js';
import * as createRewards from './migrations/20261125_1200_create_rewards.js';
import * as createReferrals from './migrations/20261125_1300_create_referrals.js';
import * as createMemberCards from './migrations/20261125_1400_create_member_cards.js';
import * as createExpiryNotice from './migrations/20261125_1500_create_expiry_notice.js';
import * as createSegments from './migrations/20261126_0900_create_segments.js';
import * as createMessaging from './migrations/20261126_1000_create_messaging.js';
import * as createRecommendations from './migrations/20261126_1100_create_recommendations.js';
import * as createFeedback from './migrations/20261126_1200_create_feedback.js';
import * as createAtRiskNotice from './migrations/20261126_1300_create_at_risk_notice.js';
import * as createUsersAndSessions from './migrations/20261205_0900_create_users_and_sessions.js';
import * as createSignInFailure from './migrations/20261205_1000_create_sign_in_failure.js';
import * as createAuditLogAndErasure from './migrations/20261206_2010_create_audit_log_and_erasure.js';
import * as numberSignInAttempts from './migrations/20261206_2031_number_sign_in_attempts.js';
import * as indexOrderLineCategorySku from './migrations/20261207_0700_index_order_line_category_sku.js';
import * as complaintAssigneeAndResolution from './migrations/20261207_0900_complaint_assignee_and_resolution.js';
import * as addContentTranslations from './migrations/20261207_1010_add_content_translations.js';
import * as addSurveyTranslations from './migrations/20261207_1155_add_survey_translations.js';
import * as createExperiments from './migrations/20261207_1400_create_experiments.js';
import * as addOrderReturnedMinor from './migrations/20261207_1900_add_order_returned_minor.js';
import * as exposureSegmentAtExposure from './migrations/20261207_1930_exposure_segment_at_exposure.js';
import * as customerFirstKeys from './migrations/20261207_2200_customer_first_keys.js';
import * as ledgerByCustomer from './migrations/20261207_2230_ledger_by_customer.js';
import * as ordersByCustomer from './migrations/20261207_2300_orders_by_customer.js';
import * as couponsByCoupon from './migrations/20261208_0100_coupons_by_coupon.js';
import * as referralsAwardsKeys from './migrations/20261208_0110_referrals_awards_keys.js';
import * as lookupTables from './migrations/20261208_0120_lookup_tables.js';

/** Migrations are listed here by name; the name's timestamp orders them. */
const MIGRATIONS: Record<string, Migration> = {
  '20261123_1200_create_core': createCore,
  '20261124_0900_create_analytics': createAnalytics,
  '20261125_0900_create_rules_and_tiers': createRulesAndTiers,
  '20261125_1000_create_webhooks': createWebhooks,
  '20261125_1100_create_tier_policy': createTierPolicy,
  '20261125_1200_create_rewards': createRewards,
  '20261125_1300_create_referrals': createReferrals,
  '20261125_1400_create_member_cards': createMemberCards,
  '20261125_1500_create_expiry_notice': createExpiryNotice,
  '20261126_0900_create_segments': createSegments,
  '20261126_1000_create_messaging': createMessaging,
  '20261126_1100_create_recommendations': createRecommendations,
  '20261126_1200_create_feedback': createFeedback,
  '20261126_1300_create_at_risk_notice': createAtRiskNotice,
  '20261205_0900_create_users_and_sessions': createUsersAndSessions,
  '20261205_1000_create_sign_in_failure': createSignInFailure,
  '20261206_2010_create_audit_log_and_erasure': createAuditLogAndErasure,
  '20261206_2031_number_sign_in_attempts': numberSignInAttempts,
  '20261207_0700_index_order_line_category_sku': indexOrderLineCategorySku,
  '20261207_0900_complaint_assignee_and_resolution': complaintAssigneeAndResolution,
  '20261207_1010_add_content_translations': addContentTranslations,
  '20261207_1155_add_survey_translations': addSurveyTranslations,
  '20261207_1400_create_experiments': createExperiments,
  '20261207_1900_add_order_returned_minor': addOrderReturnedMinor,
  '20261207_1930_exposure_segment_at_exposure': exposureSegmentAtExposure,
  '20261207_2200_customer_first_keys': customerFirstKeys,
  '20261207_2230_ledger_by_customer': ledgerByCustomer,
  '20261207_2300_orders_by_customer': ordersByCustomer,
  '20261208_0100_coupons_by_coupon': couponsByCoupon,
  '20261208_0110_referrals_awards_keys': referralsAwardsKeys,
  '20261208_0120_lookup_tables': lookupTables,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export interface MigrationReport {
  applied: string[];
}

// Migrations run against the untyped database: they predate any schema type.
export const migrateToLatest = async (
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>,
  options: { schema?: string } = {},
): Promise<MigrationReport> => {
  // A brand's schema keeps its own migration history, so brands migrate independently.
  if (options.schema) await sql`create schema if not exists ${sql.id(options.schema)}`.execute(db);
  const migrator = new Migrator({
    db,
    provider,
    ...(options.schema ? { migrationTableSchema: options.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return {
    applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
  };
};
