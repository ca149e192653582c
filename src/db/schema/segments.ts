import type { Generated } from 'kysely';
import type { Timestamp, NullableTimestamp, Json } from './column-types.js';

/** Segments and the members a refresh (or a static list) put in them. */
export interface SegmentsTables {
  segment: SegmentTable;
  segment_member: SegmentMemberTable;
}

export interface SegmentTable {
  id: string;
  key: string;
  name: string;
  kind: 'dynamic' | 'static';
  definition: Json<unknown> | null;
  member_count: Generated<number>;
  refreshed_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  archived_at: NullableTimestamp;
}

export interface SegmentMemberTable {
  segment_id: string;
  customer_id: string;
  added_at: Timestamp;
}
