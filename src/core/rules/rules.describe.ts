import { localDay } from '../shared/zoned-time.js';
import type { Caps, Condition, Effect, LineFilter, RuleDocument, RuleTrigger } from './rules.js';
import { andList, dayGroup, dayNames, orList, ordinal } from './rules.words.js';

/**
 * What a sentence about a rule needs beyond the rule: the programme's currency and time zone, and
 * the names people know for the codes and ids a rule stores (tiers, segments, rewards…). A code
 * without a name is shown as it is.
 */
export interface DescribeContext {
  currency: string;
  currencyExponent: number;
  timeZone: string;
  names?: {
    tiers?: Record<string, string>;
    segments?: Record<string, string>;
    rewards?: Record<string, string>;
    couponBatches?: Record<string, string>;
    stores?: Record<string, string>;
  };
}

type Names = NonNullable<DescribeContext['names']>;
const named = (names: Record<string, string> | undefined, codes: readonly string[]) =>
  codes.map((c) => names?.[c] ?? c);

const money = (minorUnits: number, ctx: DescribeContext) =>
  new Intl.NumberFormat('en-GB', {
    style: 'currency',
    currency: ctx.currency,
    currencyDisplay: 'narrowSymbol',
    minimumFractionDigits: minorUnits % 10 ** ctx.currencyExponent === 0 ? 0 : undefined,
  }).format(minorUnits / 10 ** ctx.currencyExponent);

const pointsWord = (n: number) => `${n.toLocaleString('en-GB')} ${n === 1 ? 'point' : 'points'}`;

const MULTIPLIER_WORDS: Record<number, string> = { 200: 'double', 300: 'triple', 400: 'quadruple' };

const effectPhrase = (e: Effect, ctx: DescribeContext): string => {
  switch (e.type) {
    case 'points.perCurrencyUnit':
      return `${pointsWord(e.points)} per ${money(10 ** ctx.currencyExponent, ctx)} spent`;
    case 'points.fixed':
      return pointsWord(e.points);
    case 'points.multiplier':
      return `${MULTIPLIER_WORDS[e.percent] ?? `${e.percent / 100}×`} points`;
    case 'issue.reward':
      return `the reward “${named(ctx.names?.rewards, [e.rewardId])[0]}”`;
    case 'issue.coupon':
      return `a coupon from “${named(ctx.names?.couponBatches, [e.couponBatchId])[0]}”`;
  }
};

const TRIGGER_PHRASES: Record<Exclude<RuleTrigger, 'order.placed' | 'custom'>, string> = {
  'customer.enrolled': 'when a customer joins',
  'customer.birthday': 'on the member’s birthday',
  'review.submitted': 'for each review submitted',
  'survey.answered': 'for each survey answered',
  'referral.converted': 'for each referral that converts',
};

const linesPhrase = (lines: LineFilter | undefined): string[] => {
  if (!lines) return [];
  const included = [...(lines.categories ?? []), ...(lines.skus ?? []).map((s) => `SKU ${s}`)];
  const excluded = [
    ...(lines.excludeCategories ?? []),
    ...(lines.excludeSkus ?? []).map((s) => `SKU ${s}`),
  ];
  return [
    ...(included.length ? [`on ${orList(included)}`] : []),
    ...(excluded.length ? [`excluding ${orList(excluded)}`] : []),
  ];
};

const triggerPhrase = (doc: RuleDocument): string[] => {
  if (doc.trigger === 'custom') return [`on the event “${doc.customEvent ?? ''}”`];
  if (doc.trigger !== 'order.placed') return [TRIGGER_PHRASES[doc.trigger]];
  const scope = linesPhrase(doc.lines);
  // "on Home" already says which orders; a rule over every line says "on every order".
  const narrowed = Boolean(doc.lines?.categories?.length || doc.lines?.skus?.length);
  return narrowed ? scope : ['on every order', ...scope];
};

const ATTRIBUTE_OPS: Record<string, string> = {
  eq: 'is',
  neq: 'is not',
  gt: 'is above',
  gte: 'is at least',
  lt: 'is below',
  lte: 'is at most',
  in: 'is one of',
};

const attributeValue = (v: unknown): string =>
  Array.isArray(v) ? orList(v.map(attributeValue)) : typeof v === 'string' ? `“${v}”` : String(v);

const conditionPhrase = (c: Condition, ctx: DescribeContext): string => {
  const names: Names = ctx.names ?? {};
  switch (c.type) {
    case 'order.amount':
      if (c.minMinor !== undefined && c.maxMinor !== undefined)
        return `when the eligible amount is between ${money(c.minMinor, ctx)} and ${money(c.maxMinor, ctx)}`;
      return c.minMinor !== undefined
        ? `when the eligible amount is at least ${money(c.minMinor, ctx)}`
        : `when the eligible amount is at most ${money(c.maxMinor!, ctx)}`;
    case 'order.quantity':
      return `with at least ${c.min} eligible ${c.min === 1 ? 'item' : 'items'}`;
    case 'order.channel':
      return `through ${orList(c.in)}`;
    case 'order.store':
      return `at ${c.in.length === 1 ? 'store' : 'stores'} ${orList(named(names.stores, c.in))}`;
    case 'time.dayOfWeek': {
      const group = dayGroup(c.days);
      if (group === 'weekend') return 'at weekends';
      if (group === 'weekday') return 'on weekdays';
      if (group === 'any') return 'on any day';
      return `on ${orList(dayNames(c.days).map((d) => `${d}s`))}`;
    }
    case 'time.window':
      return `between ${c.from} and ${c.to}${c.from > c.to ? ' (overnight)' : ''}`;
    case 'customer.tier':
      return `for ${orList(named(names.tiers, c.in))} members`;
    case 'customer.segment':
      return `for members in ${c.in.length === 1 ? 'segment' : 'segments'} ${orList(named(names.segments, c.in))}`;
    case 'customer.experiment':
      return `for members in arm “${c.variant}” of experiment ${c.key}`;
    case 'customer.attribute':
      return c.op === 'exists'
        ? `when the member’s ${c.key} is set`
        : `when the member’s ${c.key} ${ATTRIBUTE_OPS[c.op]} ${attributeValue(c.value)}`;
    case 'customer.orderNumber':
      return c.nth !== undefined
        ? c.nth === 1
          ? 'on the member’s first order'
          : `on the member’s ${ordinal(c.nth)} order`
        : `on every ${ordinal(c.every!)} order`;
  }
};

const capsPhrase = (caps: Caps | undefined): string[] => {
  const parts = [
    ...(caps?.perOrder !== undefined ? [`${pointsWord(caps.perOrder)} per order`] : []),
    ...(caps?.perCustomer
      ? [`${pointsWord(caps.perCustomer.points)} per member per ${caps.perCustomer.period}`]
      : []),
  ];
  return parts.length ? [`at most ${parts.join(' and ')}`] : [];
};

const datesPhrase = (doc: RuleDocument, ctx: DescribeContext): string[] => {
  const day = (iso: string) => localDay(new Date(iso), ctx.timeZone);
  if (doc.startsAt && doc.endsAt) return [`from ${day(doc.startsAt)} until ${day(doc.endsAt)}`];
  if (doc.startsAt) return [`from ${day(doc.startsAt)}`];
  return doc.endsAt ? [`until ${day(doc.endsAt)}`] : [];
};

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The plain-language sentence of what a rule does, for any valid rule, e.g. "Double points on
 * Home at weekends, at most 500 points per member per month". Shown beside the builder while the
 * rule is edited and in the list, so nobody has to read the JSON to know what a rule gives.
 */
export const describeRule = (doc: RuleDocument, ctx: DescribeContext): string => {
  const what = [
    andList(doc.effects.map((e) => effectPhrase(e, ctx))),
    ...triggerPhrase(doc),
    ...doc.conditions.map((c) => conditionPhrase(c, ctx)),
    ...datesPhrase(doc, ctx),
  ].join(' ');
  const tail = [
    ...capsPhrase(doc.caps),
    ...(doc.stopsLowerPriority ? ['then no lower-priority rule applies'] : []),
  ];
  return capitalised([what, ...tail].join(', '));
};
