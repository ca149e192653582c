import { z } from 'zod';

export const ORDER_CHANNELS = ['web', 'pos', 'app', 'other'] as const;
export type OrderChannel = (typeof ORDER_CHANNELS)[number];

/** Prices and quantities are integers: minor units of the order's currency, whole items. */
export const OrderLineInputSchema = z.object({
  sku: z.string().min(1).max(100),
  name: z.string().max(500).optional(),
  category: z.string().max(200).optional(),
  quantity: z.number().int().positive().max(1_000_000),
  unitPriceMinor: z.number().int().nonnegative().max(1_000_000_000_000),
});

export const IngestOrderSchema = z
  .object({
    externalId: z.string().min(1).max(200),
    customerId: z.string().min(1).max(100).optional(),
    customerExternalId: z.string().min(1).max(200).optional(),
    /** Which system the customerExternalId comes from, when several use the same ids. */
    customerExternalIdSource: z.string().min(1).max(64).optional(),
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as GBP'),
    channel: z.enum(ORDER_CHANNELS).default('web'),
    storeId: z.string().min(1).max(100).optional(),
    placedAt: z.iso.datetime({ offset: true }),
    lines: z.array(OrderLineInputSchema).min(1).max(1000),
  })
  .refine((o) => Boolean(o.customerId) !== Boolean(o.customerExternalId), {
    message: 'name the customer by exactly one of customerId or customerExternalId',
    path: ['customerId'],
  });
export type IngestOrderInput = z.infer<typeof IngestOrderSchema>;

export const ReturnLineInputSchema = z.object({
  lineNo: z.number().int().positive(),
  quantity: z.number().int().positive().max(1_000_000),
});

export const CreateReturnSchema = z.object({
  /** The shop's id for this return, so sending it twice records it once. */
  externalId: z.string().min(1).max(200).optional(),
  /** Lines and quantities returned; absent means everything not yet returned. */
  lines: z.array(ReturnLineInputSchema).min(1).max(1000).optional(),
  reason: z.string().max(500).optional(),
});
export type CreateReturnInput = z.infer<typeof CreateReturnSchema>;

export interface OrderLine {
  lineNo: number;
  sku: string;
  name: string | null;
  category: string | null;
  quantity: number;
  unitPriceMinor: number;
  returnedQuantity: number;
}

export interface Order {
  id: string;
  externalId: string;
  customerId: string;
  currency: string;
  channel: OrderChannel;
  storeId: string | null;
  placedAt: Date;
  totalMinor: number;
  pointsEarned: number;
  lines: OrderLine[];
  createdAt: Date;
}

export type OrderRow = Omit<Order, 'lines'>;
export type OrderLineRow = Omit<OrderLine, 'returnedQuantity'>;

export interface OrderReturn {
  id: string;
  orderId: string;
  customerId: string;
  externalId: string | null;
  reason: string | null;
  amountMinor: number;
  pointsReversed: number;
  pointsUnrecovered: number;
  lines: { lineNo: number; quantity: number; amountMinor: number }[];
  createdAt: Date;
}

export interface OrderRepository {
  /** Inserts unless an order with this external id exists; true when this call inserted it. */
  insertIfAbsent(order: OrderRow, lines: OrderLineRow[]): Promise<boolean>;
  findById(id: string): Promise<Order | null>;
  findByExternalId(externalId: string): Promise<Order | null>;
  /** Locks the order row so two returns of one order queue up. */
  lockOrder(id: string): Promise<void>;
  insertReturn(ret: OrderReturn): Promise<boolean>;
  findReturn(orderId: string, externalId: string): Promise<OrderReturn | null>;
  returnsOf(orderId: string): Promise<OrderReturn[]>;
  listForCustomer(customerId: string, limit: number): Promise<Order[]>;
}
