import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.js';
import { problemResponse } from './problem.js';

/** Our icon (a star on the brand blue), kept beside the pages' sources; it needs no build. */
const FAVICON = fileURLToPath(new URL('../../web/favicon.svg', import.meta.url));

/** Where `vite build` (npm run build:web) puts the dashboard and the member page. */
export const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

// Scripts and styles come only from this server; the pages never need a third party.
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

const ASSET_CACHE = 'public, max-age=31536000, immutable';

/**
 * The built pages. Both are single-page apps, so every path under /admin and every /m/{token}
 * answers with its HTML; the browser's router takes it from there. The HTML (a few hundred bytes)
 * is read on every request, so a rebuild never leaves a running server pointing at old scripts.
 */
export const webRoutes = (dist: string = WEB_DIST) => {
  const app = new Hono<AppEnv>();
  const page = (name: 'admin' | 'member') => (c: Context<AppEnv>) => {
    const file = `${dist}${name}.html`;
    if (!existsSync(file)) {
      return problemResponse(c, {
        status: 503,
        code: 'web_not_built',
        detail: 'The web pages are not built: run npm run build:web',
      });
    }
    return c.html(readFileSync(file, 'utf8'), 200, PAGE_HEADERS);
  };

  // Made on the first request after a build: serveStatic complains at once about a missing root,
  // and API-only servers and tests never build the pages. Only the hashed scripts and styles under
  // assets/ are served here: the HTML pages need their CSP and no-store, so /static/admin.html is a
  // 404 and the pages are reached only through /admin and /m/{token}.
  let assets: MiddlewareHandler<AppEnv> | null = null;
  app.use('/static/assets/*', async (c, next) => {
    if (!assets && !existsSync(dist)) return next();
    assets ??= serveStatic({
      root: dist,
      rewriteRequestPath: (path) => path.replace(/^\/static/, ''),
    });
    const found = await assets(c, next);
    // File names carry a content hash, so a year of caching is safe. (Set here: serveStatic calls
    // its onFound after the response is made, too late for a header.)
    if (found instanceof Response) found.headers.set('cache-control', ASSET_CACHE);
    return found;
  });
  // A newcomer opens the bare address: the dashboard is what there is to see.
  app.get('/', (c) => c.redirect('/admin', 302));
  const favicon = (c: Context<AppEnv>) =>
    c.body(readFileSync(FAVICON), 200, {
      'content-type': 'image/svg+xml',
      'cache-control': 'public, max-age=86400',
      'x-content-type-options': 'nosniff',
    });
  app.get('/favicon.svg', favicon);
  // Browsers ask for /favicon.ico on pages that link none (the API docs, a JSON answer).
  app.get('/favicon.ico', favicon);
  app.get('/admin', page('admin'));
  app.get('/admin/*', page('admin'));
  app.get('/m/:token', page('member'));
  return app;
};
