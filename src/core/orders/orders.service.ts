import { resolveCustomer } from '../customers/customers.service.js';
import type { CustomerRepository } from '../customers/customers.js';
import { earnForOrder, reverseForReturn } from '../ledger/ledger.service.js';
import type { LedgerRepository } from '../ledger/ledger.js';
import type { ProgrammeSettings } from '../programme/programme.js';
import {
  proposeAwards,
  recordProposal,
  type LiveRuleDeps,
  type ProposedAward,
} from '../rules/rules.live.js';
import type { Clock } from '../shared/clock.js';
import { addDays } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { currencyExponent, isKnownCurrency } from '../shared/money.js';
import { invalidReturn, nothingToReturn, orderNotFound, unknownCurrency } from './orders.errors.js';
import { basePointsForAmount, pointsToReverse } from './orders.earn.js';
import { DEFAULT_MAX_FUTURE_SKEW_MINUTES, futureDatedOrder } from './orders.intake.js';
import type {
  CreateReturnInput,
  IngestOrderInput,
  Order,
  OrderLineRow,
  OrderRepository,
  OrderReturn,
} from './orders.js';

export interface OrderDeps extends LiveRuleDeps {
  customers: CustomerRepository;
  orders: OrderRepository;
  ledger: LedgerRepository;
  clock: Clock;
  programme: ProgrammeSettings;
  /** REGULARS_MAX_FUTURE_SKEW_MINUTES: how far ahead of the clock placedAt may be (default a day). */
  maxFutureSkewMinutes?: number;
}

export interface IngestResult {
  order: Order;
  /** False when the order was already known: the first result is returned unchanged. */
  created: boolean;
  points: { earned: number; pending: boolean; releaseAt: Date | null };
}

const pointsView = (order: Order, programme: ProgrammeSettings, now: Date) => {
  const releaseAt = addDays(order.placedAt, programme.returnWindowDays);
  const pending = order.pointsEarned > 0 && releaseAt.getTime() > now.getTime();
  return { earned: order.pointsEarned, pending, releaseAt: pending ? releaseAt : null };
};

const existingResult = (order: Order, deps: OrderDeps): IngestResult => ({
  order,
  created: false,
  points: pointsView(order, deps.programme, deps.clock.now()),
});

/** Ingests an order once per external id and records the points it earns. Run in a transaction. */
export const ingestOrder = async (
  deps: OrderDeps,
  input: IngestOrderInput,
): Promise<IngestResult> => {
  if (!isKnownCurrency(input.currency)) throw unknownCurrency(input.currency);
  const placedAt = new Date(input.placedAt);
  const future = futureDatedOrder(
    placedAt,
    deps.clock.now(),
    deps.maxFutureSkewMinutes ?? DEFAULT_MAX_FUTURE_SKEW_MINUTES,
  );
  if (future) throw future;
  // No existence check up front: the insert's ON CONFLICT finds a known order in the same round
  // trip. Only when the customer cannot be resolved is it looked up, so a resent order still gets
  // its first result.
  let customerId: string;
  try {
    customerId = await resolveCustomer(deps, {
      customerId: input.customerId,
      externalId: input.customerExternalId,
      source: input.customerExternalIdSource,
    });
  } catch (error) {
    const known = await deps.orders.findByExternalId(input.externalId);
    if (known) return existingResult(known, deps);
    throw error;
  }
  // The member's lock comes first: the facts the rules read (order number, caps) then cannot
  // change under this order, and two orders of one member are numbered one after the other.
  await deps.ledger.lockMember(customerId);
  const lines: OrderLineRow[] = input.lines.map((line, index) => ({
    lineNo: index + 1,
    sku: line.sku,
    name: line.name ?? null,
    category: line.category ?? null,
    quantity: line.quantity,
    unitPriceMinor: line.unitPriceMinor,
  }));
  const totalMinor = lines.reduce((sum, l) => sum + l.quantity * l.unitPriceMinor, 0);
  const proposal = await proposeAwards(deps, {
    customerId,
    trigger: 'order.placed',
    at: placedAt,
    order: {
      currency: input.currency,
      channel: input.channel,
      storeId: input.storeId ?? null,
      lines,
    },
    basePoints: basePointsForAmount(
      deps.programme,
      input.currency,
      totalMinor,
      currencyExponent(input.currency),
    ),
  });
  const now = deps.clock.now();
  const row = {
    id: newId('order'),
    externalId: input.externalId,
    customerId,
    currency: input.currency,
    channel: input.channel,
    storeId: input.storeId ?? null,
    placedAt,
    totalMinor,
    pointsEarned: proposal.points,
    createdAt: now,
  };
  if (!(await deps.orders.insertIfAbsent(row, lines))) {
    const winner = await deps.orders.findByExternalId(input.externalId);
    if (!winner) throw new Error(`order ${input.externalId} vanished after a conflict`);
    return existingResult(winner, deps);
  }
  const earned = await earnForOrder(deps, deps.programme, {
    customerId,
    orderId: row.id,
    points: row.pointsEarned,
    placedAt,
    returnWindowDays: deps.programme.returnWindowDays,
    orderIsNew: true,
  });
  await recordProposal(
    deps,
    proposal,
    { entryId: earned?.id ?? null, orderId: row.id, activityId: null },
    customerId,
    `order:${row.id}`,
  );
  const order: Order = { ...row, lines: lines.map((l) => ({ ...l, returnedQuantity: 0 })) };
  const result = { order, created: true, points: pointsView(order, deps.programme, now) };
  announceOrder(
    deps,
    result,
    proposal.facts.ordersBefore === null ? null : proposal.facts.ordersBefore + 1,
    proposal.awards,
    earned?.id,
  );
  return result;
};

const announceOrder = (
  deps: OrderDeps,
  { order, points }: IngestResult,
  orderNumber: number | null,
  awards: ProposedAward[],
  entryId: string | undefined,
) => {
  const occurredAt = deps.clock.now();
  deps.events.emit({
    type: 'order.earned',
    customerId: order.customerId,
    occurredAt,
    data: {
      orderId: order.id,
      externalId: order.externalId,
      placedAt: order.placedAt.toISOString(),
      currency: order.currency,
      channel: order.channel,
      totalMinor: order.totalMinor,
      orderNumber,
      points: points.earned,
      pending: points.pending,
      awards: awards.map((a) => ({
        ruleId: a.ruleId,
        ruleVersion: a.ruleVersion,
        tierCode: a.tierCode,
        points: a.points,
      })),
    },
  });
  if (entryId && points.earned > 0) {
    deps.events.emit({
      type: 'points.earned',
      customerId: order.customerId,
      occurredAt,
      data: {
        points: points.earned,
        entryId,
        reason: 'order',
        orderId: order.id,
        eventId: null,
        pending: points.pending,
      },
    });
  }
};

export const getOrder = async (deps: Pick<OrderDeps, 'orders'>, id: string): Promise<Order> => {
  const order = await deps.orders.findById(id);
  if (!order) throw orderNotFound(id);
  return order;
};

const returnLines = (order: Order, input: CreateReturnInput) => {
  const requested =
    input.lines ??
    order.lines
      .filter((l) => l.quantity > l.returnedQuantity)
      .map((l) => ({ lineNo: l.lineNo, quantity: l.quantity - l.returnedQuantity }));
  if (requested.length === 0) throw nothingToReturn(order.id);
  const seen = new Set<number>();
  return requested.map((req, index) => {
    const line = order.lines.find((l) => l.lineNo === req.lineNo);
    if (!line) {
      throw invalidReturn(`Order ${order.id} has no line ${req.lineNo}`, [
        {
          path: `lines.${index}.lineNo`,
          message: `the order has lines 1 to ${order.lines.length}`,
        },
      ]);
    }
    if (seen.has(req.lineNo)) {
      throw invalidReturn(`Line ${req.lineNo} is named twice`, [
        { path: `lines.${index}.lineNo`, message: 'each line may appear once per return' },
      ]);
    }
    seen.add(req.lineNo);
    const left = line.quantity - line.returnedQuantity;
    if (req.quantity > left) {
      throw invalidReturn(`Line ${req.lineNo} has ${left} items left to return`, [
        {
          path: `lines.${index}.quantity`,
          message: `at most ${left} of this line can be returned`,
        },
      ]);
    }
    return {
      lineNo: req.lineNo,
      quantity: req.quantity,
      amountMinor: req.quantity * line.unitPriceMinor,
    };
  });
};

/** Records a return, partial or whole, and takes back the points its lines earned. */
export const createReturn = async (
  deps: OrderDeps,
  orderId: string,
  input: CreateReturnInput,
): Promise<{ orderReturn: OrderReturn; created: boolean }> => {
  await deps.orders.lockOrder(orderId);
  const order = await getOrder(deps, orderId);
  if (input.externalId) {
    const known = await deps.orders.findReturn(orderId, input.externalId);
    if (known) return { orderReturn: known, created: false };
  }
  const lines = returnLines(order, input);
  const amountMinor = lines.reduce((sum, l) => sum + l.amountMinor, 0);
  const returnedBefore = (await deps.orders.returnsOf(orderId)).reduce(
    (s, r) => s + r.amountMinor,
    0,
  );
  const toReverse = pointsToReverse(
    order.pointsEarned,
    order.totalMinor,
    returnedBefore,
    amountMinor,
  );
  const id = newId('orderReturn');
  const reversal = await reverseForReturn(deps, deps.programme, {
    customerId: order.customerId,
    orderId,
    returnId: id,
    points: toReverse,
  });
  const orderReturn: OrderReturn = {
    id,
    orderId,
    customerId: order.customerId,
    externalId: input.externalId ?? null,
    reason: input.reason ?? null,
    amountMinor,
    pointsReversed: reversal.voidedPending + reversal.reversedPosted,
    pointsUnrecovered: reversal.unrecovered,
    lines,
    createdAt: deps.clock.now(),
  };
  await deps.orders.insertReturn(orderReturn);
  const fullyReturned =
    returnedBefore + amountMinor >= order.totalMinor &&
    order.lines.every((l) => {
      const now = lines.find((r) => r.lineNo === l.lineNo)?.quantity ?? 0;
      return l.returnedQuantity + now >= l.quantity;
    });
  deps.events.emit({
    type: 'order.returned',
    customerId: order.customerId,
    occurredAt: orderReturn.createdAt,
    data: {
      orderId,
      returnId: id,
      amountMinor,
      fullyReturned,
      pointsReversed: orderReturn.pointsReversed,
    },
  });
  return { orderReturn, created: true };
};

export const listCustomerOrders = (
  deps: Pick<OrderDeps, 'orders'>,
  customerId: string,
  limit: number,
): Promise<Order[]> => deps.orders.listForCustomer(customerId, limit);
