/**
 * The served OpenAPI document: what the routes declare, plus what holds for every route because
 * of the middleware in front of them, declared here once rather than on each of 100+ routes.
 */
type Json = Record<string, unknown>;

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
const WRITES = new Set(['post', 'put', 'patch', 'delete']);

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

interface Traits {
  needsKey: boolean;
  writes: boolean;
  takesBody: boolean;
  takesQuery: boolean;
}

/**
 * The problem responses each kind of operation can give, whatever its handler does: input checks
 * (400), unknown ids or routes (404), the key check (401/403), the body limit and the JSON-only
 * rule (413/415), another site's browser posting (403), a write's idempotency and consistency
 * checks (409/422) and a query that is well-formed but inapplicable (422). A route's own, more
 * specific description of a status wins.
 */
const STANDARD_PROBLEMS: {
  status: string;
  applies: (t: Traits) => boolean;
  response: ReturnType<typeof problem>;
}[] = [
  { status: '400', applies: () => true, response: problem('A parameter or field is invalid') },
  { status: '401', applies: (t) => t.needsKey, response: problem('No valid API key or session') },
  {
    status: '403',
    applies: (t) => t.needsKey || t.writes,
    response: problem('The key’s role may not do this, or the request came from another site'),
  },
  { status: '404', applies: () => true, response: problem('No such resource') },
  {
    status: '409',
    applies: (t) => t.writes,
    response: problem('Conflicts with the current state'),
  },
  {
    status: '413',
    // The limit reads whatever a write sends, declared body or not.
    applies: (t) => t.takesBody || t.writes,
    response: problem('The request body is over the size limit'),
  },
  {
    status: '415',
    applies: (t) => t.takesBody,
    response: problem('The request body is not application/json'),
  },
  {
    status: '422',
    applies: (t) => t.writes || t.takesQuery,
    response: problem(
      'Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body',
    ),
  },
];

const withStandardProblems = (operation: Json, method: string, documentSecurity: unknown) => {
  const security = (operation.security ?? documentSecurity) as unknown[] | undefined;
  const traits: Traits = {
    needsKey: (security?.length ?? 0) > 0,
    writes: WRITES.has(method),
    takesBody: operation.requestBody !== undefined,
    takesQuery: ((operation.parameters ?? []) as Json[]).some((p) => p.in === 'query'),
  };
  const responses = { ...(operation.responses as Json) };
  for (const { status, applies, response } of STANDARD_PROBLEMS) {
    if (applies(traits) && !(status in responses)) responses[status] = response;
  }
  const ordered = Object.fromEntries(
    Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)),
  );
  return { ...operation, responses: ordered };
};

const isNullType = (type: unknown) => Array.isArray(type) && type.includes('null');

/**
 * zod-to-openapi writes a nullable reference to a named schema as
 * `allOf: [{$ref}, {type: ['object', 'null']}]`, which no null can satisfy (it must match the
 * reference too). Rewritten as `anyOf: [{$ref}, {type: 'null'}]`, keeping any description.
 */
const fixNullableRefs = (node: unknown): unknown => {
  if (Array.isArray(node)) return node.map(fixNullableRefs);
  if (node === null || typeof node !== 'object') return node;
  const { allOf, ...rest } = node as Json;
  if (Array.isArray(allOf) && allOf.length === 2) {
    const [ref, extra] = allOf as [Json, Json];
    if (typeof ref.$ref === 'string' && isNullType(extra.type)) {
      const { type: _type, ...metadata } = extra;
      return { ...(fixNullableRefs(rest) as Json), ...metadata, anyOf: [ref, { type: 'null' }] };
    }
  }
  return Object.fromEntries(
    Object.entries(node as Json).map(([key, value]) => [key, fixNullableRefs(value)]),
  );
};

/** The generated document, corrected and completed; the same for every request. */
export const servedDocument = (generated: Json): Json => {
  const document = fixNullableRefs(generated) as Json;
  const paths = Object.fromEntries(
    Object.entries(document.paths as Record<string, Record<string, Json>>).map(
      ([path, methods]) => [
        path,
        Object.fromEntries(
          Object.entries(methods).map(([method, operation]) => [
            method,
            METHODS.has(method)
              ? withStandardProblems(operation, method, document.security)
              : operation,
          ]),
        ),
      ],
    ),
  );
  return { ...document, paths };
};
