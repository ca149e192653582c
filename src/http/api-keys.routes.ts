import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { listApiKeys, revokeApiKey } from '../core/auth/auth.service.js';
import { ROLES, type ApiKey } from '../core/auth/auth.js';
import type { Clock } from '../core/shared/clock.js';
import { apiKeyRepository } from '../app/access.js';
import type { AppContext, AppEnv } from './context.js';
import { forgetApiKey } from './middleware.js';
import { IdParam, IdempotencyHeader, commonErrors, json, problem } from './openapi.js';

const ApiKeyView = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    createdAt: z.string().datetime(),
    revokedAt: z.string().datetime().nullable(),
  })
  .openapi('ApiKey');

const present = (key: ApiKey): z.infer<typeof ApiKeyView> => ({
  id: key.id,
  name: key.name,
  role: key.role,
  createdAt: key.createdAt.toISOString(),
  revokedAt: key.revokedAt?.toISOString() ?? null,
});

const TAGS = ['System'];

/** Listing and revoking API keys (admin only; creating one is `POST /v1/api-keys`). */
export const apiKeyRoutes = (clock: Clock) => {
  const app = new OpenAPIHono<AppEnv>();
  const deps = (c: AppContext) => ({ apiKeys: apiKeyRepository(c.var.db), clock });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/api-keys',
      tags: TAGS,
      summary: 'Every API key, oldest first, revoked ones included (never a secret or hash)',
      responses: {
        200: json(z.object({ items: z.array(ApiKeyView) }), 'All keys'),
        ...commonErrors,
      },
    }),
    async (c) => c.json({ items: (await listApiKeys(deps(c))).map(present) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/api-keys/{id}/revoke',
      tags: TAGS,
      summary:
        'Revoke an API key (idempotent). It stops working at once on this server and within 5 seconds on every other server process',
      request: {
        headers: IdempotencyHeader,
        params: IdParam('id', 'key_01JD3Q4X5Y6Z7A8B9C0D1E2F3G'),
      },
      responses: {
        200: json(ApiKeyView, 'Revoked (or already revoked: the first revocation stands)'),
        ...commonErrors,
        404: problem('No such key'),
        409: problem('The last active admin key: create another admin key first'),
      },
    }),
    async (c) => {
      const key = await revokeApiKey(deps(c), c.req.valid('param').id as string);
      forgetApiKey(key.id);
      return c.json(present(key), 200);
    },
  );
  return app;
};
