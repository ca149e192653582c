import { DomainError } from '../core/shared/errors.js';

/**
 * Constraint violations that a race can still produce after the services' own checks (two
 * requests creating the same e-mail at once) become domain conflicts, not 500s.
 */
const CONSTRAINT_MESSAGES: Record<string, { code: string; path: string; message: string }> = {
  customer_email_key: {
    code: 'email_taken',
    path: 'email',
    message: 'another customer has this e-mail',
  },
  customer_external_id_key: {
    code: 'external_id_taken',
    path: 'externalIds',
    message: 'another customer has this external id',
  },
};

export const translateDatabaseError = (error: unknown): DomainError | null => {
  if (typeof error !== 'object' || error === null) return null;
  const { code, constraint } = error as { code?: string; constraint?: string };
  if (code !== '23505' || !constraint) return null;
  const known = CONSTRAINT_MESSAGES[constraint];
  if (!known)
    return new DomainError('conflict', 'duplicate', 'The record already exists', { constraint });
  return new DomainError('conflict', known.code, known.message, {}, [
    { path: known.path, message: known.message },
  ]);
};
