import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../shared/errors.js';
import { validateVariants, variantFor, type Variant } from './assignment.js';

const ids = (count: number) =>
  Array.from({ length: count }, (_, i) => `cus_${String(i).padStart(8, '0')}`);

const fifty: Variant[] = [
  { key: 'control', weight: 1, control: true },
  { key: 'treatment', weight: 1 },
];
const tenThirtySixty: Variant[] = [
  { key: 'a', weight: 10, control: true },
  { key: 'b', weight: 30 },
  { key: 'c', weight: 60 },
];

const shares = (salt: string, variants: Variant[], customers: string[]) => {
  const counts = new Map(variants.map((v) => [v.key, 0]));
  for (const id of customers) {
    const key = variantFor(salt, id, variants).key;
    counts.set(key, counts.get(key)! + 1);
  }
  return variants.map((v) => counts.get(v.key)! / customers.length);
};

const issuesOf = (input: unknown) => {
  try {
    validateVariants(input);
  } catch (error) {
    if (isDomainError(error)) return { code: error.code, issues: error.issues };
    throw error;
  }
  throw new Error('expected the variants to be refused');
};

describe('variant validation', () => {
  it('accepts two or more arms with positive weights and one control', () => {
    expect(validateVariants(fifty)).toEqual(fifty);
    expect(
      validateVariants([
        { key: 'x', weight: 0.25, control: true },
        { key: 'y', weight: 0.75 },
      ]),
    ).toHaveLength(2);
  });

  it('names the path of each bad field', () => {
    const refused = issuesOf([
      { key: 'control', weight: 1, control: true },
      { key: 'b', weight: 0 },
      { key: 'control', weight: -2 },
      { key: '', weight: Number.NaN },
    ]);
    expect(refused.code).toBe('experiment_variants_invalid');
    expect(refused.issues.map((i) => i.path)).toEqual([
      'variants.1.weight',
      'variants.2.key',
      'variants.2.weight',
      'variants.3.key',
      'variants.3.weight',
    ]);
  });

  it('refuses fewer than two arms, and anything but exactly one control', () => {
    expect(issuesOf([{ key: 'a', weight: 1, control: true }]).issues).toEqual([
      { path: 'variants', message: 'must list two or more variants' },
    ]);
    expect(issuesOf('not a list').issues[0]!.path).toBe('variants');
    expect(
      issuesOf([
        { key: 'a', weight: 1 },
        { key: 'b', weight: 1 },
      ]).issues,
    ).toEqual([{ path: 'variants', message: 'exactly one variant must be the control (found 0)' }]);
    expect(
      issuesOf([
        { key: 'a', weight: 1, control: true },
        { key: 'b', weight: 1, control: true },
      ]).issues[0]!.message,
    ).toContain('found 2');
    expect(
      issuesOf([{ key: 'a', weight: 1, control: 'yes' }, null]).issues.map((i) => i.path),
    ).toEqual(['variants.0.control', 'variants.1', 'variants']);
  });
});

describe('variantFor', () => {
  it('gives each customer the same arm in another process', () => {
    const customers = ids(1_000);
    const salt = 'exp-sticky';
    const here = customers.map((id) => variantFor(salt, id, tenThirtySixty).key);
    const module = fileURLToPath(new URL('./assignment.ts', import.meta.url));
    const script = `
      const { variantFor } = await import(${JSON.stringify(module)});
      const variants = ${JSON.stringify(tenThirtySixty)};
      const ids = Array.from({ length: 1000 }, (_, i) => 'cus_' + String(i).padStart(8, '0'));
      process.stdout.write(JSON.stringify(ids.map((id) => variantFor(${JSON.stringify(salt)}, id, variants).key)));
    `;
    const output = execFileSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { encoding: 'utf8' },
    );
    const there = JSON.parse(output) as string[];
    expect(there).toHaveLength(1_000);
    expect(there).toEqual(here);
    // Not a degenerate answer: all three arms appear.
    expect(new Set(there).size).toBe(3);
  });

  it('splits 100,000 customers within 1% of the weights', () => {
    const customers = ids(100_000);
    const even = shares('exp-fifty', fifty, customers);
    expect(Math.abs(even[0]! - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(even[1]! - 0.5)).toBeLessThan(0.01);
    const uneven = shares('exp-uneven', tenThirtySixty, customers);
    [0.1, 0.3, 0.6].forEach((share, i) => expect(Math.abs(uneven[i]! - share)).toBeLessThan(0.01));
  }, 30_000); // 100,000 sha256 hashes: seconds on a loaded 2-core machine

  it('assigns independently under different salts', () => {
    const customers = ids(100_000);
    const table = new Map<string, number>();
    for (const id of customers) {
      const cell = `${variantFor('exp-one', id, fifty).key}/${variantFor('exp-two', id, tenThirtySixty).key}`;
      table.set(cell, (table.get(cell) ?? 0) + 1);
    }
    const first = shares('exp-one', fifty, customers);
    const second = shares('exp-two', tenThirtySixty, customers);
    fifty.forEach((a, i) =>
      tenThirtySixty.forEach((b, j) => {
        const observed = (table.get(`${a.key}/${b.key}`) ?? 0) / customers.length;
        // Each cell within 1 point of the product of the margins (sd at most 0.16 points here).
        expect(Math.abs(observed - first[i]! * second[j]!)).toBeLessThan(0.01);
      }),
    );
    // The same salt, by contrast, is fully dependent (the test can fail): the treatment half is
    // positions from 0.5 up, arm a positions below 0.1, so no one is in both, not 5% of customers.
    const sameSalt = customers.filter(
      (id) =>
        variantFor('exp-one', id, fifty).key === 'treatment' &&
        variantFor('exp-one', id, tenThirtySixty).key === 'a',
    ).length;
    expect(sameSalt).toBe(0);
  }, 30_000); // 100,000 sha256 hashes: seconds on a loaded 2-core machine
});
