import { DomainError, type FieldIssue } from '../shared/errors.js';

export const orderNotFound = (id: string) =>
  new DomainError('not_found', 'order_not_found', `No order ${id}`, { orderId: id });

export const invalidReturn = (message: string, issues: FieldIssue[]) =>
  new DomainError('invalid', 'invalid_return', message, {}, issues);

export const nothingToReturn = (orderId: string) =>
  new DomainError(
    'conflict',
    'nothing_to_return',
    `Every line of order ${orderId} is already returned`,
    {
      orderId,
    },
  );

export const unknownCurrency = (currency: string) =>
  new DomainError(
    'invalid',
    'unknown_currency',
    `Unknown ISO 4217 currency ${currency}`,
    { currency },
    [{ path: 'currency', message: `unknown ISO 4217 currency ${currency}` }],
  );

export const placedInFuture = (placedAt: Date, latest: Date, maxFutureSkewMinutes: number) =>
  new DomainError(
    'invalid',
    'placed_in_future',
    `The order is placed at ${placedAt.toISOString()}, more than ${maxFutureSkewMinutes} minutes after the server's time`,
    { placedAt: placedAt.toISOString(), latestAccepted: latest.toISOString() },
    [
      {
        path: 'placedAt',
        message: `is in the future: the latest accepted now is ${latest.toISOString()}`,
      },
    ],
  );
