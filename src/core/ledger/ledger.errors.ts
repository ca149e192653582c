import { DomainError } from '../shared/errors.js';

export const insufficientPoints = (customerId: string, requested: number, available: number) =>
  new DomainError(
    'conflict',
    'insufficient_points',
    `Customer ${customerId} has ${available} points; ${requested} requested`,
    { customerId, requested, available },
    [{ path: 'points', message: `only ${available} points available` }],
  );

export const idempotencyMismatch = (key: string) =>
  new DomainError(
    'conflict',
    'idempotency_key_reused',
    `Idempotency key ${key} was already used for a different request`,
    { idempotencyKey: key },
  );
