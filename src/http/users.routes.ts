import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { NewUserSchema, createUser, disableUser, type User } from '../core/auth/users.js';
import { ROLES } from '../core/auth/auth.js';
import type { Clock } from '../core/shared/clock.js';
import { userRepository } from '../app/access.js';
import type { AppContext, AppEnv } from './context.js';
import { IdParam, IdempotencyHeader, commonErrors, json, jsonBody, problem } from './openapi.js';
import { iso } from './presenters.js';

const UserView = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    createdAt: z.string(),
    disabledAt: z.string().nullable(),
  })
  .openapi('User');

const present = (user: User): z.infer<typeof UserView> => ({
  ...user,
  createdAt: user.createdAt.toISOString(),
  disabledAt: iso(user.disabledAt),
});

const TAGS = ['Users'];

/** Dashboard users: people who sign in with e-mail and password (admin only). */
export const userRoutes = (clock: Clock) => {
  const app = new OpenAPIHono<AppEnv>();
  const deps = (c: AppContext) => ({ users: userRepository(c.var.db), clock });

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/users',
      tags: TAGS,
      summary: 'Create a dashboard user (password at least 12 characters, stored as scrypt)',
      request: { headers: IdempotencyHeader, body: jsonBody(NewUserSchema) },
      responses: {
        201: json(UserView, 'Created'),
        ...commonErrors,
        409: problem('The e-mail is taken'),
      },
    }),
    async (c) => c.json(present(await createUser(deps(c), c.req.valid('json'))), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/users',
      tags: TAGS,
      summary: 'Dashboard users',
      responses: {
        200: json(z.object({ items: z.array(UserView) }), 'All users'),
        ...commonErrors,
      },
    }),
    async (c) => c.json({ items: (await deps(c).users.list()).map(present) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/users/{id}/disable',
      tags: TAGS,
      summary: 'Disable a user; their sessions end at once',
      request: { params: IdParam('id', 'usr_01JD3Q4X5Y6Z7A8B9C0D1E2F3G') },
      responses: {
        200: json(UserView, 'Disabled'),
        ...commonErrors,
        404: problem('No such user'),
      },
    }),
    async (c) =>
      c.json(present(await disableUser(deps(c), c.req.valid('param').id as string)), 200),
  );
  return app;
};
