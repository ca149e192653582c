import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  customerLifetimeValue,
  expectedMeanSpendMinor,
  expectedPurchases,
  probabilityAlive,
  type CustomerSummary,
  type ModelFit,
} from './index.js';

const fitOf = (model: ModelFit['model'], params: Record<string, number>): ModelFit => ({
  model,
  params,
  logLikelihood: -1,
  customers: 1,
  converged: true,
  identifiable: true,
  notIdentifiableReason: null,
  standardErrors: null,
  iterations: 0,
  durationMs: 0,
  evaluations: 0,
  starts: { tried: 1, finite: 1 },
  groups: 1,
});

const customer = (frequency: number, recency: number, age: number, spend = 0): CustomerSummary => ({
  customerId: 'c',
  frequency,
  recency: frequency > 0 ? recency : 0,
  age,
  meanRepeatSpendMinor: frequency > 0 ? spend : 0,
  firstDay: '2024-01-01',
});

/** The CDNOW fits (Fader, Hardie & Lee 2005), spend in cents. */
const BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const MBG = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };
const PARETO = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };
const GG = { p: 6.25, q: 3.74, gamma: 1544 };
const CDNOW = {
  bgnbd: fitOf('bgnbd', BG),
  mbgnbd: fitOf('mbgnbd', MBG),
  'pareto-nbd': fitOf('pareto-nbd', PARETO),
};
const SPEND = fitOf('gamma-gamma', GG);

/** ₂F₁ summed term by term (|z| ≤ 0.6 here, so exact enough for a check). */
const hyp2f1 = (a: number, b: number, c: number, z: number) => {
  let term = 1;
  let sum = 1;
  for (let k = 0; k < 10_000 && Math.abs(term) > 1e-17 * Math.abs(sum); k++) {
    term *= ((a + k) * (b + k) * z) / ((c + k) * (k + 1));
    sum += term;
  }
  return sum;
};

const shape = fc.double({ min: 0.05, max: 20, noNaN: true });
const scale = fc.double({ min: 0.5, max: 100, noNaN: true });
const fits = fc.oneof(
  fc
    .tuple(shape, scale, shape, shape)
    .map(([r, alpha, a, b]) => fitOf('bgnbd', { r, alpha, a, b })),
  fc
    .tuple(shape, scale, shape, shape)
    .map(([r, alpha, a, b]) => fitOf('mbgnbd', { r, alpha, a, b })),
  fc
    .tuple(shape, scale, shape, scale)
    .map(([r, alpha, s, beta]) => fitOf('pareto-nbd', { r, alpha, s, beta })),
);
const histories = fc
  .tuple(
    fc.integer({ min: 0, max: 60 }),
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.double({ min: 0, max: 150, noNaN: true }),
  )
  .map(([x, share, age]) => customer(x, x > 0 ? share * age : 0, age, 2500));

describe('per-customer predictions: properties', () => {
  it('P(alive) is a probability', () => {
    fc.assert(
      fc.property(fits, histories, (fit, c) => {
        const p = probabilityAlive(fit, c);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('expected purchases are ≥ 0 and never fall as the horizon grows', () => {
    fc.assert(
      fc.property(
        fits,
        histories,
        fc.double({ min: 0, max: 200, noNaN: true }),
        fc.double({ min: 0, max: 200, noNaN: true }),
        (fit, c, w1, w2) => {
          const [short, long] = w1 <= w2 ? [w1, w2] : [w2, w1];
          const a = expectedPurchases(fit, c, short);
          const b = expectedPurchases(fit, c, long);
          expect(a).toBeGreaterThanOrEqual(0);
          expect(b).toBeGreaterThanOrEqual(a - 1e-9 * Math.max(1, a));
        },
      ),
    );
  });

  it('CLV never falls with a longer horizon and falls with a higher discount rate', () => {
    const rate = fc.double({ min: 0, max: 0.5, noNaN: true });
    fc.assert(
      fc.property(
        fits,
        histories,
        fc.double({ min: 0, max: 260, noNaN: true }),
        fc.double({ min: 0, max: 260, noNaN: true }),
        rate,
        rate,
        (fit, c, h1, h2, d1, d2) => {
          const clv = (horizonWeeks: number, annualDiscountRate: number) =>
            customerLifetimeValue({
              transactions: fit,
              spend: SPEND,
              customer: c,
              horizonWeeks,
              annualDiscountRate,
            });
          const [short, long] = h1 <= h2 ? [h1, h2] : [h2, h1];
          const [low, high] = d1 <= d2 ? [d1, d2] : [d2, d1];
          expect(clv(short, low)).toBeGreaterThanOrEqual(0);
          expect(clv(long, low)).toBeGreaterThanOrEqual(clv(short, low) * (1 - 1e-12));
          const [cheap, dear] = [clv(long, high), clv(long, low)];
          expect(cheap).toBeLessThanOrEqual(dear * (1 + 1e-12));
          if (dear > 1e-6 && high - low > 0.01 && long >= 52) expect(cheap).toBeLessThan(dear);
        },
      ),
    );
  });
});

describe('per-customer predictions: the closed forms', () => {
  const c = customer(2, 30.43, 38.86, 2235);

  it('BG/NBD conditional expectation matches FHL 2005 eq. (10) computed directly', () => {
    const { r, alpha, a, b } = BG;
    const [x, tx, T, t] = [2, 30.43, 38.86, 39];
    const z = t / (alpha + T + t);
    const numerator =
      ((a + b + x - 1) / (a - 1)) *
      (1 - Math.pow((alpha + T) / (alpha + T + t), r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z));
    const alive = 1 / (1 + (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x));
    expect(expectedPurchases(CDNOW.bgnbd, c, t)).toBeCloseTo(numerator * alive, 10);
    expect(probabilityAlive(CDNOW.bgnbd, c)).toBeCloseTo(alive, 12);
  });

  it('MBG/NBD conditional expectation matches Wagner & Hoppe (2008) computed directly', () => {
    const { r, alpha, a, b } = MBG;
    const [x, tx, T, t] = [2, 30.43, 38.86, 39];
    const z = t / (alpha + T + t);
    const numerator =
      ((a + b + x) / (a - 1)) *
      (1 - Math.pow((alpha + T) / (alpha + T + t), r + x) * hyp2f1(r + x, b + x + 1, a + b + x, z));
    const alive = 1 / (1 + (a / (b + x)) * Math.pow((alpha + T) / (alpha + tx), r + x));
    expect(expectedPurchases(CDNOW.mbgnbd, c, t)).toBeCloseTo(numerator * alive, 10);
    // Unlike BG/NBD, a one-time buyer may have dropped out already.
    expect(probabilityAlive(CDNOW.mbgnbd, customer(0, 0, 30))).toBeLessThan(1);
    expect(probabilityAlive(CDNOW.bgnbd, customer(0, 0, 30))).toBe(1);
  });

  it('Pareto/NBD P(alive) matches the likelihood integral done numerically, α < β and α > β', () => {
    for (const params of [PARETO, { r: 0.5, alpha: 30, s: 0.8, beta: 4 }]) {
      const { r, alpha, s, beta } = params;
      const fit = fitOf('pareto-nbd', params);
      for (const [x, tx, T] of [
        [0, 0, 30],
        [3, 12.5, 38],
        [12, 37.9, 38],
      ] as const) {
        const f = (tau: number) => Math.pow(alpha + tau, -(r + x)) * Math.pow(beta + tau, -(s + 1));
        const n = 20_000;
        const h = (T - tx) / n;
        let integral = f(tx) + f(T);
        for (let i = 1; i < n; i++) integral += (i % 2 ? 4 : 2) * f(tx + i * h);
        const died = (s * integral * h) / 3;
        const alive = Math.pow(alpha + T, -(r + x)) * Math.pow(beta + T, -s);
        expect(probabilityAlive(fit, customer(x, tx, T))).toBeCloseTo(alive / (alive + died), 9);
      }
    }
  });

  it('Pareto/NBD expectation: closed form, and continuous through s = 1', () => {
    const { r, alpha, s, beta } = PARETO;
    const [x, T, t] = [2, 38.86, 52];
    const direct =
      (((r + x) * (beta + T)) / ((alpha + T) * (s - 1))) *
      (1 - Math.pow((beta + T) / (beta + T + t), s - 1));
    const fit = CDNOW['pareto-nbd'];
    expect(expectedPurchases(fit, c, t)).toBeCloseTo(direct * probabilityAlive(fit, c), 10);
    const at = (sValue: number) =>
      expectedPurchases(fitOf('pareto-nbd', { ...fit.params, s: sValue }), c, t);
    expect(at(1)).toBeCloseTo(at(1 + 1e-9), 7);
    expect(Number.isFinite(at(1))).toBe(true);
  });

  it('BG/NBD expectation is finite and continuous at a = 1', () => {
    const at = (a: number) =>
      expectedPurchases(fitOf('bgnbd', { ...CDNOW.bgnbd.params, a }), c, 39);
    expect(Number.isFinite(at(1))).toBe(true);
    expect(at(1)).toBeCloseTo(at(1 + 1e-8), 6);
    expect(at(1)).toBeCloseTo(at(1 - 1e-8), 6);
  });

  it('a newcomer’s expectation is each model’s unconditional E[X(t)]', () => {
    const t = 39;
    const newcomer = customer(0, 0, 0);
    const pareto = PARETO;
    expect(expectedPurchases(CDNOW['pareto-nbd'], newcomer, t)).toBeCloseTo(
      ((pareto.r * pareto.beta) / (pareto.alpha * (pareto.s - 1))) *
        (1 - Math.pow(pareto.beta / (pareto.beta + t), pareto.s - 1)),
      10,
    );
    const bg = BG;
    expect(expectedPurchases(CDNOW.bgnbd, newcomer, t)).toBeCloseTo(
      ((bg.a + bg.b - 1) / (bg.a - 1)) *
        (1 -
          Math.pow(bg.alpha / (bg.alpha + t), bg.r) *
            hyp2f1(bg.r, bg.b, bg.a + bg.b - 1, t / (bg.alpha + t))),
      10,
    );
    const mbg = MBG;
    expect(expectedPurchases(CDNOW.mbgnbd, newcomer, t)).toBeCloseTo(
      (mbg.b / (mbg.a - 1)) *
        (1 -
          Math.pow(mbg.alpha / (mbg.alpha + t), mbg.r) *
            hyp2f1(mbg.r, mbg.b + 1, mbg.a + mbg.b, t / (mbg.alpha + t))),
      10,
    );
  });
});

describe('spend and lifetime value', () => {
  it('Gamma-Gamma: a weighted mean of the population mean and the customer’s own', () => {
    const { p, q, gamma } = GG;
    const population = (p * gamma) / (q - 1);
    expect(expectedMeanSpendMinor(SPEND, customer(0, 0, 30))).toBeCloseTo(population, 10);
    const c = customer(4, 20, 30, 5000);
    const own = (p * (gamma + 4 * 5000)) / (p * 4 + q - 1);
    expect(expectedMeanSpendMinor(SPEND, c)).toBeCloseTo(own, 10);
    expect(own).toBeGreaterThan(population);
    expect(own).toBeLessThan(5000);
  });

  it('zero-value repeat purchases: the population mean, as for a one-time buyer', () => {
    // The spend model needs positive values, so such customers are left out of its fit (see
    // gamma-gamma.ts); their purchases still count in the transaction models.
    const zero = customer(3, 10, 30, 0);
    expect(expectedMeanSpendMinor(SPEND, zero)).toBeCloseTo(
      expectedMeanSpendMinor(SPEND, customer(0, 0, 30)),
      10,
    );
    expect(expectedPurchases(CDNOW.bgnbd, zero, 52)).toBeGreaterThan(
      expectedPurchases(CDNOW.bgnbd, customer(0, 0, 30), 52),
    );
  });

  it('CLV: expected purchases per month × expected spend, discounted monthly', () => {
    const c = customer(2, 30.43, 38.86, 2235);
    const undiscounted = customerLifetimeValue({
      transactions: CDNOW.bgnbd,
      spend: SPEND,
      customer: c,
      horizonWeeks: 52,
      annualDiscountRate: 0,
    });
    expect(undiscounted).toBeCloseTo(
      expectedPurchases(CDNOW.bgnbd, c, 52) * expectedMeanSpendMinor(SPEND, c),
      6,
    );
    const discounted = customerLifetimeValue({
      transactions: CDNOW.bgnbd,
      spend: SPEND,
      customer: c,
      horizonWeeks: 52,
      annualDiscountRate: 0.1,
    });
    expect(discounted).toBeLessThan(undiscounted);
    expect(discounted).toBeGreaterThan(undiscounted / 1.1);
  });

  it('refuses the wrong model and bad input rather than answer NaN', () => {
    expect(() => probabilityAlive(SPEND, customer(0, 0, 1))).toThrow(/models spend/);
    expect(() => expectedMeanSpendMinor(CDNOW.bgnbd, customer(0, 0, 1))).toThrow(
      /does not model spend/,
    );
    expect(() =>
      expectedMeanSpendMinor(fitOf('gamma-gamma', { p: 1, q: 0.9, gamma: 10 }), customer(0, 0, 1)),
    ).toThrow(/unbounded/);
    expect(() =>
      customerLifetimeValue({
        transactions: CDNOW.bgnbd,
        spend: SPEND,
        customer: customer(0, 0, 1),
        horizonWeeks: NaN,
        annualDiscountRate: 0,
      }),
    ).toThrow(/horizonWeeks/);
    expect(() =>
      probabilityAlive(fitOf('bgnbd', { r: 1, alpha: 1, a: 1 }), customer(0, 0, 1)),
    ).toThrow(/parameter b/);
  });
});
