/**
 * Every domain error carries a stable machine code. The HTTP layer maps codes to statuses in one
 * place (src/http/problem.ts); the core never knows about HTTP.
 */
export type ErrorKind =
  | 'invalid' // the input breaks a rule of the domain
  | 'not_found'
  | 'conflict' // the input clashes with the current state
  | 'unauthorized'
  | 'forbidden';

export interface FieldIssue {
  /** JSON pointer-like path of the field at fault, e.g. `lines.2.quantity`. */
  path: string;
  message: string;
}

export class DomainError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly details: Record<string, unknown>;
  readonly issues: FieldIssue[];

  constructor(
    kind: ErrorKind,
    code: string,
    message: string,
    details: Record<string, unknown> = {},
    issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
    this.kind = kind;
    this.code = code;
    this.details = details;
    this.issues = issues;
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;
