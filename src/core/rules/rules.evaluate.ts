import { zonedParts } from '../shared/zoned-time.js';
import { dayGroup, dayNames, orList, ordinal } from './rules.words.js';
import type { Condition, Effect, LineFilter, Rule, RuleTrigger } from './rules.js';

/** What the engine knows of an order when it evaluates rules. */
export interface OrderFacts {
  currency: string;
  channel: string;
  storeId: string | null;
  lines: { sku: string; category: string | null; quantity: number; unitPriceMinor: number }[];
  /** 1 for the customer's first order, counting this one. */
  orderNumber: number;
}

export interface CustomerFacts {
  tier: string | null;
  segments: string[];
  attributes: Record<string, string | number | boolean | null>;
  /** The arm of each running experiment the customer is in, by experiment key. */
  experiments?: Record<string, string>;
}

export interface RuleEvent {
  trigger: RuleTrigger;
  customEvent?: string;
  at: Date;
  customer: CustomerFacts;
  order?: OrderFacts;
}

export interface EvaluationContext {
  timeZone: string;
  /** The programme's currency, its minor-unit exponent and base earn rate. */
  currency: string;
  currencyExponent: number;
  basePointsPerCurrencyUnit: number;
  /** Points each capped rule already gave this customer in the current cap period. */
  awardedInPeriod: Record<string, number>;
}

export interface PointsProposal {
  ruleId: string;
  ruleVersion: number;
  points: number;
  /** Points before caps, so a simulation can show what a cap cost. */
  uncappedPoints: number;
}

export interface IssueProposal {
  ruleId: string;
  ruleVersion: number;
  kind: 'coupon' | 'reward';
  ref: string;
}

export interface Evaluation {
  points: PointsProposal[];
  issues: IssueProposal[];
  /** Why each rule for this trigger did not apply: shown in simulations and rule editors. */
  skipped: { ruleId: string; reason: string }[];
  /** The rules whose conditions were looked at (active, not cut off by a higher priority). */
  evaluated: string[];
}

const matchesFilter = (line: OrderFacts['lines'][number], filter: LineFilter | undefined) => {
  if (!filter) return true;
  const category = line.category ?? '';
  if (filter.excludeSkus?.includes(line.sku) || filter.excludeCategories?.includes(category))
    return false;
  const included = filter.skus === undefined && filter.categories === undefined;
  return (
    included || Boolean(filter.skus?.includes(line.sku) || filter.categories?.includes(category))
  );
};

/** The order's lines a rule counts, their value and item count. */
const eligible = (order: OrderFacts | undefined, filter: LineFilter | undefined) => {
  const lines = (order?.lines ?? []).filter((l) => matchesFilter(l, filter));
  return {
    amountMinor: lines.reduce((s, l) => s + l.quantity * l.unitPriceMinor, 0),
    quantity: lines.reduce((s, l) => s + l.quantity, 0),
  };
};

const pointsFor = (amountMinor: number, perUnit: number, exponent: number): number =>
  Number((BigInt(amountMinor) * BigInt(perUnit)) / 10n ** BigInt(exponent));

const compare = (actual: unknown, op: string, expected: unknown): boolean => {
  if (op === 'exists') return actual !== undefined && actual !== null;
  if (op === 'eq') return actual === expected;
  if (op === 'neq') return actual !== expected;
  if (op === 'in') return Array.isArray(expected) && expected.includes(actual as never);
  if (typeof actual !== 'number' || typeof expected !== 'number') return false;
  if (op === 'gt') return actual > expected;
  if (op === 'gte') return actual >= expected;
  if (op === 'lt') return actual < expected;
  return actual <= expected;
};

type Amounts = ReturnType<typeof eligible>;
type LocalTime = { isoWeekday: number; minutesOfDay: number };

/** The event's local weekday and time, worked out once per event and only if a rule asks. */
const localTimeOf = (at: Date, timeZone: string): (() => LocalTime) => {
  let parts: LocalTime | null = null;
  return () => (parts ??= zonedParts(at, timeZone));
};

/** "not a weekend", "not a weekday" or "not on Mon or Fri". */
const notOnDays = (days: readonly number[]) => {
  const group = dayGroup(days);
  if (group === 'weekend' || group === 'weekday') return `not a ${group}`;
  return `not on ${orList(dayNames(days, true))}`;
};

/** Minor units as a plain decimal in major units: 1250 → "12.50". */
const major = (minorUnits: number, exponent: number) =>
  exponent === 0 ? String(minorUnits) : (minorUnits / 10 ** exponent).toFixed(exponent);

/** Null when the condition holds, else a reason a person can read, naming what was found. */
const failedCondition = (
  c: Condition,
  event: RuleEvent,
  amounts: Amounts,
  local: () => LocalTime,
  exponent: number,
): string | null => {
  const order = event.order;
  switch (c.type) {
    case 'order.amount':
      if (c.minMinor !== undefined && amounts.amountMinor < c.minMinor)
        return `eligible amount below ${major(c.minMinor, exponent)}`;
      return c.maxMinor !== undefined && amounts.amountMinor > c.maxMinor
        ? `eligible amount above ${major(c.maxMinor, exponent)}`
        : null;
    case 'order.quantity':
      return amounts.quantity >= c.min ? null : `fewer than ${c.min} eligible items`;
    case 'order.channel':
      return order && c.in.includes(order.channel as never)
        ? null
        : `channel ${order?.channel ?? 'unknown'}, not ${orList(c.in)}`;
    case 'order.store':
      if (order?.storeId && c.in.includes(order.storeId)) return null;
      return order?.storeId
        ? `store ${order.storeId}, not ${orList(c.in)}`
        : `no store, not ${orList(c.in)}`;
    case 'time.dayOfWeek':
      return c.days.includes(local().isoWeekday) ? null : notOnDays(c.days);
    case 'time.window':
      return inWindow(local().minutesOfDay, c.from, c.to) ? null : `outside ${c.from}–${c.to}`;
    case 'customer.tier':
      if (event.customer.tier && c.in.includes(event.customer.tier)) return null;
      return event.customer.tier
        ? `tier is ${event.customer.tier}, not ${orList(c.in)}`
        : `no tier, not ${orList(c.in)}`;
    case 'customer.segment':
      return event.customer.segments.some((s) => c.in.includes(s))
        ? null
        : `not in segment ${orList(c.in)}`;
    case 'customer.experiment': {
      const arm = event.customer.experiments?.[c.key];
      if (arm === c.variant) return null;
      return arm ? `in arm ${arm} of ${c.key}, not ${c.variant}` : `not in experiment ${c.key}`;
    }
    case 'customer.attribute':
      return compare(event.customer.attributes[c.key], c.op, c.value)
        ? null
        : `attribute ${c.key} does not match`;
    case 'customer.orderNumber': {
      const n = order?.orderNumber ?? 0;
      const holds = c.nth !== undefined ? n === c.nth : n > 0 && n % c.every! === 0;
      return holds
        ? null
        : c.nth !== undefined
          ? `not the ${ordinal(c.nth)} order`
          : `not an every-${ordinal(c.every!)} order`;
    }
  }
};

/** Why the order has no lines the rule counts: "category not Home", "SKU not TEA-1". */
const noEligibleLines = (filter: LineFilter) => {
  const wanted = [
    ...(filter.categories?.length ? [`category not ${orList(filter.categories)}`] : []),
    ...(filter.skus?.length ? [`SKU not ${orList(filter.skus)}`] : []),
  ];
  return wanted.length > 0 ? wanted.join(' and ') : 'only excluded items';
};

/**
 * Why a rule whose conditions hold still gives nothing, so that a simulation explains every
 * order: the cap used up, no lines the rule counts, another currency or too little to earn a point.
 */
const whyNothing = (
  rule: Rule,
  event: RuleEvent,
  amounts: Amounts,
  uncapped: number,
  ctx: EvaluationContext,
): string => {
  const caps = rule.document.caps;
  if (uncapped > 0 && caps?.perCustomer)
    return `cap of ${caps.perCustomer.points} points per member per ${caps.perCustomer.period} reached`;
  const order = event.order;
  if (!order) return 'earns no points';
  if (order.currency !== ctx.currency) return `order in ${order.currency}, not ${ctx.currency}`;
  const total = order.lines.reduce((s, l) => s + l.quantity * l.unitPriceMinor, 0);
  if (order.lines.length === 0 || total <= 0) return 'order has no value';
  if (amounts.amountMinor === 0 && rule.document.lines) return noEligibleLines(rule.document.lines);
  return 'eligible amount too small to earn a point';
};

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/** From inclusive, to exclusive; a window past midnight (22:00–02:00) wraps. */
const inWindow = (at: number, from: string, to: string) => {
  const [start, end] = [minutes(from), minutes(to)];
  return start <= end ? at >= start && at < end : at >= start || at < end;
};

const effectPoints = (
  effect: Effect,
  amounts: Amounts,
  ctx: EvaluationContext,
  currency: string | null,
) => {
  const sameCurrency = currency === ctx.currency;
  if (effect.type === 'points.fixed') return effect.points;
  if (effect.type === 'points.perCurrencyUnit') {
    return sameCurrency ? pointsFor(amounts.amountMinor, effect.points, ctx.currencyExponent) : 0;
  }
  if (effect.type === 'points.multiplier' && sameCurrency) {
    const base = pointsFor(
      amounts.amountMinor,
      ctx.basePointsPerCurrencyUnit,
      ctx.currencyExponent,
    );
    return Math.floor((base * (effect.percent - 100)) / 100);
  }
  return 0;
};

const whyNotActive = (rule: Rule, event: RuleEvent): string | null => {
  const doc = rule.document;
  if (doc.trigger !== event.trigger) return 'another trigger';
  if (doc.trigger === 'custom' && doc.customEvent !== event.customEvent)
    return 'another custom event';
  if (doc.startsAt && event.at.getTime() < Date.parse(doc.startsAt)) return 'not started yet';
  if (doc.endsAt && event.at.getTime() >= Date.parse(doc.endsAt)) return 'ended';
  return null;
};

/** Applies the per-order and per-customer-period caps; never below zero. */
const capped = (rule: Rule, uncapped: number, ctx: EvaluationContext) => {
  const caps = rule.document.caps;
  let points = caps?.perOrder === undefined ? uncapped : Math.min(uncapped, caps.perOrder);
  if (caps?.perCustomer) {
    const left = caps.perCustomer.points - (ctx.awardedInPeriod[rule.id] ?? 0);
    points = Math.min(points, Math.max(0, left));
  }
  return points;
};

// Code-point order, not localeCompare: the order of rules must not depend on the machine's locale.
const byPriority = (a: Rule, b: Rule) =>
  b.document.priority - a.document.priority ||
  (a.document.name < b.document.name ? -1 : a.document.name > b.document.name ? 1 : 0) ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Evaluates every rule against one event and proposes points and issues; it changes nothing.
 * The caller (the service) records the proposals, in the ledger with the rule ids.
 */
export const evaluateRules = (
  rules: Rule[],
  event: RuleEvent,
  ctx: EvaluationContext,
): Evaluation => {
  const result: Evaluation = { points: [], issues: [], skipped: [], evaluated: [] };
  const local = localTimeOf(event.at, ctx.timeZone);
  // A rule that stops lower priorities lets the rest of its own priority run.
  let stopBelow: number | null = null;
  for (const rule of [...rules].sort(byPriority)) {
    if (stopBelow !== null && rule.document.priority < stopBelow) break;
    const inactive = whyNotActive(rule, event);
    if (inactive === 'another trigger' || inactive === 'another custom event') continue;
    const amounts = eligible(event.order, rule.document.lines);
    if (!inactive) result.evaluated.push(rule.id);
    const reason =
      inactive ??
      rule.document.conditions
        .map((c) => failedCondition(c, event, amounts, local, ctx.currencyExponent))
        .find(Boolean);
    if (reason) {
      result.skipped.push({ ruleId: rule.id, reason });
      continue;
    }
    const uncapped = rule.document.effects.reduce(
      (sum, e) => sum + effectPoints(e, amounts, ctx, event.order?.currency ?? ctx.currency),
      0,
    );
    const points = capped(rule, uncapped, ctx);
    const issues = rule.document.effects.some((e) => e.type.startsWith('issue.'));
    if (points === 0 && !issues)
      result.skipped.push({
        ruleId: rule.id,
        reason: whyNothing(rule, event, amounts, uncapped, ctx),
      });
    if (points > 0)
      result.points.push({
        ruleId: rule.id,
        ruleVersion: rule.version,
        points,
        uncappedPoints: uncapped,
      });
    for (const e of rule.document.effects) {
      if (e.type === 'issue.coupon')
        result.issues.push({
          ruleId: rule.id,
          ruleVersion: rule.version,
          kind: 'coupon',
          ref: e.couponBatchId,
        });
      if (e.type === 'issue.reward')
        result.issues.push({
          ruleId: rule.id,
          ruleVersion: rule.version,
          kind: 'reward',
          ref: e.rewardId,
        });
    }
    if (rule.document.stopsLowerPriority) stopBelow = rule.document.priority;
  }
  return result;
};
