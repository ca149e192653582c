/**
 * The browser's way to the API. Signed-in admins are known by an HTTP-only session cookie, which
 * the browser sends by itself; every write also carries the session's CSRF token in a header, which
 * a page on another site cannot read or set. Problems (RFC 9457) become ApiError with the fields at
 * fault, so forms can show the server's own messages.
 */
export interface FieldIssue {
  path: string;
  message: string;
}

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

export interface RequestOptions {
  body?: unknown;
  idempotencyKey?: string;
  signal?: AbortSignal;
}

const problemFrom = async (response: Response): Promise<ApiError> => {
  const text = await response.text();
  try {
    const problem = JSON.parse(text) as {
      code?: string;
      detail?: string;
      errors?: FieldIssue[];
    };
    return new ApiError(
      response.status,
      problem.code ?? 'error',
      problem.detail ?? response.statusText,
      problem.errors ?? [],
    );
  } catch {
    return new ApiError(response.status, 'error', text || response.statusText);
  }
};

export const request = async <T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  options: RequestOptions = {},
): Promise<T> => {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
  });
  if (!response.ok) {
    const error = await problemFrom(response);
    if (response.status === 401 && !path.startsWith('/auth/')) onUnauthorized();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
};

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, { signal }),
  post: <T>(path: string, body?: unknown, idempotencyKey?: string) =>
    request<T>('POST', path, { body: body ?? {}, idempotencyKey }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/** `?a=1&b=x` from the defined values only. */
export const query = (params: Record<string, string | number | boolean | undefined | null>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
};

/** A fresh key per user action: a retried click then cannot spend twice. */
export const newIdempotencyKey = () => crypto.randomUUID();
