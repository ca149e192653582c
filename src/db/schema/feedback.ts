import type { ColumnType } from 'kysely';
import type { Timestamp, NullableTimestamp, Json } from './column-types.js';

/** Surveys with their responses and answers, reviews, and complaints with their events. */
export interface FeedbackTables {
  survey: SurveyTable;
  survey_response: SurveyResponseTable;
  survey_answer: SurveyAnswerTable;
  review: ReviewTable;
  review_external_key: ReviewExternalKeyTable;
  complaint: ComplaintTable;
  complaint_event: ComplaintEventTable;
}

export interface SurveyTable {
  id: string;
  key: string;
  title: string;
  description: string | null;
  questions: Json<unknown>;
  status: 'draft' | 'active' | 'archived';
  translations: ColumnType<unknown, string | undefined, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SurveyResponseTable {
  id: string;
  survey_id: string;
  customer_id: string;
  source: 'link' | 'api';
  answers: Json<unknown>;
  submitted_at: Timestamp;
}

export interface SurveyAnswerTable {
  response_id: string;
  survey_id: string;
  customer_id: string;
  question_id: string;
  question_type: 'nps' | 'csat' | 'text' | 'choice';
  score: number | null;
  value: string | null;
  submitted_at: Timestamp;
}

/** Which review holds an external id: its uniqueness across all customers (a lookup table). */
export interface ReviewExternalKeyTable {
  external_id: string;
  customer_id: string;
  review_id: string;
}

export interface ReviewTable {
  id: string;
  customer_id: string;
  external_id: string;
  sku: string | null;
  rating: number;
  text: string | null;
  submitted_at: Timestamp;
  created_at: Timestamp;
}

export interface ComplaintTable {
  id: string;
  customer_id: string;
  subject: string;
  body: string;
  channel: string;
  status: 'open' | 'answered' | 'resolved';
  opened_at: Timestamp;
  first_response_at: NullableTimestamp;
  resolved_at: NullableTimestamp;
  updated_at: Timestamp;
  assignee_id: string | null;
  resolution_note: string | null;
}

export interface ComplaintEventTable {
  complaint_id: string;
  seq: number;
  customer_id: string;
  kind: 'opened' | 'reply' | 'status' | 'assigned';
  author: string | null;
  assignee_id: string | null;
  body: string | null;
  from_status: string | null;
  to_status: string | null;
  at: Timestamp;
}
