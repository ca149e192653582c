import type { Schemas } from '../../shared/api';
import type { paths } from '../../shared/api.generated';
import { everyValue } from '../../shared/every-value';

/**
 * The segments, messaging and feedback views these pages name, as the API gives them (GET
 * /openapi.json, generated into shared/api.generated.ts), and the lists their filters offer.
 * Dates are ISO instants unless called a "day" (`YYYY-MM-DD` in the programme's time zone).
 */

export type Segment = Schemas['Segment'];

export type Message = Schemas['Message'];
export type MessageStatus = Message['status'];
export const MESSAGE_STATUSES = everyValue<MessageStatus>()([
  'queued',
  'outbox',
  'sent',
  'failed',
  'suppressed',
]);

export type Campaign = Schemas['Campaign'];
/** A campaign as GET /v1/campaigns lists it: with its segment (null if that was removed). */
export type ListedCampaign = Schemas['ListedCampaign'];
export type CampaignStatus = Campaign['status'];
export const CAMPAIGN_STATUSES = everyValue<CampaignStatus>()(['scheduled', 'expanding', 'done']);

type ScoresQuery = NonNullable<paths['/v1/feedback/nps']['get']['parameters']['query']>;
export type Granularity = NonNullable<ScoresQuery['granularity']>;
export const GRANULARITIES = everyValue<Granularity>()(['week', 'month', 'quarter']);
export type ScoreCounts = Schemas['FeedbackScores']['total'];

/** A survey as GET /v1/surveys lists it: with the responses recorded. */
export type Survey = Schemas['SurveyWithResponses'];

export type Complaint = Schemas['ComplaintSummary'];
export type ComplaintStatus = Complaint['status'];
export const COMPLAINT_STATUSES = everyValue<ComplaintStatus>()(['open', 'answered', 'resolved']);
