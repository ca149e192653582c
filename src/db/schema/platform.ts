import type { Generated } from 'kysely';
import type { GeneratedTimestamp, Json } from './column-types.js';

/** The programme's settings and the stored replies that make retried requests idempotent. */
export interface PlatformTables {
  programme_settings: ProgrammeSettingsTable;
  idempotency_record: IdempotencyRecordTable;
}

export interface ProgrammeSettingsTable {
  id: Generated<string>;
  settings: Json<unknown>;
  updated_at: GeneratedTimestamp;
}

export interface IdempotencyRecordTable {
  principal: string;
  key: string;
  method: string;
  path: string;
  request_hash: string;
  status: number;
  response_body: string;
  created_at: GeneratedTimestamp;
}
