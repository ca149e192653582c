import type { GeneratedAlways } from 'kysely';
import type { Timestamp, NullableTimestamp, JsonWithDefault } from './column-types.js';

/** Who may use the API and the dashboard, and the audit log of what they did. */
export interface AccessTables {
  api_key: ApiKeyTable;
  app_user: AppUserTable;
  admin_session: AdminSessionTable;
  sign_in_failure: SignInFailureTable;
  audit_log: AuditLogTable;
}

export interface ApiKeyTable {
  id: string;
  name: string;
  role: 'admin' | 'pos';
  key_hash: string;
  created_at: Timestamp;
  revoked_at: NullableTimestamp;
}

export interface AppUserTable {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'pos';
  password_hash: string;
  created_at: Timestamp;
  disabled_at: NullableTimestamp;
}

export interface AdminSessionTable {
  token_hash: string;
  api_key_id: string | null;
  user_id: string | null;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
}

export interface SignInFailureTable {
  id: GeneratedAlways<number>;
  email: string;
  failed_at: Timestamp;
}

export interface AuditLogTable {
  id: string;
  at: Timestamp;
  actor_key_id: string | null;
  actor_user_id: string | null;
  actor_label: string;
  action: string;
  target_type: string;
  target_id: string | null;
  summary: JsonWithDefault<Record<string, unknown>>;
}
