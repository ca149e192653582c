import type { MiddlewareHandler } from 'hono';
import type { FieldIssue } from '../core/shared/errors.js';
import type { AppEnv } from './context.js';
import { problemResponse } from './problem.js';
import { badTextInPairs, badTextInValue, invalidTextResponse } from './text-guards.js';

/**
 * How deep arrays and objects may nest in a JSON body. No operation needs more than about 15 (a
 * segment filter at its documented 5 levels); parsing and validating a body nested hundreds of
 * thousands deep would hold the event loop for seconds, so such a body is refused unparsed.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether JSON text nests arrays and objects deeper than `limit`: one pass over the characters,
 * brackets counted outside strings, nothing parsed. Stops at the first bracket past the limit.
 */
export const jsonNestsDeeperThan = (text: string, limit: number): boolean => {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c)
        i += 1; // a backslash escapes the next character
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x5b || ch === 0x7b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (ch === 0x5d || ch === 0x7d) depth -= 1;
  }
  return false;
};

/** JSON escapes that decode to bad text: `\u0000` and surrogates (paired ones too, checked after). */
const SUSPECT_ESCAPE = /\\u(?:0000|[dD][89a-fA-F])/;

const badTextInJson = (text: string): FieldIssue[] => {
  if (!SUSPECT_ESCAPE.test(text)) return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return []; // not JSON: whoever reads it answers malformed_json
  }
  return badTextInValue(value, 'body');
};

/** Raw NUL bytes in a text body (CSV, plain text, multipart), named by line. */
const nulLines = (text: string): FieldIssue[] => {
  const at = text.indexOf('\u0000');
  if (at === -1) return [];
  const line = text.slice(0, at).split('\n').length;
  return [{ path: 'body', message: `line ${line} contains a NUL character (U+0000)` }];
};

const mediaTypeOf = (header: string | undefined) =>
  (header ?? '').split(';')[0]!.trim().toLowerCase();

const isJsonLike = (type: string) =>
  type === '' || type === 'application/json' || type.endsWith('+json');

/**
 * Before any handler, validator or transaction reads a body: a JSON body nested deeper than
 * `maxDepth` is a 400 `body_too_deep`, and bad text anywhere in a body (every string and name of
 * JSON, every form field, any NUL in other text) a 400 `invalid_text` naming the field. Runs after
 * the body-size limit (which bounds what is read here) and, on /v1, after authentication.
 */
export const guardRequestBody =
  (maxDepth = MAX_JSON_DEPTH): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    if (c.req.raw.body === null) return next();
    const type = mediaTypeOf(c.req.header('content-type'));
    const text = await c.req.text();
    if (isJsonLike(type) && jsonNestsDeeperThan(text, maxDepth)) {
      return problemResponse(c, {
        status: 400,
        code: 'body_too_deep',
        detail: `The request body nests arrays and objects more than ${maxDepth} deep`,
        errors: [{ path: 'body', message: `nests more than ${maxDepth} deep` }],
      });
    }
    const issues =
      type === 'application/x-www-form-urlencoded'
        ? badTextInPairs(text, 'body')
        : [...nulLines(text), ...(isJsonLike(type) ? badTextInJson(text) : [])];
    if (issues.length > 0) return invalidTextResponse(c, issues);
    await next();
  };
