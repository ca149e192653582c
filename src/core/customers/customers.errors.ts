import { DomainError } from '../shared/errors.js';

export const customerNotFound = (ref: string, path = 'customerId') =>
  new DomainError('not_found', 'customer_not_found', `No customer ${ref}`, { customer: ref }, [
    { path, message: `no customer ${ref}` },
  ]);

export const unknownCustomerRef = (ref: string, path: string) =>
  new DomainError('invalid', 'unknown_customer', `No customer ${ref}`, { customer: ref }, [
    { path, message: `no customer ${ref}` },
  ]);

export const ambiguousCustomerRef = (ref: string, path: string) =>
  new DomainError(
    'invalid',
    'ambiguous_customer',
    `External id ${ref} belongs to several customers; name its source`,
    { customer: ref },
    [{ path, message: 'several customers have this external id; add customerExternalIdSource' }],
  );

export const emailTaken = (email: string) =>
  new DomainError(
    'conflict',
    'email_taken',
    `Another customer has the e-mail ${email}`,
    { email },
    [{ path: 'email', message: 'another customer has this e-mail' }],
  );

export const externalIdTaken = (source: string, id: string, index: number) =>
  new DomainError(
    'conflict',
    'external_id_taken',
    `Another customer has the external id ${source}:${id}`,
    { source, id },
    [{ path: `externalIds.${index}`, message: 'another customer has this external id' }],
  );

export const customerErased = (id: string) =>
  new DomainError(
    'conflict',
    'customer_erased',
    `Customer ${id} was erased; their profile can no longer be changed`,
    { customer: id },
    [{ path: 'id', message: 'this customer was erased' }],
  );

export const unknownTier = (code: string, codes: string[]) =>
  new DomainError('invalid', 'unknown_tier', `The programme has no tier ${code}`, { tier: code }, [
    {
      path: 'tier',
      message:
        codes.length === 0
          ? 'the programme has no tiers: leave tier out or use none'
          : `no tier ${code}; one of ${[...codes, 'none'].join(', ')}`,
    },
  ]);
