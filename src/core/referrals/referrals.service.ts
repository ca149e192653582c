import { getCustomer } from '../customers/customers.service.js';
import type { Customer, CustomerRepository } from '../customers/customers.js';
import type { EventSink } from '../events/events.js';
import type { LedgerRepository } from '../ledger/ledger.js';
import { listCustomerOrders } from '../orders/orders.service.js';
import type { OrderRepository } from '../orders/orders.js';
import type { ProgrammeSettings } from '../programme/programme.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import {
  generateReferralCode,
  isWellFormedCode,
  normaliseReferralCode,
  referralLink,
} from './referral-code.js';
import { referralRefused } from './referrals.errors.js';
import { selfReferralReason } from './referrals.policy.js';
import {
  DEFAULT_REFERRAL_SETTINGS,
  type AttributeReferralInput,
  type Referral,
  type ReferralCode,
  type ReferralPage,
  type ReferralQuery,
  type ReferralRepository,
  type ReferralSettings,
  type ReferralSettingsInput,
  type ReferralStats,
  type RefusalReason,
} from './referrals.js';

/**
 * Use cases of the referral programme. Writes run inside the caller's transaction (a request's, or
 * the one that emitted the event a reaction answers); the customers, orders and ledger modules are
 * reached through their services and repositories, never their tables.
 */
export interface ReferralDeps {
  referrals: ReferralRepository;
  customers: CustomerRepository;
  orders: OrderRepository;
  ledger: LedgerRepository;
  clock: Clock;
  programme: ProgrammeSettings;
  events: EventSink;
}

export const getReferralSettings = async (
  deps: Pick<ReferralDeps, 'referrals'>,
): Promise<ReferralSettings> => (await deps.referrals.settings()) ?? DEFAULT_REFERRAL_SETTINGS;

/** Replaces the settings (PUT): every field but the link base is required. */
export const updateReferralSettings = async (
  deps: Pick<ReferralDeps, 'referrals' | 'clock'>,
  input: ReferralSettingsInput,
): Promise<ReferralSettings> => {
  const settings = {
    enabled: input.enabled,
    referrerPoints: input.referrerPoints,
    friendPoints: input.friendPoints,
    minOrderMinor: input.minOrderMinor,
    maxConversionsPerReferrer: input.maxConversionsPerReferrer,
    linkBaseUrl: input.linkBaseUrl ? input.linkBaseUrl.replace(/\/+$/, '') : null,
    updatedAt: deps.clock.now(),
  };
  await deps.referrals.saveSettings(settings);
  return settings;
};

// Two members drawing the same code is a 1-in-10^11 event; five misses in a row means a bug.
const CODE_ATTEMPTS = 5;

const issueCode = async (
  deps: Pick<ReferralDeps, 'referrals' | 'clock'>,
  customerId: string,
): Promise<ReferralCode> => {
  const existing = await deps.referrals.codeOf(customerId);
  if (existing) return existing;
  for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt += 1) {
    const issued = await deps.referrals.insertCodeIfAbsent({
      customerId,
      code: generateReferralCode(),
      createdAt: deps.clock.now(),
    });
    if (issued) return issued;
  }
  throw new Error(`no free referral code for ${customerId} after ${CODE_ATTEMPTS} attempts`);
};

export interface MemberReferral {
  customerId: string;
  code: string;
  link: string;
  stats: ReferralStats;
}

/** The member's code (issued on first request), their link and how their referrals went. */
export const getMemberReferral = async (
  deps: Pick<ReferralDeps, 'referrals' | 'customers' | 'clock'>,
  customerId: string,
  defaultLinkBaseUrl: string,
): Promise<MemberReferral> => {
  const customer = await getCustomer(deps, customerId);
  const code = await issueCode(deps, customer.id);
  const settings = await getReferralSettings(deps);
  return {
    customerId: customer.id,
    code: code.code,
    link: referralLink(settings.linkBaseUrl ?? defaultLinkBaseUrl, code.code),
    stats: await deps.referrals.stats(customer.id),
  };
};

export const listReferrals = (
  deps: Pick<ReferralDeps, 'referrals'>,
  query: ReferralQuery,
): Promise<ReferralPage> => deps.referrals.list(query);

// Longer chains of referrers than this are not walked: the check is against loops, not depth.
const MAX_CHAIN = 100;

/** True when `friendId` is the referrer's referrer, or theirs, and so on up the chain. */
const referredBy = async (
  deps: Pick<ReferralDeps, 'referrals'>,
  referrerId: string,
  friendId: string,
): Promise<boolean> => {
  let current: string | null = referrerId;
  for (let step = 0; current !== null && step < MAX_CHAIN; step += 1) {
    current = await deps.referrals.referrerOf(current);
    if (current === friendId) return true;
  }
  return false;
};

export type AttributionDeps = Pick<ReferralDeps, 'referrals' | 'customers' | 'orders' | 'clock'>;

interface Verdict {
  referrerId: string | null;
  refusal: RefusalReason | null;
  /** The friend's live referral to this same referrer: asking again changes nothing. */
  existing: Referral | null;
}

/** Whether `friend` may be referred under `code`, checked in the order a person would ask. */
const judge = async (deps: AttributionDeps, code: string, friend: Customer): Promise<Verdict> => {
  const settings = await getReferralSettings(deps);
  const owner = isWellFormedCode(code) ? await deps.referrals.findCode(code) : null;
  const referrerId = owner?.customerId ?? null;
  const refuse = (refusal: RefusalReason): Verdict => ({ referrerId, refusal, existing: null });
  if (!settings.enabled) return refuse('disabled');
  if (!owner) return refuse('unknown_code');
  const self = selfReferralReason(await getCustomer(deps, owner.customerId), friend);
  if (self) return refuse(self);
  const live = await deps.referrals.liveForReferred(friend.id);
  if (live) {
    return live.referrerId === referrerId
      ? { referrerId, refusal: null, existing: live }
      : refuse('already_referred');
  }
  if ((await listCustomerOrders(deps, friend.id, 1)).length > 0) return refuse('has_orders');
  if (await referredBy(deps, owner.customerId, friend.id)) return refuse('circular');
  return { referrerId, refusal: null, existing: null };
};

const newReferral = (
  now: Date,
  fields: Pick<Referral, 'code' | 'referrerId' | 'referredId' | 'status' | 'reason' | 'source'>,
): Referral => ({
  id: newId('referral'),
  ...fields,
  orderId: null,
  minOrderMinor: null,
  referrerPoints: 0,
  friendPoints: 0,
  referrerPointsUnrecovered: 0,
  friendPointsUnrecovered: 0,
  returnId: null,
  createdAt: now,
  convertedAt: null,
  reversedAt: null,
});

export interface AttributionResult {
  referral: Referral;
  /** False when the friend was already referred by this same member: nothing changed. */
  created: boolean;
}

/**
 * Attributes a customer to the member whose code they give. Through the API (`source: 'api'`) a
 * refusal is an error and records nothing; at sign-up (`'signup'`) it is recorded as a refused
 * referral with its reason, so the sign-up itself never fails over a referral code.
 */
export const attributeReferral = async (
  deps: AttributionDeps,
  input: AttributeReferralInput,
  source: Referral['source'] = 'api',
): Promise<AttributionResult> => {
  const friend = await getCustomer(deps, input.customerId);
  const code = normaliseReferralCode(input.code);
  const verdict = await judge(deps, code, friend);
  if (verdict.existing) return { referral: verdict.existing, created: false };
  const now = deps.clock.now();
  const fields = { code, referrerId: verdict.referrerId, referredId: friend.id, source };
  if (verdict.refusal) {
    if (source === 'api') throw referralRefused(verdict.refusal);
    const refused = newReferral(now, { ...fields, status: 'refused', reason: verdict.refusal });
    await deps.referrals.insert(refused);
    return { referral: refused, created: true };
  }
  const referral = newReferral(now, { ...fields, status: 'pending', reason: null });
  if (!(await deps.referrals.insert(referral))) {
    // Another attribution of this friend committed first.
    if (source === 'api') throw referralRefused('already_referred');
    const refused = { ...referral, status: 'refused' as const, reason: 'already_referred' };
    await deps.referrals.insert(refused);
    return { referral: refused, created: true };
  }
  return { referral, created: true };
};
