import { z } from 'zod';

/**
 * The audit log of admin actions (docs/privacy.md#audit-log): who changed rules, tiers, rewards,
 * settings, keys, users, webhooks, segments, messaging, points; who exported or erased a
 * customer. Written in the same transaction as the change; never holds secrets.
 */
export interface AuditActor {
  keyId: string | null;
  userId: string | null;
  label: string;
}

export interface AuditEntry {
  id: string;
  at: Date;
  actor: AuditActor;
  action: string;
  targetType: string;
  targetId: string | null;
  summary: Record<string, unknown>;
}

export const AuditQuerySchema = z.object({
  action: z.string().min(1).max(100).optional().describe('e.g. rule.updated, customer.erased'),
  actor: z.string().min(1).max(200).optional().describe('An API key id, user id or actor label'),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional().describe('The nextCursor of the previous page'),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export interface AuditPage {
  entries: AuditEntry[];
  nextCursor: string | null;
}

export interface AuditRepository {
  insert(entry: AuditEntry): Promise<void>;
  /** Newest first; the cursor is the id of the last entry seen. */
  list(query: AuditQuery): Promise<AuditPage>;
  /** The newest entry of this action on this target, if any. */
  latest(action: string, targetId: string): Promise<AuditEntry | null>;
}

/** An actor from who is asking: an API key (`key_…`) or a dashboard user (`usr_…`). */
export const actorOf = (principal: { keyId: string; name: string }): AuditActor => ({
  keyId: principal.keyId.startsWith('usr_') ? null : principal.keyId,
  userId: principal.keyId.startsWith('usr_') ? principal.keyId : null,
  label: principal.name,
});
