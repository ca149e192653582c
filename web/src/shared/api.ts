import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './api.generated';

/**
 * The browser's way to the API, typed by api.generated.ts: the paths, parameters, bodies and
 * answers of the same /openapi.json the server serves, so a changed server view is a type error
 * here. Signed-in admins are known by an HTTP-only session cookie, which the browser sends by
 * itself; every write also carries the session's CSRF token in a header, which a page on another
 * site cannot read or set. Problems (RFC 9457) become ApiError with the fields at fault, so forms
 * can show the server's own messages.
 */

/** The API's named views (the document's components), e.g. `Schemas['Customer']`. */
export type Schemas = components['schemas'];

export type FieldIssue = NonNullable<Schemas['Problem']['errors']>[number];

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(detail);
  }
}

let csrfToken: string | null = null;

/** Set after sign-in (and on page load, from GET /auth/session); cleared on sign-out. */
export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};

/** Called when a request comes back 401, so the app can show the sign-in form again. */
let onUnauthorized: () => void = () => {};
export const whenUnauthorized = (handler: () => void) => {
  onUnauthorized = handler;
};

/** `a=1&b=x` from the defined values only: an empty text field means "no filter". */
const searchOf = (params: Record<string, unknown>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  return search.toString();
};

/** `?a=1&b=x`, for addresses the page builds itself (an SVG chart's src). */
export const query = (params: Record<string, string | number | boolean | undefined | null>) => {
  const search = searchOf(params);
  return search ? `?${search}` : '';
};

const session: Middleware = {
  onRequest: ({ request }) => {
    if (request.method !== 'GET' && csrfToken) request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
  onResponse: ({ response, schemaPath }) => {
    // A wrong key or password at sign-in is an answer to show, not a lost session.
    if (response.status === 401 && !schemaPath.startsWith('/auth/')) onUnauthorized();
    return response;
  },
};

export const client = createClient<paths>({
  credentials: 'same-origin',
  headers: { accept: 'application/json' },
  querySerializer: searchOf,
});
client.use(session);

const problemFrom = (response: Response, body: unknown): ApiError => {
  if (typeof body === 'object' && body !== null) {
    const problem = body as Partial<Schemas['Problem']>;
    return new ApiError(
      response.status,
      problem.code ?? 'error',
      problem.detail ?? response.statusText,
      problem.errors ?? [],
    );
  }
  return new ApiError(
    response.status,
    'error',
    (body as string | undefined) || response.statusText,
  );
};

type Answered = { data?: unknown; error?: unknown; response: Response };

/** The success branch's body; `undefined` for an answer without one (204). */
type DataOf<A> = A extends { data: infer D; error?: never }
  ? [D] extends [never]
    ? undefined
    : D
  : never;

/**
 * The body of a successful answer, or the problem thrown as ApiError: react-query then holds the
 * error, and forms show its detail and fields. `await unwrap(client.GET('/v1/…', { … }))`
 */
export const unwrap = async <A extends Answered>(pending: Promise<A>): Promise<DataOf<A>> => {
  const { data, error, response } = await pending;
  if (!response.ok) throw problemFrom(response, error);
  return data as DataOf<A>;
};

type JsonBodyOf<Operation> = Operation extends { requestBody?: infer Body }
  ? NonNullable<Body> extends { content: { 'application/json': infer Json } }
    ? Json
    : never
  : never;

/** The JSON body an operation takes: `BodyOf<'/v1/tiers', 'put'>`. */
export type BodyOf<Path extends keyof paths, Method extends 'post' | 'put' | 'patch'> = JsonBodyOf<
  paths[Path][Method]
>;

/**
 * A body as a form has it: a number or free text may still be null, where the admin left the field
 * blank. Names, choices (string unions) and nesting stay exactly the API's.
 */
export type AsTyped<Body> = Body extends number
  ? number | null
  : Body extends string
    ? string extends Body
      ? string | null
      : Body
    : Body extends readonly (infer Item)[]
      ? AsTyped<Item>[]
      : Body extends object
        ? { [Key in keyof Body]: AsTyped<Body[Key]> }
        : Body;

/**
 * A form's body as the admin typed it, sent for the server to check. A blank required field goes
 * as null, so the server's problem names that field and the form shows it there, rather than the
 * page guessing a value; every name, text and choice is still checked here against the API.
 */
export const asTyped = <Body>(typed: AsTyped<Body>) => typed as Body;

/** A fresh key per user action: a retried click then cannot spend twice. */
export const newIdempotencyKey = () => crypto.randomUUID();
