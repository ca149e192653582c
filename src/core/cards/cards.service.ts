import { customerErased } from '../customers/customers.errors.js';
import { getCustomer } from '../customers/customers.service.js';
import type { Customer, CustomerRepository } from '../customers/customers.js';
import type { EventSink } from '../events/events.js';
import {
  adjustPoints,
  getPointsSummary,
  redeemPoints,
  type ExpiryPolicy,
  type LedgerDeps,
} from '../ledger/ledger.service.js';
import type { LedgerEntry, PointsSummary } from '../ledger/ledger.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { signCardToken, verifyCardToken } from './card-token.js';
import { cardNotFound } from './cards.errors.js';
import {
  CARD_ID_PATTERN,
  isActive,
  type CardRepository,
  type MemberCard,
  type MemberTier,
} from './cards.js';

/** Use cases of member cards. `secret` is the signing key (see card-secret.ts). */
export interface CardDeps {
  cards: CardRepository;
  customers: CustomerRepository;
  clock: Clock;
}

export interface IssuedCard {
  card: MemberCard;
  token: string;
}

/** An erased customer gets no new card: their old one was revoked with their data. */
const cardHolder = async (deps: CardDeps, customerId: string): Promise<Customer> => {
  const customer = await getCustomer(deps, customerId);
  if (customer.erasedAt) throw customerErased(customer.id);
  return customer;
};

const newCard = (customerId: string, at: Date): MemberCard => ({
  id: newId('card'),
  customerId,
  issuedAt: at,
  revokedAt: null,
});

/** The member's active card and its token, issuing the card on first request. */
export const getOrIssueCard = async (
  deps: CardDeps,
  secret: Uint8Array,
  customerId: string,
): Promise<IssuedCard> => {
  const customer = await cardHolder(deps, customerId);
  const card =
    (await deps.cards.findActive(customer.id)) ??
    (await deps.cards.issueIfNone(newCard(customer.id, deps.clock.now())));
  return { card, token: signCardToken(secret, card.id) };
};

/**
 * Revokes the active card and issues a new one, at one instant: the old token stops working.
 * Two rotations at once both end with the same new card (the one-active-card index decides).
 */
export const rotateCard = async (
  deps: CardDeps,
  secret: Uint8Array,
  customerId: string,
): Promise<IssuedCard> => {
  const customer = await cardHolder(deps, customerId);
  const now = deps.clock.now();
  await deps.cards.revokeActive(customer.id, now);
  const card = await deps.cards.issueIfNone(newCard(customer.id, now));
  return { card, token: signCardToken(secret, card.id) };
};

/** The active card a token names; forged, malformed, revoked and unknown all fail alike. */
export const resolveCardToken = async (
  deps: Pick<CardDeps, 'cards'>,
  secret: Uint8Array,
  token: string,
): Promise<MemberCard> => {
  const cardId = verifyCardToken(secret, token);
  if (!cardId || !CARD_ID_PATTERN.test(cardId)) throw cardNotFound();
  const card = await deps.cards.findById(cardId);
  if (!card || !isActive(card)) throw cardNotFound();
  return card;
};

export interface CardLedgerDeps extends CardDeps, LedgerDeps {
  programme: ExpiryPolicy;
  events: EventSink;
}

/** A member as store staff see them after scanning the card. */
export interface CardMember {
  card: MemberCard;
  customer: Customer;
  points: PointsSummary;
  tier: MemberTier | null;
}

const memberOf = async (deps: CardLedgerDeps, card: MemberCard): Promise<CardMember> => {
  const customer = await getCustomer(deps, card.customerId);
  const points = await getPointsSummary(deps, deps.programme, customer.id);
  return { card, customer, points, tier: await deps.cards.tierOf(customer.id) };
};

export const identifyMember = async (
  deps: CardLedgerDeps,
  secret: Uint8Array,
  token: string,
): Promise<CardMember> => memberOf(deps, await resolveCardToken(deps, secret, token));

export interface CardPointsInput {
  token: string;
  points: number;
  reason: string | null;
  /** Who did it: the API key's id. */
  actor: string;
  /** Unique per client request, so a retried award or redemption counts once. */
  idempotencyKey: string;
}

export interface CardPointsResult {
  entry: LedgerEntry;
  member: CardMember;
}

/** Store staff credit points to the member whose card they scanned (a manual credit with reason). */
export const awardByCard = async (
  deps: CardLedgerDeps,
  secret: Uint8Array,
  input: CardPointsInput & { reason: string },
): Promise<CardPointsResult> => {
  const card = await resolveCardToken(deps, secret, input.token);
  const entry = await adjustPoints(deps, deps.programme, {
    customerId: card.customerId,
    points: input.points,
    reason: input.reason,
    actor: input.actor,
    idempotencyKey: input.idempotencyKey,
  });
  deps.events.emit({
    type: 'points.adjusted',
    customerId: card.customerId,
    occurredAt: deps.clock.now(),
    data: { points: entry.points, entryId: entry.id, reason: input.reason, actor: input.actor },
  });
  return { entry, member: await memberOf(deps, card) };
};

/** Store staff spend the scanned member's points; never overdraws (insufficient_points). */
export const redeemByCard = async (
  deps: CardLedgerDeps,
  secret: Uint8Array,
  input: CardPointsInput,
): Promise<CardPointsResult> => {
  const card = await resolveCardToken(deps, secret, input.token);
  const entry = await redeemPoints(deps, deps.programme, {
    customerId: card.customerId,
    points: input.points,
    reason: input.reason,
    actor: input.actor,
    idempotencyKey: input.idempotencyKey,
  });
  deps.events.emit({
    type: 'points.redeemed',
    customerId: card.customerId,
    occurredAt: deps.clock.now(),
    data: { points: entry.points, entryId: entry.id, reason: input.reason },
  });
  return { entry, member: await memberOf(deps, card) };
};
