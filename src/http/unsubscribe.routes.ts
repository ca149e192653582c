import { Hono } from 'hono';
import { unsubscribeByToken } from '../core/messaging/messaging.service.js';
import { unsubscribePageTexts } from '../core/messaging/unsubscribe-page.texts.js';
import { verifyUnsubscribeToken } from '../core/messaging/unsubscribe-token.js';
import type { Clock } from '../core/shared/clock.js';
import { customerRepository } from '../app/customers.js';
import { runUnitOfWork } from '../app/run-unit-of-work.js';
import { messagingDeps, type MessagingEnv } from '../app/messaging-deps.js';
import type { AppContext, AppEnv } from './context.js';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const page = (language: string, title: string, body: string) => `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5}
button{font:inherit;padding:.6rem 1.2rem;border-radius:.4rem;border:1px solid #333;background:#222;color:#fff;cursor:pointer}</style>
</head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;

/**
 * The page's language: the customer's own when the token names one we have texts in; for a
 * link that names nobody, the browser's first language.
 */
const textsFor = async (c: AppContext, customerId: string | null) => {
  const customer = customerId ? await customerRepository(c.var.db).findById(customerId) : null;
  const browser = c.req.header('accept-language')?.split(',')[0]?.split(';')[0]?.trim();
  return unsubscribePageTexts(customer?.locale, customerId ? null : browser);
};

const invalidLink = async (c: AppContext) => {
  const { language, texts: t } = await textsFor(c, null);
  return c.html(page(language, t.invalidTitle, `<p>${escapeHtml(t.invalidBody)}</p>`), 404);
};

/**
 * One-click unsubscribe (RFC 8058), outside /v1 and without an API key: the signed token in the
 * link is the authority. GET shows a page with a button (link scanners only GET, so a GET never
 * unsubscribes); POST — the button, or a mail client's `List-Unsubscribe=One-Click` — records the
 * withdrawal of e-mail consent with source `unsubscribe`.
 */
export const unsubscribeRoutes = (clock: Clock, env: MessagingEnv) => {
  const app = new Hono<AppEnv>();

  app.get('/u/:token', async (c) => {
    const token = c.req.param('token');
    const key = await env.unsubscribeKey(c.var.db, clock);
    const customerId = verifyUnsubscribeToken(key, token);
    if (!customerId) return invalidLink(c);
    const { language, texts: t } = await textsFor(c, customerId);
    return c.html(
      page(
        language,
        t.title,
        `<p>${escapeHtml(t.question)}</p>
<form method="post" action="/u/${escapeHtml(encodeURIComponent(token))}">
<input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">${escapeHtml(t.button)}</button></form>`,
      ),
      200,
    );
  });

  app.post('/u/:token', async (c) => {
    const token = c.req.param('token');
    const key = await env.unsubscribeKey(c.var.db, clock);
    if (!verifyUnsubscribeToken(key, token)) return invalidLink(c);
    const result = await runUnitOfWork(c.var.db, clock, (uow) =>
      unsubscribeByToken(messagingDeps(uow), key, token),
    );
    c.var.log.info(
      { customerId: result.customerId, changed: result.changed },
      'messaging.unsubscribed',
    );
    const { language, texts: t } = await textsFor(c, result.customerId);
    return c.html(page(language, t.doneTitle, `<p>${escapeHtml(t.doneBody)}</p>`), 200);
  });

  return app;
};
