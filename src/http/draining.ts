import { randomUUID } from 'node:crypto';
import type { ServerType } from '@hono/node-server';
import type { Server } from 'node:http';

type FetchHandler = (request: Request, env: never) => Response | Promise<Response>;

/** What a request that reaches a stopping server gets: 503, and its connection closed. */
const shuttingDown = (request: Request): Response =>
  new Response(
    JSON.stringify({
      type: 'https://regulars.dev/problems/shutting_down',
      title: 'Service unavailable',
      status: 503,
      detail: 'The server is shutting down; retry the request',
      code: 'shutting_down',
      instance: new URL(request.url).pathname,
      requestId: randomUUID(),
    }),
    {
      status: 503,
      headers: {
        'content-type': 'application/problem+json',
        'retry-after': '1',
        connection: 'close',
      },
    },
  );

/** Wraps the app's fetch: once `start()` is called, every new request is refused with a 503. */
export const drainingFetch = <F extends FetchHandler>(fetch: F) => {
  let draining = false;
  return {
    fetch: ((request: Request, env: never) =>
      draining ? shuttingDown(request) : fetch(request, env)) as F,
    start: () => {
      draining = true;
    },
  };
};

/**
 * Closes the listener and the idle keep-alive connections now; `done` resolves once every
 * connection has ended; `cutConnections()` ends those still busy (the grace has run out).
 */
export const stopAccepting = (server: ServerType) => {
  const done = new Promise<void>((resolve) => server.close(() => resolve()));
  const http = server as Partial<Pick<Server, 'closeIdleConnections' | 'closeAllConnections'>>;
  http.closeIdleConnections?.();
  return { done, cutConnections: () => http.closeAllConnections?.() };
};
