import type { MiddlewareHandler } from 'hono';
import { actorOf } from '../core/audit/audit.js';
import type { Clock } from '../core/shared/clock.js';
import { newId } from '../core/shared/ids.js';
import { auditLogRepository } from '../app/access.js';
import type { AppEnv } from './context.js';

type Body = Record<string, unknown>;

interface AuditedAction {
  method: string;
  /** The route's path; `:x` matches one segment, whose value is the target id. */
  path: string;
  action: string | ((body: Body) => string);
  target: string;
}

const statusAction = (noun: string) => (body: Body) =>
  body.status === 'active'
    ? `${noun}.activated`
    : body.status === 'archived'
      ? `${noun}.archived`
      : `${noun}.updated`;

/**
 * The admin writes the audit log records, by route. Export and erasure of a customer are
 * recorded by their own service (with what they changed); reads are not recorded.
 */
export const AUDITED_ACTIONS: AuditedAction[] = [
  { method: 'POST', path: '/v1/rules', action: 'rule.created', target: 'rule' },
  { method: 'PATCH', path: '/v1/rules/:id', action: statusAction('rule'), target: 'rule' },
  { method: 'PUT', path: '/v1/tiers', action: 'tiers.updated', target: 'tiers' },
  { method: 'POST', path: '/v1/tiers/placement', action: 'tiers.placed', target: 'tiers' },
  { method: 'POST', path: '/v1/rewards', action: 'reward.created', target: 'reward' },
  { method: 'PATCH', path: '/v1/rewards/:id', action: 'reward.updated', target: 'reward' },
  { method: 'POST', path: '/v1/rewards/:id/archive', action: 'reward.archived', target: 'reward' },
  {
    method: 'POST',
    path: '/v1/coupon-batches',
    action: 'coupon_batch.created',
    target: 'coupon_batch',
  },
  { method: 'POST', path: '/v1/coupons/void', action: 'coupon.voided', target: 'coupon' },
  { method: 'PATCH', path: '/v1/programme', action: 'programme.updated', target: 'programme' },
  {
    method: 'PUT',
    path: '/v1/referrals/settings',
    action: 'referral_settings.updated',
    target: 'referral_settings',
  },
  { method: 'POST', path: '/v1/api-keys', action: 'api_key.created', target: 'api_key' },
  {
    method: 'POST',
    path: '/v1/api-keys/:id/revoke',
    action: 'api_key.revoked',
    target: 'api_key',
  },
  { method: 'POST', path: '/v1/users', action: 'user.created', target: 'user' },
  { method: 'POST', path: '/v1/users/:id/disable', action: 'user.disabled', target: 'user' },
  { method: 'POST', path: '/v1/webhooks', action: 'webhook.created', target: 'webhook' },
  { method: 'PATCH', path: '/v1/webhooks/:id', action: 'webhook.updated', target: 'webhook' },
  { method: 'DELETE', path: '/v1/webhooks/:id', action: 'webhook.deleted', target: 'webhook' },
  {
    method: 'POST',
    path: '/v1/webhooks/:id/rotate-secret',
    action: 'webhook.secret_rotated',
    target: 'webhook',
  },
  {
    method: 'POST',
    path: '/v1/webhooks/deliveries/:id/replay',
    action: 'webhook.delivery_replayed',
    target: 'webhook_delivery',
  },
  { method: 'POST', path: '/v1/segments', action: 'segment.created', target: 'segment' },
  { method: 'PATCH', path: '/v1/segments/:id', action: 'segment.updated', target: 'segment' },
  {
    method: 'POST',
    path: '/v1/segments/:id/archive',
    action: 'segment.archived',
    target: 'segment',
  },
  {
    method: 'POST',
    path: '/v1/segments/:id/members',
    action: 'segment.members_added',
    target: 'segment',
  },
  { method: 'POST', path: '/v1/experiments', action: 'experiment.created', target: 'experiment' },
  {
    method: 'PATCH',
    path: '/v1/experiments/:id',
    action: 'experiment.updated',
    target: 'experiment',
  },
  {
    method: 'POST',
    path: '/v1/experiments/:id/start',
    action: 'experiment.started',
    target: 'experiment',
  },
  {
    method: 'POST',
    path: '/v1/experiments/:id/stop',
    action: 'experiment.stopped',
    target: 'experiment',
  },
  { method: 'POST', path: '/v1/campaigns', action: 'campaign.created', target: 'campaign' },
  { method: 'PUT', path: '/v1/journeys', action: 'journeys.updated', target: 'journeys' },
  { method: 'PATCH', path: '/v1/journeys/:key', action: 'journey.updated', target: 'journey' },
  {
    method: 'PUT',
    path: '/v1/messaging/settings',
    action: 'messaging_settings.updated',
    target: 'messaging_settings',
  },
  { method: 'POST', path: '/v1/templates', action: 'template.created', target: 'template' },
  { method: 'PUT', path: '/v1/templates/:key', action: 'template.updated', target: 'template' },
  { method: 'DELETE', path: '/v1/templates/:key', action: 'template.deleted', target: 'template' },
  { method: 'POST', path: '/v1/surveys', action: 'survey.created', target: 'survey' },
  { method: 'PATCH', path: '/v1/surveys/:id', action: statusAction('survey'), target: 'survey' },
  {
    method: 'POST',
    path: '/v1/customers/:id/points/adjust',
    action: 'points.adjusted',
    target: 'customer',
  },
];

/** Request fields whose values the summary may repeat; every other field is named, not shown. */
const SHOWN_FIELDS = [
  'status',
  'points',
  'name',
  'key',
  'role',
  'active',
  'kind',
  'trigger',
  'enabled',
  'templateKey',
  'delayDays',
  'delayHours',
];

const matchAction = (method: string, path: string) => {
  const parts = path.split('/');
  for (const a of AUDITED_ACTIONS) {
    if (a.method !== method) continue;
    const pattern = a.path.split('/');
    if (pattern.length !== parts.length) continue;
    let param: string | null = null;
    const ok = pattern.every((p, i) => {
      if (p.startsWith(':')) {
        param = decodeURIComponent(parts[i]!);
        return parts[i]!.length > 0;
      }
      return p === parts[i];
    });
    if (ok) return { audited: a, param: param as string | null };
  }
  return null;
};

const parseObject = (text: string): Body => {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Body) : {};
  } catch {
    return {};
  }
};

/**
 * Records a successful admin write (status < 400) in the audit log, on the request's database
 * handle: inside the write's transaction, so a write that rolls back leaves no entry. The summary
 * names the fields sent and repeats only harmless ones: never a secret, password or key.
 */
export const auditAdminWrites =
  (clock: Clock): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    await next();
    if (c.res.status >= 400) return;
    const match = matchAction(c.req.method, c.req.path);
    if (!match) return;
    const body = parseObject(await c.req.text());
    const response = match.param ? {} : parseObject(await c.res.clone().text());
    const { audited } = match;
    const targetId = match.param ?? (typeof response.id === 'string' ? response.id : null);
    await auditLogRepository(c.var.db).insert({
      id: newId('audit'),
      at: clock.now(),
      actor: actorOf(c.var.principal),
      action: typeof audited.action === 'string' ? audited.action : audited.action(body),
      targetType: audited.target,
      targetId,
      summary: {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        requestId: c.var.requestId,
        fields: Object.keys(body).sort(),
        ...Object.fromEntries(SHOWN_FIELDS.filter((f) => f in body).map((f) => [f, body[f]])),
      },
    });
  };
