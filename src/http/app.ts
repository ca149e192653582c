import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { Database } from '../db/dialect.js';
import type { AppDeps, AppEnv } from './context.js';
import { customerRoutes } from './customers.routes.js';
import { renderDocsPage } from './docs.js';
import { requestContext, requireApiKey, transactionalWrite } from './middleware.js';
import { orderRoutes } from './orders.routes.js';
import { pointsRoutes } from './points.routes.js';
import { errorToResponse, problemResponse, validationErrorFrom } from './problem.js';
import { adminRoutes, healthRoute, liabilityRoute } from './system.routes.js';

const OPENAPI_INFO = {
  openapi: '3.1.0',
  info: {
    title: 'Regulars API',
    version: '0.1.0',
    description: 'Customer loyalty and retention: customers, orders and an exact points ledger.',
  },
  security: [{ bearer: [] }],
};

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

  app.use('*', requestContext(deps));
  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: deps.bodyLimitBytes,
      onError: (c) =>
        problemResponse(c, {
          status: 413,
          code: 'payload_too_large',
          detail: `The request body exceeds ${deps.bodyLimitBytes} bytes`,
        }),
    }),
  );
  app.use('/v1/*', requireApiKey(deps.db));
  app.use('/v1/*', transactionalWrite());

  app.route('/', healthRoute(deps.db, deps.database.kind));
  app.route('/', customerRoutes(deps.clock));
  app.route('/', orderRoutes(deps.clock));
  app.route('/', pointsRoutes(deps.clock));
  app.route('/', liabilityRoute(deps.clock));
  app.route('/', adminRoutes(deps.clock));

  app.doc31('/openapi.json', OPENAPI_INFO);
  app.get('/docs', (c) => c.html(renderDocsPage(app.getOpenAPI31Document(OPENAPI_INFO) as never)));
  return app;
};

export type RegularsApp = ReturnType<typeof createApp>;
