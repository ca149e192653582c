import type { Kysely } from 'kysely';
import type { PersonalDataHolder, PrivacyDeps } from '../core/customers/privacy.js';
import { customerTimeline, type TimelineItem } from '../core/feedback/timeline.js';
import type { Clock } from '../core/shared/clock.js';
import { auditLogRepository } from '../db/audit/audit-log.repository.js';
import { customerRepository } from '../db/customers.repository.js';
import { timelineQueries } from '../db/feedback/timeline.queries.js';
import { activityPrivacy } from '../db/activities.privacy.js';
import { analyticsPrivacy } from '../db/analytics/analytics.privacy.js';
import { cardPrivacy } from '../db/cards.privacy.js';
import { customerPrivacy } from '../db/customers.privacy.js';
import { feedbackPrivacy } from '../db/feedback/feedback.privacy.js';
import { ledgerPrivacy } from '../db/ledger.privacy.js';
import { messagingPrivacy } from '../db/messaging/messaging.privacy.js';
import { orderPrivacy } from '../db/orders.privacy.js';
import { recommendationPrivacy } from '../db/recommendations/recommendations.privacy.js';
import { referralPrivacy } from '../db/referrals.privacy.js';
import { rewardPrivacy } from '../db/rewards/rewards.privacy.js';
import type { DB } from '../db/schema.js';
import { segmentPrivacy } from '../db/segments/segments.privacy.js';
import { jobQueuePrivacy, storedResponsePrivacy } from '../db/stored-requests.privacy.js';
import { tierPrivacy } from '../db/tiers/tiers.privacy.js';
import { webhookPrivacy } from '../db/webhooks/webhooks.privacy.js';

const TIMELINE_PAGE = 200;

/**
 * Every module's part of a customer's personal data, bound to one connection or transaction. A
 * table that gains a column of personal data must be handled by its module's holder here;
 * test/privacy.test.ts scans every text column of every table after an erasure.
 */
export const personalDataHolders = (db: Kysely<DB>): PersonalDataHolder[] => [
  customerPrivacy(db),
  orderPrivacy(db),
  ledgerPrivacy(db),
  tierPrivacy(db),
  rewardPrivacy(db),
  referralPrivacy(db),
  cardPrivacy(db),
  activityPrivacy(db),
  feedbackPrivacy(db),
  messagingPrivacy(db),
  webhookPrivacy(db),
  segmentPrivacy(db),
  analyticsPrivacy(db),
  recommendationPrivacy(db),
  storedResponsePrivacy(db),
  jobQueuePrivacy(db),
];

/** The erasure and export services' dependencies on one connection or transaction. */
export const privacyDeps = (
  db: Kysely<DB>,
  clock: Clock,
  points: PrivacyDeps['points'],
): PrivacyDeps => ({
  customers: customerRepository(db),
  holders: personalDataHolders(db),
  audit: auditLogRepository(db),
  clock,
  points,
  lockCustomer: async (customerId) => {
    await db.selectFrom('customer').select('id').where('id', '=', customerId).forUpdate().execute();
  },
  timeline: async (customerId) => {
    const items: TimelineItem[] = [];
    let before: string | undefined;
    do {
      const page = await customerTimeline(
        { timeline: timelineQueries(db) },
        { customerId, limit: TIMELINE_PAGE, ...(before ? { before } : {}) },
      );
      items.push(...page.items);
      before = page.nextCursor ?? undefined;
    } while (before);
    return items;
  },
});
