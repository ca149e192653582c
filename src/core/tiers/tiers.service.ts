import type { EventSink } from '../events/events.js';
import type { ProgrammeSettings } from '../programme/programme.js';
import type { Clock } from '../shared/clock.js';
import {
  decideAtReview,
  decideOnActivity,
  progressOf,
  qualificationChanged,
  upgradeFor,
  type TierProgress,
} from './tiers.decide.js';
import { tierInUse, unknownTier } from './tiers.errors.js';
import { currentWindow, reviewAtFor, reviewedWindow } from './tiers.periods.js';
import type {
  MemberStanding,
  MemberTier,
  TierChange,
  TierConfig,
  TierConfigInput,
  TierCount,
  TierRepository,
} from './tiers.js';

/** Use cases of the tiers module: configuration, upgrades on activity, reviews, progress. */
export interface TierDeps {
  tiers: TierRepository;
  clock: Clock;
  programme: ProgrammeSettings;
  events: EventSink;
}

/** Where a saved configuration asks for every member to be placed (the job queue, in its transaction). */
export interface PlacementScheduler {
  schedule(): Promise<void>;
}

export const getTierConfig = (deps: Pick<TierDeps, 'tiers'>): Promise<TierConfig | null> =>
  deps.tiers.config();

/**
 * Replaces the configuration. Ranks follow the list's order. A tier that members hold cannot be
 * removed (409). Members keep their tiers under new thresholds until their review; a new grace
 * period moves every scheduled review by the difference. When who qualifies may have changed
 * (see qualificationChanged), a placement is scheduled, to move up whoever now qualifies higher.
 */
export const saveTierConfig = async (
  deps: Pick<TierDeps, 'tiers' | 'clock' | 'programme'> & { placement?: PlacementScheduler },
  input: TierConfigInput,
): Promise<TierConfig> => {
  const config: TierConfig = {
    policy: input.policy,
    tiers: input.tiers.map((tier, index) => ({ ...tier, rank: index + 1 })),
  };
  const previous = await deps.tiers.config();
  const kept = new Set(config.tiers.map((t) => t.code));
  const removed = (previous?.tiers ?? []).map((t) => t.code).filter((code) => !kept.has(code));
  if (removed.length > 0) {
    const held = await deps.tiers.holders(removed);
    if (Object.keys(held).length > 0) throw tierInUse(held);
  }
  await deps.tiers.saveConfig(config, deps.clock.now());
  const graceShift = previous ? config.policy.graceDays - previous.policy.graceDays : 0;
  if (graceShift !== 0) await deps.tiers.shiftReviews(graceShift, deps.programme.timeZone);
  if (qualificationChanged(previous, config)) await deps.placement?.schedule();
  return config;
};

const emitChanged = (deps: TierDeps, change: TierChange) =>
  deps.events.emit({
    type: 'tier.changed',
    customerId: change.customerId,
    occurredAt: change.at,
    data: { from: change.from, to: change.to, reason: change.reason },
  });

const announce = async (deps: TierDeps, change: TierChange) => {
  await deps.tiers.recordChange(change);
  emitChanged(deps, change);
};

/** What happened that may move a member up: an order, or points credited. */
export type TierActivity = 'order' | 'points';

/**
 * Re-measures a member after activity and moves them up at once if they now reach a higher tier
 * (or re-qualify for theirs, which pushes its review out). Never moves anyone down. One query
 * when tiers apply; none when the activity does not count for the metric or nothing is set up.
 */
export const upgradeOnActivity = async (
  deps: TierDeps,
  customerId: string,
  activity: TierActivity,
): Promise<void> => {
  const config = await deps.tiers.config();
  if (!config || config.tiers.length === 0) return;
  // Points come with their own event; orders of a points programme count through it.
  if ((config.policy.metric === 'points') !== (activity === 'points')) return;
  const now = deps.clock.now();
  const { timeZone, currency } = deps.programme;
  const window = currentWindow(config.policy, now, timeZone);
  const { value, member } = await deps.tiers.standing(config.policy.metric, currency, {
    customerId,
    window,
  });
  const decision = decideOnActivity({ config, timeZone, now, member, value });
  if (decision.kind === 'extend' && member) {
    await deps.tiers.extendReview(customerId, member.tierCode, decision.reviewAt, now);
  }
  if (decision.kind !== 'upgrade') return;
  const raised = await deps.tiers.raiseTo(
    { customerId, tierCode: decision.to.code, since: now, reviewAt: decision.reviewAt },
    decision.to.rank,
    now,
  );
  if (!raised) return;
  await announce(deps, {
    customerId,
    from: member?.tierCode ?? null,
    to: decision.to.code,
    reason: 'upgrade',
    metric: config.policy.metric,
    value,
    windowStart: window.start,
    windowEnd: window.end ?? now,
    reviewAt: decision.reviewAt,
    at: now,
  });
};

export interface PlacementBatchResult {
  /** Customers measured in the batch; fewer than asked for means the last batch. */
  measured: number;
  /** Members moved up, by the tier they moved to. */
  moved: Record<string, number>;
  /** Where the next batch starts (the batch's last customer id); null when none was left. */
  last: string | null;
}

/** Who moves up, decided on each member's tier as read, and to which tier. */
const upgradesOf = (
  config: TierConfig,
  standings: { standing: MemberStanding; member: MemberTier | null }[],
) =>
  standings.flatMap(({ standing, member }) => {
    const to = upgradeFor(config.tiers, member?.tierCode ?? null, standing.value);
    return to ? [{ standing, member, to }] : [];
  });

/**
 * Tier placement, one keyset batch: measures the next `limit` customers by id after `after` over
 * the current window, in one statement, and moves up at once everyone whose value reaches a
 * higher tier than the one they hold, exactly as an upgrade on activity would (same metric,
 * window, `since` and `reviewAt`), with the reason `placement`. Never moves anyone down and
 * moves no review date. The candidates' rows are locked in customer id order and decided again
 * on what is committed now (so `from` is exact), then written in one guarded upsert that only
 * raises the rank: a concurrent upgrade is never undone, and a second run finds nobody to move.
 */
export const placeMembers = async (
  deps: TierDeps,
  after: string | null,
  limit: number,
): Promise<PlacementBatchResult> => {
  const config = await deps.tiers.config();
  if (!config || config.tiers.length === 0) return { measured: 0, moved: {}, last: null };
  const now = deps.clock.now();
  const { timeZone, currency } = deps.programme;
  const { metric } = config.policy;
  const window = currentWindow(config.policy, now, timeZone);
  const batch = await deps.tiers.measureBatch(metric, currency, window, { after, limit });
  const result: PlacementBatchResult = { measured: batch.measured, moved: {}, last: batch.last };
  const proposed = upgradesOf(
    config,
    batch.standings.map((standing) => ({ standing, member: standing.member })),
  );
  if (proposed.length === 0) return result;
  const locked = new Map(
    (await deps.tiers.lockTiers(proposed.map((p) => p.standing.customerId))).map((m) => [
      m.customerId,
      m,
    ]),
  );
  const upgrades = upgradesOf(
    config,
    proposed.map(({ standing }) => ({ standing, member: locked.get(standing.customerId) ?? null })),
  );
  // Everyone in the batch moves at the same moment: one review date for all.
  const reviewAt = reviewAtFor(config.policy, now, timeZone);
  const written = await deps.tiers.raiseAll(
    upgrades.map(({ standing, to }) => ({
      customerId: standing.customerId,
      tierCode: to.code,
      since: now,
      reviewAt,
    })),
    now,
  );
  const placed = upgrades.filter(({ standing }) => written.has(standing.customerId));
  const changes = placed.map(({ standing, member, to }): TierChange => ({
    customerId: standing.customerId,
    from: member?.tierCode ?? null,
    to: to.code,
    reason: 'placement',
    metric,
    value: standing.value,
    windowStart: window.start,
    windowEnd: window.end ?? now,
    reviewAt,
    at: now,
  }));
  await deps.tiers.recordChanges(changes);
  changes.forEach((change) => emitChanged(deps, change));
  for (const { to } of placed) result.moved[to.code] = (result.moved[to.code] ?? 0) + 1;
  return result;
};

export interface ReviewSummary {
  reviewed: number;
  kept: number;
  upgraded: number;
  downgraded: number;
  removed: number;
}

const emptySummary = (): ReviewSummary => ({
  reviewed: 0,
  kept: 0,
  upgraded: 0,
  downgraded: 0,
  removed: 0,
});

type DueMember = MemberTier & { reviewAt: Date };

const applyReview = async (
  deps: TierDeps,
  config: TierConfig,
  member: DueMember,
  reviewed: { window: { start: Date; end: Date }; value: number },
  summary: ReviewSummary,
) => {
  const now = deps.clock.now();
  const decision = decideAtReview({
    config,
    timeZone: deps.programme.timeZone,
    member,
    value: reviewed.value,
  });
  if (decision.kind === 'keep') {
    await deps.tiers.replace({ ...member, reviewAt: decision.reviewAt }, now);
    summary.kept += 1;
    return;
  }
  if (decision.kind === 'change') {
    await deps.tiers.replace(
      { ...member, tierCode: decision.to.code, since: now, reviewAt: decision.reviewAt },
      now,
    );
    summary[decision.direction === 'upgrade' ? 'upgraded' : 'downgraded'] += 1;
  } else {
    await deps.tiers.remove(member.customerId);
    summary.removed += 1;
  }
  await announce(deps, {
    customerId: member.customerId,
    from: member.tierCode,
    to: decision.kind === 'change' ? decision.to.code : null,
    reason: decision.kind === 'change' ? `review.${decision.direction}` : 'review.removed',
    metric: config.policy.metric,
    value: reviewed.value,
    windowStart: reviewed.window.start,
    windowEnd: reviewed.window.end,
    reviewAt: decision.kind === 'change' ? decision.reviewAt : null,
    at: now,
  });
};

/**
 * Reviews up to `limit` members whose review is due: each keeps the highest tier the metric over
 * the period that just ended reaches. Every outcome moves the review past the reviewed period
 * (or removes the tier), so running it again changes nothing more.
 */
export const reviewDueMembers = async (deps: TierDeps, limit: number): Promise<ReviewSummary> => {
  const summary = emptySummary();
  const config = await deps.tiers.config();
  if (!config) return summary;
  const now = deps.clock.now();
  // Found without a lock, then locked by customer and checked again: a reviewer running at the
  // same time has moved the review of any member it took past now, so none is reviewed twice.
  const candidates = await deps.tiers.dueForReview(now, limit);
  if (candidates.length === 0) return summary;
  const locked = await deps.tiers.lockTiers(candidates.map((m) => m.customerId));
  const due = locked.filter(
    (m): m is DueMember => m.reviewAt !== null && m.reviewAt.getTime() <= now.getTime(),
  );
  if (due.length === 0) return summary;
  const { timeZone, currency } = deps.programme;
  const windows = due.map((m) => reviewedWindow(config.policy, m.reviewAt, timeZone));
  const values = await deps.tiers.metricValues(
    config.policy.metric,
    currency,
    due.map((m, i) => ({ customerId: m.customerId, window: windows[i]! })),
  );
  for (const [i, member] of due.entries()) {
    await applyReview(
      deps,
      config,
      member,
      { window: windows[i]!, value: values[i] ?? 0 },
      summary,
    );
  }
  summary.reviewed = due.length;
  return summary;
};

/** A member's tier, their metric in the current window, the next tier and what keeps theirs. */
export const tierProgress = async (
  deps: Pick<TierDeps, 'tiers' | 'clock' | 'programme'>,
  customerId: string,
): Promise<TierProgress> => {
  const config = await deps.tiers.config();
  const member = await deps.tiers.memberTier(customerId);
  const now = deps.clock.now();
  if (!config) return progressOf({ config, member, now, current: null, review: null });
  const { timeZone, currency } = deps.programme;
  const window = currentWindow(config.policy, now, timeZone);
  const reviewWindow = member?.reviewAt
    ? reviewedWindow(config.policy, member.reviewAt, timeZone)
    : null;
  const [value = 0, reviewValue = 0] = await deps.tiers.metricValues(
    config.policy.metric,
    currency,
    [{ customerId, window }, ...(reviewWindow ? [{ customerId, window: reviewWindow }] : [])],
  );
  return progressOf({
    config,
    member,
    now,
    current: { window, value },
    review: reviewWindow ? { window: reviewWindow, value: reviewValue } : null,
  });
};

export interface TierMembersPage {
  counts: TierCount[];
  members: MemberTier[];
  nextCursor: string | null;
}

/** Members per tier (for a dashboard) and a page of members, of one tier or all. */
export const tierMembers = async (
  deps: Pick<TierDeps, 'tiers'>,
  query: { tier: string | null; limit: number; cursor: string | null },
): Promise<TierMembersPage> => {
  const counts = await deps.tiers.counts();
  if (query.tier !== null && !counts.some((c) => c.code === query.tier)) {
    throw unknownTier(query.tier);
  }
  const rows = await deps.tiers.members(query.tier, query.limit + 1, query.cursor);
  const members = rows.slice(0, query.limit);
  return {
    counts,
    members,
    nextCursor: rows.length > query.limit ? (members.at(-1)?.customerId ?? null) : null,
  };
};

export const tierHistory = (
  deps: Pick<TierDeps, 'tiers'>,
  customerId: string,
  limit: number,
): Promise<TierChange[]> => deps.tiers.history(customerId, limit);
