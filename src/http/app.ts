import { OpenAPIHono } from '@hono/zod-openapi';
import { except } from 'hono/combine';
import { getProgramme } from '../core/programme/programme.service.js';
import type { Database } from '../db/dialect.js';
import { repositoriesFor, type DB } from '../app/database.js';
import { emailSuggestions } from '../app/recommendations.js';
import { analyticsRangeRoutes } from './analytics-range.routes.js';
import { experimentResultsRoutes } from './experiment-results.routes.js';
import { analyticsChartRoutes } from './analytics-charts.routes.js';
import { clvRoutes } from './analytics-clv.routes.js';
import { analyticsCustomerRoutes } from './analytics-customers.routes.js';
import { analyticsRetentionRoutes } from './analytics-retention.routes.js';
import { authorizeOperation } from './access.js';
import type { AppDeps, AppEnv } from './context.js';
import { customerRoutes } from './customers.routes.js';
import { renderDocsPage } from './docs.js';
import { servedDocument } from './openapi-document.js';
import { requestContext, requirePrincipal, transactionalWrite } from './middleware.js';
import { writeOrderBatch } from './order-batch.js';
import { batchOrders, orderBatcher } from './order-batcher.js';
import { orderRoutes } from './orders.routes.js';
import { invalidateProgrammeOnChange } from './programme-cache.js';
import {
  programmeCache,
  type ProgrammeCache,
  cachedReads,
  type ExperimentsCache,
  type RulesCache,
  type TierCache,
} from '../app/programme-caches.js';
import type { TierConfig } from '../core/tiers/tiers.js';
import type { Kysely } from 'kysely';
import type { Rule } from '../core/rules/rules.js';
import type { RuleExperiment } from '../core/rules/rules.experiments.js';
import { cardRoutes } from './cards.routes.js';
import { memberRoutes } from './member.routes.js';
import { pointsRoutes } from './points.routes.js';
import { referralRoutes } from './referrals.routes.js';
import { couponRoutes } from './coupons.routes.js';
import { rewardRoutes } from './rewards.routes.js';
import { recommendationRoutes } from './recommendations.routes.js';
import { ruleRoutes } from './rules.routes.js';
import { ruleAdminRoutes } from './rule-admin.routes.js';
import { errorToResponse, problemResponse, validationErrorFrom } from './problem.js';
import { adminRoutes, healthRoute, liabilityRoute } from './system.routes.js';
import { apiKeyRoutes } from './api-keys.routes.js';
import { TIER_PLACEMENT_PATH, tierRoutes } from './tiers.routes.js';
import { feedbackRoutes } from './feedback/feedback.routes.js';
import { timelineRoutes } from './timeline.routes.js';
import { segmentRoutes } from './segments.routes.js';
import { experimentRoutes } from './experiments.routes.js';
import { invalidateWebhooksOnChange, webhookRoutes } from './webhooks.routes.js';
import { messagingEnv } from '../app/messaging-deps.js';
import { messagingRoutes } from './messaging/messaging.routes.js';
import { unsubscribeRoutes } from './unsubscribe.routes.js';
import { webRoutes } from './web.routes.js';
import { DEFAULT_PUBLIC_BODY_LIMIT_BYTES, limitRequestBody } from './request-guards.js';
import { guardRequestBody } from './body-guards.js';
import { rejectBadUrlText } from './text-guards.js';
import { sessionRoutes } from './session.routes.js';
import { userRoutes } from './users.routes.js';
import { auditAdminWrites } from './audit.middleware.js';
import { privacyRoutes } from './privacy.routes.js';

const OPENAPI_INFO = {
  openapi: '3.1.0',
  info: {
    title: 'Regulars API',
    version: '0.1.0',
    description: 'Customer loyalty and retention: customers, orders and an exact points ledger.',
  },
  security: [{ bearer: [] }],
};

// Orders per group commit, and group commits at once on PostgreSQL (of the pool's connections).
const MAX_ORDERS_PER_BATCH = 64;
const MAX_BATCHES_IN_FLIGHT = 2;

/** The batch's readers of rules and tiers, through this process's caches, on its transaction. */
const cachedReadsOf = (caches: Parameters<typeof cachedReads>[0]) => ({
  activeRules: (db: Kysely<DB>) => cachedReads(caches, db).activeRules(),
  runningExperiments: (db: Kysely<DB>) => cachedReads(caches, db).runningExperiments(),
  tierConfig: (db: Kysely<DB>) => cachedReads(caches, db).tierConfig(),
});

const ordersBatcher = (
  deps: AppDeps & { database: Pick<Database, 'kind'> },
  programme: ProgrammeCache,
  rules: RulesCache,
  tiers: TierCache,
  experiments: ExperimentsCache,
) =>
  orderBatcher({
    maxBatch: MAX_ORDERS_PER_BATCH,
    maxInFlight: deps.database.kind === 'pglite' ? 1 : MAX_BATCHES_IN_FLIGHT,
    log: deps.log,
    write: async (items) =>
      writeOrderBatch(
        {
          db: deps.db,
          clock: deps.clock,
          maxFutureSkewMinutes: deps.maxFutureSkewMinutes,
          programme: await programme.read(() => getProgramme(repositoriesFor(deps.db))),
          ...cachedReadsOf({ rulesCache: rules, tierCache: tiers, experimentsCache: experiments }),
        },
        items,
      ),
  });

export const createApp = (deps: AppDeps & { database: Pick<Database, 'kind'> }) => {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationErrorFrom(result.error, result.target);
    },
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
  });

  app.onError((error, c) =>
    errorToResponse(c, error, (e) => c.var.log?.error({ err: e }, 'http.unhandled')),
  );
  app.notFound((c) =>
    problemResponse(c, {
      status: 404,
      code: 'route_not_found',
      detail: `No route ${c.req.method} ${c.req.path}`,
    }),
  );

  const programme = programmeCache();
  const rules = programmeCache<Rule[]>();
  const tiers = programmeCache<TierConfig | null>();
  const experiments = programmeCache<RuleExperiment[]>();
  app.use('*', requestContext(deps, programme, rules, tiers, experiments));
  app.use('*', rejectBadUrlText);
  // Routes without an API key (/auth, /m, /s, /u, …) take small bodies; /v1 reads none before
  // the key is checked, and no body is parsed before its depth and text are.
  const publicLimit = deps.publicBodyLimitBytes ?? DEFAULT_PUBLIC_BODY_LIMIT_BYTES;
  app.use('*', except('/v1/*', limitRequestBody(publicLimit)));
  app.use('/v1/*', limitRequestBody(deps.bodyLimitBytes));
  app.use('/v1/*', requirePrincipal(deps.db, deps.clock));
  // Before any other /v1 middleware acts: the one table of roles per operation (access.ts).
  app.use('/v1/*', authorizeOperation);
  app.use('*', guardRequestBody());
  app.use('/v1/programme', invalidateProgrammeOnChange(programme));
  app.use('/v1/rules', invalidateProgrammeOnChange(rules));
  app.use('/v1/rules/*', invalidateProgrammeOnChange(rules));
  app.use('/v1/tiers', invalidateProgrammeOnChange(tiers));
  // Starting or stopping an experiment changes which rules' experiment conditions can hold.
  app.use('/v1/experiments', invalidateProgrammeOnChange(experiments));
  app.use('/v1/experiments/*', invalidateProgrammeOnChange(experiments));
  // Off, every order takes the per-request transaction below, like every other write.
  if (deps.orderBatching ?? true) {
    app.use('/v1/orders', batchOrders(ordersBatcher(deps, programme, rules, tiers, experiments)));
  }
  app.use('/v1/webhooks/*', invalidateWebhooksOnChange);
  // Placement commits batch by batch itself: one request-long transaction would hold every row it moves.
  app.use('/v1/*', except(TIER_PLACEMENT_PATH, transactionalWrite(deps.clock)));
  app.use('/v1/*', auditAdminWrites(deps.clock));

  app.route('/', healthRoute(deps.db, deps.database.kind, deps.readDb));
  app.route('/', sessionRoutes(deps.clock));
  app.route('/', userRoutes(deps.clock));
  app.route('/', customerRoutes(deps.clock));
  app.route('/', orderRoutes(deps.clock, { maxFutureSkewMinutes: deps.maxFutureSkewMinutes }));
  app.route('/', pointsRoutes(deps.clock));
  app.route('/', referralRoutes(deps));
  app.route('/', cardRoutes(deps));
  app.route('/', memberRoutes(deps));
  app.route('/', liabilityRoute(deps.clock));
  app.route('/', adminRoutes(deps.clock));
  app.route('/', apiKeyRoutes(deps.clock));
  app.route('/', ruleRoutes(deps.clock));
  app.route('/', ruleAdminRoutes(deps.clock));
  app.route('/', analyticsRetentionRoutes(deps.clock));
  app.route('/', analyticsCustomerRoutes(deps.clock));
  app.route('/', clvRoutes(deps.clock));
  app.route('/', analyticsChartRoutes(deps.clock));
  app.route('/', analyticsRangeRoutes(deps.clock));
  app.route('/', experimentResultsRoutes(deps.clock));
  app.route(
    '/',
    webhookRoutes(deps.clock, { allowPrivateTargets: deps.webhooksAllowPrivate ?? false }),
  );
  app.route('/', tierRoutes(deps.clock, deps.jobs));
  app.route('/', segmentRoutes(deps.clock));
  app.route('/', experimentRoutes(deps.clock));
  app.route('/', rewardRoutes(deps.clock));
  app.route('/', couponRoutes(deps.clock));
  app.route('/', recommendationRoutes(deps.clock));
  const messaging = messagingEnv({
    publicUrl: deps.publicUrl,
    suggestions: emailSuggestions,
    cardSecret: deps.cardSecret,
  });
  app.route('/', messagingRoutes(deps.clock, messaging));
  app.route('/', unsubscribeRoutes(deps.clock, messaging));
  app.route('/', feedbackRoutes(deps));
  app.route('/', timelineRoutes(deps.clock));
  app.route('/', privacyRoutes(deps.clock));

  app.route('/', webRoutes(deps.webDist));

  // Made on first use, once every route is registered.
  let document: ReturnType<typeof servedDocument> | null = null;
  const openApiDocument = () =>
    (document ??= servedDocument(app.getOpenAPI31Document(OPENAPI_INFO) as never));
  app.get('/openapi.json', (c) => c.json(openApiDocument()));
  app.get('/docs', (c) => c.html(renderDocsPage(openApiDocument())));
  return app;
};

export type RegularsApp = ReturnType<typeof createApp>;
