import type { z } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import type { IngestOrderInput } from '../core/orders/orders.js';
import { ingestOrder } from '../core/orders/orders.service.js';
import { DEFAULT_MAX_FUTURE_SKEW_MINUTES, futureDatedOrder } from '../core/orders/orders.intake.js';
import type { ProgrammeSettings } from '../core/programme/programme.js';
import type { Clock } from '../core/shared/clock.js';
import { DomainError } from '../core/shared/errors.js';
import { isKnownCurrency } from '../core/shared/money.js';
import { eventQueue } from '../core/events/events.js';
import { countsOrders } from '../core/rules/rules.live.js';
import type { RuleExperiment } from '../core/rules/rules.experiments.js';
import type { Rule } from '../core/rules/rules.js';
import { hasTiers, type TierConfig } from '../core/tiers/tiers.js';
import {
  claimId,
  createMemberAccounts,
  idempotencyRepository,
  ledgerBuffer,
  ordersBuffer,
  prefetchedCustomers,
  presentOrders,
  ruleFactsBuffer,
  type KeyClaim,
  type StoredResponse,
} from '../app/orders.js';
import { customerRepository } from '../app/customers.js';
import type { DB } from '../app/database.js';
import { runUnitOfWork } from '../app/run-unit-of-work.js';
import { claimKeys } from './idempotency.js';
import { presentIngest, type IngestView } from './presenters.js';

/** One validated `POST /v1/orders` waiting for its batch. */
export interface BatchedOrder {
  input: IngestOrderInput;
  claim: KeyClaim | null;
}

/**
 * What became of one request: answered by the batch, replayed from its key's first response,
 * refused (a domain check, a reused key, or a failure of its own), or left to the per-request
 * path (an existing order, a second request with one key, another writer's conflicting order).
 */
export type BatchOutcome =
  | { kind: 'done'; status: 200 | 201; view: z.infer<typeof IngestView> }
  | { kind: 'replayed'; response: Response }
  | { kind: 'failed'; error: unknown }
  | { kind: 'alone' };

export interface BatchContext {
  db: Kysely<DB>;
  clock: Clock;
  programme: ProgrammeSettings;
  /** REGULARS_MAX_FUTURE_SKEW_MINUTES; unset: the core's default. */
  maxFutureSkewMinutes?: number;
  /** Reads through the batch's transaction: PGlite's one connection is held by it. */
  activeRules(db: Kysely<DB>): Promise<Rule[]>;
  runningExperiments(db: Kysely<DB>): Promise<RuleExperiment[]>;
  tierConfig(db: Kysely<DB>): Promise<TierConfig | null>;
}

/**
 * The requests this batch takes on: not for an order that already exists (its first result is
 * read by the per-request path), and only the first of several requests with one key. A key
 * already taken is judged here as the per-request path would: replayed or refused.
 */
const selectOwn = async (
  trx: Kysely<DB>,
  items: BatchedOrder[],
  outcomes: BatchOutcome[],
): Promise<number[]> => {
  const present = await presentOrders(
    trx,
    items.map((i) => i.input.externalId),
  );
  const seen = new Set<string>();
  const candidates = items.flatMap((item, index) => {
    if (present.has(item.input.externalId)) return [];
    if (item.claim) {
      if (seen.has(claimId(item.claim))) return [];
      seen.add(claimId(item.claim));
    }
    return [index];
  });
  const verdicts = await claimKeys(
    idempotencyRepository(trx),
    candidates.flatMap((i) => items[i]!.claim ?? []),
  );
  return candidates.filter((i) => {
    const claim = items[i]!.claim;
    const verdict = claim && verdicts.get(claimId(claim));
    if (verdict?.kind === 'replay') outcomes[i] = { kind: 'replayed', response: verdict.response };
    if (verdict?.kind === 'reused') outcomes[i] = { kind: 'failed', error: verdict.error };
    return !verdict || verdict.kind === 'claimed';
  });
};

/** The batch's repositories: customers read up front, orders and ledger buffered in memory. */
const batchRepositories = async (
  trx: Kysely<DB>,
  inputs: IngestOrderInput[],
  activeRules: Rule[],
  tiersConfigured: boolean,
) => {
  const customers = await prefetchedCustomers(trx, customerRepository(trx), {
    ids: inputs.flatMap((i) => i.customerId ?? []),
    externalIds: inputs.flatMap((i) => i.customerExternalId ?? []),
  });
  const orders = ordersBuffer(trx);
  orders.knowAbsent(inputs.map((i) => i.externalId));
  // Customers are looked up by reference, never created here: every member already exists.
  const ledger = ledgerBuffer(trx, () => false);
  // Every member the batch may touch is locked now, in sorted id order, so concurrent batches
  // queue rather than deadlock; members without accounts get both in one statement, then are
  // locked the same way. Only balances are read: an order's earn reads no lots or pendings.
  const members = [...customers.customerIds].sort();
  const loaded = await ledger.preload(members, { balancesOnly: true });
  const missing = members.filter((id) => !loaded.has(id));
  if (missing.length > 0) {
    await createMemberAccounts(trx, missing);
    await ledger.preload(missing, { balancesOnly: true });
  }
  // Read only once every member is locked: a concurrent batch's orders are then committed.
  const ruleFacts = ruleFactsBuffer(trx, orders.bufferedFor);
  const orderRules = activeRules.filter((r) => r.document.trigger === 'order.placed');
  if (orderRules.length > 0 || tiersConfigured) {
    await ruleFacts.prefetch(members, { orderCount: orderRules.some(countsOrders) });
  }
  return { customers: customers.repository, orders, ledger, ruleFacts };
};

/**
 * The batch's orders dated too far ahead, judged once at one instant: the same refusal
 * `ingestOrder` gives, decided before any member is touched and never judged again later, when
 * the clock has moved on and might let the order through without its member's accounts.
 */
const futureDatedAmong = (items: BatchedOrder[], own: number[], ctx: BatchContext) => {
  const now = ctx.clock.now();
  const skew = ctx.maxFutureSkewMinutes ?? DEFAULT_MAX_FUTURE_SKEW_MINUTES;
  const refusals = new Map<number, DomainError>();
  for (const index of own) {
    const { currency, placedAt } = items[index]!.input;
    // ingestOrder names an unknown currency first; so does the batch.
    if (!isKnownCurrency(currency)) continue;
    const refusal = futureDatedOrder(new Date(placedAt), now, skew);
    if (refusal) refusals.set(index, refusal);
  }
  return refusals;
};

/** Marks every buffer of the batch; the returned function rolls them all back to the mark. */
const savepoint = (repos: Awaited<ReturnType<typeof batchRepositories>>) => {
  const rollbacks = [
    repos.orders.savepoint(),
    repos.ledger.savepoint(),
    repos.ruleFacts.savepoint(),
  ];
  return () => rollbacks.forEach((rollback) => rollback());
};

/**
 * Writes a batch of orders in one transaction through the core's `ingestOrder`, with each
 * request's idempotency record, so the batch commits or vanishes as a whole. Each order runs
 * against a savepoint of the buffers: a domain error rolls back what that order wrote in memory
 * (and its events), refuses that request alone and gives back its key, and the others go on.
 * Any other error, here or in the reactions, fails the whole transaction; the batcher then
 * writes each request again in a batch of its own.
 */
export const writeOrderBatch = (
  ctx: BatchContext,
  items: BatchedOrder[],
): Promise<BatchOutcome[]> =>
  runUnitOfWork(
    ctx.db,
    ctx.clock,
    async (uow) => {
      const trx = uow.db;
      const outcomes: BatchOutcome[] = items.map(() => ({ kind: 'alone' }));
      const own = await selectOwn(trx, items, outcomes);
      if (own.length === 0) return outcomes;
      // An order in an unknown currency or dated too far ahead is refused before it names its
      // member: its member's accounts are not created (bad input writes nothing).
      const future = futureDatedAmong(items, own, ctx);
      const repos = await batchRepositories(
        trx,
        own
          .filter((i) => !future.has(i))
          .map((i) => items[i]!.input)
          .filter((input) => isKnownCurrency(input.currency)),
        await ctx.activeRules(trx),
        hasTiers(await ctx.tierConfig(trx)),
      );
      const deps = {
        customers: repos.customers,
        orders: repos.orders.repository,
        ledger: repos.ledger.repository,
        ruleFacts: repos.ruleFacts.repository,
        clock: ctx.clock,
        programme: ctx.programme,
        maxFutureSkewMinutes: ctx.maxFutureSkewMinutes,
        activeRules: () => ctx.activeRules(trx),
        runningExperiments: () => ctx.runningExperiments(trx),
        tiersConfigured: async () => hasTiers(await ctx.tierConfig(trx)),
      };
      const responses: StoredResponse[] = [];
      const refused: KeyClaim[] = [];
      for (const index of own) {
        const { input, claim } = items[index]!;
        const refusal = future.get(index);
        if (refusal) {
          outcomes[index] = { kind: 'failed', error: refusal };
          if (claim) refused.push(claim);
          continue;
        }
        const rollback = savepoint(repos);
        const orderEvents = eventQueue();
        try {
          const result = await ingestOrder({ ...deps, events: orderEvents }, input);
          const done = {
            kind: 'done',
            status: result.created ? 201 : 200,
            view: presentIngest(result),
          } as const;
          outcomes[index] = done;
          for (const event of orderEvents.take()) uow.events.emit(event);
          if (claim)
            responses.push({ ...claim, status: done.status, body: JSON.stringify(done.view) });
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          rollback();
          outcomes[index] = { kind: 'failed', error };
          if (claim) refused.push(claim);
        }
      }
      await repos.orders.flush();
      await repos.ledger.flush();
      await repos.ruleFacts.flush();
      const records = idempotencyRepository(trx);
      await records.store(responses);
      await records.release(refused);
      return outcomes;
    },
    {
      programme: async () => ctx.programme,
      shared: (trx) => ({
        activeRules: () => ctx.activeRules(trx),
        runningExperiments: () => ctx.runningExperiments(trx),
        tierConfig: () => ctx.tierConfig(trx),
      }),
    },
  );
