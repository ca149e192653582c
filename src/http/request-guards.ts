import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from './context.js';
import { problemResponse } from './problem.js';

/** The body limit of routes reached without an API key: sign-in, member page, surveys, unsubscribe. */
export const DEFAULT_PUBLIC_BODY_LIMIT_BYTES = 64 * 1024;

/**
 * Refuses bodies over `maxBytes` with a 413 problem, before a handler reads them, and closes the
 * connection: the rest of an oversized body is not read (and not drained) at all.
 */
export const limitRequestBody = (maxBytes: number): MiddlewareHandler<AppEnv> =>
  bodyLimit({
    maxSize: maxBytes,
    onError: (c) => {
      c.header('connection', 'close');
      return problemResponse(c, {
        status: 413,
        code: 'payload_too_large',
        detail: `The request body exceeds ${maxBytes} bytes`,
      });
    },
  });

const sameHost = (origin: string, url: string) => {
  try {
    return new URL(origin).host === new URL(url).host;
  } catch {
    return false;
  }
};

/**
 * For the routes a browser reaches without an API key (sign-in, the member page): a cross-site
 * HTML form can only send form or text bodies, so insisting on JSON keeps other sites' pages from
 * posting here, and an Origin other than ours is refused outright.
 */
export const sameOriginJsonPosts: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method !== 'POST') return next();
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    return problemResponse(c, {
      status: 415,
      code: 'unsupported_media_type',
      detail: 'Send the request with content-type application/json',
    });
  }
  const origin = c.req.header('origin');
  if (origin && origin !== 'null' && !sameHost(origin, c.req.url)) {
    return problemResponse(c, {
      status: 403,
      code: 'cross_origin_request',
      detail: `Requests from ${origin} are refused`,
    });
  }
  await next();
};
