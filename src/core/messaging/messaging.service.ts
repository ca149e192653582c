import { customerNotFound } from '../customers/customers.errors.js';
import { updateCustomer } from '../customers/customers.service.js';
import type { Customer, CustomerRepository } from '../customers/customers.js';
import { addDays, type Clock } from '../shared/clock.js';
import {
  campaignNotFound,
  journeyInvalid,
  messageNotFound,
  segmentNotFound,
  templateInvalid,
  templateKeyTaken,
  templateNotFound,
  unsubscribeTokenInvalid,
} from './messaging.errors.js';
import {
  chooseLocale,
  draftIssues,
  renderVersion,
  templateIssues,
  type Suggestion,
  type TemplateData,
} from './messaging.render.js';
import {
  JourneysSchema,
  newMessagingId,
  type Campaign,
  type CampaignCounts,
  type CampaignQuery,
  type ClaimedMessage,
  type Journey,
  type JourneyPatch,
  type Journeys,
  type ListedCampaign,
  type Message,
  type MessageQuery,
  type MessagingRepository,
  type MessagingSettings,
  type MessagingSettingsInput,
  type RenderedMessage,
  type SuppressionReason,
  type Template,
  type TemplateDraft,
  type TemplateInput,
} from './messaging.js';
import { inGlobalControl, newGlobalControlSalt } from './global-control.js';
import type { ArmStore } from '../experiments/treatment.js';
import {
  NO_TREATMENT,
  messageTreatments,
  type MessageTarget,
  type MessageTreatment,
} from './messaging.experiments.js';
import { verifyUnsubscribeToken } from './unsubscribe-token.js';

export interface MessagingDeps {
  messaging: MessagingRepository;
  customers: CustomerRepository;
  clock: Clock;
  /** The running experiments and their exposures (holdouts and template variants). */
  experiments: ArmStore;
  /** Something an operator should know that does not stop the send (a variant's template gone). */
  warn(event: string, details: Record<string, unknown>): void;
}

/** Ports that fill a template with the customer's data; the db layer binds them to a transaction. */
export interface RenderDeps {
  /** Points, tier and redeemable rewards, read through their modules' services. */
  personalData(customer: Customer): Promise<Pick<TemplateData, 'points' | 'tier' | 'rewards'>>;
  /**
   * HOOK for the recommendations module: product suggestions for the customer, in order; [] when
   * there are none (the default until recommendations are wired in).
   */
  suggestions(customerId: string): Promise<Suggestion[]>;
  /** The signed one-click unsubscribe link of the customer. */
  unsubscribeUrl(customerId: string): Promise<string>;
  /** The customer's signed link to each active survey, by survey key. */
  surveyLinks(customerId: string): Promise<Record<string, string>>;
}

// ---- templates ------------------------------------------------------------------------------

/**
 * A saved template must be what the editor's preview accepts: it parses, names only variables the
 * customer's data has (a typo would otherwise send an empty greeting to every member), and renders.
 */
const assertCompiles = (input: TemplateInput) => {
  const faults = draftIssues(input.versions);
  if (faults.length > 0) throw templateInvalid(faults);
  const issues = templateIssues(input.versions);
  if (issues.length > 0) throw templateInvalid(issues);
};

export const createTemplate = async (deps: MessagingDeps, input: TemplateInput) => {
  assertCompiles(input);
  if (await deps.messaging.findTemplate(input.key)) throw templateKeyTaken(input.key);
  const now = deps.clock.now();
  const template: Template = {
    id: newMessagingId('template'),
    key: input.key,
    kind: input.kind,
    defaultLocale: input.defaultLocale,
    description: input.description ?? null,
    versions: input.versions,
    createdAt: now,
    updatedAt: now,
  };
  await deps.messaging.insertTemplate(template);
  return template;
};

export const getTemplate = async (deps: Pick<MessagingDeps, 'messaging'>, key: string) => {
  const template = await deps.messaging.findTemplate(key);
  if (!template) throw templateNotFound(key, 'key');
  return template;
};

/** Replaces kind, default locale, description and every version; messages already sent keep theirs. */
export const replaceTemplate = async (
  deps: MessagingDeps,
  key: string,
  input: Omit<TemplateInput, 'key'>,
) => {
  const current = await getTemplate(deps, key);
  assertCompiles({ ...input, key });
  const template: Template = {
    ...current,
    kind: input.kind,
    defaultLocale: input.defaultLocale,
    description: input.description ?? null,
    versions: input.versions,
    updatedAt: deps.clock.now(),
  };
  await deps.messaging.replaceTemplate(template);
  return template;
};

export const deleteTemplate = async (deps: MessagingDeps, key: string) => {
  const current = await getTemplate(deps, key);
  await deps.messaging.deleteTemplate(current.id);
};

// ---- settings -------------------------------------------------------------------------------

/**
 * Replaces the settings but keeps the control group's salt (making it on the first save), so a
 * changed share moves only the members between the old and the new threshold.
 */
export const saveSettings = async (
  deps: MessagingDeps,
  input: MessagingSettingsInput,
): Promise<MessagingSettings> => {
  const current = await deps.messaging.settings();
  const settings: MessagingSettings = {
    ...input,
    globalControlSalt: current.globalControlSalt ?? newGlobalControlSalt(),
  };
  return deps.messaging.saveSettings(settings, deps.clock.now());
};

export const saveJourneys = async (deps: MessagingDeps, journeys: Journeys) => {
  for (const [name, journey] of Object.entries(journeys)) {
    if (journey.enabled && journey.templateKey) {
      if (!(await deps.messaging.findTemplate(journey.templateKey))) {
        throw templateNotFound(journey.templateKey, `${name}.templateKey`);
      }
    }
  }
  await deps.messaging.saveJourneys(journeys, deps.clock.now());
  return journeys;
};

/** Changes one journey (on/off, template, delay), checked like a whole PUT of the journeys. */
export const updateJourney = async (deps: MessagingDeps, name: Journey, patch: JourneyPatch) => {
  const current = await deps.messaging.journeys();
  const merged = { ...current, [name]: { ...current[name], ...patch } };
  const parsed = JourneysSchema.safeParse(merged);
  if (!parsed.success) {
    throw journeyInvalid(
      parsed.error.issues.map((i) => ({
        // The journey's own field, as the PATCH body names it.
        path: i.path.slice(1).join('.') || String(i.path[0] ?? name),
        message: i.message,
      })),
    );
  }
  if (parsed.data[name].enabled && parsed.data[name].templateKey) {
    if (!(await deps.messaging.findTemplate(parsed.data[name].templateKey))) {
      throw templateNotFound(parsed.data[name].templateKey);
    }
  }
  await deps.messaging.saveJourneys(parsed.data, deps.clock.now());
  return parsed.data;
};

// ---- enqueue --------------------------------------------------------------------------------

export interface EnqueueInput {
  customerId: string;
  templateKey: string;
  /** Unique per customer: asking twice under one key gives the first message. */
  dedupeKey: string;
  scheduledAt?: Date;
  campaignId?: string | null;
  journey?: string | null;
  data?: Record<string, unknown>;
  /**
   * The experiments' decision, when the caller made it for a whole page of recipients (a
   * campaign's expansion); otherwise enqueue asks for this customer alone.
   */
  treatment?: MessageTreatment;
}

export const hasEmailConsent = (customer: Customer): boolean =>
  customer.consents.some((c) => c.channel === 'email' && c.granted);

/**
 * Why a message to this customer must not go, or null, given the sending rules, the experiments'
 * treatment and how many marketing e-mails the customer got in the window (asked only when it
 * matters). Every message needs an address; marketing also skips the global control group
 * (checked before anything else, so the group's count does not depend on who consented or which
 * arm they are in); an experiment's holdout gets nothing it targets; marketing needs e-mail
 * consent and room under the frequency cap. The one definition enqueue and reach both ask.
 */
export const suppressionGiven = async (
  customer: Customer,
  template: Template,
  settings: MessagingSettings,
  recentMarketing: () => Promise<number>,
  treatment: MessageTreatment = NO_TREATMENT,
): Promise<SuppressionReason | null> => {
  if (!customer.email) return 'no_email';
  const marketing = template.kind === 'marketing';
  if (marketing && inGlobalControl(settings, customer.id)) return 'global_control';
  if (treatment.holdoutOf) return 'experiment_holdout';
  if (!marketing) return null;
  if (!hasEmailConsent(customer)) return 'no_consent';
  return (await recentMarketing()) >= settings.maxMarketingPerWindow ? 'frequency_cap' : null;
};

/** The start of the frequency cap's window, as of now. */
export const capWindowStart = (deps: Pick<MessagingDeps, 'clock'>, settings: MessagingSettings) =>
  addDays(deps.clock.now(), -settings.windowDays);

/**
 * The template an arm sends instead of `template`: only one that exists and is of the same kind
 * (a marketing message must not turn transactional and skip consent). The experiment's start
 * checks its templates; one deleted or changed since is warned about and the default is sent.
 */
export const variantTemplate = async (
  deps: Pick<MessagingDeps, 'messaging' | 'warn'>,
  template: Template,
  treatment: MessageTreatment,
): Promise<Template> => {
  if (!treatment.templateKey || treatment.templateKey === template.key) return template;
  const variant = await deps.messaging.findTemplate(treatment.templateKey);
  if (variant?.kind === template.kind) return variant;
  deps.warn('experiment.template_unusable', {
    templateKey: treatment.templateKey,
    defaultTemplateKey: template.key,
    problem: variant ? `is ${variant.kind}, not ${template.kind}` : 'no longer exists',
  });
  return template;
};

/**
 * The experiments' decision for one customer, exposing them if they are not yet: except a
 * marketing message's global control group, who get nothing whatever their arm and so are not
 * counted in any arm (both arms lose them alike).
 */
const treatmentOf = async (
  deps: MessagingDeps,
  customerId: string,
  template: Template,
  settings: MessagingSettings,
  target: MessageTarget,
): Promise<MessageTreatment> => {
  if (template.kind === 'marketing' && inGlobalControl(settings, customerId)) return NO_TREATMENT;
  const treatments = await messageTreatments(deps.experiments, target, [customerId], {
    source: 'message',
    at: deps.clock.now(),
  });
  return treatments.get(customerId) ?? NO_TREATMENT;
};

/**
 * Puts a message in the outbox (or records why it is suppressed), inside the caller's
 * transaction. Marketing enqueues take a per-customer lock first, so concurrent triggers count
 * each other and never exceed the cap. Rendering happens at send time, with fresh data.
 */
export const enqueueMessage = async (
  deps: MessagingDeps,
  input: EnqueueInput,
): Promise<{ message: Message; created: boolean }> => {
  const existing = await deps.messaging.findByDedupeKey(input.customerId, input.dedupeKey);
  if (existing) return { message: existing, created: false };
  const template = await deps.messaging.findTemplate(input.templateKey);
  if (!template) throw templateNotFound(input.templateKey);
  const customer = await deps.customers.findById(input.customerId);
  if (!customer) throw customerNotFound(input.customerId);
  if (template.kind === 'marketing') {
    await deps.messaging.lockCustomer(customer.id);
    const raced = await deps.messaging.findByDedupeKey(customer.id, input.dedupeKey);
    if (raced) return { message: raced, created: false };
  }
  const settings = await deps.messaging.settings();
  const treatment =
    input.treatment ?? (await treatmentOf(deps, customer.id, template, settings, input));
  const chosen = await variantTemplate(deps, template, treatment);
  const reason = await suppressionGiven(
    customer,
    chosen,
    settings,
    () => deps.messaging.countMarketingSince(customer.id, capWindowStart(deps, settings)),
    treatment,
  );
  const now = deps.clock.now();
  return deps.messaging.insertMessage({
    id: newMessagingId('message'),
    customerId: customer.id,
    templateKey: chosen.key,
    kind: chosen.kind,
    campaignId: input.campaignId ?? null,
    journey: input.journey ?? null,
    to: customer.email,
    data: input.data ?? {},
    status: reason ? 'suppressed' : 'queued',
    reason,
    dedupeKey: input.dedupeKey,
    scheduledAt: input.scheduledAt ?? now,
    smtpMessageId: null,
    lastError: null,
    createdAt: now,
  });
};

// ---- rendering ------------------------------------------------------------------------------

const render = async (
  deps: RenderDeps,
  template: Template,
  customer: Customer,
  event: Record<string, unknown>,
  locale?: string,
): Promise<RenderedMessage & { data: TemplateData }> => {
  const chosen = chooseLocale(
    template.versions.map((v) => v.locale),
    locale ?? customer.locale,
    template.defaultLocale,
  );
  const version = template.versions.find((v) => v.locale === chosen) ?? template.versions[0]!;
  const unsubscribeUrl =
    template.kind === 'marketing' ? await deps.unsubscribeUrl(customer.id) : null;
  const data: TemplateData = {
    customerId: customer.id,
    firstName: customer.firstName,
    lastName: customer.lastName,
    email: customer.email,
    ...(await deps.personalData(customer)),
    suggestions: await deps.suggestions(customer.id),
    surveys: await deps.surveyLinks(customer.id),
    unsubscribeUrl,
    event,
  };
  return {
    ...renderVersion(version, data),
    to: customer.email ?? '',
    locale: version.locale,
    unsubscribeUrl,
    data,
  };
};

/** Renders a template for a customer without sending or recording anything. */
export const previewMessage = async (
  deps: MessagingDeps & RenderDeps,
  input: { templateKey: string; customerId: string; locale?: string },
) => {
  const template = await getTemplate(deps, input.templateKey);
  const customer = await deps.customers.findById(input.customerId);
  if (!customer) throw customerNotFound(input.customerId);
  return render(deps, template, customer, {}, input.locale);
};

/**
 * Renders an unsaved draft for a customer, in their language unless `locale` is given. A part
 * with a syntax error or an unknown variable is a template_invalid naming it, with its line.
 */
export const previewDraft = async (
  deps: MessagingDeps & RenderDeps,
  input: { draft: TemplateDraft; customerId: string; locale?: string },
) => {
  const issues = draftIssues(input.draft.versions);
  if (issues.length > 0) throw templateInvalid(issues);
  const customer = await deps.customers.findById(input.customerId);
  if (!customer) throw customerNotFound(input.customerId);
  const now = deps.clock.now();
  const template: Template = {
    id: 'draft',
    key: 'draft',
    kind: input.draft.kind,
    defaultLocale: input.draft.defaultLocale,
    description: null,
    versions: input.draft.versions,
    createdAt: now,
    updatedAt: now,
  };
  try {
    return await render(deps, template, customer, {}, input.locale);
  } catch (error) {
    // A draft that parses can still fail at render time (a helper given the wrong value).
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    throw templateInvalid([{ path: 'versions', message: message.slice(0, 300) }]);
  }
};

export type Prepared =
  | { ok: true; rendered: RenderedMessage }
  | { ok: false; reason: SuppressionReason; final: 'suppressed' | 'failed' };

/**
 * At send time: checks again that the message may go (consent can be withdrawn, an address
 * removed, the control share raised, an experiment started that holds the customer back, after it
 * was queued), renders it with the data of now and records the rendering. An experiment's
 * template variant is decided again too; one stopped since leaves the template queued.
 */
export const prepareMessage = async (
  deps: MessagingDeps & RenderDeps,
  claim: ClaimedMessage,
): Promise<Prepared> => {
  const customer = await deps.customers.findById(claim.customerId);
  if (!customer?.email) return { ok: false, reason: 'no_email', final: 'suppressed' };
  // The share may have been raised since the message was queued.
  if (claim.kind === 'marketing' && inGlobalControl(await deps.messaging.settings(), customer.id)) {
    return { ok: false, reason: 'global_control', final: 'suppressed' };
  }
  const queued = await deps.messaging.findTemplate(claim.templateKey);
  const treatment =
    claim.campaignId || claim.journey
      ? ((
          await messageTreatments(deps.experiments, claim, [customer.id], {
            source: 'message',
            at: deps.clock.now(),
          })
        ).get(customer.id) ?? NO_TREATMENT)
      : NO_TREATMENT;
  if (treatment.holdoutOf) return { ok: false, reason: 'experiment_holdout', final: 'suppressed' };
  if (claim.kind === 'marketing' && !hasEmailConsent(customer)) {
    return { ok: false, reason: 'no_consent', final: 'suppressed' };
  }
  if (!queued) return { ok: false, reason: 'template_missing', final: 'failed' };
  const template = await variantTemplate(deps, queued, treatment);
  const { data: _data, ...rendered } = await render(deps, template, customer, claim.data);
  await deps.messaging.recordRendered(claim, rendered, template.key);
  return { ok: true, rendered };
};

// ---- log ------------------------------------------------------------------------------------

export const getMessage = async (deps: Pick<MessagingDeps, 'messaging'>, id: string) => {
  const message = await deps.messaging.findMessage(id);
  if (!message) throw messageNotFound(id);
  return message;
};

export const listMessages = (deps: Pick<MessagingDeps, 'messaging'>, query: MessageQuery) =>
  deps.messaging.listMessages(query);

export const customerMessages = async (
  deps: MessagingDeps,
  query: MessageQuery & { customerId: string },
) => {
  if (!(await deps.customers.findById(query.customerId))) throw customerNotFound(query.customerId);
  return deps.messaging.listMessages(query);
};

// ---- campaigns ------------------------------------------------------------------------------

export const createCampaign = async (
  deps: MessagingDeps,
  input: { templateKey: string; segmentId: string; scheduledAt?: Date },
): Promise<Campaign> => {
  if (!(await deps.messaging.findTemplate(input.templateKey))) {
    throw templateNotFound(input.templateKey);
  }
  if (!(await deps.messaging.segmentExists(input.segmentId)))
    throw segmentNotFound(input.segmentId);
  const now = deps.clock.now();
  const campaign: Campaign = {
    id: newMessagingId('campaign'),
    templateKey: input.templateKey,
    segmentId: input.segmentId,
    status: 'scheduled',
    scheduledAt: input.scheduledAt ?? now,
    audience: 0,
    createdAt: now,
    completedAt: null,
  };
  await deps.messaging.insertCampaign(campaign);
  return campaign;
};

export const getCampaign = async (
  deps: Pick<MessagingDeps, 'messaging'>,
  id: string,
): Promise<Campaign & { counts: CampaignCounts }> => {
  const campaign = await deps.messaging.findCampaign(id);
  if (!campaign) throw campaignNotFound(id);
  const counts = (await deps.messaging.campaignCounts([id])).get(id)!;
  return { ...campaign, counts };
};

/** A page of campaigns, newest first, each with its messages counted (one query per page). */
export const listCampaigns = async (
  deps: Pick<MessagingDeps, 'messaging'>,
  query: CampaignQuery,
): Promise<{
  campaigns: (ListedCampaign & { counts: CampaignCounts })[];
  nextCursor: string | null;
}> => {
  const page = await deps.messaging.listCampaigns(query);
  const counts = await deps.messaging.campaignCounts(page.campaigns.map((c) => c.id));
  return {
    campaigns: page.campaigns.map((c) => ({ ...c, counts: counts.get(c.id)! })),
    nextCursor: page.nextCursor,
  };
};

export const campaignDedupeKey = (campaignId: string) => `campaign:${campaignId}`;

// ---- unsubscribe ----------------------------------------------------------------------------

/**
 * One-click unsubscribe (RFC 8058): records a withdrawal of e-mail consent with source
 * `unsubscribe`. Idempotent: a customer who has no consent keeps their history unchanged.
 */
export const unsubscribeByToken = async (
  deps: MessagingDeps,
  key: Buffer,
  token: string,
): Promise<{ customerId: string; changed: boolean }> => {
  const customerId = verifyUnsubscribeToken(key, token);
  const customer = customerId ? await deps.customers.findById(customerId) : null;
  if (!customer) throw unsubscribeTokenInvalid();
  if (!hasEmailConsent(customer)) return { customerId: customer.id, changed: false };
  await updateCustomer(deps, customer.id, {
    consents: [{ channel: 'email', granted: false, source: 'unsubscribe' }],
  });
  return { customerId: customer.id, changed: true };
};
