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

/**
 * One line of a cancellation invoice (Online Retail `C…`): it names no original order, so the
 * importer looks for the customer's earlier line of the same SKU and price to return.
 */
export interface CancellationDraft {
  /** The cancellation invoice, e.g. `C581484`: the external id of the returns it makes. */
  invoice: string;
  customerExternalId: string;
  sku: string;
  /** Items cancelled, positive. */
  quantity: number;
  unitPriceMinor: number;
  placedAt: Date;
  fileLine?: number;
}

/**
 * What a format makes of one record: a line of some order, a line of a cancellation, or a
 * rejection with its reason.
 */
export type RowOutcome =
  | { kind: 'line'; header: OrderHeader; line: LineDraft }
  | { kind: 'cancel'; cancellation: CancellationDraft }
  | { kind: 'reject'; reason: string; cancellation?: string };

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
  /** Cancellation lines (Online Retail `C…` invoices) imported as returns of earlier orders. */
  returns: ReturnsSummary;
  elapsedSeconds: number;
}

export interface ReturnsSummary {
  /** Cancellation lines read (each is also taken or rejected). */
  linesRead: number;
  /** Lines matched to earlier order lines, in full or in part (counted among the lines taken). */
  linesMatched: number;
  /** Of those, lines that cancelled more than the earlier lines left to return. */
  linesPartlyMatched: number;
  /** Items a partly matched line cancelled beyond what could be returned. */
  quantityUnmatched: number;
  /** Returns recorded (one per cancellation invoice and order), and those already recorded. */
  new: number;
  alreadyPresent: number;
  /** Value of the new returns, minor units, and the points they took back. */
  amountMinor: number;
  pointsReversed: number;
  /** Lines not matched (also counted as rejected), per reason, with a few invoice numbers. */
  unmatched: {
    total: number;
    byReason: Record<string, number>;
    invoices: Record<string, string[]>;
  };
  /** A few invoices with a partly matched line. */
  partlyMatchedInvoices: string[];
  /**
   * Returns the order refused because its lines had been returned by other means (the API,
   * another file's import) since; their lines stay counted as matched. A few of their invoices.
   */
  refused: number;
  refusedInvoices: string[];
}
