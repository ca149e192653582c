import type { EventSink } from '../events/events.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import {
  ambiguousCustomerRef,
  customerErased,
  customerNotFound,
  emailTaken,
  externalIdTaken,
  unknownCustomerRef,
  unknownTier,
} from './customers.errors.js';
import type {
  Consent,
  CreateCustomerInput,
  Customer,
  CustomerPage,
  CustomerQuery,
  CustomerRepository,
  CustomerRow,
  CustomerSort,
  ExternalId,
  UpdateCustomerInput,
} from './customers.js';
import { badCursor, decodeListCursor } from './list-cursor.js';

export interface CustomerDeps {
  customers: CustomerRepository;
  clock: Clock;
}

export interface CreateCustomerDeps extends CustomerDeps {
  events: EventSink;
}

const normaliseEmail = (email: string | null | undefined) =>
  email === undefined ? undefined : email === null ? null : email.trim().toLowerCase();

const normalisePhone = (phone: string | null | undefined) =>
  phone === undefined ? undefined : phone === null ? null : phone.replace(/[ ()-]/g, '');

const toConsents = (input: CreateCustomerInput['consents'], now: Date): Consent[] =>
  (input ?? []).map((c) => ({
    channel: c.channel,
    granted: c.granted,
    source: c.source,
    at: c.at ? new Date(c.at) : now,
  }));

const assertEmailFree = async (
  deps: CustomerDeps,
  email: string | null | undefined,
  self?: string,
) => {
  if (!email) return;
  const owner = await deps.customers.findByEmail(email);
  if (owner && owner.id !== self) throw emailTaken(email);
};

const assertExternalIdsFree = async (deps: CustomerDeps, ids: ExternalId[], self?: string) => {
  for (const [index, ext] of ids.entries()) {
    const owners = await deps.customers.idsByExternalId(ext.id, ext.source);
    if (owners.some((id) => id !== self)) throw externalIdTaken(ext.source, ext.id, index);
  }
};

export const createCustomer = async (
  deps: CreateCustomerDeps,
  input: CreateCustomerInput,
): Promise<Customer> => {
  const now = deps.clock.now();
  const email = normaliseEmail(input.email) ?? null;
  await assertEmailFree(deps, email);
  await assertExternalIdsFree(deps, input.externalIds ?? []);
  const row: CustomerRow = {
    id: newId('customer'),
    email,
    phone: normalisePhone(input.phone) ?? null,
    firstName: input.firstName ?? null,
    lastName: input.lastName ?? null,
    birthday: input.birthday ?? null,
    locale: input.locale ?? null,
    attributes: input.attributes ?? {},
    createdAt: now,
    updatedAt: now,
  };
  await deps.customers.insert(row);
  await deps.customers.addExternalIds(row.id, input.externalIds ?? [], now);
  await deps.customers.addConsents(row.id, toConsents(input.consents, now), now);
  deps.events.emit({
    type: 'customer.created',
    customerId: row.id,
    occurredAt: now,
    data: { referralCode: input.referralCode ?? null },
  });
  return getCustomer(deps, row.id);
};

export const getCustomer = async (
  deps: Pick<CustomerDeps, 'customers'>,
  id: string,
): Promise<Customer> => {
  const customer = await deps.customers.findById(id);
  if (!customer) throw customerNotFound(id);
  return customer;
};

/** Partial update: absent fields stay, null clears, attributes merge, consents append. */
export const updateCustomer = async (
  deps: CustomerDeps,
  id: string,
  input: UpdateCustomerInput,
): Promise<Customer> => {
  const current = await getCustomer(deps, id);
  if (current.erasedAt) throw customerErased(id);
  const now = deps.clock.now();
  const email = normaliseEmail(input.email);
  await assertEmailFree(deps, email, id);
  const newIds = (input.externalIds ?? []).filter(
    (ext) => !current.externalIds.some((e) => e.source === ext.source && e.id === ext.id),
  );
  await assertExternalIdsFree(deps, newIds, id);
  const pick = <T>(next: T | undefined, prev: T): T => (next === undefined ? prev : next);
  await deps.customers.update({
    id,
    email: pick(email, current.email),
    phone: pick(normalisePhone(input.phone), current.phone),
    firstName: pick(input.firstName, current.firstName),
    lastName: pick(input.lastName, current.lastName),
    birthday: pick(input.birthday, current.birthday),
    locale: pick(input.locale, current.locale),
    attributes: { ...current.attributes, ...(input.attributes ?? {}) },
    createdAt: current.createdAt,
    updatedAt: now,
  });
  await deps.customers.addExternalIds(id, newIds, now);
  await deps.customers.addConsents(id, toConsents(input.consents, now), now);
  return getCustomer(deps, id);
};

/** The type a sort's cursor value must have: a number, an ISO time, or any text. */
const CURSOR_VALUE: Record<CustomerSort, 'number' | 'time' | 'text'> = {
  id: 'text',
  name: 'text',
  points: 'number',
  spend: 'number',
  lastOrder: 'time',
  joined: 'time',
};

const positionOf = (sort: CustomerSort, cursor: string) => {
  const position = decodeListCursor(cursor);
  const kind = CURSOR_VALUE[sort];
  const fits =
    kind === 'number'
      ? typeof position.value === 'number'
      : typeof position.value === 'string' &&
        (kind === 'text' || !Number.isNaN(Date.parse(position.value)));
  if (!fits) throw badCursor();
  return position;
};

/**
 * The customer list: search filters, lifecycle stage and tier, sorted by a column with keyset
 * paging. A tier code the programme does not have is refused rather than answered with an empty
 * list, so a typo is not mistaken for "nobody".
 */
export const searchCustomers = async (
  deps: Pick<CustomerDeps, 'customers'> & { tierCodes?: () => Promise<string[]> },
  query: CustomerQuery,
): Promise<CustomerPage> => {
  const sort = query.sort ?? 'id';
  if (query.tier && query.tier !== 'none' && deps.tierCodes) {
    const codes = await deps.tierCodes();
    if (!codes.includes(query.tier)) throw unknownTier(query.tier, codes);
  }
  const sorted = sort !== 'id' && query.cursor;
  return deps.customers.search({
    ...query,
    sort,
    cursor: sorted ? undefined : query.cursor,
    after: sorted ? positionOf(sort, query.cursor!) : undefined,
    email: normaliseEmail(query.email) ?? undefined,
    phone: normalisePhone(query.phone) ?? undefined,
  });
};

/**
 * Finds the customer another system means. `path` names the request field for the error, so a
 * client learns which part of its body pointed at nobody.
 */
export const resolveCustomer = async (
  deps: Pick<CustomerDeps, 'customers'>,
  ref: { customerId?: string | null; externalId?: string | null; source?: string | null },
): Promise<string> => {
  if (ref.customerId) {
    if (!(await deps.customers.exists(ref.customerId))) {
      throw unknownCustomerRef(ref.customerId, 'customerId');
    }
    return ref.customerId;
  }
  const externalId = ref.externalId ?? '';
  const matches = await deps.customers.idsByExternalId(externalId, ref.source ?? undefined);
  if (matches.length === 0) throw unknownCustomerRef(externalId, 'customerExternalId');
  if (matches.length > 1) throw ambiguousCustomerRef(externalId, 'customerExternalId');
  return matches[0]!;
};
