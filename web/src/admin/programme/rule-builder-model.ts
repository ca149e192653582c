/**
 * The parts of a rule document the builder edits (lines, conditions, effects, caps), as plain
 * values. They go to the server as they are; the server checks them and names each fault.
 */
export type Condition = { type: string } & Record<string, unknown>;
export type Effect = { type: string } & Record<string, unknown>;
export interface LineFilter {
  categories?: string[];
  skus?: string[];
  excludeCategories?: string[];
  excludeSkus?: string[];
}
export interface Caps {
  perOrder?: number;
  perCustomer?: { points: number; period: string };
}
export interface RuleParts {
  lines?: LineFilter;
  conditions: Condition[];
  effects: Effect[];
  caps?: Caps;
}

export const CONDITION_KINDS: { type: string; label: string; blank: Condition }[] = [
  {
    type: 'time.dayOfWeek',
    label: 'Days of the week',
    blank: { type: 'time.dayOfWeek', days: [] },
  },
  {
    type: 'time.window',
    label: 'Time of day',
    blank: { type: 'time.window', from: '09:00', to: '17:00' },
  },
  { type: 'order.channel', label: 'Channel', blank: { type: 'order.channel', in: ['web'] } },
  { type: 'order.store', label: 'Store', blank: { type: 'order.store', in: [] } },
  { type: 'customer.tier', label: 'Tier', blank: { type: 'customer.tier', in: [] } },
  { type: 'customer.segment', label: 'Segment', blank: { type: 'customer.segment', in: [] } },
  {
    type: 'customer.experiment',
    label: 'Experiment arm',
    blank: { type: 'customer.experiment', key: '', variant: '' },
  },
  {
    type: 'customer.orderNumber',
    label: 'Nth order',
    blank: { type: 'customer.orderNumber', nth: 1 },
  },
  { type: 'order.amount', label: 'Order amount', blank: { type: 'order.amount', minMinor: 0 } },
  { type: 'order.quantity', label: 'Number of items', blank: { type: 'order.quantity', min: 2 } },
];

export const EFFECT_KINDS: { type: string; label: string; blank: Effect }[] = [
  {
    type: 'points.perCurrencyUnit',
    label: 'Points per currency unit spent',
    blank: { type: 'points.perCurrencyUnit', points: 1 },
  },
  { type: 'points.fixed', label: 'Fixed points', blank: { type: 'points.fixed', points: 100 } },
  {
    type: 'points.multiplier',
    label: 'Multiply the base points',
    blank: { type: 'points.multiplier', percent: 200 },
  },
  { type: 'issue.reward', label: 'Issue a reward', blank: { type: 'issue.reward', rewardId: '' } },
];

export const NEW_PARTS: RuleParts = {
  conditions: [],
  effects: [{ type: 'points.multiplier', percent: 200 }],
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The builder's parts of a stored document; anything the builder has no input for is kept. */
export const partsOf = (rest: Record<string, unknown>): RuleParts => ({
  ...rest,
  conditions: Array.isArray(rest.conditions) ? (rest.conditions as Condition[]) : [],
  effects: Array.isArray(rest.effects) ? (rest.effects as Effect[]) : [],
  ...(isObject(rest.lines) ? { lines: rest.lines as LineFilter } : {}),
  ...(isObject(rest.caps) ? { caps: rest.caps as Caps } : {}),
});

/** The parts as the document takes them: empty line filters and caps are left out. */
export const cleanParts = (parts: RuleParts): Record<string, unknown> => {
  const { lines, caps, ...rest } = parts;
  const keptLines = Object.fromEntries(
    Object.entries(lines ?? {}).filter(([, v]) => Array.isArray(v) && v.length > 0),
  );
  const keptCaps = Object.fromEntries(
    Object.entries(caps ?? {}).filter(([, v]) => v !== undefined),
  );
  return {
    ...rest,
    ...(Object.keys(keptLines).length ? { lines: keptLines } : {}),
    ...(Object.keys(keptCaps).length ? { caps: keptCaps } : {}),
  };
};

export const toggle = <T>(list: readonly T[], value: T, on: boolean): T[] =>
  on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value);
