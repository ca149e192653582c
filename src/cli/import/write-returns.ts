import type { Kysely } from 'kysely';
import { repositoriesFor, type DB } from '../../app/database.js';
import { ledgerBuffer, noRuleFacts, returnsBuffer } from '../../app/orders.js';
import type { CustomerRepository } from '../../core/customers/customers.js';
import { silentEvents } from '../../core/events/events.js';
import type { LedgerRepository } from '../../core/ledger/ledger.js';
import { createReturn } from '../../core/orders/orders.service.js';
import type { Order, OrderRepository } from '../../core/orders/orders.js';
import type { ProgrammeSettings } from '../../core/programme/programme.js';
import { DomainError } from '../../core/shared/errors.js';
import type { WriteMode } from './batch-unit.js';

/** The lines one cancellation invoice takes back from one earlier order. */
export interface ReturnDraft {
  /** The cancellation invoice: the return's external id, so a re-run records it once. */
  externalId: string;
  orderExternalId: string;
  /** When it was cancelled: the return is dated then. */
  placedAt: Date;
  lines: { lineNo: number; quantity: number }[];
}

export interface ReturnsResult {
  returnsNew: number;
  returnsPresent: number;
  returnedMinor: number;
  pointsReversed: number;
  /** Cancellation invoices whose return the order refused: its lines were returned meanwhile. */
  returnsRefused: string[];
}

interface ReturnRepositories {
  customers: CustomerRepository;
  orders: OrderRepository;
  ledger: LedgerRepository;
}

const REFUSED = new Set(['invalid_return', 'nothing_to_return']);

const missingOrder = (draft: ReturnDraft) =>
  // The matcher only names orders this run wrote or found present, in this batch or before.
  new Error(`return ${draft.externalId}: order ${draft.orderExternalId} is not in the database`);

/**
 * Records the returns one after another through the core's createReturn, as `POST
 * /v1/orders/{id}/returns` records a return, so points are taken back as for a live return; the
 * clock stands at the cancellation, which dates the return and its ledger entries.
 */
const recordReturns = async (
  repositories: ReturnRepositories,
  orderOf: (draft: ReturnDraft) => Promise<Order | null>,
  programme: ProgrammeSettings,
  returns: ReturnDraft[],
  result: ReturnsResult,
): Promise<void> => {
  for (const draft of returns) {
    const order = await orderOf(draft);
    if (!order) throw missingOrder(draft);
    const outcome = await createReturn(
      {
        ...repositories,
        clock: { now: () => new Date(draft.placedAt) },
        programme,
        ruleFacts: noRuleFacts,
        activeRules: async () => [],
        tiersConfigured: async () => false,
        events: silentEvents,
      },
      order.id,
      {
        externalId: draft.externalId,
        lines: draft.lines,
        reason: `cancelled by invoice ${draft.externalId}`,
      },
    ).catch((error: unknown) => {
      // Refused before it wrote anything: the order's lines were returned by other means (the
      // API, an earlier import of another file), which this run's index of the file cannot see.
      if (error instanceof DomainError && REFUSED.has(error.code)) return null;
      throw error;
    });
    if (!outcome) {
      result.returnsRefused.push(draft.externalId);
      continue;
    }
    const { orderReturn, created } = outcome;
    if (!created) {
      result.returnsPresent += 1;
      continue;
    }
    result.returnsNew += 1;
    result.returnedMinor += orderReturn.amountMinor;
    result.pointsReversed += orderReturn.pointsReversed;
  }
};

/**
 * The batch's returns against repositories that read, for the whole batch in a few queries, the
 * orders returned (locked), their returns, their members' ledger state and the earn entries a
 * reversal looks for, and keep the writes in memory until they go out as multi-row INSERTs. One
 * createReturn against the database made about 20 round trips (9 ms on PGlite).
 */
const recordInBulk = async (
  trx: Kysely<DB>,
  programme: ProgrammeSettings,
  returns: ReturnDraft[],
  result: ReturnsResult,
): Promise<void> => {
  const orders = returnsBuffer(trx);
  const known = await orders.preload(returns.map((r) => r.orderExternalId));
  const customerIds = [...new Set([...known.values()].map((o) => o.customerId))];
  // Other keys (none today) are read from the database rather than taken as absent.
  const ledger = ledgerBuffer(trx, () => false, { readThrough: true });
  await ledger.preload(customerIds);
  // A reversal takes from the order's own lot first: its earn entry's, or its posting's.
  const earned = await ledger.preloadEntries(
    [...known.values()].flatMap((o) =>
      o.customerId === null ? [] : [{ customerId: o.customerId, key: `earn:${o.id}` }],
    ),
  );
  await ledger.preloadEntries(
    earned.map((e) => ({ customerId: e.customerId, key: `post:${e.id}` })),
  );
  const repositories = {
    customers: repositoriesFor(trx).customers,
    orders: orders.repository,
    ledger: ledger.repository,
  };
  const orderOf = async (draft: ReturnDraft) => known.get(draft.orderExternalId) ?? null;
  await recordReturns(repositories, orderOf, programme, returns, result);
  // The ledger's entries name their returns.
  await orders.flush();
  await ledger.flush();
};

/**
 * The batch's matched cancellations, once its orders are written. `direct` records each return
 * on the transaction's plain repositories (the reference the bulk path is tested against).
 */
export const writeReturns = async (
  trx: Kysely<DB>,
  options: { programme: ProgrammeSettings; mode: WriteMode },
  returns: ReturnDraft[],
  result: ReturnsResult,
): Promise<void> => {
  if (returns.length === 0) return;
  if (options.mode === 'bulk') {
    await recordInBulk(trx, options.programme, returns, result);
    return;
  }
  const repositories = repositoriesFor(trx);
  const orderOf = (draft: ReturnDraft) =>
    repositories.orders.findByExternalId(draft.orderExternalId);
  await recordReturns(repositories, orderOf, options.programme, returns, result);
};
