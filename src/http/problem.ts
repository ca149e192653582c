import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import { DomainError, type ErrorKind, type FieldIssue } from '../core/shared/errors.js';
import { translateDatabaseError } from '../app/database.js';

/**
 * The one place that turns errors into HTTP: RFC 9457 problem+json, with the request id and the
 * fields at fault. Unknown errors are logged and masked; clients never see stack traces or SQL.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance: string;
  requestId: string;
  errors?: FieldIssue[];
}

const STATUS_BY_KIND: Record<ErrorKind, number> = {
  invalid: 422,
  not_found: 404,
  conflict: 409,
  unauthorized: 401,
  forbidden: 403,
};

/** Codes whose status differs from their kind's default. */
const STATUS_BY_CODE: Record<string, number> = {
  idempotency_key_reused: 422,
  too_many_sign_in_attempts: 429,
  webhook_url_refused: 400,
  // Checked against the stored questions, but as much a malformed body as a schema failure.
  invalid_survey_translations: 400,
};

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
};

export class RequestValidationError extends Error {
  constructor(
    readonly issues: FieldIssue[],
    readonly target: string,
  ) {
    super(`Invalid request ${target}`);
  }
}

export const validationErrorFrom = (error: ZodError, target: string): RequestValidationError =>
  new RequestValidationError(
    error.issues.map((issue) => ({
      path: issue.path.length > 0 ? issue.path.join('.') : target,
      message: issue.message,
    })),
    target,
  );

export const problemResponse = (
  c: Context,
  fields: Omit<Problem, 'type' | 'title' | 'instance' | 'requestId'>,
) => {
  const body: Problem = {
    type: `https://regulars.dev/problems/${fields.code}`,
    title: TITLES[fields.status] ?? 'Error',
    instance: c.req.path,
    requestId: (c.get('requestId' as never) as string | undefined) ?? '',
    ...fields,
  };
  return c.body(JSON.stringify(body), fields.status as 400, {
    'content-type': 'application/problem+json',
  });
};

const fromDomain = (c: Context, error: DomainError) =>
  problemResponse(c, {
    status: STATUS_BY_CODE[error.code] ?? STATUS_BY_KIND[error.kind],
    code: error.code,
    detail: error.message,
    ...(error.issues.length > 0 ? { errors: error.issues } : {}),
  });

const fromHttpException = (c: Context, error: HTTPException) => {
  const malformed = /malformed json/i.test(error.message);
  return problemResponse(c, {
    status: error.status,
    code: malformed
      ? 'malformed_json'
      : error.status === 413
        ? 'payload_too_large'
        : `http_${error.status}`,
    detail: malformed
      ? 'The request body is not valid JSON'
      : error.message || (TITLES[error.status] ?? 'Error'),
    ...(malformed ? { errors: [{ path: 'body', message: 'not valid JSON' }] } : {}),
  });
};

export const errorToResponse = (c: Context, error: unknown, logError: (error: unknown) => void) => {
  if (error instanceof RequestValidationError) {
    return problemResponse(c, {
      status: 400,
      code: 'validation_failed',
      detail: `The request ${error.target === 'json' ? 'body' : error.target} is invalid: ${error.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      errors: error.issues,
    });
  }
  if (error instanceof DomainError) return fromDomain(c, error);
  if (error instanceof HTTPException) return fromHttpException(c, error);
  const translated = translateDatabaseError(error);
  if (translated) return fromDomain(c, translated);
  logError(error);
  return problemResponse(c, {
    status: 500,
    code: 'internal_error',
    detail: 'An unexpected error occurred',
  });
};
