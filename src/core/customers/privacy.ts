import type { Clock } from '../shared/clock.js';
import type { TimelineItem } from '../feedback/timeline.js';
import type { AuditActor, AuditRepository } from '../audit/audit.js';
import type { CustomerRepository } from './customers.js';

/**
 * A module's part of a customer's personal data (docs/privacy.md). Each module answers for its
 * own tables only; the erasure and export services ask every module through this interface.
 */
export interface PersonalDataHolder {
  /** The module, for the counts of what an erasure changed. */
  module: string;
  /**
   * Identifiers and free texts of the person this module holds (names, addresses, texts they
   * wrote), so that other modules can remove them from stored payloads too.
   */
  identifiers?(customerId: string): Promise<string[]>;
  /** The module's records of the customer, by export section. */
  exportCustomer(customerId: string): Promise<Record<string, unknown>>;
  /** Deletes, nulls or pseudonymises the module's personal data of the customer; rows changed. */
  eraseCustomer(input: ErasureInput): Promise<number>;
}

export interface ErasureInput {
  customerId: string;
  /** Every identifier and free text of the person, from every module: removed wherever found. */
  identifiers: string[];
  at: Date;
}

export interface PrivacyDeps {
  customers: CustomerRepository;
  holders: PersonalDataHolder[];
  audit: AuditRepository;
  clock: Clock;
  /** Holds the customer's row until the transaction ends, so two erasures run one after the other. */
  lockCustomer(customerId: string): Promise<void>;
  /** The whole timeline of the customer, newest first. */
  timeline(customerId: string): Promise<TimelineItem[]>;
  /** Balance, pending, lifetime totals (the points view). */
  points(customerId: string): Promise<unknown>;
}

export interface ErasureResult {
  customerId: string;
  status: 'erased';
  erasedAt: Date;
}

export type { AuditActor };
