import type { EventSink } from '../events/events.js';
import { creditAward, type LedgerDeps } from '../ledger/ledger.service.js';
import { DomainError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { proposeAwards, recordProposal, type LiveRuleDeps } from './rules.live.js';
import type { RuleTrigger } from './rules.js';

/**
 * Activities are the non-order events rules earn on: enrolment (the sign-up gift), birthdays,
 * reviews, surveys, converted referrals and custom events a shop posts. Each is recorded once
 * per idempotency key; the points its rules give are posted at once on one ledger entry.
 */
export type ActivityTrigger = Exclude<RuleTrigger, 'order.placed'>;

export interface Activity {
  id: string;
  customerId: string;
  trigger: ActivityTrigger;
  name: string | null;
  idempotencyKey: string;
  payload: Record<string, unknown>;
  occurredAt: Date;
  createdAt: Date;
}

export interface ActivityRepository {
  /** False when the customer has an activity with this key already (keys are per customer). */
  insertIfAbsent(activity: Activity): Promise<boolean>;
  findByKey(customerId: string, idempotencyKey: string): Promise<Activity | null>;
  list(customerId: string, limit: number): Promise<Activity[]>;
}

export interface ActivityDeps extends LiveRuleDeps, LedgerDeps {
  activities: ActivityRepository;
  events: EventSink;
}

export interface ActivityResult {
  activity: Activity;
  created: boolean;
  /** Points the activity earned (0 when no rule applied), also on a replay. */
  points: number;
  entryId: string | null;
}

const keyMismatch = (key: string) =>
  new DomainError(
    'conflict',
    'activity_key_reused',
    `Activity key ${key} was already used for another trigger`,
    {},
    [{ path: 'externalId', message: 'already used for a different activity' }],
  );

/** Records an activity once per key and credits what the rules for its trigger give. */
export const recordActivity = async (
  deps: ActivityDeps,
  input: {
    customerId: string;
    trigger: ActivityTrigger;
    name?: string | null;
    idempotencyKey: string;
    occurredAt?: Date;
    payload?: Record<string, unknown>;
  },
): Promise<ActivityResult> => {
  // The lock orders this member's activities and orders, so caps and keys are checked in turn.
  await deps.ledger.lockMember(input.customerId);
  const known = await deps.activities.findByKey(input.customerId, input.idempotencyKey);
  if (known) {
    if (known.trigger !== input.trigger) throw keyMismatch(input.idempotencyKey);
    const entry = await deps.ledger.findEntryByKey(input.customerId, `award:activity:${known.id}`);
    return {
      activity: known,
      created: false,
      points: entry?.points ?? 0,
      entryId: entry?.id ?? null,
    };
  }
  const now = deps.clock.now();
  const activity: Activity = {
    id: newId('activity'),
    customerId: input.customerId,
    trigger: input.trigger,
    name: input.name ?? null,
    idempotencyKey: input.idempotencyKey,
    payload: input.payload ?? {},
    occurredAt: input.occurredAt ?? now,
    createdAt: now,
  };
  if (!(await deps.activities.insertIfAbsent(activity))) {
    return recordActivity(deps, input);
  }
  const proposal = await proposeAwards(deps, {
    customerId: input.customerId,
    trigger: input.trigger,
    ...(activity.name ? { customEvent: activity.name } : {}),
    at: activity.occurredAt,
    basePoints: 0,
  });
  const credited = await creditAward(deps, deps.programme, {
    customerId: input.customerId,
    points: proposal.points,
    idempotencyKey: `activity:${activity.id}`,
    reason: activity.name ? `${activity.trigger}: ${activity.name}` : activity.trigger,
  });
  const entryId = credited?.entry.id ?? null;
  await recordProposal(
    deps,
    proposal,
    { entryId, orderId: null, activityId: activity.id },
    input.customerId,
    `activity:${activity.id}`,
  );
  deps.events.emit({
    type: 'activity.recorded',
    customerId: input.customerId,
    occurredAt: now,
    data: { eventId: activity.id, trigger: activity.trigger, name: activity.name },
  });
  if (credited) {
    deps.events.emit({
      type: 'points.earned',
      customerId: input.customerId,
      occurredAt: now,
      data: {
        points: proposal.points,
        entryId: credited.entry.id,
        reason: activity.trigger,
        orderId: null,
        eventId: activity.id,
        pending: false,
      },
    });
  }
  return { activity, created: true, points: proposal.points, entryId };
};
