import { z } from 'zod';
import { LOCALE_TAG } from '../shared/locales.js';

export const CONSENT_CHANNELS = ['email', 'sms'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

const AttributeValue = z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]);

export const ExternalIdSchema = z.object({
  source: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[a-z0-9][a-z0-9_.-]*$/, 'lowercase letters, digits, dot, dash or underscore'),
  id: z.string().min(1).max(200),
});

export const ConsentInputSchema = z.object({
  channel: z.enum(CONSENT_CHANNELS),
  granted: z.boolean(),
  source: z.string().min(1).max(100),
  /** When the customer gave or withdrew consent; defaults to the time it is recorded. */
  at: z.iso.datetime({ offset: true }).optional(),
});

const isRealDate = (value: string): boolean => {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
};

export const CustomerFieldsSchema = z.object({
  email: z.email().max(320).nullable().optional(),
  phone: z
    .string()
    .regex(/^\+?[0-9 ()-]{5,32}$/, 'a phone number in international format, e.g. +44 20 7946 0958')
    .nullable()
    .optional(),
  firstName: z.string().max(200).nullable().optional(),
  lastName: z.string().max(200).nullable().optional(),
  birthday: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
    .refine(isRealDate, 'not a real calendar date')
    .nullable()
    .optional(),
  locale: z
    .string()
    .regex(LOCALE_TAG, 'a BCP 47 language tag such as en or de-AT')
    .nullable()
    .optional(),
  attributes: z.record(z.string().min(1).max(100), AttributeValue).optional(),
});

export const CreateCustomerSchema = CustomerFieldsSchema.extend({
  externalIds: z.array(ExternalIdSchema).max(20).optional(),
  consents: z.array(ConsentInputSchema).max(10).optional(),
  /** A member's referral code the customer signed up with (see docs/referrals.md). */
  referralCode: z.string().trim().min(1).max(32).optional(),
});
export type CreateCustomerInput = z.infer<typeof CreateCustomerSchema>;

export const UpdateCustomerSchema = CreateCustomerSchema.omit({ referralCode: true });
export type UpdateCustomerInput = z.infer<typeof UpdateCustomerSchema>;

export interface ExternalId {
  source: string;
  id: string;
}

export interface Consent {
  channel: ConsentChannel;
  granted: boolean;
  source: string;
  at: Date;
}

export interface Customer {
  id: string;
  email: string | null;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  birthday: string | null;
  locale: string | null;
  attributes: Record<string, string | number | boolean | null>;
  externalIds: ExternalId[];
  /** The latest consent per channel. */
  consents: Consent[];
  createdAt: Date;
  updatedAt: Date;
  /** When the customer's personal data was erased (docs/privacy.md); null: never. */
  erasedAt: Date | null;
}

export type CustomerRow = Omit<Customer, 'externalIds' | 'consents' | 'erasedAt'>;

/** What the customer list can be ordered by (docs/customers.md). */
export const CUSTOMER_SORTS = ['id', 'name', 'points', 'spend', 'lastOrder', 'joined'] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

/** Where the last page ended in a sorted list: the sort value and id of its last row. */
export interface ListPosition {
  value: string | number;
  id: string;
}

export interface CustomerQuery {
  /** Default `id` ascending: the order a cursor of ids pages through. */
  sort?: CustomerSort;
  order?: 'asc' | 'desc';
  /** A lifecycle stage of the last analytics refresh. */
  stage?: string;
  /** A tier code, or `none` for members without a tier. */
  tier?: string;
  /** Set by the service from `cursor` when the sort is not by id. */
  after?: ListPosition;
  email?: string;
  phone?: string;
  externalId?: string;
  source?: string;
  /** Free text: matches the start of the e-mail, first or last name. */
  q?: string;
  /** Only these customers: how a page names the customers it lists in one request. */
  ids?: string[];
  limit: number;
  cursor?: string | null;
}

/**
 * A customer's standing beside their record in the list: points and tier as they are now, spend,
 * last order and lifecycle stage as of the last analytics refresh (one definition with the
 * analytics pages; null before the first refresh).
 */
export interface CustomerSummary {
  pointsBalance: number;
  tier: { code: string; name: string } | null;
  spendMinor: number | null;
  lastOrderAt: Date | null;
  lifecycleStage: string | null;
}

export interface CustomerPage {
  customers: (Customer & { summary: CustomerSummary })[];
  nextCursor: string | null;
}

/** A reference to a customer from another system: our id or one of their external ids. */
export type CustomerRef = { customerId: string } | { externalId: string; source?: string };

export interface CustomerRepository {
  insert(row: CustomerRow): Promise<void>;
  update(row: CustomerRow): Promise<void>;
  findById(id: string): Promise<Customer | null>;
  findByEmail(email: string): Promise<Customer | null>;
  findByExternalId(externalId: string, source?: string): Promise<Customer[]>;
  /** Only the ids of the customers holding an external id: one query, nothing hydrated. */
  idsByExternalId(externalId: string, source?: string): Promise<string[]>;
  addExternalIds(customerId: string, ids: ExternalId[], at: Date): Promise<void>;
  addConsents(customerId: string, consents: Consent[], recordedAt: Date): Promise<void>;
  search(query: CustomerQuery): Promise<CustomerPage>;
  /** True for a customer who is there and not erased: what an order or a referral may name. */
  exists(id: string): Promise<boolean>;
}
