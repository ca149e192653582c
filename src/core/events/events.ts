/**
 * Domain events: facts a use case announces ("an order earned points") without knowing who
 * listens. They are queued while the use case runs and dispatched just before its transaction
 * commits — to in-process reactions (referrals, tiers, rule issues), which may emit more, and to
 * the webhook outbox — so a rolled-back write announces nothing and a committed one cannot lose
 * its events.
 */

/** What each event type carries. Money is in minor units, points whole, instants ISO strings. */
export interface EventPayloads {
  'customer.created': { referralCode: string | null };
  /**
   * An order was ingested and earned points (possibly zero); `orderNumber` 1 = first order, null
   * when no active rule counts orders (counting costs a scan of the member's orders).
   */
  'order.earned': {
    orderId: string;
    externalId: string;
    placedAt: string;
    currency: string;
    channel: string;
    totalMinor: number;
    orderNumber: number | null;
    points: number;
    pending: boolean;
    /** The rules (and tier bonus) that contributed, with their points. */
    awards: {
      ruleId: string | null;
      ruleVersion: number | null;
      tierCode: string | null;
      points: number;
    }[];
  };
  'order.returned': {
    orderId: string;
    returnId: string;
    amountMinor: number;
    /** Nothing of the order is left unreturned. */
    fullyReturned: boolean;
    pointsReversed: number;
  };
  /** A rule's effect asks for a coupon from a batch or a reward to be given to the customer. */
  'rule.issue': {
    ruleId: string;
    ruleVersion: number;
    kind: 'coupon' | 'reward';
    ref: string;
    /** Unique per rule firing (`order:<id>:<ruleId>`): issuing twice under one key is a no-op. */
    sourceKey: string;
  };
  /** Points credited to a member for an event (sign-up, birthday, review, custom …). */
  'points.earned': {
    points: number;
    entryId: string;
    reason: string;
    orderId: string | null;
    eventId: string | null;
    pending: boolean;
  };
  'points.redeemed': { points: number; entryId: string; reason: string | null };
  'points.adjusted': { points: number; entryId: string; reason: string; actor: string };
  'points.expiring': { points: number; expiresAt: string };
  'tier.changed': { from: string | null; to: string | null; reason: string };
  /** The last analytics refresh put the customer in the at-risk lifecycle stage. */
  'customer.at_risk': { pAlive: number | null; lastPurchaseAt: string | null };
  'reward.redeemed': { rewardId: string; couponId: string; pointsSpent: number };
  'coupon.redeemed': { couponId: string; orderExternalId: string; discountMinor: number };
  'coupon.released': { couponId: string; orderExternalId: string };
  'referral.converted': {
    referralId: string;
    referrerId: string;
    referredId: string;
    orderId: string;
  };
  'referral.reversed': {
    referralId: string;
    referrerId: string;
    referredId: string;
    orderId: string;
  };
  /** A loyalty event recorded through the API or a job (review, survey, birthday, custom). */
  'activity.recorded': { eventId: string; trigger: string; name: string | null };
}

export type EventType = keyof EventPayloads;

export type DomainEvent = {
  [K in EventType]: {
    type: K;
    customerId: string | null;
    occurredAt: Date;
    data: EventPayloads[K];
  };
}[EventType];

export type EventOf<K extends EventType> = Extract<DomainEvent, { type: K }>;

/** Event types a webhook may subscribe to: the public contract (the rest are internal). */
export const PUBLIC_EVENT_TYPES = [
  'customer.created',
  'order.earned',
  'order.returned',
  'points.earned',
  'points.redeemed',
  'points.adjusted',
  'points.expiring',
  'tier.changed',
  'customer.at_risk',
  'reward.redeemed',
  'coupon.redeemed',
  'coupon.released',
  'referral.converted',
  'referral.reversed',
  'activity.recorded',
] as const satisfies readonly EventType[];
export type PublicEventType = (typeof PUBLIC_EVENT_TYPES)[number];

export const isPublicEvent = (e: DomainEvent): boolean =>
  (PUBLIC_EVENT_TYPES as readonly string[]).includes(e.type);

/** Where use cases announce events. Emitting only queues: nothing runs until dispatch. */
export interface EventSink {
  emit(event: DomainEvent): void;
}

/** A sink that drops everything: for imports of history, which announce nothing. */
export const silentEvents: EventSink = { emit: () => undefined };

/** The queue behind a unit of work's sink. */
export interface EventQueue extends EventSink {
  /** Removes and returns everything queued so far, in emission order. */
  take(): DomainEvent[];
}

export const eventQueue = (): EventQueue => {
  const queued: DomainEvent[] = [];
  return {
    emit: (event) => {
      queued.push(event);
    },
    take: () => queued.splice(0),
  };
};
