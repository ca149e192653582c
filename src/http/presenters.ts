import { z } from '@hono/zod-openapi';
import type { Customer } from '../core/customers/customers.js';
import {
  ENTRY_CODES,
  pendingAccountOf,
  pointsAccountOf,
  type LedgerEntry,
  type PointsSummary,
} from '../core/ledger/ledger.js';
import type { IngestResult } from '../core/orders/orders.service.js';
import type { Order, OrderReturn } from '../core/orders/orders.js';

/** Response shapes: the JSON a client sees, documented in OpenAPI. Times are ISO 8601 UTC. */

/** A time as ISO 8601 UTC, or null: the one helper every presenter uses. */
export const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const CustomerView = z
  .object({
    id: z.string().openapi({ example: 'cus_01JD3Q4X5Y6Z7A8B9C0D1E2F3G' }),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    birthday: z.string().nullable(),
    locale: z.string().nullable(),
    attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    externalIds: z.array(z.object({ source: z.string(), id: z.string() })),
    consents: z.array(
      z.object({
        channel: z.enum(['email', 'sms']),
        granted: z.boolean(),
        source: z.string(),
        at: z.string(),
      }),
    ),
    createdAt: z.string(),
    updatedAt: z.string(),
    erasedAt: z
      .string()
      .nullable()
      .openapi({ description: 'Set once the personal data is erased' }),
  })
  .openapi('Customer');

export const presentCustomer = (c: Customer): z.infer<typeof CustomerView> => ({
  ...c,
  consents: c.consents.map((x) => ({ ...x, at: x.at.toISOString() })),
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
  erasedAt: iso(c.erasedAt),
});

export const OrderView = z
  .object({
    id: z.string(),
    externalId: z.string(),
    customerId: z.string(),
    currency: z.string(),
    channel: z.enum(['web', 'pos', 'app', 'other']),
    storeId: z.string().nullable(),
    placedAt: z.string(),
    totalMinor: z.number().int(),
    pointsEarned: z.number().int(),
    lines: z.array(
      z.object({
        lineNo: z.number().int(),
        sku: z.string(),
        name: z.string().nullable(),
        category: z.string().nullable(),
        quantity: z.number().int(),
        unitPriceMinor: z.number().int(),
        returnedQuantity: z.number().int(),
      }),
    ),
    createdAt: z.string(),
  })
  .openapi('Order');

export const presentOrder = (o: Order): z.infer<typeof OrderView> => ({
  ...o,
  placedAt: o.placedAt.toISOString(),
  createdAt: o.createdAt.toISOString(),
});

export const IngestView = z
  .object({
    order: OrderView,
    created: z.boolean(),
    points: z.object({
      earned: z.number().int(),
      pending: z.boolean(),
      releaseAt: z.string().nullable(),
    }),
  })
  .openapi('OrderIngested');

export const presentIngest = (r: IngestResult): z.infer<typeof IngestView> => ({
  order: presentOrder(r.order),
  created: r.created,
  points: { ...r.points, releaseAt: iso(r.points.releaseAt) },
});

export const ReturnView = z
  .object({
    id: z.string(),
    orderId: z.string(),
    customerId: z.string(),
    externalId: z.string().nullable(),
    reason: z.string().nullable(),
    amountMinor: z.number().int(),
    pointsReversed: z.number().int(),
    pointsUnrecovered: z.number().int(),
    lines: z.array(
      z.object({
        lineNo: z.number().int(),
        quantity: z.number().int(),
        amountMinor: z.number().int(),
      }),
    ),
    createdAt: z.string(),
  })
  .openapi('OrderReturn');

export const presentReturn = (r: OrderReturn): z.infer<typeof ReturnView> => ({
  ...r,
  createdAt: r.createdAt.toISOString(),
});

export const PointsView = z
  .object({
    customerId: z.string(),
    balance: z.number().int(),
    pending: z.number().int(),
    nextPendingRelease: z.object({ points: z.number().int(), releaseAt: z.string() }).nullable(),
    nextExpiring: z.object({ points: z.number().int(), expiresAt: z.string() }).nullable(),
    lifetime: z.object({
      earned: z.number().int(),
      redeemed: z.number().int(),
      expired: z.number().int(),
      adjusted: z.number().int(),
      reversed: z.number().int(),
    }),
  })
  .openapi('Points');

export const presentPoints = (p: PointsSummary): z.infer<typeof PointsView> => ({
  ...p,
  nextPendingRelease: p.nextPendingRelease
    ? {
        points: p.nextPendingRelease.points,
        releaseAt: p.nextPendingRelease.releaseAt.toISOString(),
      }
    : null,
  nextExpiring: p.nextExpiring
    ? { points: p.nextExpiring.points, expiresAt: p.nextExpiring.expiresAt.toISOString() }
    : null,
});

/** What a ledger entry records (docs/ledger.md): clients name each movement by it. */
export const EntryCodeView = z.enum(ENTRY_CODES).openapi('LedgerEntryCode');

export const EntryView = z
  .object({
    id: z.string(),
    code: EntryCodeView,
    points: z.number().int().positive(),
    balanceDelta: z.number().int().openapi({ description: 'Change to the spendable balance' }),
    pendingDelta: z.number().int().openapi({ description: 'Change to the pending points' }),
    debitAccount: z.string(),
    creditAccount: z.string(),
    orderId: z.string().nullable(),
    returnId: z.string().nullable(),
    pendingEntryId: z.string().nullable(),
    releaseAt: z.string().nullable(),
    reason: z.string().nullable(),
    actor: z.string().nullable(),
    effectiveAt: z.string(),
    createdAt: z.string(),
  })
  .openapi('LedgerEntry');

const delta = (e: LedgerEntry, account: string) =>
  (e.creditAccount === account ? e.points : 0) - (e.debitAccount === account ? e.points : 0);

export const presentEntry = (e: LedgerEntry): z.infer<typeof EntryView> => ({
  id: e.id,
  code: e.code,
  points: e.points,
  balanceDelta: delta(e, pointsAccountOf(e.customerId)),
  pendingDelta: delta(e, pendingAccountOf(e.customerId)),
  debitAccount: e.debitAccount,
  creditAccount: e.creditAccount,
  orderId: e.orderId,
  returnId: e.returnId,
  pendingEntryId: e.pendingEntryId,
  releaseAt: iso(e.releaseAt),
  reason: e.reason,
  actor: e.actor,
  effectiveAt: e.effectiveAt.toISOString(),
  createdAt: e.createdAt.toISOString(),
});

export const ProblemView = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    instance: z.string(),
    requestId: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');
