import { DomainError } from '../shared/errors.js';

/**
 * One answer for a forged, malformed, revoked or unknown token: telling them apart would help
 * someone guessing tokens, and store staff need only "this card does not work".
 */
export const cardNotFound = () =>
  new DomainError('not_found', 'card_not_found', 'No active member card for this token', {}, [
    { path: 'token', message: 'not an active member card' },
  ]);
