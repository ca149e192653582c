import type { Generated } from 'kysely';
import type { Timestamp } from './column-types.js';

/** Orders with their lines, and returns with theirs. */
export interface OrdersTables {
  sales_order: SalesOrderTable;
  order_line: OrderLineTable;
  order_return: OrderReturnTable;
  order_return_line: OrderReturnLineTable;
  sales_order_external: SalesOrderExternalTable;
}

export interface SalesOrderTable {
  id: string;
  external_id: string;
  customer_id: string;
  currency: string;
  channel: 'web' | 'pos' | 'app' | 'other';
  store_id: string | null;
  placed_at: Timestamp;
  total_minor: number;
  points_earned: number;
  /** Σ amount_minor of the order's returns, kept by a trigger on order_return. */
  returned_minor: Generated<number>;
  created_at: Timestamp;
}

export interface OrderLineTable {
  order_id: string;
  customer_id: string;
  line_no: number;
  sku: string;
  name: string | null;
  category: string | null;
  quantity: number;
  unit_price_minor: number;
}

export interface OrderReturnTable {
  id: string;
  order_id: string;
  customer_id: string;
  external_id: string | null;
  reason: string | null;
  amount_minor: number;
  points_reversed: number;
  points_unrecovered: number;
  created_at: Timestamp;
}

export interface OrderReturnLineTable {
  return_id: string;
  customer_id: string;
  order_id: string;
  line_no: number;
  quantity: number;
  amount_minor: number;
}

/** Lookup: which order, of which customer, an external id names (unique across all customers). */
export interface SalesOrderExternalTable {
  external_id: string;
  customer_id: string;
  order_id: string;
}
