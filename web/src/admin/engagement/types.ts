/**
 * The shapes of the /v1 segments, messaging and feedback responses these pages read (see
 * GET /openapi.json; only the fields used). Dates are ISO instants unless called a "day"
 * (`YYYY-MM-DD` in the programme's time zone).
 */

// ------------------------------------------------------------------------------ segments

export type SegmentKind = 'dynamic' | 'static';

export interface Segment {
  id: string;
  key: string;
  name: string;
  kind: SegmentKind;
  definition: Record<string, unknown> | null;
  memberCount: number;
  refreshedAt: string | null;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
}

export interface SegmentMembersPage {
  members: {
    customerId: string;
    addedAt: string;
    name: string | null;
    email: string | null;
    externalId: { source: string; id: string } | null;
  }[];
  nextCursor: string | null;
}

export interface SegmentRefresh {
  segment: Segment;
  size: number;
  added: number;
  removed: number;
}

export interface SegmentPreview {
  size: number;
  sample: { id: string; email: string | null; firstName: string | null; lastName: string | null }[];
}

// ----------------------------------------------------------------------------- messaging

export const MESSAGE_STATUSES = ['queued', 'outbox', 'sent', 'failed', 'suppressed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export interface Message {
  id: string;
  customerId: string;
  templateKey: string;
  kind: 'marketing' | 'transactional';
  status: MessageStatus;
  reason: string | null;
  subject: string | null;
  campaignId: string | null;
  journey: string | null;
  scheduledAt: string;
  sentAt: string | null;
  attempts: number;
  lastError: string | null;
  createdAt: string;
}

export interface MessagePage {
  messages: Message[];
  nextCursor: string | null;
}

export const CAMPAIGN_STATUSES = ['scheduled', 'expanding', 'done'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export interface Campaign {
  id: string;
  templateKey: string;
  segmentId: string;
  status: CampaignStatus;
  scheduledAt: string;
  audience: number;
  createdAt: string;
  completedAt: string | null;
  counts: {
    queued: number;
    sent: number;
    outbox: number;
    failed: number;
    suppressed: number;
    suppressedByReason: Record<string, number>;
  };
}

/** A campaign as GET /v1/campaigns lists it: with its segment (null if that was removed). */
export interface ListedCampaign extends Campaign {
  segment: { id: string; key: string; name: string } | null;
}

export interface CampaignPage {
  campaigns: ListedCampaign[];
  nextCursor: string | null;
}

export interface Template {
  id: string;
  key: string;
  kind: 'marketing' | 'transactional';
  defaultLocale: string;
  description: string | null;
  versions: { locale: string; subject: string }[];
  updatedAt: string;
}

export interface Journey {
  enabled: boolean;
  templateKey: string | null;
  delayDays: number;
}

export type Journeys = Record<string, Journey>;

export interface MessagingSettings {
  maxMarketingPerWindow: number;
  windowDays: number;
  fromAddress: string;
  fromName: string;
}

// ------------------------------------------------------------------------------ feedback

export const GRANULARITIES = ['week', 'month', 'quarter'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

export interface ScoreCounts {
  nps: {
    responses: number;
    promoters: number;
    passives: number;
    detractors: number;
    score: number | null;
  };
  csat: { responses: number; satisfied: number; satisfiedPct: number | null; mean: number | null };
}

export interface ScoresReport {
  granularity: Granularity;
  from: string;
  to: string;
  surveyId: string | null;
  periods: (ScoreCounts & { start: string; end: string })[];
  total: ScoreCounts;
}

export interface Survey {
  id: string;
  key: string;
  title: string;
  questions: { id: string; type: string }[];
  status: 'draft' | 'active' | 'archived';
  createdAt: string;
  /** Responses recorded, whatever their questions (one per customer). */
  responses: number;
}

export interface ComplaintStats {
  from: string;
  to: string;
  targetHours: number;
  cases: number;
  answered: number;
  resolved: number;
  due: number;
  answeredWithinTarget: number;
  withinTargetPct: number | null;
  medianFirstResponseHours: number | null;
  medianResolutionHours: number | null;
}

export const COMPLAINT_STATUSES = ['open', 'answered', 'resolved'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export interface Complaint {
  id: string;
  customerId: string;
  subject: string;
  channel: string;
  status: ComplaintStatus;
  openedAt: string;
  firstResponseAt: string | null;
  resolvedAt: string | null;
}

/** GET /v1/complaints: the newest cases that match, and how many match in all. */
export interface ComplaintPage {
  complaints: Complaint[];
  total: number;
}

/** GET /v1/analytics/range: the programme's today (its time zone) anchors the report windows. */
export interface ProgrammeCalendar {
  today: string;
  timeZone: string;
  currency: string;
}
