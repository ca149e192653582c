import type { AuditActor } from '../audit/audit.js';
import { newId } from '../shared/ids.js';
import { customerNotFound } from './customers.errors.js';
import type { Customer } from './customers.js';
import type { ErasureResult, PrivacyDeps } from './privacy.js';

/** What identifies the person in the customer record itself. */
const ownIdentifiers = (c: Customer): string[] => {
  const fullName = [c.firstName, c.lastName].filter(Boolean).join(' ');
  const phoneDigits = c.phone?.replace(/\D/g, '') ?? null;
  return [
    c.email,
    c.email?.split('@')[0] ?? null,
    c.phone,
    phoneDigits,
    c.firstName,
    c.lastName,
    fullName,
    c.birthday,
    ...c.externalIds.map((e) => e.id),
    ...Object.values(c.attributes).filter((v): v is string => typeof v === 'string'),
  ].filter((v): v is string => typeof v === 'string' && v.length > 0);
};

/**
 * Erases a customer's personal data in every module (the caller runs it in one transaction):
 * profile fields nulled, external ids deleted, consents withdrawn, messages and stored payloads
 * scrubbed, queued messages cancelled, the card revoked, static segment memberships removed. The
 * ledger's amounts, orders' amounts and analytics figures stay, under the pseudonymous id.
 * Idempotent: a second call changes nothing and answers with the first erasure's time.
 */
export const eraseCustomer = async (
  deps: PrivacyDeps,
  input: { customerId: string; actor: AuditActor; requestId?: string },
): Promise<ErasureResult> => {
  await deps.lockCustomer(input.customerId);
  const customer = await deps.customers.findById(input.customerId);
  if (!customer) throw customerNotFound(input.customerId, 'id');
  if (customer.erasedAt) {
    return { customerId: customer.id, status: 'erased', erasedAt: customer.erasedAt };
  }
  const at = deps.clock.now();
  const identifiers = [...ownIdentifiers(customer)];
  for (const holder of deps.holders) {
    if (holder.identifiers) identifiers.push(...(await holder.identifiers(customer.id)));
  }
  const rowsChanged: Record<string, number> = {};
  for (const holder of deps.holders) {
    rowsChanged[holder.module] = await holder.eraseCustomer({
      customerId: customer.id,
      identifiers,
      at,
    });
  }
  await deps.audit.insert({
    id: newId('audit'),
    at,
    actor: input.actor,
    action: 'customer.erased',
    targetType: 'customer',
    targetId: customer.id,
    summary: { rowsChanged, ...(input.requestId ? { requestId: input.requestId } : {}) },
  });
  return { customerId: customer.id, status: 'erased', erasedAt: at };
};
