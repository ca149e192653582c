import {
  Engine,
  type Almanac,
  type Event,
  type RuleProperties,
  type TopLevelCondition,
} from 'json-rules-engine';
import type { CustomerFacts, OrderFacts } from '../src/core/rules/rules.evaluate.js';
import {
  RuleDocumentSchema,
  type Condition,
  type Effect,
  type LineFilter,
  type Rule,
} from '../src/core/rules/rules.js';
import { zonedParts } from '../src/core/shared/zoned-time.js';

/**
 * The rule benchmark's programme: 50 earning rules of a gift shop in our format (every condition
 * type, line filters, every points effect, per-order caps, dates, priorities and one rule that
 * stops the rules below it), and the same programme for json-rules-engine, built from ours by
 * `toEngineRule` so the two cannot drift apart. The json-rules-engine side follows its docs:
 * per-order values are passed to `engine.run(facts)`, derived values (eligible amount and
 * quantity per line filter, local weekday and time) are dynamic facts that the almanac caches
 * per params, custom operators cover what the built-in ones do not, and `pointsFromEvents` turns
 * the fired events into points with the same arithmetic as `evaluateRules`.
 */

/** The programme the rules run under: GBP, 1 point per pound, the shop's clock in London. */
export const PROGRAMME = {
  timeZone: 'Europe/London',
  currency: 'GBP',
  currencyExponent: 2,
  basePointsPerCurrencyUnit: 1,
} as const;

/** What both engines read of an order: the facts ours takes, and the instant it was placed. */
export interface BenchOrder {
  id: string;
  customerId: string;
  at: Date;
  order: OrderFacts;
  customer: CustomerFacts;
}

/** Fees, postage and manual lines: never worth points. */
export const SERVICE_SKUS = ['POST', 'DOT', 'M', 'C2', 'PADS', 'BANK CHARGES', 'CRUK', 'AMAZONFEE'];

const orderRule = (doc: Record<string, unknown>) => ({
  schemaVersion: 1,
  trigger: 'order.placed',
  ...doc,
});

/** Campaigns are dated in 2011, the year the Online Retail orders cover. */
const RULE_DOCUMENTS: Record<string, unknown>[] = [
  // Order number: welcome and repeat-visit bonuses.
  {
    name: 'Welcome: 100 points on the first order',
    conditions: [{ type: 'customer.orderNumber', nth: 1 }],
    effects: [{ type: 'points.fixed', points: 100 }],
  },
  {
    name: 'Come back: 50 points on the second order',
    conditions: [{ type: 'customer.orderNumber', nth: 2 }],
    effects: [{ type: 'points.fixed', points: 50 }],
  },
  {
    name: 'Every 5th order: 25 points',
    conditions: [{ type: 'customer.orderNumber', every: 5 }],
    effects: [{ type: 'points.fixed', points: 25 }],
  },
  {
    name: 'Every 10th order: double points, at most 500',
    lines: { excludeCategories: ['service'] },
    conditions: [{ type: 'customer.orderNumber', every: 10 }],
    effects: [{ type: 'points.multiplier', percent: 200 }],
    caps: { perOrder: 500 },
  },
  // Basket value and size.
  {
    name: 'Big basket: 50 points from £200',
    conditions: [{ type: 'order.amount', minMinor: 20_000 }],
    effects: [{ type: 'points.fixed', points: 50 }],
  },
  {
    name: 'Wholesale basket: 2 points per £ from £1,000, at most 1,000',
    priority: 5,
    lines: { excludeCategories: ['service'] },
    conditions: [{ type: 'order.amount', minMinor: 100_000 }],
    effects: [{ type: 'points.perCurrencyUnit', points: 2 }],
    caps: { perOrder: 1_000 },
  },
  {
    name: 'Small basket: 5 points under £15',
    priority: -5,
    conditions: [{ type: 'order.amount', maxMinor: 1_500 }],
    effects: [{ type: 'points.fixed', points: 5 }],
  },
  {
    name: 'Middle basket: 10 points for £50 to £100 of goods',
    lines: { excludeSkus: SERVICE_SKUS },
    conditions: [{ type: 'order.amount', minMinor: 5_000, maxMinor: 10_000 }],
    effects: [{ type: 'points.fixed', points: 10 }],
  },
  {
    name: 'Bulk buyer: 20 points for 100 items or more',
    lines: { excludeCategories: ['service'] },
    conditions: [{ type: 'order.quantity', min: 100 }],
    effects: [{ type: 'points.fixed', points: 20 }],
  },
  {
    name: 'Goods over £100: 1 extra point per £, postage excluded',
    lines: { excludeSkus: SERVICE_SKUS },
    conditions: [{ type: 'order.amount', minMinor: 10_000 }],
    effects: [{ type: 'points.perCurrencyUnit', points: 1 }],
    caps: { perOrder: 800 },
  },
  // Categories and products.
  {
    name: 'Christmas range: triple points, at most 300',
    lines: { categories: ['christmas'] },
    effects: [{ type: 'points.multiplier', percent: 300 }],
    caps: { perOrder: 300 },
  },
  {
    name: 'Lunch bags and boxes: 3 points per £',
    lines: { categories: ['lunch'] },
    effects: [{ type: 'points.perCurrencyUnit', points: 3 }],
    caps: { perOrder: 400 },
  },
  {
    name: 'Doormats: 20 points for an order with one',
    lines: { categories: ['doormat'] },
    conditions: [{ type: 'order.quantity', min: 1 }],
    effects: [{ type: 'points.fixed', points: 20 }],
  },
  {
    name: 'Best seller: 10 points with the white hanging heart T-light holder',
    lines: { skus: ['85123A'] },
    conditions: [{ type: 'order.quantity', min: 1 }],
    effects: [{ type: 'points.fixed', points: 10 }],
  },
  {
    name: 'Regency cake stands and teacups: double points',
    lines: { skus: ['22423', '22697', '22698', '22699'] },
    effects: [{ type: 'points.multiplier', percent: 200 }],
  },
  {
    name: 'Candles and lights: 2 points per £, at most 200',
    lines: { categories: ['candles'] },
    effects: [{ type: 'points.perCurrencyUnit', points: 2 }],
    caps: { perOrder: 200 },
  },
  {
    name: 'Bags: 5 points and 1 per £ from 10 bags, at most 100',
    lines: { categories: ['bags'], excludeSkus: ['85099B'] },
    conditions: [{ type: 'order.quantity', min: 10 }],
    effects: [
      { type: 'points.fixed', points: 5 },
      { type: 'points.perCurrencyUnit', points: 1 },
    ],
    caps: { perOrder: 100 },
  },
  {
    name: 'Vintage range: 1 point per £ from 24 items',
    lines: { categories: ['vintage'], excludeCategories: ['christmas'] },
    conditions: [{ type: 'order.quantity', min: 24 }],
    effects: [{ type: 'points.perCurrencyUnit', points: 1 }],
  },
  {
    name: 'Kitchen and stationery: 1.5 times the points over £40',
    lines: { categories: ['kitchen', 'stationery'] },
    conditions: [{ type: 'order.amount', minMinor: 4_000 }],
    effects: [{ type: 'points.multiplier', percent: 150 }],
  },
  // Days and times, in the shop's time zone.
  {
    name: 'Weekend: 2 points per £, services excluded',
    lines: { excludeCategories: ['service'] },
    conditions: [{ type: 'time.dayOfWeek', days: [6, 7] }],
    effects: [{ type: 'points.perCurrencyUnit', points: 2 }],
    caps: { perOrder: 600 },
  },
  {
    name: 'Sunday visit: 15 points',
    conditions: [{ type: 'time.dayOfWeek', days: [7] }],
    effects: [{ type: 'points.fixed', points: 15 }],
  },
  {
    name: 'Wednesday: double points, at most 200',
    lines: { excludeCategories: ['service'] },
    conditions: [{ type: 'time.dayOfWeek', days: [3] }],
    effects: [{ type: 'points.multiplier', percent: 200 }],
    caps: { perOrder: 200 },
  },
  {
    name: 'Early bird: 10 points before 09:00',
    conditions: [{ type: 'time.window', from: '06:00', to: '09:00' }],
    effects: [{ type: 'points.fixed', points: 10 }],
  },
  {
    name: 'Weekday lunchtime: 5 points from 12:00 to 14:00',
    conditions: [
      { type: 'time.dayOfWeek', days: [1, 2, 3, 4, 5] },
      { type: 'time.window', from: '12:00', to: '14:00' },
    ],
    effects: [{ type: 'points.fixed', points: 5 }],
  },
  {
    name: 'Night owl: 8 points from 17:30 to 02:00',
    conditions: [{ type: 'time.window', from: '17:30', to: '02:00' }],
    effects: [{ type: 'points.fixed', points: 8 }],
  },
  {
    name: 'Friday afternoon: 1 point per £ from 15:00 to 18:00, at most 150',
    conditions: [
      { type: 'time.dayOfWeek', days: [5] },
      { type: 'time.window', from: '15:00', to: '18:00' },
    ],
    effects: [{ type: 'points.perCurrencyUnit', points: 1 }],
    caps: { perOrder: 150 },
  },
  // Tiers and segments.
  {
    name: 'Gold tier: 3 points per £, at most 2,000',
    priority: 5,
    conditions: [{ type: 'customer.tier', in: ['gold'] }],
    effects: [{ type: 'points.perCurrencyUnit', points: 3 }],
    caps: { perOrder: 2_000 },
  },
  {
    name: 'Silver tier: 2 points per £, at most 1,000',
    priority: 5,
    conditions: [{ type: 'customer.tier', in: ['silver'] }],
    effects: [{ type: 'points.perCurrencyUnit', points: 2 }],
    caps: { perOrder: 1_000 },
  },
  {
    name: 'Bronze tier: 10 points per order',
    priority: 5,
    conditions: [{ type: 'customer.tier', in: ['bronze'] }],
    effects: [{ type: 'points.fixed', points: 10 }],
  },
  {
    name: 'Gold and silver: 25 points from £50',
    conditions: [
      { type: 'customer.tier', in: ['gold', 'silver'] },
      { type: 'order.amount', minMinor: 5_000 },
    ],
    effects: [{ type: 'points.fixed', points: 25 }],
  },
  {
    name: 'Champions: 1.5 times the points',
    conditions: [{ type: 'customer.segment', in: ['champions'] }],
    effects: [{ type: 'points.multiplier', percent: 150 }],
  },
  {
    name: 'At risk: 50 points to win them back',
    conditions: [{ type: 'customer.segment', in: ['at_risk'] }],
    effects: [{ type: 'points.fixed', points: 50 }],
  },
  {
    name: 'New customers: 30 points on the third order',
    conditions: [
      { type: 'customer.segment', in: ['new'] },
      { type: 'customer.orderNumber', nth: 3 },
    ],
    effects: [{ type: 'points.fixed', points: 30 }],
  },
  {
    name: 'Loyal and big spenders: 1 point per £ from £100, at most 500',
    conditions: [
      { type: 'customer.segment', in: ['loyal', 'big_spenders'] },
      { type: 'order.amount', minMinor: 10_000 },
    ],
    effects: [{ type: 'points.perCurrencyUnit', points: 1 }],
    caps: { perOrder: 500 },
  },
  // Customer attributes: every operator.
  {
    name: 'Newsletter subscribers: 5 points',
    conditions: [{ type: 'customer.attribute', key: 'newsletter', op: 'eq', value: true }],
    effects: [{ type: 'points.fixed', points: 5 }],
  },
  {
    name: 'Customers abroad: 20 points',
    conditions: [
      { type: 'customer.attribute', key: 'country', op: 'neq', value: 'United Kingdom' },
    ],
    effects: [{ type: 'points.fixed', points: 20 }],
  },
  {
    name: 'Near neighbours: double points on goods, at most 400',
    lines: { excludeCategories: ['service'] },
    conditions: [
      {
        type: 'customer.attribute',
        key: 'country',
        op: 'in',
        value: ['France', 'Germany', 'EIRE', 'Belgium', 'Netherlands', 'Spain'],
      },
    ],
    effects: [{ type: 'points.multiplier', percent: 200 }],
    caps: { perOrder: 400 },
  },
  {
    name: 'Sixty and over: 10% more points',
    conditions: [{ type: 'customer.attribute', key: 'age', op: 'gte', value: 60 }],
    effects: [{ type: 'points.multiplier', percent: 110 }],
  },
  {
    name: 'Under 25: 15 points',
    conditions: [{ type: 'customer.attribute', key: 'age', op: 'lt', value: 25 }],
    effects: [{ type: 'points.fixed', points: 15 }],
  },
  {
    name: 'Over 40 with £300 or more: 40 points',
    conditions: [
      { type: 'customer.attribute', key: 'age', op: 'gt', value: 40 },
      { type: 'order.amount', minMinor: 30_000 },
    ],
    effects: [{ type: 'points.fixed', points: 40 }],
  },
  {
    name: 'App users up to 30: 12 points',
    conditions: [
      { type: 'customer.attribute', key: 'age', op: 'lte', value: 30 },
      { type: 'order.channel', in: ['app'] },
    ],
    effects: [{ type: 'points.fixed', points: 12 }],
  },
  {
    name: 'Referred friends: 150 points on the first order',
    priority: 10,
    conditions: [
      { type: 'customer.attribute', key: 'referredBy', op: 'exists' },
      { type: 'customer.orderNumber', nth: 1 },
    ],
    effects: [{ type: 'points.fixed', points: 150 }],
  },
  // Channels and stores.
  {
    name: 'App orders: 2 points per £, at most 600',
    conditions: [{ type: 'order.channel', in: ['app'] }],
    effects: [{ type: 'points.perCurrencyUnit', points: 2 }],
    caps: { perOrder: 600 },
  },
  {
    name: 'In store: 10 points a visit',
    conditions: [{ type: 'order.channel', in: ['pos'] }],
    effects: [{ type: 'points.fixed', points: 10 }],
  },
  {
    name: 'Flagship stores: double points, at most 300',
    conditions: [{ type: 'order.store', in: ['store_01', 'store_02'] }],
    effects: [{ type: 'points.multiplier', percent: 200 }],
    caps: { perOrder: 300 },
  },
  {
    name: 'Web orders from £300: 30 points',
    conditions: [
      { type: 'order.channel', in: ['web'] },
      { type: 'order.amount', minMinor: 30_000 },
    ],
    effects: [{ type: 'points.fixed', points: 30 }],
  },
  // Dated campaigns.
  {
    name: 'Spring 2011: double points on goods, at most 250',
    priority: 10,
    startsAt: '2011-03-01T00:00:00Z',
    endsAt: '2011-06-01T00:00:00+01:00',
    lines: { excludeSkus: SERVICE_SKUS },
    effects: [{ type: 'points.multiplier', percent: 200 }],
    caps: { perOrder: 250 },
  },
  {
    name: 'Christmas countdown 2011: 2 points per £ on the Christmas range',
    priority: 10,
    startsAt: '2011-11-01T00:00:00Z',
    endsAt: '2011-12-25T00:00:00Z',
    lines: { categories: ['christmas'] },
    effects: [{ type: 'points.perCurrencyUnit', points: 2 }],
  },
  {
    name: 'Summer Sundays 2011: 20 points',
    startsAt: '2011-06-01T00:00:00+01:00',
    endsAt: '2011-09-01T00:00:00+01:00',
    conditions: [{ type: 'time.dayOfWeek', days: [7] }],
    effects: [{ type: 'points.fixed', points: 20 }],
  },
  // A trade account earns a flat rate and no promotion: the rules below it are not evaluated.
  {
    name: 'Trade accounts: 1 point per £, no promotions',
    priority: 100,
    stopsLowerPriority: true,
    conditions: [{ type: 'customer.attribute', key: 'trade', op: 'eq', value: true }],
    effects: [{ type: 'points.perCurrencyUnit', points: 1 }],
    caps: { perOrder: 2_000 },
  },
];

/** Ours with one rule, the benchmark's baseline: a line filter, a condition, a per-unit effect. */
export const BASELINE_RULE_NAME = 'Weekend: 2 points per £, services excluded';

/** The 50 rules, each document checked by RuleDocumentSchema as the API would. */
export const programmeRules = (): Rule[] =>
  RULE_DOCUMENTS.map((doc, i) => ({
    id: `rul_${String(i + 1).padStart(2, '0')}`,
    version: 1,
    document: RuleDocumentSchema.parse(orderRule(doc)),
  }));

// ---------------------------------------------------------------------------------------------
// The same programme for json-rules-engine.

type EngineCondition = Extract<TopLevelCondition, { all: unknown }>['all'][number];

/** What a fired event carries: enough to compute the rule's points as ours does. */
export interface EnginePointsParams {
  ruleId: string;
  /** The line filter, the params of the `eligible` fact for per-unit and multiplier effects. */
  lines: LineFilter;
  effects: Effect[];
  capPerOrder: number | null;
}

interface EngineLine {
  sku: string;
  category: string | null;
  quantity: number;
  unitPriceMinor: number;
}

interface EligibleTotals {
  amountMinor: number;
  quantity: number;
}

const ATTRIBUTE_OPERATORS = {
  eq: 'equal',
  neq: 'notEqual',
  gt: 'greaterThan',
  gte: 'greaterThanInclusive',
  lt: 'lessThan',
  lte: 'lessThanInclusive',
  in: 'in',
  exists: 'exists',
} as const;

const hhmmMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/** One of our conditions as json-rules-engine conditions (all of which must hold). */
const engineConditions = (c: Condition, lines: LineFilter): EngineCondition[] => {
  const eligible = (path: keyof EligibleTotals, operator: string, value: number) => ({
    fact: 'eligible',
    params: lines,
    path,
    operator,
    value,
  });
  switch (c.type) {
    case 'order.amount':
      return [
        ...(c.minMinor === undefined
          ? []
          : [eligible('amountMinor', 'greaterThanInclusive', c.minMinor)]),
        ...(c.maxMinor === undefined
          ? []
          : [eligible('amountMinor', 'lessThanInclusive', c.maxMinor)]),
      ];
    case 'order.quantity':
      return [eligible('quantity', 'greaterThanInclusive', c.min)];
    case 'order.channel':
      return [{ fact: 'channel', operator: 'in', value: c.in }];
    case 'order.store':
      return [{ fact: 'storeId', operator: 'in', value: c.in }];
    case 'time.dayOfWeek':
      return [{ fact: 'localTime', path: 'isoWeekday', operator: 'in', value: c.days }];
    case 'time.window': {
      const [from, to] = [hhmmMinutes(c.from), hhmmMinutes(c.to)];
      const after = {
        fact: 'localTime',
        path: 'minutesOfDay',
        operator: 'greaterThanInclusive',
        value: from,
      };
      const before = { fact: 'localTime', path: 'minutesOfDay', operator: 'lessThan', value: to };
      // A window past midnight (22:00–02:00) is "after from, or before to".
      return from <= to ? [after, before] : [{ any: [after, before] }];
    }
    case 'customer.tier':
      return [{ fact: 'tier', operator: 'in', value: c.in }];
    case 'customer.segment':
      return [{ fact: 'segments', operator: 'someFact:in', value: c.in }];
    case 'customer.experiment':
      return [{ fact: 'experiments', path: c.key, operator: 'equal', value: c.variant }];
    case 'customer.attribute':
      return [
        {
          fact: 'attributes',
          path: c.key,
          operator: ATTRIBUTE_OPERATORS[c.op],
          value: c.value ?? null,
        },
      ];
    case 'customer.orderNumber':
      return [
        c.nth !== undefined
          ? { fact: 'orderNumber', operator: 'equal', value: c.nth }
          : { fact: 'orderNumber', operator: 'multipleOf', value: c.every },
      ];
  }
};

/** Our rule as a json-rules-engine rule; refuses what this benchmark does not translate. */
export const toEngineRule = (rule: Rule, engine: Engine): RuleProperties => {
  const doc = rule.document;
  if (doc.trigger !== 'order.placed') throw new Error(`${rule.id}: only order.placed rules`);
  if (doc.caps?.perCustomer) throw new Error(`${rule.id}: per-customer caps need state`);
  const effects = doc.effects.filter((e) => e.type.startsWith('points.'));
  if (effects.length !== doc.effects.length) throw new Error(`${rule.id}: points effects only`);
  const lines = doc.lines ?? {};
  const dates: EngineCondition[] = [
    ...(doc.startsAt
      ? [{ fact: 'placedAtMs', operator: 'greaterThanInclusive', value: Date.parse(doc.startsAt) }]
      : []),
    ...(doc.endsAt
      ? [{ fact: 'placedAtMs', operator: 'lessThan', value: Date.parse(doc.endsAt) }]
      : []),
  ];
  const params: EnginePointsParams = {
    ruleId: rule.id,
    lines,
    effects,
    capPerOrder: doc.caps?.perOrder ?? null,
  };
  return {
    name: rule.id,
    // json-rules-engine priorities are positive; ours run from -1000 to 1000.
    priority: doc.priority + 1001,
    conditions: { all: [...dates, ...doc.conditions.flatMap((c) => engineConditions(c, lines))] },
    event: { type: 'points', params: { ...params } },
    // Rules of the same priority run together in json-rules-engine, so stopping is per priority.
    ...(doc.stopsLowerPriority ? { onSuccess: () => void engine.stop() } : {}),
  };
};

const matches = (line: EngineLine, filter: LineFilter) => {
  const category = line.category ?? '';
  if (filter.excludeSkus?.includes(line.sku)) return false;
  if (filter.excludeCategories?.includes(category)) return false;
  if (filter.skus === undefined && filter.categories === undefined) return true;
  return Boolean(filter.skus?.includes(line.sku) || filter.categories?.includes(category));
};

const eligibleTotals = (lines: EngineLine[], filter: LineFilter): EligibleTotals => {
  let amountMinor = 0;
  let quantity = 0;
  for (const line of lines) {
    if (!matches(line, filter)) continue;
    amountMinor += line.quantity * line.unitPriceMinor;
    quantity += line.quantity;
  }
  return { amountMinor, quantity };
};

/**
 * An engine holding the programme: per-order facts come to `run`, derived facts are computed
 * on demand and cached per run (and per line filter), and undefined facts (no store, no tier)
 * read as undefined instead of failing the run.
 */
export const createJsonRulesEngine = (rules: Rule[]): Engine => {
  const engine = new Engine([], {
    allowUndefinedFacts: true,
    // Paths here are one property deep; the default JSONPath resolver is far slower.
    pathResolver: (object, path) => (object as Record<string, unknown>)[path],
  });
  engine.addOperator('exists', (fact: unknown) => fact !== undefined && fact !== null);
  engine.addOperator(
    'multipleOf',
    (fact: unknown, every: number) => typeof fact === 'number' && fact > 0 && fact % every === 0,
  );
  engine.addFact('localTime', (_params, almanac) =>
    almanac
      .factValue<number>('placedAtMs')
      .then((ms) => zonedParts(new Date(ms), PROGRAMME.timeZone)),
  );
  engine.addFact('eligible', (filter, almanac) =>
    almanac
      .factValue<EngineLine[]>('lines')
      .then((lines) => eligibleTotals(lines, filter as LineFilter)),
  );
  for (const rule of rules) {
    if (
      rule.document.stopsLowerPriority &&
      rules.some((r) => r !== rule && r.document.priority === rule.document.priority)
    ) {
      throw new Error(`${rule.id} stops lower rules but shares its priority`);
    }
    engine.addRule(toEngineRule(rule, engine));
  }
  return engine;
};

/** The facts of one order for `engine.run`; a missing store or tier is left out. */
export const engineFacts = (o: BenchOrder): Record<string, unknown> => {
  const facts: Record<string, unknown> = {
    currency: o.order.currency,
    channel: o.order.channel,
    orderNumber: o.order.orderNumber,
    placedAtMs: o.at.getTime(),
    lines: o.order.lines,
    segments: o.customer.segments,
    attributes: o.customer.attributes,
  };
  if (o.order.storeId !== null) facts.storeId = o.order.storeId;
  if (o.customer.tier !== null) facts.tier = o.customer.tier;
  return facts;
};

const perUnitPoints = (amountMinor: number, pointsPerUnit: number) =>
  Math.floor((amountMinor * pointsPerUnit) / 10 ** PROGRAMME.currencyExponent);

const effectPoints = (effect: Effect, amountMinor: number, sameCurrency: boolean) => {
  if (effect.type === 'points.fixed') return effect.points;
  if (!sameCurrency) return 0;
  if (effect.type === 'points.perCurrencyUnit') return perUnitPoints(amountMinor, effect.points);
  if (effect.type === 'points.multiplier') {
    const base = perUnitPoints(amountMinor, PROGRAMME.basePointsPerCurrencyUnit);
    return Math.floor((base * (effect.percent - 100)) / 100);
  }
  return 0;
};

/**
 * Points per rule from the events of one run: fixed, per currency unit and multiplier effects
 * summed, then the per-order cap; rules that come to nothing are left out, as ours leaves them.
 * The eligible amount is read from the run's almanac, where a condition usually cached it.
 */
export const pointsFromEvents = async (
  events: Event[],
  almanac: Almanac,
): Promise<Map<string, number>> => {
  const awarded = new Map<string, number>();
  for (const event of events) {
    const p = event.params as EnginePointsParams;
    const perAmount = p.effects.some((e) => e.type !== 'points.fixed');
    const amountMinor = perAmount
      ? (await almanac.factValue<EligibleTotals>('eligible', p.lines)).amountMinor
      : 0;
    const sameCurrency =
      perAmount && (await almanac.factValue<string>('currency')) === PROGRAMME.currency;
    const uncapped = p.effects.reduce(
      (sum, e) => sum + effectPoints(e, amountMinor, sameCurrency),
      0,
    );
    const points = p.capPerOrder === null ? uncapped : Math.min(uncapped, p.capPerOrder);
    if (points > 0) awarded.set(p.ruleId, points);
  }
  return awarded;
};
