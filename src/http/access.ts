import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { Role } from '../core/auth/auth.js';
import { DomainError } from '../core/shared/errors.js';
import type { AppContext, AppEnv } from './context.js';

/** Answered without any credentials: the routes outside /v1 (health, sign-in, member and survey links). */
export const PUBLIC = 'public';
export type Access = readonly Role[] | typeof PUBLIC;

const ADMIN: readonly Role[] = ['admin'];
/** Store staff at the till or checkout (README, API): the admin may always do what pos may. */
const ADMIN_AND_POS: readonly Role[] = ['admin', 'pos'];

/**
 * Who may call each operation, by method and OpenAPI path template: the only place roles are
 * decided. pos (store staff) reads customers and points, ingests orders, redeems points,
 * identifies members by card and awards at the till, and redeems rewards and coupons at checkout;
 * everything else is admin's. A /v1 operation missing here is refused to all but admin, and a test
 * keeps this table and /openapi.json listing the same operations.
 */
export const ACCESS: Readonly<Record<string, Access>> = {
  'GET /health': PUBLIC,
  'POST /auth/session': PUBLIC,
  'GET /auth/session': PUBLIC,
  'DELETE /auth/session': PUBLIC,
  // The member's own page: the signed card token is the key.
  'GET /m/api/{token}': PUBLIC,
  'GET /m/api/{token}/qr.svg': PUBLIC,
  'POST /m/api/{token}/rewards/{rewardId}/redeem': PUBLIC,
  // A survey link: the signed token names the customer and the survey.
  'GET /s/{token}': PUBLIC,
  'POST /s/{token}': PUBLIC,

  'POST /v1/users': ADMIN,
  'GET /v1/users': ADMIN,
  'POST /v1/users/{id}/disable': ADMIN,
  'POST /v1/api-keys': ADMIN,
  'GET /v1/api-keys': ADMIN,
  'POST /v1/api-keys/{id}/revoke': ADMIN,

  // Staff look members up and read them; creating and editing profiles is the back office's.
  'POST /v1/customers': ADMIN,
  'GET /v1/customers': ADMIN_AND_POS,
  'GET /v1/customers/{id}': ADMIN_AND_POS,
  'PATCH /v1/customers/{id}': ADMIN,
  'GET /v1/customers/{id}/timeline': ADMIN,
  'GET /v1/customers/{id}/analytics': ADMIN,
  // GDPR: a person's whole record and its erasure; the audit log of admin actions.
  'GET /v1/customers/{id}/export': ADMIN,
  'POST /v1/customers/{id}/erase': ADMIN,
  'GET /v1/audit-log': ADMIN,
  'GET /v1/customers/{id}/segments': ADMIN,
  'GET /v1/customers/{id}/messages': ADMIN,
  'GET /v1/customers/{id}/referral': ADMIN_AND_POS,
  'GET /v1/customers/{id}/recommendations': ADMIN_AND_POS,

  // Orders come from the till; a return reverses points, so it is the back office's.
  'POST /v1/orders': ADMIN_AND_POS,
  'GET /v1/orders/{id}': ADMIN_AND_POS,
  'POST /v1/orders/{id}/returns': ADMIN,
  'GET /v1/customers/{id}/orders': ADMIN_AND_POS,

  'GET /v1/customers/{id}/points': ADMIN_AND_POS,
  'GET /v1/customers/{id}/ledger': ADMIN_AND_POS,
  'POST /v1/customers/{id}/points/redeem': ADMIN_AND_POS,
  'POST /v1/customers/{id}/points/adjust': ADMIN,
  'GET /v1/customers/{id}/awards': ADMIN_AND_POS,
  'GET /v1/customers/{id}/tier': ADMIN_AND_POS,
  'GET /v1/customers/{id}/tier/history': ADMIN,

  // The card itself (and rotating it) is issued by the back office; the till only scans it.
  'GET /v1/customers/{id}/card': ADMIN,
  'GET /v1/customers/{id}/card.svg': ADMIN,
  'POST /v1/customers/{id}/card/rotate': ADMIN,
  'GET /v1/pos/cards/{token}': ADMIN_AND_POS,
  'POST /v1/pos/cards/{token}/award': ADMIN_AND_POS,
  'POST /v1/pos/cards/{token}/redeem': ADMIN_AND_POS,

  // Activities (reviews, custom events) award points by rule for any customer named in the path,
  // with nothing at the till to show they happened: only the back office (or its integrations).
  'POST /v1/customers/{id}/activities': ADMIN,
  'POST /v1/customers/{id}/reviews': ADMIN,
  // A survey answered at the till (README): once per customer and survey, so its points are bounded.
  'POST /v1/customers/{id}/survey-responses': ADMIN_AND_POS,

  'GET /v1/customers/{id}/rewards': ADMIN_AND_POS,
  'POST /v1/customers/{id}/rewards/{rewardId}/redeem': ADMIN_AND_POS,
  'GET /v1/customers/{id}/coupons': ADMIN_AND_POS,
  'POST /v1/coupons/validate': ADMIN_AND_POS,
  'POST /v1/coupons/redeem': ADMIN_AND_POS,
  // Releasing gives a redeemed code back when the order is cancelled at the till.
  'POST /v1/coupons/release': ADMIN_AND_POS,
  'POST /v1/coupons/void': ADMIN,
  'POST /v1/coupon-batches': ADMIN,
  'GET /v1/coupon-batches': ADMIN,
  'GET /v1/coupon-batches/{id}': ADMIN,
  'GET /v1/coupon-batches/{id}/codes': ADMIN,
  'POST /v1/rewards': ADMIN,
  'GET /v1/rewards': ADMIN,
  'GET /v1/rewards/{id}': ADMIN,
  'PATCH /v1/rewards/{id}': ADMIN,
  'POST /v1/rewards/{id}/archive': ADMIN,

  'GET /v1/programme/liability': ADMIN,
  'GET /v1/programme': ADMIN,
  'PATCH /v1/programme': ADMIN,
  'POST /v1/rules/simulate': ADMIN,
  'POST /v1/rules': ADMIN,
  'GET /v1/rules': ADMIN,
  'GET /v1/rules/{id}': ADMIN,
  'PATCH /v1/rules/{id}': ADMIN,
  'GET /v1/rules/{id}/versions': ADMIN,
  'POST /v1/rules/{id}/simulate': ADMIN,
  'GET /v1/rules/{id}/performance': ADMIN,
  'GET /v1/rules/catalogue': ADMIN,
  'POST /v1/rules/describe': ADMIN,
  'GET /v1/tiers': ADMIN,
  'PUT /v1/tiers': ADMIN,
  'POST /v1/tiers/placement': ADMIN,
  'GET /v1/tiers/members': ADMIN,
  'GET /v1/referrals/settings': ADMIN,
  'PUT /v1/referrals/settings': ADMIN,
  'GET /v1/referrals': ADMIN,
  'POST /v1/referrals': ADMIN,
  'GET /v1/referrals/stats': ADMIN,

  'GET /v1/analytics/retention': ADMIN,
  'GET /v1/analytics/cohorts': ADMIN,
  'GET /v1/analytics/campaign-effect': ADMIN,
  'POST /v1/analytics/refresh': ADMIN,
  'GET /v1/analytics/rfm': ADMIN,
  'GET /v1/analytics/rfm/customers': ADMIN,
  'GET /v1/analytics/lifecycle': ADMIN,
  'GET /v1/analytics/kpis': ADMIN,
  'GET /v1/analytics/clv': ADMIN,
  // Experiments' results and the power estimate before start: the back office's analysis.
  'GET /v1/experiments/{id}/results': ADMIN,
  'POST /v1/experiments/power': ADMIN,
  'GET /v1/analytics/at-risk': ADMIN,
  'GET /v1/analytics/clv/at-risk': ADMIN,
  'GET /v1/analytics/charts/cohorts.svg': ADMIN,
  'GET /v1/analytics/charts/retention-curves.svg': ADMIN,
  'GET /v1/analytics/charts/retention.svg': ADMIN,
  'GET /v1/analytics/charts/rfm.svg': ADMIN,
  'GET /v1/analytics/charts/clv-validation.svg': ADMIN,
  'GET /v1/analytics/charts/clv-tracking.svg': ADMIN,
  'GET /v1/analytics/range': ADMIN,

  'POST /v1/webhooks': ADMIN,
  'GET /v1/webhooks': ADMIN,
  'GET /v1/webhooks/{id}': ADMIN,
  'PATCH /v1/webhooks/{id}': ADMIN,
  'DELETE /v1/webhooks/{id}': ADMIN,
  'POST /v1/webhooks/{id}/rotate-secret': ADMIN,
  'POST /v1/webhooks/{id}/test': ADMIN,
  'GET /v1/webhooks/{id}/deliveries': ADMIN,
  'GET /v1/webhooks/deliveries/{deliveryId}': ADMIN,
  'POST /v1/webhooks/deliveries/{deliveryId}/replay': ADMIN,

  'POST /v1/segments': ADMIN,
  'GET /v1/segments': ADMIN,
  'POST /v1/segments/preview': ADMIN,
  'GET /v1/segments/fields': ADMIN,
  'GET /v1/segments/{id}': ADMIN,
  'PATCH /v1/segments/{id}': ADMIN,
  'POST /v1/segments/{id}/archive': ADMIN,
  'POST /v1/segments/{id}/refresh': ADMIN,
  'POST /v1/segments/{id}/members': ADMIN,
  'GET /v1/segments/{id}/members': ADMIN,
  'POST /v1/recommendations/refresh': ADMIN,

  'POST /v1/experiments': ADMIN,
  'GET /v1/experiments': ADMIN,
  'GET /v1/experiments/{id}': ADMIN,
  'PATCH /v1/experiments/{id}': ADMIN,
  'POST /v1/experiments/{id}/start': ADMIN,
  'POST /v1/experiments/{id}/stop': ADMIN,
  'GET /v1/customers/{id}/experiments': ADMIN,

  'POST /v1/templates': ADMIN,
  'GET /v1/templates': ADMIN,
  'GET /v1/templates/{key}': ADMIN,
  'PUT /v1/templates/{key}': ADMIN,
  'DELETE /v1/templates/{key}': ADMIN,
  'GET /v1/templates/{key}/preview': ADMIN,
  'POST /v1/templates/preview': ADMIN,
  'GET /v1/template-variables': ADMIN,
  'POST /v1/messages': ADMIN,
  'GET /v1/messages': ADMIN,
  'GET /v1/messages/{id}': ADMIN,
  'GET /v1/messaging/settings': ADMIN,
  'PUT /v1/messaging/settings': ADMIN,
  'GET /v1/journeys': ADMIN,
  'PUT /v1/journeys': ADMIN,
  'PATCH /v1/journeys/{key}': ADMIN,
  'POST /v1/campaigns': ADMIN,
  'POST /v1/campaigns/reach': ADMIN,
  'GET /v1/campaigns': ADMIN,
  'GET /v1/campaigns/{id}': ADMIN,

  'POST /v1/surveys': ADMIN,
  'GET /v1/surveys': ADMIN,
  'GET /v1/surveys/{id}': ADMIN,
  'PATCH /v1/surveys/{id}': ADMIN,
  'GET /v1/surveys/{id}/link': ADMIN,
  'GET /v1/surveys/{id}/responses': ADMIN,
  'GET /v1/surveys/{id}/score-distribution': ADMIN,
  'GET /v1/feedback/nps': ADMIN,
  'GET /v1/feedback/charts/nps.svg': ADMIN,
  'POST /v1/complaints': ADMIN,
  'GET /v1/complaints': ADMIN,
  'GET /v1/complaints/stats': ADMIN,
  'GET /v1/complaints/{id}': ADMIN,
  'PATCH /v1/complaints/{id}': ADMIN,
  'POST /v1/complaints/{id}/replies': ADMIN,
  'PUT /v1/complaints/{id}/assignee': ADMIN,
  'POST /v1/complaints/{id}/resolve': ADMIN,
  'POST /v1/complaints/{id}/reopen': ADMIN,
};

/** Hono's `/v1/customers/:id` (a parameter may carry a `{regex}`) as OpenAPI's `/v1/customers/{id}`. */
export const openApiTemplate = (honoPath: string): string =>
  honoPath.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}');

/**
 * The operation a request reaches, as "METHOD /template": the first route that matched it and is
 * not middleware (middleware is registered with `use`, for every method). Null when no route does.
 * Found here, before the route runs, because the mounted sub-apps' routes all land in one router.
 */
export const operationOf = (c: AppContext): string | null => {
  const route = matchedRoutes(c).find((r) => r.method !== 'ALL');
  return route ? `${route.method.toUpperCase()} ${openApiTemplate(route.path)}` : null;
};

/** The roles that may call an operation: deny by default, so an unlisted one is admin's alone. */
export const rolesFor = (operation: string | null): readonly Role[] => {
  const access = operation === null ? undefined : ACCESS[operation];
  return access === undefined || access === PUBLIC ? ADMIN : access;
};

/** After `requirePrincipal`: refuses the principal (API key or session) whose role the table lacks. */
export const authorizeOperation: MiddlewareHandler<AppEnv> = async (c, next) => {
  const operation = operationOf(c);
  const roles = rolesFor(operation);
  if (!roles.includes(c.var.principal.role)) {
    throw new DomainError(
      'forbidden',
      'role_not_allowed',
      `${operation ?? `${c.req.method} ${c.req.path}`} needs the role ${roles.join(' or ')}`,
    );
  }
  await next();
};
