import { silentEvents } from '../../core/events/events.js';
import { noRuleFacts, presentOrders } from '../../app/orders.js';
import { inTransaction, type DB } from '../../app/database.js';
import type { Kysely } from 'kysely';
import { createCustomer } from '../../core/customers/customers.service.js';
import { settleMember } from '../../core/ledger/ledger.service.js';
import { ingestOrder } from '../../core/orders/orders.service.js';
import type { IngestOrderInput } from '../../core/orders/orders.js';
import type { ProgrammeSettings } from '../../core/programme/programme.js';
import type { Clock } from '../../core/shared/clock.js';
import { batchUnit, type BatchUnit, type WriteMode } from './batch-unit.js';
import type { OrderDraft } from './import.types.js';
import { writeReturns, type ReturnDraft, type ReturnsResult } from './write-returns.js';

export interface RunContext {
  db: Kysely<DB>;
  clock: Clock;
  programme: ProgrammeSettings;
  /** The `source` of the customers' external ids. */
  source: string;
  mode: WriteMode;
  /** Customers committed by earlier batches of this run: external id → customer id. */
  customerIds: Map<string, string>;
  /** REGULARS_MAX_FUTURE_SKEW_MINUTES: orders dated later than this ahead of the clock are skipped. */
  maxFutureSkewMinutes: number;
}

export interface BatchResult extends ReturnsResult {
  ordersNew: number;
  ordersPresent: number;
  customersCreated: number;
  pointsEarned: number;
}

/** The batch's customers this run already knows, plus those the database knows, in one query. */
const knownCustomers = async (trx: Kysely<DB>, ctx: RunContext, drafts: OrderDraft[]) => {
  const known = new Map<string, string>();
  const unknown = new Set<string>();
  for (const d of drafts) {
    const id = ctx.customerIds.get(d.customerExternalId);
    if (id) known.set(d.customerExternalId, id);
    else unknown.add(d.customerExternalId);
  }
  if (unknown.size > 0) {
    const rows = await trx
      .selectFrom('customer_external_id_owner')
      .select(['customer_id', 'external_id'])
      .where('source', '=', ctx.source)
      .where('external_id', 'in', [...unknown])
      .execute();
    for (const r of rows) known.set(r.external_id, r.customer_id);
  }
  return { known, absent: [...unknown].filter((id) => !known.has(id)) };
};

const ingestInput = (draft: OrderDraft, customerId: string): IngestOrderInput => ({
  externalId: draft.externalId,
  customerId,
  currency: draft.currency,
  channel: draft.channel,
  ...(draft.storeId ? { storeId: draft.storeId } : {}),
  placedAt: draft.placedAt.toISOString(),
  lines: draft.lines,
});

const newCustomer = async (
  unit: BatchUnit,
  ctx: RunContext,
  draft: OrderDraft,
): Promise<string> => {
  // A customer met in history joined no later than their first imported order, so members and
  // enrolment figures over past periods count them from then, not from the day of the import.
  const now = ctx.clock.now();
  const joined = draft.placedAt < now ? draft.placedAt : now;
  const customer = await createCustomer(
    { customers: unit.customers, clock: { now: () => new Date(joined) }, events: silentEvents },
    {
      ...draft.customerProfile,
      externalIds: [{ source: ctx.source, id: draft.customerExternalId }],
    },
  );
  return customer.id;
};

/** One attempt at a batch, inside its transaction; `learned` collects every customer it resolved. */
const writeInTransaction = async (
  trx: Kysely<DB>,
  ctx: RunContext,
  drafts: OrderDraft[],
  returns: ReturnDraft[],
  learned: Map<string, string>,
): Promise<BatchResult> => {
  const result: BatchResult = {
    ordersNew: 0,
    ordersPresent: 0,
    customersCreated: 0,
    pointsEarned: 0,
    returnsNew: 0,
    returnsPresent: 0,
    returnedMinor: 0,
    pointsReversed: 0,
    returnsRefused: [],
  };
  const unit = batchUnit(trx, ctx.mode);
  const present = await presentOrders(
    trx,
    drafts.map((d) => d.externalId),
  );
  const { known, absent } = await knownCustomers(trx, ctx, drafts);
  unit.know({
    existingCustomers: [...known.values()],
    absentCustomers: absent.map((id) => ({ source: ctx.source, id })),
    absentOrders: drafts.map((d) => d.externalId).filter((id) => !present.has(id)),
  });
  await unit.preloadMembers([...known.values()]);
  for (const [externalId, id] of known) learned.set(externalId, id);
  // History is imported at the base earn rate: no rules, tier bonuses or announcements.
  const deps = {
    ...unit,
    clock: ctx.clock,
    programme: ctx.programme,
    maxFutureSkewMinutes: ctx.maxFutureSkewMinutes,
    ruleFacts: noRuleFacts,
    activeRules: async () => [],
    tiersConfigured: async () => false,
    events: silentEvents,
  };
  for (const draft of drafts) {
    // Known orders are left alone: ingesting them again would return them unchanged.
    if (present.has(draft.externalId)) {
      result.ordersPresent += 1;
      continue;
    }
    let customerId = learned.get(draft.customerExternalId);
    if (!customerId) {
      customerId = await newCustomer(unit, ctx, draft);
      learned.set(draft.customerExternalId, customerId);
      result.customersCreated += 1;
    }
    const ingested = await ingestOrder(deps, ingestInput(draft, customerId));
    if (ingested.created) {
      result.ordersNew += 1;
      result.pointsEarned += ingested.points.earned;
      // An import replays history: what fell due up to this order is settled as it goes, in
      // both modes alike (the API leaves that to reads, spends and the settle job).
      if (ingested.points.earned > 0) await settleMember(deps, ctx.programme, customerId);
    } else result.ordersPresent += 1;
  }
  await unit.flush();
  await writeReturns(trx, ctx, returns, result);
  return result;
};

/** Conflicts with a concurrent writer: the batch is rolled back as a whole and can be run again. */
const RETRYABLE = new Set(['23505', '40001', '40P01']);
const MAX_ATTEMPTS = 3;

const isRetryable = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  RETRYABLE.has(String((error as { code?: unknown }).code));

/**
 * Writes a batch of orders in one transaction, through the core's `createCustomer` and
 * `ingestOrder`, so points are earned exactly as the API earns them. The run's customer map only
 * learns the batch's new customers once the transaction has committed.
 */
export const writeBatch = async (
  ctx: RunContext,
  drafts: OrderDraft[],
  returns: ReturnDraft[] = [],
): Promise<BatchResult> => {
  for (let attempt = 1; ; attempt += 1) {
    const learned = new Map<string, string>();
    try {
      const result = await inTransaction(ctx.db, (trx) =>
        writeInTransaction(trx, ctx, drafts, returns, learned),
      );
      for (const [externalId, id] of learned) ctx.customerIds.set(externalId, id);
      return result;
    } catch (error) {
      if (attempt < MAX_ATTEMPTS && isRetryable(error)) continue;
      // Earlier batches stay committed: running the import again carries on where this one stopped.
      const range = `${drafts[0]?.externalId ?? returns[0]?.externalId} … ${drafts.at(-1)?.externalId ?? returns.at(-1)?.externalId}`;
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`writing the batch of orders ${range} failed: ${reason}`, { cause: error });
    }
  }
};
