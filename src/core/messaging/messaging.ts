import { ulid } from 'ulid';
import { z } from 'zod';
import { LOCALE_TAG } from '../shared/locales.js';

/** E-mail messaging: templates, the message outbox and log, settings, journeys and campaigns. */

export const MESSAGE_KINDS = ['marketing', 'transactional'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const MESSAGE_STATUSES = ['queued', 'sent', 'failed', 'suppressed', 'outbox'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** Why a message was not (or will not be) sent. */
export const SUPPRESSION_REASONS = [
  'no_email',
  'no_consent',
  'frequency_cap',
  'global_control',
  'experiment_holdout',
  'template_missing',
] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

/** Messages claimed per round of a sweep, and how long a claim holds before it is due again. */
export const CLAIM_LEASE_MS = 60_000;
/** Send attempts before a message is `failed`; waits between them (ms). */
export const RETRY_SCHEDULE_MS = [30_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000] as const;

const PREFIXES = { message: 'eml', template: 'tpl', campaign: 'cmp' } as const;
export const newMessagingId = (kind: keyof typeof PREFIXES): string =>
  `${PREFIXES[kind]}_${ulid()}`;

const Locale = z.string().regex(LOCALE_TAG, 'a BCP 47 language tag such as en or de-AT');

export const TemplateVersionSchema = z.object({
  locale: Locale,
  subject: z.string().trim().min(1).max(500),
  html: z.string().min(1).max(200_000),
  text: z.string().min(1).max(100_000),
});
export type TemplateVersion = z.infer<typeof TemplateVersionSchema>;

export const TemplateKeySchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,99}$/, 'lowercase letters, digits, dot, dash or underscore');

const TemplateFieldsSchema = z.object({
  kind: z.enum(MESSAGE_KINDS),
  defaultLocale: Locale,
  description: z.string().max(1000).nullable().optional(),
  versions: z.array(TemplateVersionSchema).min(1).max(50),
});

const checkLocales = (
  t: z.infer<typeof TemplateFieldsSchema>,
  ctx: z.core.$RefinementCtx<z.infer<typeof TemplateFieldsSchema>>,
) => {
  const seen = new Set<string>();
  t.versions.forEach((v, i) => {
    if (seen.has(v.locale)) {
      ctx.addIssue({ code: 'custom', path: ['versions', i, 'locale'], message: 'locale repeated' });
    }
    seen.add(v.locale);
  });
  if (!seen.has(t.defaultLocale)) {
    ctx.addIssue({
      code: 'custom',
      path: ['defaultLocale'],
      message: 'no version has this locale',
    });
  }
};

/** An unsaved template shown to an editor: parts may be empty while being written. */
export const TemplateDraftSchema = z.object({
  kind: z.enum(MESSAGE_KINDS),
  defaultLocale: Locale,
  versions: z
    .array(
      z.object({
        locale: Locale,
        subject: z.string().max(500),
        html: z.string().max(200_000),
        text: z.string().max(100_000),
      }),
    )
    .min(1)
    .max(50),
});
export type TemplateDraft = z.infer<typeof TemplateDraftSchema>;

/** A template's content as PUT replaces it. */
export const TemplateBodySchema = TemplateFieldsSchema.superRefine(checkLocales);
export const TemplateInputSchema = TemplateFieldsSchema.extend({
  key: TemplateKeySchema,
}).superRefine(checkLocales);
export type TemplateInput = z.infer<typeof TemplateInputSchema>;

export interface Template {
  id: string;
  key: string;
  kind: MessageKind;
  defaultLocale: string;
  description: string | null;
  versions: TemplateVersion[];
  createdAt: Date;
  updatedAt: Date;
}

export const MessagingSettingsSchema = z.object({
  /** Marketing messages one customer may get within the window (sent or waiting to be). */
  maxMarketingPerWindow: z.number().int().min(0).max(1000).default(3),
  windowDays: z.number().int().min(1).max(365).default(7),
  // A placeholder that passes its own check, so the settings read can be written back unchanged.
  fromAddress: z.email().default('no-reply@example.com'),
  fromName: z.string().trim().max(200).default('Regulars'),
  /** Share of members held back from all marketing e-mail, to measure the programme against. */
  globalControlPercent: z.number().min(0).max(50).multipleOf(0.1).default(0),
  /**
   * Fixes who is in the control group. Made once, on the first save, and kept by every later one:
   * changing it would silently move members in and out. Null until settings were first saved.
   */
  globalControlSalt: z.string().min(1).max(200).nullable().default(null),
});
export type MessagingSettings = z.infer<typeof MessagingSettingsSchema>;

/** What an editor may set: everything but the salt, which only the service makes. */
export const MessagingSettingsInputSchema = MessagingSettingsSchema.omit({
  globalControlSalt: true,
});
export type MessagingSettingsInput = z.infer<typeof MessagingSettingsInputSchema>;

export const JOURNEYS = [
  'welcome',
  'birthday',
  'pointsExpiring',
  'tierChanged',
  'winBack',
  'reviewRequest',
] as const;
export type Journey = (typeof JOURNEYS)[number];

const JourneySchema = z.object({
  enabled: z.boolean().default(false),
  templateKey: TemplateKeySchema.nullable().default(null),
  /** Wait after the triggering event before sending (the review request's delay). */
  delayDays: z.number().int().min(0).max(365).default(0),
  /** Hours added to delayDays (a welcome an hour after joining). */
  delayHours: z.number().int().min(0).max(23).default(0),
});

/** What PATCH /v1/journeys/{key} may change in one journey; absent fields stay as they are. */
export const JourneyPatchSchema = z
  .object({
    enabled: z.boolean(),
    templateKey: TemplateKeySchema.nullable(),
    delayDays: z.number().int().min(0).max(365),
    delayHours: z.number().int().min(0).max(23),
  })
  .partial()
  .strict();
export type JourneyPatch = z.infer<typeof JourneyPatchSchema>;
export type JourneySettings = z.infer<typeof JourneySchema>;

export const JourneysSchema = z
  .object({
    welcome: JourneySchema.prefault({}),
    birthday: JourneySchema.prefault({}),
    pointsExpiring: JourneySchema.prefault({}),
    tierChanged: JourneySchema.prefault({}),
    winBack: JourneySchema.prefault({}),
    reviewRequest: JourneySchema.prefault({ delayDays: 7 }),
  })
  .superRefine((j, ctx) => {
    for (const name of JOURNEYS) {
      if (j[name].enabled && !j[name].templateKey) {
        ctx.addIssue({
          code: 'custom',
          path: [name, 'templateKey'],
          message: 'an enabled journey needs a template',
        });
      }
    }
  });
export type Journeys = z.infer<typeof JourneysSchema>;

export interface Message {
  id: string;
  customerId: string;
  templateKey: string;
  kind: MessageKind;
  locale: string | null;
  campaignId: string | null;
  journey: string | null;
  to: string | null;
  subject: string | null;
  html: string | null;
  text: string | null;
  unsubscribeUrl: string | null;
  /** The triggering event's facts, available to the template as `event`. */
  data: Record<string, unknown>;
  status: MessageStatus;
  reason: string | null;
  dedupeKey: string;
  scheduledAt: Date;
  sentAt: Date | null;
  attempts: number;
  smtpMessageId: string | null;
  lastError: string | null;
  createdAt: Date;
}

export type NewMessage = Omit<
  Message,
  'subject' | 'html' | 'text' | 'unsubscribeUrl' | 'locale' | 'sentAt' | 'attempts'
> & { smtpMessageId: null; lastError: null };

export interface ClaimedMessage {
  id: string;
  /** The claim's attempt number; the outcome is recorded only if no later claim took it. */
  attempt: number;
  customerId: string;
  templateKey: string;
  kind: MessageKind;
  data: Record<string, unknown>;
  /** What the message belongs to, for the experiments that target it. */
  campaignId: string | null;
  journey: string | null;
}

/** What a rendered message becomes, recorded on the row before it leaves. */
export interface RenderedMessage {
  to: string;
  locale: string;
  subject: string;
  html: string;
  text: string;
  unsubscribeUrl: string | null;
}

export type SendOutcome =
  | { status: 'sent'; at: Date; smtpMessageId: string | null }
  | { status: 'suppressed'; reason: SuppressionReason }
  | { status: 'outbox' }
  | { status: 'queued'; retryAt: Date; error: string }
  | { status: 'failed'; reason: string; error: string };

export const CAMPAIGN_STATUSES = ['scheduled', 'expanding', 'done'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export interface Campaign {
  id: string;
  templateKey: string;
  segmentId: string;
  status: CampaignStatus;
  scheduledAt: Date;
  audience: number;
  createdAt: Date;
  completedAt: Date | null;
}

export interface CampaignCounts {
  queued: number;
  sent: number;
  outbox: number;
  failed: number;
  suppressed: number;
  suppressedByReason: Record<string, number>;
}

/** The segment a campaign went to, as listed; null if the segment row no longer exists. */
export interface CampaignSegment {
  id: string;
  key: string;
  name: string;
}

export type ListedCampaign = Campaign & { segment: CampaignSegment | null };

export interface CampaignQuery {
  status?: CampaignStatus;
  limit: number;
  /** The last id of the previous page: campaigns are listed newest (highest id) first. */
  cursor?: string | null;
}

export interface MessageQuery {
  status?: MessageStatus;
  customerId?: string;
  limit: number;
  cursor?: string | null;
}

export interface MessagingRepository {
  insertTemplate(template: Template): Promise<void>;
  replaceTemplate(template: Template): Promise<void>;
  deleteTemplate(id: string): Promise<void>;
  findTemplate(key: string): Promise<Template | null>;
  listTemplates(): Promise<Template[]>;
  settings(): Promise<MessagingSettings>;
  /**
   * Stores the settings and returns what was stored: a salt already stored is kept whatever
   * `settings` says, so two first saves racing cannot both define the control group.
   */
  saveSettings(settings: MessagingSettings, at: Date): Promise<MessagingSettings>;
  journeys(): Promise<Journeys>;
  saveJourneys(journeys: Journeys, at: Date): Promise<void>;
  /** Serialises enqueues per customer until the caller's transaction ends. */
  lockCustomer(customerId: string): Promise<void>;
  /** Marketing messages sent or waiting to be, due or sent since `since`. */
  countMarketingSince(customerId: string, since: Date): Promise<number>;
  /** The same for many customers at once; a customer with none is absent from the map. */
  countMarketingSinceMany(customerIds: string[], since: Date): Promise<Map<string, number>>;
  findByDedupeKey(customerId: string, dedupeKey: string): Promise<Message | null>;
  /** Inserts unless the customer already has the dedupe key; returns the stored message. */
  insertMessage(message: NewMessage): Promise<{ message: Message; created: boolean }>;
  findMessage(id: string): Promise<Message | null>;
  listMessages(query: MessageQuery): Promise<{ messages: Message[]; nextCursor: string | null }>;
  /** Takes due messages (SKIP LOCKED) and leases them; `outbox` ones too when a mailer exists. */
  claimDue(
    now: Date,
    leaseUntil: Date,
    limit: number,
    includeOutbox: boolean,
  ): Promise<ClaimedMessage[]>;
  /** Records what was rendered, and from which template (an experiment's arm may swap it). */
  recordRendered(
    claim: ClaimedMessage,
    rendered: RenderedMessage,
    templateKey: string,
  ): Promise<void>;
  /** Records the claim's outcome; false when a later claim took the message meanwhile. */
  recordOutcome(claim: ClaimedMessage, outcome: SendOutcome, at: Date): Promise<boolean>;
  /**
   * Gives claims back unsent (a shutdown stopped before them): their attempts are not counted and
   * they are due at once again, for this or another process. Returns how many were still held.
   */
  releaseClaims(claims: readonly ClaimedMessage[]): Promise<number>;
  insertCampaign(campaign: Campaign): Promise<void>;
  findCampaign(id: string): Promise<Campaign | null>;
  /** Campaigns newest first, with their segment's key and name. */
  listCampaigns(
    query: CampaignQuery,
  ): Promise<{ campaigns: ListedCampaign[]; nextCursor: string | null }>;
  /** Each campaign's messages counted by status and reason, in one grouped query (0s if none). */
  campaignCounts(ids: readonly string[]): Promise<Map<string, CampaignCounts>>;
  claimDueCampaign(now: Date, leaseUntil: Date): Promise<Campaign | null>;
  /** Segment members after `afterCustomerId`, in id order (the segment_member table). */
  segmentMembers(
    segmentId: string,
    afterCustomerId: string | null,
    limit: number,
  ): Promise<string[]>;
  segmentExists(segmentId: string): Promise<boolean>;
  finishCampaign(id: string, audience: number, at: Date): Promise<void>;
}
