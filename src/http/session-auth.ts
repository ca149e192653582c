import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { csrfTokenMatches, sessionFor, type Session } from '../core/auth/sessions.js';
import type { Clock } from '../core/shared/clock.js';
import { DomainError } from '../core/shared/errors.js';
import { sessionRepository } from '../app/access.js';
import type { AppEnv } from './context.js';

export const SESSION_COOKIE = 'regulars_session';

export const hasSessionCookie = (c: Context<AppEnv>) => getCookie(c, SESSION_COOKIE) !== undefined;

/**
 * The session behind the request's cookie. Writes must also carry the session's CSRF token: the
 * browser attaches the cookie to any request, but only our own page can read the token.
 */
export const sessionFromCookie = async (
  c: Context<AppEnv>,
  clock: Clock,
  options: { checkCsrf?: boolean } = {},
): Promise<Session> => {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) throw new DomainError('unauthorized', 'not_signed_in', 'Sign in first');
  const session = await sessionFor({ sessions: sessionRepository(c.var.db), clock }, token);
  if (options.checkCsrf && !csrfTokenMatches(session, c.req.header('x-csrf-token'))) {
    throw new DomainError(
      'forbidden',
      'csrf_token_invalid',
      'A write made with a session cookie needs the session’s X-CSRF-Token header',
    );
  }
  return session;
};

export const isSafeMethod = (method: string) =>
  method === 'GET' || method === 'HEAD' || method === 'OPTIONS';
