import type { ColumnType, GeneratedAlways } from 'kysely';
import type { Timestamp, JsonWithDefault } from './column-types.js';

/** Customers, their identities in other systems and their consent history. */
export interface CustomersTables {
  customer: CustomerTable;
  customer_external_id: CustomerExternalIdTable;
  customer_consent: CustomerConsentTable;
  customer_email: CustomerEmailTable;
  customer_external_id_owner: CustomerExternalIdOwnerTable;
}

export interface CustomerTable {
  id: string;
  email: string | null;
  phone: string | null;
  first_name: string | null;
  last_name: string | null;
  birthday: string | null;
  locale: string | null;
  attributes: JsonWithDefault<Record<string, string | number | boolean | null>>;
  created_at: Timestamp;
  updated_at: Timestamp;
  erased_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface CustomerExternalIdTable {
  customer_id: string;
  source: string;
  external_id: string;
  created_at: Timestamp;
}

export interface CustomerConsentTable {
  customer_id: string;
  seq: GeneratedAlways<number>;
  channel: 'email' | 'sms';
  granted: boolean;
  source: string;
  given_at: Timestamp;
  recorded_at: Timestamp;
}

/** Lookup: who holds an e-mail address (unique across all customers; docs/scale.md). */
export interface CustomerEmailTable {
  email: string;
  customer_id: string;
}

/** Lookup: who holds an external id of a source (unique across all customers; docs/scale.md). */
export interface CustomerExternalIdOwnerTable {
  external_id: string;
  source: string;
  customer_id: string;
}
