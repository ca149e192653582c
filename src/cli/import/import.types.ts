import type { CreateCustomerInput } from '../../core/customers/customers.js';
import type { OrderChannel } from '../../core/orders/orders.js';

/** One order line as read from a file, already in integer minor units. */
export interface LineDraft {
  sku: string;
  name?: string;
  category?: string;
  quantity: number;
  unitPriceMinor: number;
}

export type CustomerProfile = Pick<
  CreateCustomerInput,
  'firstName' | 'lastName' | 'email' | 'attributes'
>;

/** The order-level fields every line of one order must agree on. */
export interface OrderHeader {
  externalId: string;
  customerExternalId: string;
  currency: string;
  channel: OrderChannel;
  storeId?: string;
  placedAt: Date;
  /** Profile data for the customer, used only when the import creates the customer. */
  customerProfile?: CustomerProfile;
}

export interface OrderDraft extends OrderHeader {
  lines: LineDraft[];
  /** The line of the file its first line starts on, when it came from a file. */
  fileLine?: number;
}

/** What a format makes of one record: a line of some order, or a rejection with its reason. */
export type RowOutcome =
  { kind: 'line'; header: OrderHeader; line: LineDraft } | { kind: 'reject'; reason: string };

export const FORMAT_NAMES = ['online-retail', 'cdnow', 'csv'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

export interface ImportSummary {
  format: FormatName | 'synthetic';
  file: string | null;
  /** Data records read (the header line not counted); always linesTaken + rejected.total. */
  linesRead: number;
  /** True when `limit` stopped the read before the end of the file. */
  truncated: boolean;
  /** True when nothing was written: orders are counted as new without asking the database. */
  dryRun: boolean;
  linesTaken: number;
  orders: { new: number; alreadyPresent: number };
  customersCreated: number;
  rejected: {
    total: number;
    byReason: Record<string, number>;
    /** The first few line numbers of the file (the header is line 1) rejected for each reason. */
    firstLines: Record<string, number[]>;
  };
  /** Where and why the file broke off (see ImportStoppedError); null when it was read to its end. */
  stopped: { line: number; problem: string } | null;
  pointsEarned: number;
  elapsedSeconds: number;
}
