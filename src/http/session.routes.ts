import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { signIn, signOut, SESSION_HOURS, type Session } from '../core/auth/sessions.js';
import type { Clock } from '../core/shared/clock.js';
import {
  apiKeyRepository,
  sessionRepository,
  signInFailureRepository,
  userRepository,
} from '../app/access.js';
import type { AppEnv } from './context.js';
import { commonErrors, json, jsonBody, problem } from './openapi.js';
import { sameOriginJsonPosts } from './request-guards.js';
import { sessionFromCookie, SESSION_COOKIE } from './session-auth.js';

const SignInBody = z
  .object({
    apiKey: z.string().min(1).max(500).optional(),
    email: z.string().min(1).max(254).optional(),
    password: z.string().min(1).max(200).optional(),
  })
  .superRefine((body, ctx) => {
    if (body.apiKey !== undefined) {
      if (body.email !== undefined || body.password !== undefined)
        ctx.addIssue({ code: 'custom', path: ['apiKey'], message: 'send apiKey alone' });
      return;
    }
    for (const field of ['email', 'password'] as const) {
      if (body[field] === undefined)
        ctx.addIssue({ code: 'custom', path: [field], message: 'is required (or send apiKey)' });
    }
  })
  .openapi('SignIn');

const SessionView = z
  .object({
    principal: z.object({
      name: z.string(),
      role: z.enum(['admin', 'pos']),
      kind: z.enum(['user', 'api_key']),
    }),
    csrfToken: z
      .string()
      .openapi({ description: 'Send as X-CSRF-Token on every write made with this session' }),
    expiresAt: z.string(),
  })
  .openapi('Session');

const present = (session: Session): z.infer<typeof SessionView> => ({
  principal: {
    name: session.principal.name,
    role: session.principal.role,
    kind: session.subject.kind,
  },
  csrfToken: session.csrfToken,
  expiresAt: session.expiresAt.toISOString(),
});

const isHttps = (c: Context) =>
  new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';

/** Sign in to the dashboard, see the session, sign out: /auth/session, outside the API key wall. */
export const sessionRoutes = (clock: Clock) => {
  const app = new OpenAPIHono<AppEnv>();
  const depsOf = (c: Context<AppEnv>) => ({
    apiKeys: apiKeyRepository(c.var.db),
    users: userRepository(c.var.db),
    sessions: sessionRepository(c.var.db),
    signInFailures: signInFailureRepository(c.var.db),
    clock,
  });
  // Sign-in must not be triggered by another site either (login CSRF).
  app.use('/auth/*', sameOriginJsonPosts);

  app.openapi(
    createRoute({
      method: 'post',
      path: '/auth/session',
      tags: ['Sessions'],
      summary: 'Sign in to the dashboard with an admin API key or a user’s e-mail and password',
      description: `Sets an HTTP-only, SameSite=Strict session cookie valid ${SESSION_HOURS} hours.`,
      security: [],
      request: { body: jsonBody(SignInBody) },
      responses: {
        200: json(SessionView, 'Signed in'),
        ...commonErrors,
        415: problem('Not JSON'),
        429: problem('Too many wrong passwords for this e-mail in the last 15 minutes'),
      },
    }),
    async (c) => {
      const { token, session } = await signIn(depsOf(c), c.req.valid('json') as never);
      const secure = isHttps(c);
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'Strict',
        secure,
        path: '/',
        maxAge: SESSION_HOURS * 3600,
      });
      return c.json(present(session), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/auth/session',
      tags: ['Sessions'],
      summary: 'The signed-in session (401 when there is none)',
      security: [],
      responses: { 200: json(SessionView, 'The session'), 401: problem('Not signed in') },
    }),
    async (c) => c.json(present(await sessionFromCookie(c, clock)), 200),
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/auth/session',
      tags: ['Sessions'],
      summary: 'Sign out (needs X-CSRF-Token)',
      security: [],
      responses: { 204: { description: 'Signed out' }, ...commonErrors },
    }),
    async (c) => {
      await sessionFromCookie(c, clock, { checkCsrf: true });
      await signOut(depsOf(c), getCookie(c, SESSION_COOKIE)!);
      deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c) });
      return c.body(null, 204);
    },
  );
  return app;
};
