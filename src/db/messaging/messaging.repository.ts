import { sql, type Kysely, type Selectable } from 'kysely';
import {
  JourneysSchema,
  MessagingSettingsSchema,
  type Campaign,
  type CampaignCounts,
  type ClaimedMessage,
  type ListedCampaign,
  type Message,
  type MessagingRepository,
  type NewMessage,
  type SendOutcome,
  type Template,
} from '../../core/messaging/messaging.js';
import { inTransaction } from '../repositories.js';
import type { DB } from '../schema.js';

// The first key of the two-key advisory locks that serialise a customer's marketing enqueues.
const MESSAGE_LOCK_SPACE = 8_417;
const SETTINGS = 'settings';
const JOURNEYS = 'journeys';

const fromMessageRow = (r: Selectable<DB['message']>): Message => ({
  id: r.id,
  customerId: r.customer_id,
  templateKey: r.template_key,
  kind: r.kind,
  locale: r.locale,
  campaignId: r.campaign_id,
  journey: r.journey,
  to: r.to_address,
  subject: r.subject,
  html: r.html,
  text: r.text,
  unsubscribeUrl: r.unsubscribe_url,
  data: r.data,
  status: r.status,
  reason: r.reason,
  dedupeKey: r.dedupe_key,
  scheduledAt: r.scheduled_at,
  sentAt: r.sent_at,
  attempts: r.attempts,
  smtpMessageId: r.smtp_message_id,
  lastError: r.last_error,
  createdAt: r.created_at,
});

const fromCampaignRow = (r: Selectable<DB['campaign']>): Campaign => ({
  id: r.id,
  templateKey: r.template_key,
  segmentId: r.segment_id,
  status: r.status,
  scheduledAt: r.scheduled_at,
  audience: r.audience,
  createdAt: r.created_at,
  completedAt: r.completed_at,
});

const templatesWithVersions = async (
  db: Kysely<DB>,
  rows: Selectable<DB['message_template']>[],
): Promise<Template[]> => {
  if (rows.length === 0) return [];
  const versions = await db
    .selectFrom('message_template_version')
    .selectAll()
    .where(
      'template_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('locale')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    key: r.key,
    kind: r.kind,
    defaultLocale: r.default_locale,
    description: r.description,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    versions: versions
      .filter((v) => v.template_id === r.id)
      .map((v) => ({ locale: v.locale, subject: v.subject, html: v.html, text: v.text })),
  }));
};

const insertVersions = async (db: Kysely<DB>, template: Template) => {
  await db
    .insertInto('message_template_version')
    .values(template.versions.map((v) => ({ template_id: template.id, ...v })))
    .execute();
};

const readConfig = async (db: Kysely<DB>, name: string): Promise<unknown> =>
  (
    await db
      .selectFrom('messaging_config')
      .select('value')
      .where('name', '=', name)
      .executeTakeFirst()
  )?.value ?? {};

const writeConfig = async (db: Kysely<DB>, name: string, value: unknown, at: Date) => {
  await db
    .insertInto('messaging_config')
    .values({ name, value: JSON.stringify(value), updated_at: at })
    .onConflict((oc) =>
      oc.column('name').doUpdateSet({ value: JSON.stringify(value), updated_at: at }),
    )
    .execute();
};

/**
 * Takes due messages: finds them without locking, then leases them in an update that checks
 * again that each is still due and unleased. Two senders that find the same messages do not both
 * get one: the second update waits on the first one's row lock, then sees the lease. (Not a
 * SKIP LOCKED sweep: on Citus a locking select cannot span the shards of many customers.)
 */
const claimDue = async (
  db: Kysely<DB>,
  now: Date,
  leaseUntil: Date,
  limit: number,
  includeOutbox: boolean,
): Promise<ClaimedMessage[]> => {
  const statuses = includeOutbox ? (['queued', 'outbox'] as const) : (['queued'] as const);
  const due = await db
    .selectFrom('message')
    .select(['customer_id', 'id'])
    .where('status', 'in', statuses)
    .where('scheduled_at', '<=', now)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
    .orderBy('scheduled_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  if (due.length === 0) return [];
  const leased = await db
    .updateTable('message')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), lease_until: leaseUntil }))
    .where('customer_id', 'in', [...new Set(due.map((d) => d.customer_id))])
    .where(
      'id',
      'in',
      due.map((d) => d.id),
    )
    .where('status', 'in', statuses)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
    .returning([
      'id',
      'attempts',
      'customer_id',
      'template_key',
      'kind',
      'data',
      'scheduled_at',
      'campaign_id',
      'journey',
    ])
    .execute();
  return leased
    .sort((a, b) => a.scheduled_at.getTime() - b.scheduled_at.getTime() || (a.id < b.id ? -1 : 1))
    .map((m) => ({
      id: m.id,
      attempt: m.attempts,
      customerId: m.customer_id,
      templateKey: m.template_key,
      kind: m.kind,
      data: m.data,
      campaignId: m.campaign_id,
      journey: m.journey,
    }));
};

const outcomeChanges = (outcome: SendOutcome) => {
  switch (outcome.status) {
    case 'sent':
      return {
        status: 'sent' as const,
        sent_at: outcome.at,
        smtp_message_id: outcome.smtpMessageId,
        reason: null,
        last_error: null,
      };
    case 'suppressed':
      return { status: 'suppressed' as const, reason: outcome.reason };
    case 'outbox':
      return { status: 'outbox' as const, reason: 'smtp_not_configured' };
    case 'queued':
      return {
        status: 'queued' as const,
        scheduled_at: outcome.retryAt,
        last_error: outcome.error,
      };
    case 'failed':
      return { status: 'failed' as const, reason: outcome.reason, last_error: outcome.error };
  }
};

/** Marketing messages that count against the frequency cap: sent, or due to be, since `since`. */
const marketingSince = (db: Kysely<DB>, since: Date) =>
  db
    .selectFrom('message')
    .where('kind', '=', 'marketing')
    .where('status', 'in', ['queued', 'outbox', 'sent'])
    .where(sql<Date>`coalesce(sent_at, scheduled_at)`, '>=', since);

export const messagingRepository = (db: Kysely<DB>): MessagingRepository => ({
  insertTemplate: async (template) => {
    await db
      .insertInto('message_template')
      .values({
        id: template.id,
        key: template.key,
        kind: template.kind,
        default_locale: template.defaultLocale,
        description: template.description,
        created_at: template.createdAt,
        updated_at: template.updatedAt,
      })
      .execute();
    await insertVersions(db, template);
  },
  replaceTemplate: async (template) => {
    await db
      .updateTable('message_template')
      .set({
        kind: template.kind,
        default_locale: template.defaultLocale,
        description: template.description,
        updated_at: template.updatedAt,
      })
      .where('id', '=', template.id)
      .execute();
    await db
      .deleteFrom('message_template_version')
      .where('template_id', '=', template.id)
      .execute();
    await insertVersions(db, template);
  },
  deleteTemplate: async (id) => {
    await db.deleteFrom('message_template').where('id', '=', id).execute();
  },
  findTemplate: async (key) => {
    const row = await db
      .selectFrom('message_template')
      .selectAll()
      .where('key', '=', key)
      .executeTakeFirst();
    return row ? ((await templatesWithVersions(db, [row]))[0] ?? null) : null;
  },
  listTemplates: async () =>
    templatesWithVersions(
      db,
      await db.selectFrom('message_template').selectAll().orderBy('key').execute(),
    ),
  settings: async () => MessagingSettingsSchema.parse(await readConfig(db, SETTINGS)),
  saveSettings: async (settings, at) => {
    const value = JSON.stringify(settings);
    // A stored salt wins in the same statement: a concurrent first save waits on the row, then
    // keeps the salt the first one committed (the group must never change silently).
    const row = await db
      .insertInto('messaging_config')
      .values({ name: SETTINGS, value, updated_at: at })
      .onConflict((oc) =>
        oc.column('name').doUpdateSet({
          value: sql`case when jsonb_typeof(messaging_config.value -> 'globalControlSalt') = 'string'
            then excluded.value || jsonb_build_object('globalControlSalt', messaging_config.value -> 'globalControlSalt')
            else excluded.value end`,
          updated_at: at,
        }),
      )
      .returning('value')
      .executeTakeFirstOrThrow();
    return MessagingSettingsSchema.parse(row.value);
  },
  journeys: async () => JourneysSchema.parse(await readConfig(db, JOURNEYS)),
  saveJourneys: (journeys, at) => writeConfig(db, JOURNEYS, journeys, at),
  lockCustomer: async (customerId) => {
    await sql`select pg_advisory_xact_lock(${MESSAGE_LOCK_SPACE}, hashtext(${customerId}))`.execute(
      db,
    );
  },
  countMarketingSince: async (customerId, since) => {
    const row = await marketingSince(db, since)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('customer_id', '=', customerId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
  countMarketingSinceMany: async (customerIds, since) => {
    const rows = await marketingSince(db, since)
      .select(['customer_id', (eb) => eb.fn.countAll<string>().as('n')])
      .where('customer_id', 'in', customerIds)
      .groupBy('customer_id')
      .execute();
    return new Map(rows.map((r) => [r.customer_id, Number(r.n)]));
  },
  findByDedupeKey: async (customerId, dedupeKey) => {
    const row = await db
      .selectFrom('message')
      .selectAll()
      .where('customer_id', '=', customerId)
      .where('dedupe_key', '=', dedupeKey)
      .executeTakeFirst();
    return row ? fromMessageRow(row) : null;
  },
  insertMessage: async (m: NewMessage) => {
    const inserted = await db
      .insertInto('message')
      .values({
        id: m.id,
        customer_id: m.customerId,
        template_key: m.templateKey,
        kind: m.kind,
        campaign_id: m.campaignId,
        journey: m.journey,
        to_address: m.to,
        data: JSON.stringify(m.data),
        status: m.status,
        reason: m.reason,
        dedupe_key: m.dedupeKey,
        scheduled_at: m.scheduledAt,
        created_at: m.createdAt,
        updated_at: m.createdAt,
      })
      .onConflict((oc) => oc.columns(['customer_id', 'dedupe_key']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return { message: fromMessageRow(inserted), created: true };
    const existing = await db
      .selectFrom('message')
      .selectAll()
      .where('customer_id', '=', m.customerId)
      .where('dedupe_key', '=', m.dedupeKey)
      .executeTakeFirstOrThrow();
    return { message: fromMessageRow(existing), created: false };
  },
  findMessage: async (id) => {
    const row = await db.selectFrom('message').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? fromMessageRow(row) : null;
  },
  listMessages: async (query) => {
    let q = db.selectFrom('message').selectAll();
    if (query.status) q = q.where('status', '=', query.status);
    if (query.customerId) q = q.where('customer_id', '=', query.customerId);
    if (query.cursor) q = q.where('id', '<', query.cursor);
    const rows = await q
      .orderBy('id', 'desc')
      .limit(query.limit + 1)
      .execute();
    const messages = rows.slice(0, query.limit).map(fromMessageRow);
    return {
      messages,
      nextCursor: rows.length > query.limit ? (messages.at(-1)?.id ?? null) : null,
    };
  },
  claimDue: (now, leaseUntil, limit, includeOutbox) =>
    claimDue(db, now, leaseUntil, limit, includeOutbox),
  recordRendered: async (claim, r, templateKey) => {
    await db
      .updateTable('message')
      .set({
        template_key: templateKey,
        to_address: r.to,
        locale: r.locale,
        subject: r.subject,
        html: r.html,
        text: r.text,
        unsubscribe_url: r.unsubscribeUrl,
      })
      .where('customer_id', '=', claim.customerId)
      .where('id', '=', claim.id)
      .where('attempts', '=', claim.attempt)
      .execute();
  },
  releaseClaims: async (claims) => {
    let released = 0;
    for (const claim of claims) {
      const result = await db
        .updateTable('message')
        .set((eb) => ({ attempts: eb('attempts', '-', 1), lease_until: null }))
        .where('customer_id', '=', claim.customerId)
        .where('id', '=', claim.id)
        .where('attempts', '=', claim.attempt)
        .where('lease_until', 'is not', null)
        .where('status', 'in', ['queued', 'outbox'])
        .executeTakeFirst();
      released += Number(result.numUpdatedRows);
    }
    return released;
  },
  recordOutcome: async (claim, outcome, at) => {
    const moved = await db
      .updateTable('message')
      .set({ ...outcomeChanges(outcome), lease_until: null, updated_at: at })
      .where('customer_id', '=', claim.customerId)
      .where('id', '=', claim.id)
      .where('attempts', '=', claim.attempt)
      .where('status', 'in', ['queued', 'outbox'])
      .executeTakeFirst();
    return Number(moved.numUpdatedRows) === 1;
  },
  insertCampaign: async (c) => {
    await db
      .insertInto('campaign')
      .values({
        id: c.id,
        template_key: c.templateKey,
        segment_id: c.segmentId,
        status: c.status,
        scheduled_at: c.scheduledAt,
        audience: c.audience,
        created_at: c.createdAt,
        completed_at: c.completedAt,
      })
      .execute();
  },
  findCampaign: async (id) => {
    const row = await db.selectFrom('campaign').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? fromCampaignRow(row) : null;
  },
  listCampaigns: async (query) => {
    let q = db
      .selectFrom('campaign')
      .leftJoin('segment', 'segment.id', 'campaign.segment_id')
      .selectAll('campaign')
      .select([
        'segment.id as segment_ref_id',
        'segment.key as segment_key',
        'segment.name as segment_name',
      ]);
    if (query.status) q = q.where('campaign.status', '=', query.status);
    if (query.cursor) q = q.where('campaign.id', '<', query.cursor);
    const rows = await q
      .orderBy('campaign.id', 'desc')
      .limit(query.limit + 1)
      .execute();
    const campaigns = rows
      .slice(0, query.limit)
      .map(({ segment_ref_id, segment_key, segment_name, ...row }): ListedCampaign => ({
        ...fromCampaignRow(row),
        segment:
          segment_ref_id !== null && segment_key !== null && segment_name !== null
            ? { id: segment_ref_id, key: segment_key, name: segment_name }
            : null,
      }));
    return {
      campaigns,
      nextCursor: rows.length > query.limit ? (campaigns.at(-1)?.id ?? null) : null,
    };
  },
  campaignCounts: async (ids) => {
    const byCampaign = new Map<string, CampaignCounts>(
      ids.map((id) => [
        id,
        { queued: 0, sent: 0, outbox: 0, failed: 0, suppressed: 0, suppressedByReason: {} },
      ]),
    );
    if (ids.length === 0) return byCampaign;
    // One statement for all the campaigns: message_campaign_idx finds each one's messages.
    const rows = await db
      .selectFrom('message')
      .select(['campaign_id', 'status', 'reason', (eb) => eb.fn.countAll<string>().as('n')])
      .where('campaign_id', 'in', [...ids])
      .groupBy(['campaign_id', 'status', 'reason'])
      .execute();
    for (const r of rows) {
      const counts = r.campaign_id === null ? undefined : byCampaign.get(r.campaign_id);
      if (!counts) continue;
      counts[r.status] += Number(r.n);
      if (r.status === 'suppressed' && r.reason) {
        counts.suppressedByReason[r.reason] =
          (counts.suppressedByReason[r.reason] ?? 0) + Number(r.n);
      }
    }
    return byCampaign;
  },
  claimDueCampaign: (now, leaseUntil) =>
    inTransaction(db, async (trx) => {
      const due = await trx
        .selectFrom('campaign')
        .select('id')
        .where('status', '<>', 'done')
        .where('scheduled_at', '<=', now)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
        .orderBy('scheduled_at')
        .orderBy('id')
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!due) return null;
      const row = await trx
        .updateTable('campaign')
        .set({ status: 'expanding', lease_until: leaseUntil })
        .where('id', '=', due.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return fromCampaignRow(row);
    }),
  segmentMembers: async (segmentId, after, limit) =>
    (
      await db
        .selectFrom('segment_member')
        .select('customer_id')
        .where('segment_id', '=', segmentId)
        .$if(after !== null, (q) => q.where('customer_id', '>', after!))
        .orderBy('customer_id')
        .limit(limit)
        .execute()
    ).map((r) => r.customer_id),
  segmentExists: async (segmentId) =>
    (await db.selectFrom('segment').select('id').where('id', '=', segmentId).executeTakeFirst()) !==
    undefined,
  finishCampaign: async (id, audience, at) => {
    await db
      .updateTable('campaign')
      .set({ status: 'done', audience, completed_at: at, lease_until: null })
      .where('id', '=', id)
      .execute();
  },
});
