import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { FieldIssue } from '../core/shared/errors.js';
import type { AppEnv } from './context.js';
import { problemResponse } from './problem.js';

/**
 * Text the API refuses at the edge, whatever the operation: a NUL (U+0000, which PostgreSQL cannot
 * store in text) or an unpaired UTF-16 surrogate (not Unicode; JSON's "\ud800" decodes to one), and
 * percent-encoding that does not decode to UTF-8. Each fault is a 400 `invalid_text` naming where
 * it was: `path.<param>`, `query.<name>`, `header.<Name>` or `body.<field path>`.
 */

/** How many faults one answer lists. */
const MAX_ISSUES = 10;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const BAD_CHARACTERS =
  /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A name fit to print in a path: each bad character shown as U+FFFD. */
const printable = (name: string) => name.replace(BAD_CHARACTERS, '\uFFFD');

/** Why a string is not text we accept, or null when it is. */
export const badTextReason = (value: string): string | null => {
  if (value.includes('\u0000')) return 'contains a NUL character (U+0000)';
  if (LONE_SURROGATE.test(value)) return 'contains an unpaired surrogate (not valid Unicode text)';
  return null;
};

const NOT_UTF8 = 'is not valid percent-encoded UTF-8';

/** Strict percent-decoding: malformed sequences and encoded surrogates are errors, not kept as is. */
const decodeStrict = (raw: string): string | null => {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
};

/** Every string (keys too) in a parsed JSON value, walked without recursion. */
export const badTextInValue = (value: unknown, root: string): FieldIssue[] => {
  const issues: FieldIssue[] = [];
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length > 0 && issues.length < MAX_ISSUES) {
    const [node, path] = stack.pop()!;
    if (typeof node === 'string') {
      const reason = badTextReason(node);
      if (reason) issues.push({ path, message: reason });
    } else if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i -= 1) stack.push([node[i], `${path}.${i}`]);
    } else if (typeof node === 'object' && node !== null) {
      const entries = Object.entries(node);
      for (let i = entries.length - 1; i >= 0; i -= 1) {
        const [key, child] = entries[i]!;
        const reason = badTextReason(key);
        if (reason)
          issues.push({ path: `${path}.${printable(key)}`, message: `the name ${reason}` });
        stack.push([child, `${path}.${printable(key)}`]);
      }
    }
  }
  return issues.slice(0, MAX_ISSUES);
};

/** `a=1&b=2` (a query string or a form body): each name and value decoded strictly and checked. */
export const badTextInPairs = (raw: string, root: string): FieldIssue[] => {
  const issues: FieldIssue[] = [];
  for (const pair of raw.split('&')) {
    if (pair === '' || issues.length >= MAX_ISSUES) continue;
    const at = pair.indexOf('=');
    const rawName = (at === -1 ? pair : pair.slice(0, at)).replace(/\+/g, ' ');
    const rawValue = at === -1 ? '' : pair.slice(at + 1).replace(/\+/g, ' ');
    const name = decodeStrict(rawName);
    const value = decodeStrict(rawValue);
    const path = `${root}.${name === null ? rawName : printable(name)}`;
    if (name === null || value === null) issues.push({ path, message: NOT_UTF8 });
    else {
      const reason = badTextReason(name) ?? badTextReason(value);
      if (reason) issues.push({ path, message: reason });
    }
  }
  return issues;
};

/** The parameter names of the route that will answer, by path segment (`/v1/customers/:id`). */
const templateSegments = (c: Context): string[] => {
  const handlers = matchedRoutes(c).filter((route) => route.method !== 'ALL');
  const path = handlers.at(-1)?.path ?? '';
  return path.split('/');
};

const paramName = (segment: string | undefined): string | null => {
  if (!segment?.startsWith(':')) return null;
  return segment.slice(1).replace(/\{.*$/, '').replace(/\?$/, '');
};

const splitUrl = (url: string) => {
  const start = url.indexOf('/', url.indexOf('://') + 3);
  const rest = start === -1 ? '/' : url.slice(start).replace(/#.*$/, '');
  const q = rest.indexOf('?');
  return q === -1
    ? { path: rest, query: '' }
    : { path: rest.slice(0, q), query: rest.slice(q + 1) };
};

const badTextInPath = (c: Context, rawPath: string): FieldIssue[] => {
  const template = templateSegments(c);
  const issues: FieldIssue[] = [];
  rawPath.split('/').forEach((segment, i) => {
    const decoded = decodeStrict(segment);
    const reason = decoded === null ? NOT_UTF8 : badTextReason(decoded);
    if (!reason) return;
    const name = paramName(template[i]);
    issues.push({ path: name ? `path.${name}` : 'path', message: reason });
  });
  return issues;
};

/** Headers whose values reach the domain. */
const CHECKED_HEADERS = ['Idempotency-Key'];

export const invalidTextResponse = (c: Context, issues: FieldIssue[]) =>
  problemResponse(c, {
    status: 400,
    code: 'invalid_text',
    detail: `The request holds text that is not valid: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
    errors: issues,
  });

/** Refuses bad text in the path, the query and the headers the domain reads; before anything else. */
export const rejectBadUrlText: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { path, query } = splitUrl(c.req.url);
  const issues = [...badTextInPath(c, path), ...badTextInPairs(query, 'query')];
  for (const header of CHECKED_HEADERS) {
    const value = c.req.header(header);
    const reason = value === undefined ? null : badTextReason(value);
    if (reason) issues.push({ path: `header.${header}`, message: reason });
  }
  if (issues.length > 0) return invalidTextResponse(c, issues.slice(0, MAX_ISSUES));
  await next();
};
