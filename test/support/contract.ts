import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

/**
 * The contract check behind `call()`: every response a test sees must be one the app's own
 * `/openapi.json` promises — a documented operation and status (or `default`), a documented
 * content type, and a JSON body that validates against the response schema.
 */

type Json = Record<string, unknown>;

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/**
 * Served by the app but not API operations, so not in the document. Each with its reason.
 */
const NOT_IN_DOCUMENT: { method: string; pattern: RegExp; reason: string }[] = [
  { method: 'GET', pattern: /^\/admin(\/.*)?$/, reason: 'the dashboard’s HTML page' },
  { method: 'GET', pattern: /^\/m\/[^/]+$/, reason: 'the member page’s HTML' },
  { method: 'GET', pattern: /^\/static\/assets\/[^/]+$/, reason: 'hashed scripts and styles' },
  { method: 'GET', pattern: /^\/u\/[^/]+$/, reason: 'the unsubscribe page (HTML)' },
  { method: 'POST', pattern: /^\/u\/[^/]+$/, reason: 'the unsubscribe form and one-click POST' },
  { method: 'GET', pattern: /^\/openapi\.json$/, reason: 'the document itself' },
  { method: 'GET', pattern: /^\/docs$/, reason: 'the reference page rendered from the document' },
];

interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  /** Literal segments: the more, the more specific (`/complaints/stats` before `/{id}`). */
  literals: number;
  responses: Json;
}

const PROBLEM_TYPE = 'application/problem+json';

/** (operation, status) pairs seen through `call()`, in this test process. */
export const contractCoverage = new Map<string, Set<number>>();

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const operationsOf = (document: Json): Operation[] =>
  Object.entries(document.paths as Record<string, Record<string, Json>>).flatMap(
    ([template, methods]) =>
      Object.entries(methods).map(([method, op]) => {
        const segments = template.split('/');
        return {
          method: method.toUpperCase(),
          template,
          pattern: new RegExp(
            `^${segments
              .map((s) => escapeRegExp(s).replace(/\\\{[^}]+\\\}/g, '[^/]+'))
              .join('/')}$`,
          ),
          literals: segments.filter((s) => !s.includes('{')).length,
          responses: op.responses as Json,
        };
      }),
  );

const mediaType = (headers: Headers) =>
  (headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();

const isJson = (type: string) => type === 'application/json' || type.endsWith('+json');

/** A JSON pointer as a URI fragment, for the `$ref` into the document that ajv compiles. */
const pointer = (...parts: string[]) =>
  parts.map((p) => `/${encodeURIComponent(p.replace(/~/g, '~0').replace(/\//g, '~1'))}`).join('');

export interface ContractChecker {
  check(request: { method: string; path: string }, res: Response, text: string): void;
}

/** Builds the checker for one document; validators are compiled once, when first needed. */
export const contractChecker = (document: Json): ContractChecker => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const base = 'regulars-openapi.json';
  // The whole document as one schema, so `#/components/schemas/…` refs resolve inside it.
  ajv.addSchema({ ...document, $id: base }, undefined, undefined, false);
  const operations = operationsOf(document).sort((a, b) => b.literals - a.literals);
  const validators = new Map<string, ValidateFunction>();

  const validatorFor = (schemaPointer: string) => {
    let validate = validators.get(schemaPointer);
    if (!validate) {
      validate = ajv.compile({ $ref: `${base}#${schemaPointer}` });
      validators.set(schemaPointer, validate);
    }
    return validate;
  };

  const fail = (where: string, why: string, text: string): never => {
    throw new Error(
      `Response breaks the OpenAPI contract: ${where}: ${why}\nbody: ${text.slice(0, 500)}`,
    );
  };

  const checkBody = (where: string, schemaPointer: string | null, type: string, text: string) => {
    if (!isJson(type) || schemaPointer === null) return;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return fail(where, `content type ${type} but the body is not JSON`, text);
    }
    const validate = validatorFor(schemaPointer);
    if (!validate(body)) {
      fail(where, `body does not match the schema: ${ajv.errorsText(validate.errors)}`, text);
    }
  };

  return {
    check(request, res, text) {
      const method = request.method.toUpperCase();
      const bare = request.path.split('?')[0]!;
      const where = `${method} ${bare} → ${res.status}`;
      const type = mediaType(res.headers);
      const operation = operations.find((o) => o.method === method && o.pattern.test(bare));
      if (!operation) {
        if (NOT_IN_DOCUMENT.some((r) => r.method === method && r.pattern.test(bare))) return;
        // An unknown route or method: the app's 404 problem, nothing else.
        if (res.status !== 404 || type !== PROBLEM_TYPE) {
          fail(where, 'no such operation in the document', text);
        }
        return checkBody(where, pointer('components', 'schemas', 'Problem'), type, text);
      }
      const key = `${operation.method} ${operation.template}`;
      const seen = contractCoverage.get(key) ?? new Set<number>();
      seen.add(res.status);
      contractCoverage.set(key, seen);

      const status = String(res.status);
      const documented = status in operation.responses ? status : 'default';
      const response = operation.responses[documented] as Json | undefined;
      if (!response) {
        return fail(
          `${where} (${key})`,
          `status not documented (documented: ${Object.keys(operation.responses).join(', ')})`,
          text,
        );
      }
      const content = response.content as Record<string, Json> | undefined;
      if (!content || Object.keys(content).length === 0) {
        if (text.length > 0) fail(`${where} (${key})`, 'documented without a body', text);
        return;
      }
      if (!(type in content)) {
        return fail(
          `${where} (${key})`,
          `content type ${type || '(none)'} not documented (documented: ${Object.keys(content).join(', ')})`,
          text,
        );
      }
      const schemaPointer = content[type]!.schema
        ? pointer('paths', operation.template, method.toLowerCase(), 'responses', documented) +
          pointer('content', type, 'schema')
        : null;
      checkBody(`${where} (${key})`, schemaPointer, type, text);
    },
  };
};

const checkers = new Map<string, ContractChecker>();

/** One checker per distinct document in this process (every test app serves the same one). */
export const contractCheckerFor = (documentText: string): ContractChecker => {
  let checker = checkers.get(documentText);
  if (!checker) {
    checker = contractChecker(JSON.parse(documentText) as Json);
    checkers.set(documentText, checker);
  }
  return checker;
};
