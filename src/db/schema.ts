/**
 * Row types of the database, one file per module under schema/. They stay inside src/db:
 * repositories map them to domain types. test/schema-matches-database.test.ts holds them to the
 * migrated database (tables, columns, nullability, types, defaults).
 */
import type { PlatformTables } from './schema/platform.js';
import type { AccessTables } from './schema/access.js';
import type { CustomersTables } from './schema/customers.js';
import type { OrdersTables } from './schema/orders.js';
import type { LedgerTables } from './schema/ledger.js';
import type { AnalyticsTables } from './schema/analytics.js';
import type { RulesTables } from './schema/rules.js';
import type { TiersTables } from './schema/tiers.js';
import type { WebhooksTables } from './schema/webhooks.js';
import type { CardsTables } from './schema/cards.js';
import type { ReferralsTables } from './schema/referrals.js';
import type { RewardsTables } from './schema/rewards.js';
import type { SegmentsTables } from './schema/segments.js';
import type { MessagingTables } from './schema/messaging.js';
import type { RecommendationsTables } from './schema/recommendations.js';
import type { FeedbackTables } from './schema/feedback.js';
import type { ExperimentsTables } from './schema/experiments.js';

export type * from './schema/platform.js';
export type * from './schema/access.js';
export type * from './schema/customers.js';
export type * from './schema/orders.js';
export type * from './schema/ledger.js';
export type * from './schema/analytics.js';
export type * from './schema/rules.js';
export type * from './schema/tiers.js';
export type * from './schema/webhooks.js';
export type * from './schema/cards.js';
export type * from './schema/referrals.js';
export type * from './schema/rewards.js';
export type * from './schema/segments.js';
export type * from './schema/messaging.js';
export type * from './schema/recommendations.js';
export type * from './schema/feedback.js';
export type * from './schema/experiments.js';

/** Every table, by name, as Kysely sees it. */
export interface DB
  extends
    PlatformTables,
    AccessTables,
    CustomersTables,
    OrdersTables,
    LedgerTables,
    AnalyticsTables,
    RulesTables,
    TiersTables,
    WebhooksTables,
    CardsTables,
    ReferralsTables,
    RewardsTables,
    SegmentsTables,
    MessagingTables,
    RecommendationsTables,
    FeedbackTables,
    ExperimentsTables {}
