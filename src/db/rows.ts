import type { Insertable } from 'kysely';
import type { Consent, CustomerRow, ExternalId } from '../core/customers/customers.js';
import type { NewLedgerEntry, NewLot } from '../core/ledger/ledger.js';
import type { OrderLineRow, OrderRow } from '../core/orders/orders.js';
import type { DB } from './schema.js';

/**
 * Domain records to table rows, in one place, so the repositories and the batch writers (which
 * send the same rows as multi-row INSERTs) cannot drift apart.
 */
export const customerRow = (c: CustomerRow): Insertable<DB['customer']> => ({
  id: c.id,
  email: c.email,
  phone: c.phone,
  first_name: c.firstName,
  last_name: c.lastName,
  birthday: c.birthday,
  locale: c.locale,
  attributes: JSON.stringify(c.attributes),
  created_at: c.createdAt,
  updated_at: c.updatedAt,
});

export const externalIdRow = (
  customerId: string,
  ext: ExternalId,
  at: Date,
): Insertable<DB['customer_external_id']> => ({
  customer_id: customerId,
  source: ext.source,
  external_id: ext.id,
  created_at: at,
});

/** The e-mail lookup's row: who holds the address (docs/scale.md). */
export const emailRow = (customerId: string, email: string): Insertable<DB['customer_email']> => ({
  email,
  customer_id: customerId,
});

/** The external id lookup's row: who holds the id in its source (docs/scale.md). */
export const externalIdOwnerRow = (
  customerId: string,
  ext: ExternalId,
): Insertable<DB['customer_external_id_owner']> => ({
  external_id: ext.id,
  source: ext.source,
  customer_id: customerId,
});

export const consentRow = (
  customerId: string,
  c: Consent,
  recordedAt: Date,
): Insertable<DB['customer_consent']> => ({
  customer_id: customerId,
  channel: c.channel,
  granted: c.granted,
  source: c.source,
  given_at: c.at,
  recorded_at: recordedAt,
});

export const orderRow = (o: OrderRow): Insertable<DB['sales_order']> => ({
  id: o.id,
  external_id: o.externalId,
  customer_id: o.customerId,
  currency: o.currency,
  channel: o.channel,
  store_id: o.storeId,
  placed_at: o.placedAt,
  total_minor: o.totalMinor,
  points_earned: o.pointsEarned,
  created_at: o.createdAt,
});

/** The order external id lookup's row: which order of which customer the id names. */
export const orderExternalRow = (o: OrderRow): Insertable<DB['sales_order_external']> => ({
  external_id: o.externalId,
  customer_id: o.customerId,
  order_id: o.id,
});

export const orderLineRow = (o: OrderRow, l: OrderLineRow): Insertable<DB['order_line']> => ({
  order_id: o.id,
  customer_id: o.customerId,
  line_no: l.lineNo,
  sku: l.sku,
  name: l.name,
  category: l.category,
  quantity: l.quantity,
  unit_price_minor: l.unitPriceMinor,
});

export const entryRow = (e: NewLedgerEntry): Insertable<DB['ledger_entry']> => ({
  id: e.id,
  customer_id: e.customerId,
  debit_account_id: e.debitAccount,
  credit_account_id: e.creditAccount,
  points: e.points,
  code: e.code,
  idempotency_key: e.idempotencyKey,
  order_id: e.orderId,
  return_id: e.returnId,
  pending_entry_id: e.pendingEntryId,
  release_at: e.releaseAt,
  reason: e.reason,
  actor: e.actor,
  effective_at: e.effectiveAt,
});

export const lotRow = (l: NewLot): Insertable<DB['points_lot']> => ({
  id: l.id,
  customer_id: l.customerId,
  entry_id: l.entryId,
  points: l.points,
  expires_at: l.expiresAt,
  created_at: l.createdAt,
});
