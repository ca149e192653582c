import { describe, expect, it } from 'vitest';
import { ClvSettingsSchema, refreshClv, type ClvRun, type ClvSource } from './clv-refresh.js';
import type { CustomerSummary } from './clv/index.js';

/** A source over summaries held in memory (the port the database implements). */
const sourceOf = (customers: CustomerSummary[]) => {
  const saved: ClvRun[] = [];
  const source: ClvSource = {
    summaries: () => Promise.resolve({ customers, holdout: null }),
    weeklyRepeatPurchases: () => Promise.resolve([]),
    saveRun: (run) => {
      saved.push(run);
      return Promise.resolve();
    },
  };
  return { source, saved };
};

const customer = (i: number, x: number, tx: number, spend: number): CustomerSummary => ({
  customerId: `c${i}`,
  frequency: x,
  recency: tx,
  age: 30,
  meanRepeatSpendMinor: spend,
  firstDay: '2024-01-01',
});

/**
 * 400 customers buying as BG/NBD assumes (seeded): each at a Poisson rate of their own, each
 * dropping out after a purchase with a probability of their own; a sound fit.
 */
const simulated = (spendOf: (i: number) => number) => {
  let seed = 20_240_101;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) + 0.5) / 2 ** 31;
  const exponential = (mean: number) => -Math.log(random()) * mean;
  return Array.from({ length: 400 }, (_, i) => {
    const rate = exponential(0.4);
    const dropout = 1 - random() ** (1 / 3);
    const age = Math.round((20 + 32 * random()) * 7) / 7;
    let t = exponential(1 / rate);
    let x = 0;
    let last = 0;
    for (; t <= age; t += exponential(1 / rate)) {
      x++;
      last = Math.floor(t * 7) / 7;
      if (random() < dropout) break;
    }
    return { ...customer(i, x, last, x ? spendOf(i) : 0), age };
  });
};

const refresh = (source: ClvSource) =>
  refreshClv(source, {
    settings: ClvSettingsSchema.parse({ holdoutWeeks: 0 }),
    today: '2024-07-29',
    now: new Date('2024-07-29T12:00:00Z'),
  });

describe('the CLV refresh with fits the data do not identify', () => {
  it('sound fits: stored with standard errors and money figures', async () => {
    const { source } = sourceOf(simulated((i) => 1000 + ((i * 7919) % 3000)));
    const run = await refresh(source);
    expect(run.transactions.identifiable).toBe(true);
    expect(Object.keys(run.transactions.standardErrors!)).toEqual(['r', 'alpha', 'a', 'b']);
    expect(run.spend?.identifiable).toBe(true);
  });

  it('every repeat buyer spending the same: no money figures, and the reason', async () => {
    // No spread of spend within or across customers: Gamma-Gamma's p runs off to infinity.
    const { source, saved } = sourceOf(simulated(() => 2000));
    const run = await refresh(source);
    expect(run.transactions.identifiable).toBe(true);
    expect(run.spend).toBeNull();
    expect(run.spendProblem).toMatch(/^not identifiable: /);
    expect(saved).toHaveLength(1);
  });

  it('a transaction fit that cannot forecast stops the refresh with both reasons', async () => {
    // Six histories, each shared by ten customers, none dropping out: a runs to 5.6e8 and the
    // expected purchases are not finite.
    const customers = Array.from({ length: 60 }, (_, i) =>
      customer(i, i % 6, i % 6 === 0 ? 0 : 4 + (i % 6) * 3, 0),
    );
    const { source, saved } = sourceOf(customers);
    await expect(refresh(source)).rejects.toThrow(
      /^bgnbd: not identifiable \(.+\), and it cannot predict: .*not finite/,
    );
    expect(saved).toHaveLength(0);
  });
});
