import { getCustomer } from '../customers/customers.service.js';
import { getPointsSummary, redeemPoints, type LedgerDeps } from '../ledger/ledger.service.js';
import type { ProgrammeSettings } from '../programme/programme.js';
import { newId } from '../shared/ids.js';
import type { FieldIssue } from '../shared/errors.js';
import {
  couponForBatch,
  couponForReward,
  insertWithCodes,
  type CouponDeps,
} from './coupons.service.js';
import type { Coupon, CouponDraft, CouponIssue } from './coupons.js';
import { hiddenRewards, type ArmStore } from '../experiments/treatment.js';
import { rewardEligibility, type IneligibleReason } from './rewards.eligibility.js';
import {
  currencyNotProgramme,
  invalidReward,
  rewardArchived,
  rewardKeyReused,
  rewardNotFound,
  rewardRefused,
} from './rewards.errors.js';
import {
  RewardInputSchema,
  type Benefit,
  type Reward,
  type RewardDefinition,
  type RewardPatch,
  type RewardRedemption,
  type RewardRepository,
} from './rewards.js';

/**
 * Use cases of the rewards catalogue. Redeeming runs in the caller's transaction and takes its
 * locks in one order — the member's ledger accounts, then the reward row — so stock, limits and
 * points are checked and spent atomically, and a failure leaves nothing written.
 */
export interface RewardDeps extends CouponDeps, LedgerDeps {
  rewards: RewardRepository;
  programme: ProgrammeSettings;
  /** Running experiments, whose arms may each be offered their own rewards. */
  experiments: ArmStore;
}

const benefitOf = (def: RewardDefinition, currency: string): Benefit => {
  switch (def.kind) {
    case 'percent_discount':
      return { kind: def.kind, value: def.value };
    case 'fixed_discount':
      if (def.currency !== undefined && def.currency !== currency) {
        throw currencyNotProgramme(def.currency, currency, 'currency');
      }
      return { kind: def.kind, valueMinor: def.valueMinor, currency };
    case 'free_product':
    case 'sample':
      return { kind: def.kind, sku: def.sku };
    case 'gift':
      return { kind: def.kind, description: def.description };
  }
};

const catalogueOf = (def: RewardDefinition, currency: string) => ({
  name: def.name,
  description: def.description,
  benefit: benefitOf(def, currency),
  pointsCost: def.pointsCost,
  stock: def.stock,
  perMemberLimit: def.perMemberLimit,
  validFrom: def.validFrom ? new Date(def.validFrom) : null,
  validUntil: def.validUntil ? new Date(def.validUntil) : null,
  tierCodes: def.tierCodes,
  couponValidityDays: def.couponValidityDays,
  usesPerCoupon: def.usesPerCoupon,
  minBasketMinor: def.minBasketMinor,
  active: def.active,
  translations: def.translations,
});

const KIND_FIELDS = ['value', 'valueMinor', 'currency', 'sku'] as const;

/** A stored reward in the shape an admin writes one, so a patch can be checked as a whole. */
const definitionOf = (r: Reward): Record<string, unknown> => {
  const b = r.benefit;
  return {
    name: r.name,
    description: r.description,
    pointsCost: r.pointsCost,
    stock: r.stock,
    perMemberLimit: r.perMemberLimit,
    validFrom: r.validFrom?.toISOString() ?? null,
    validUntil: r.validUntil?.toISOString() ?? null,
    tierCodes: r.tierCodes,
    couponValidityDays: r.couponValidityDays,
    usesPerCoupon: r.usesPerCoupon,
    minBasketMinor: r.minBasketMinor,
    active: r.active,
    translations: r.translations,
    kind: b.kind,
    ...(b.kind === 'percent_discount' ? { value: b.value } : {}),
    ...(b.kind === 'fixed_discount' ? { valueMinor: b.valueMinor, currency: b.currency } : {}),
    ...(b.kind === 'free_product' || b.kind === 'sample' ? { sku: b.sku } : {}),
  };
};

export const createReward = async (deps: RewardDeps, def: RewardDefinition): Promise<Reward> => {
  const now = deps.clock.now();
  const reward: Reward = {
    id: newId('reward'),
    ...catalogueOf(def, deps.programme.currency),
    archivedAt: null,
    issuedCount: 0,
    createdAt: now,
    updatedAt: now,
  };
  await deps.rewards.insert(reward);
  return reward;
};

export const getReward = async (deps: Pick<RewardDeps, 'rewards'>, id: string) => {
  const reward = await deps.rewards.findById(id);
  if (!reward) throw rewardNotFound(id);
  return reward;
};

export const listRewards = (deps: Pick<RewardDeps, 'rewards'>, includeArchived: boolean) =>
  deps.rewards.list({ includeArchived, activeOnly: false });

/** Changes fields of a reward; coupons already issued keep their terms. */
export const updateReward = async (
  deps: RewardDeps,
  id: string,
  patch: RewardPatch,
): Promise<Reward> => {
  const current = await deps.rewards.findById(id, { lock: true });
  if (!current) throw rewardNotFound(id);
  if (current.archivedAt) throw rewardArchived(id);
  const merged = definitionOf(current);
  if (patch.kind !== undefined && patch.kind !== current.benefit.kind) {
    for (const field of KIND_FIELDS) delete merged[field];
  }
  const parsed = RewardInputSchema.safeParse({ ...merged, ...patch });
  if (!parsed.success) {
    throw invalidReward(
      parsed.error.issues.map((i): FieldIssue => ({
        path: i.path.join('.') || 'body',
        message: i.message,
      })),
    );
  }
  const updated: Reward = {
    ...current,
    ...catalogueOf(parsed.data, deps.programme.currency),
    updatedAt: deps.clock.now(),
  };
  await deps.rewards.update(updated);
  return updated;
};

/** Rewards are archived, never deleted: redemptions and coupons keep pointing at them. */
export const archiveReward = async (deps: RewardDeps, id: string): Promise<Reward> => {
  const current = await deps.rewards.findById(id, { lock: true });
  if (!current) throw rewardNotFound(id);
  if (current.archivedAt) return current;
  const now = deps.clock.now();
  const archived: Reward = { ...current, active: false, archivedAt: now, updatedAt: now };
  await deps.rewards.update(archived);
  return archived;
};

export interface MemberRewards {
  customerId: string;
  balance: number;
  tierCode: string | null;
  rewards: { reward: Reward; reasons: IneligibleReason[] }[];
}

/**
 * Every active reward offered to this member, with whether they may redeem it now, and if not
 * why. A reward a running experiment offers to arms the member is not in is left out. `expose`:
 * the member is being shown the offers (the member page, an e-mail), so a member of an offering
 * experiment's population is exposed now if not yet, whatever their arm; an admin's look is not.
 */
export const memberRewards = async (
  deps: RewardDeps,
  customerId: string,
  options: { expose?: boolean } = {},
): Promise<MemberRewards> => {
  const customer = await getCustomer(deps, customerId);
  const { balance } = await getPointsSummary(deps, deps.programme, customer.id);
  const hidden = await hiddenRewards(
    deps.experiments,
    customer.id,
    options.expose ? { source: 'offer', at: deps.clock.now() } : null,
  );
  const rewards = (await deps.rewards.list({ includeArchived: false, activeOnly: true })).filter(
    (r) => !hidden.has(r.id),
  );
  const counts = await deps.rewards.redemptionCounts(customer.id);
  const tierCode = await deps.rewards.tierOf(customer.id);
  const now = deps.clock.now();
  return {
    customerId: customer.id,
    balance,
    tierCode,
    rewards: rewards.map((reward) => ({
      reward,
      reasons: rewardEligibility(
        reward,
        { balance, tierCode, redeemed: counts.get(reward.id) ?? 0 },
        now,
      ),
    })),
  };
};

export interface RedeemRewardInput {
  customerId: string;
  rewardId: string;
  /** Unique per client request: a retry returns the first redemption. */
  idempotencyKey: string;
  actor: string | null;
}

export interface RewardRedeemed {
  redemption: RewardRedemption;
  coupon: Coupon;
  created: boolean;
}

const replay = async (
  deps: RewardDeps,
  previous: RewardRedemption,
  input: RedeemRewardInput,
  customerId: string,
): Promise<RewardRedeemed> => {
  if (previous.rewardId !== input.rewardId || previous.customerId !== customerId) {
    throw rewardKeyReused(input.idempotencyKey);
  }
  const coupon = await deps.coupons.findById(previous.couponId);
  if (!coupon) throw new Error(`redemption ${previous.id} has no coupon`);
  return { redemption: previous, coupon, created: false };
};

/** Exchanges the member's points for one coupon of the reward. */
export const redeemReward = async (
  deps: RewardDeps,
  input: RedeemRewardInput,
): Promise<RewardRedeemed> => {
  const customer = await getCustomer(deps, input.customerId);
  await deps.ledger.lockMember(customer.id);
  const previous = await deps.rewards.findRedemptionByKey(customer.id, input.idempotencyKey);
  if (previous) return replay(deps, previous, input, customer.id);

  const reward = await deps.rewards.findById(input.rewardId, { lock: true });
  if (!reward) throw rewardNotFound(input.rewardId, 'rewardId');
  const redeemed = (await deps.rewards.redemptionCounts(customer.id)).get(reward.id) ?? 0;
  const tierCode = reward.tierCodes ? await deps.rewards.tierOf(customer.id) : null;
  const now = deps.clock.now();
  // No exposure here: a refusal rolls back, so only the arm that may redeem would be counted.
  const offered = !(await hiddenRewards(deps.experiments, customer.id, null)).has(reward.id);
  // Points are left to the ledger, which settles the member first and never overdraws.
  const [refusal] = rewardEligibility(reward, { balance: null, tierCode, redeemed, offered }, now);
  if (refusal) throw rewardRefused(reward.id, refusal);

  const reason = `reward ${reward.id}: ${reward.name}`;
  const entry =
    reward.pointsCost > 0
      ? await redeemPoints(deps, deps.programme, {
          customerId: customer.id,
          points: reward.pointsCost,
          idempotencyKey: `reward:${input.idempotencyKey}`,
          reason,
          actor: input.actor,
        })
      : null;
  await deps.rewards.takeOne(reward.id);
  const [coupon] = await insertWithCodes(deps.coupons, [
    couponForReward(reward, customer.id, now, deps.programme.currency),
  ]);
  const redemption: RewardRedemption = {
    id: newId('rewardRedemption'),
    rewardId: reward.id,
    customerId: customer.id,
    couponId: coupon!.id,
    pointsSpent: reward.pointsCost,
    entryId: entry?.id ?? null,
    idempotencyKey: input.idempotencyKey,
    actor: input.actor,
    createdAt: now,
  };
  await deps.rewards.insertRedemption(redemption);
  deps.events.emit({
    type: 'reward.redeemed',
    customerId: customer.id,
    occurredAt: now,
    data: { rewardId: reward.id, couponId: coupon!.id, pointsSpent: reward.pointsCost },
  });
  if (entry) {
    deps.events.emit({
      type: 'points.redeemed',
      customerId: customer.id,
      occurredAt: now,
      data: { points: entry.points, entryId: entry.id, reason },
    });
  }
  return { redemption, coupon: coupon!, created: true };
};

export interface RuleIssueInput {
  customerId: string;
  kind: 'reward' | 'coupon';
  /** A reward id (kind reward) or a coupon batch id (kind coupon). */
  ref: string;
  /** Unique per rule firing: issuing twice under one key gives one coupon. */
  sourceKey: string;
}

type Outcome = { draft: CouponDraft } | { skipped: string };

const rewardCouponForRule = async (
  deps: RewardDeps,
  input: RuleIssueInput,
  now: Date,
): Promise<Outcome> => {
  const reward = await deps.rewards.findById(input.ref, { lock: true });
  if (!reward) return { skipped: 'reward_not_found' };
  if (!reward.active || reward.archivedAt) return { skipped: 'reward_not_available' };
  if (reward.stock !== null && reward.stock <= 0) return { skipped: 'out_of_stock' };
  await deps.rewards.takeOne(reward.id);
  return { draft: couponForReward(reward, input.customerId, now, deps.programme.currency) };
};

/**
 * A rule's `issue.reward` or `issue.coupon` effect: a coupon for the customer, free of points.
 * A reward's stock still counts (none left: skipped); a batch gives a new code bound to the
 * customer. The outcome, skips with their reason included, is recorded under the source key.
 */
export const issueForRule = async (
  deps: RewardDeps,
  input: RuleIssueInput,
): Promise<CouponIssue> => {
  const done = await deps.coupons.findIssue(input.customerId, input.sourceKey);
  if (done) return done;
  const now = deps.clock.now();
  let outcome: Outcome;
  if (input.kind === 'reward') {
    outcome = await rewardCouponForRule(deps, input, now);
  } else {
    const batch = await deps.coupons.findBatch(input.ref);
    outcome = batch
      ? { draft: couponForBatch(batch, input.customerId, now) }
      : { skipped: 'coupon_batch_not_found' };
  }
  const coupon =
    'draft' in outcome ? (await insertWithCodes(deps.coupons, [outcome.draft]))[0]! : null;
  const issue: CouponIssue = {
    sourceKey: input.sourceKey,
    customerId: input.customerId,
    kind: input.kind,
    ref: input.ref,
    couponId: coupon?.id ?? null,
    skippedReason: 'skipped' in outcome ? outcome.skipped : null,
    createdAt: now,
  };
  await deps.coupons.recordIssue(issue);
  return issue;
};
