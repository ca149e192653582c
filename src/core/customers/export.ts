import type { AuditActor } from '../audit/audit.js';
import type { TimelineKind } from '../feedback/timeline.js';
import { newId } from '../shared/ids.js';
import { customerNotFound } from './customers.errors.js';
import type { PrivacyDeps } from './privacy.js';

export const EXPORT_FORMAT = 'regulars.customer-export/1';

/** What each section of an export holds; sent with every export as its `readme`. */
export const EXPORT_README: Record<string, string> = {
  format: `Always "${EXPORT_FORMAT}"; a later shape gets a new number.`,
  exportedAt: 'When this export was made (ISO 8601, UTC).',
  readme: 'This list: what each section holds.',
  customer:
    'The profile: id (our pseudonymous id), e-mail, phone, names, birthday, locale, free attributes, created/updated, erasedAt (set once the personal data was erased).',
  identities: 'External ids per source system (shop, POS, …) that name this customer.',
  consents: 'Every consent given or withdrawn, oldest first: channel, granted, source, when.',
  orders:
    'Orders: external id, channel, store, currency, total in minor units, points earned, lines.',
  returns: 'Returns of those orders: amount, points reversed, reason, returned lines.',
  ledger: 'Every points ledger entry (append-only): code, points, accounts, reason, actor, times.',
  points: 'The points now: balance, pending, next release and expiry, lifetime totals.',
  pointsLots: 'Earned points as lots with their expiry dates.',
  tier: 'The current VIP tier and its next review, or null.',
  tierHistory: 'Every tier change: from, to, why, the metric and its window.',
  rewards: 'Rewards redeemed for points: reward, coupon, points spent.',
  coupons: 'Coupons held: code, benefit, validity, uses, status.',
  couponRedemptions: 'Coupons used at checkout: order, discount, status.',
  referrals: 'The referral code and the referrals made or received, with points given.',
  card: 'Member cards: when issued and revoked (never the secret token).',
  activities: 'Recorded activities (reviews, survey answers, custom events) and their payloads.',
  awards: 'Points given by rules or tier bonuses, by rule and version.',
  surveyResponses: 'Survey answers: the survey, every answer, when.',
  reviews: 'Reviews: product, rating 1–5, text.',
  complaints: 'Complaints with their append-only history of replies and status changes.',
  messages: 'E-mails queued, sent or suppressed: template, address, subject, body, status.',
  webhookEvents: 'Events about the customer sent to the programme’s webhook subscribers.',
  segments: 'Segments the customer is a member of.',
  analytics: 'Computed figures: RFM scores and segment, lifecycle stage, CLV, P(alive).',
  recommendations: 'Product suggestions computed for the customer and why.',
  timeline: 'Everything above as one list, newest first, as the dashboard shows it.',
};

/** The export section that holds each kind of timeline record. */
export const TIMELINE_SECTIONS: Record<TimelineKind, string> = {
  order: 'orders',
  return: 'returns',
  points: 'ledger',
  reward: 'rewards',
  coupon: 'couponRedemptions',
  tier: 'tierHistory',
  activity: 'activities',
  survey: 'surveyResponses',
  review: 'reviews',
  complaint: 'complaints',
  message: 'messages',
};

/**
 * Everything the platform holds about a customer, machine-readable (GDPR art. 15 and 20). An
 * erased customer's export shows what remains: the pseudonymous records. The export is recorded
 * in the audit log, in the caller's transaction.
 */
export const exportCustomer = async (
  deps: PrivacyDeps,
  input: { customerId: string; actor: AuditActor; requestId?: string },
): Promise<Record<string, unknown>> => {
  const customer = await deps.customers.findById(input.customerId);
  if (!customer) throw customerNotFound(input.customerId, 'id');
  const sections: Record<string, unknown> = {};
  for (const holder of deps.holders)
    Object.assign(sections, await holder.exportCustomer(customer.id));
  const timeline = await deps.timeline(customer.id);
  const at = deps.clock.now();
  await deps.audit.insert({
    id: newId('audit'),
    at,
    actor: input.actor,
    action: 'customer.exported',
    targetType: 'customer',
    targetId: customer.id,
    summary: input.requestId ? { requestId: input.requestId } : {},
  });
  return {
    format: EXPORT_FORMAT,
    exportedAt: at.toISOString(),
    readme: EXPORT_README,
    ...sections,
    points: await deps.points(customer.id),
    timeline: timeline.map((i) => ({ ...i, at: i.at.toISOString() })),
  };
};
