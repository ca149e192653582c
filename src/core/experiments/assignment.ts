import type { FieldIssue } from '../shared/errors.js';
import { stablePosition } from '../shared/stable-position.js';
import { variantsInvalid } from './experiments.errors.js';

/**
 * Which arm of an experiment a customer is in. The arm is never stored: it is a pure function of
 * the experiment's salt and the customer id (sha256, see stablePosition), so it is sticky across
 * processes and restarts, and two experiments with different salts split customers independently.
 */

export interface Variant {
  key: string;
  /** Relative share: 1 and 1 is 50/50, 10/30/60 is 10%, 30%, 60%. Any positive finite number. */
  weight: number;
  /** The arm the others are compared with; exactly one per experiment. */
  control?: boolean;
}

const variantIssues = (variant: unknown, index: number, seen: Set<string>): FieldIssue[] => {
  const at = `variants.${index}`;
  if (typeof variant !== 'object' || variant === null) {
    return [{ path: at, message: 'must be an object with a key and a weight' }];
  }
  const { key, weight, control } = variant as Record<string, unknown>;
  const issues: FieldIssue[] = [];
  if (typeof key !== 'string' || key.trim() === '') {
    issues.push({ path: `${at}.key`, message: 'must be a non-empty string' });
  } else if (seen.has(key)) {
    issues.push({ path: `${at}.key`, message: `${key} is used by another variant` });
  } else {
    seen.add(key);
  }
  if (typeof weight !== 'number' || !Number.isFinite(weight) || weight <= 0) {
    issues.push({ path: `${at}.weight`, message: 'must be a positive finite number' });
  }
  if (control !== undefined && typeof control !== 'boolean') {
    issues.push({ path: `${at}.control`, message: 'must be true or false' });
  }
  return issues;
};

/** Checks an experiment's arms, throwing one error that lists every problem by path. */
export const validateVariants = (variants: unknown): Variant[] => {
  if (!Array.isArray(variants) || variants.length < 2) {
    throw variantsInvalid([{ path: 'variants', message: 'must list two or more variants' }]);
  }
  const seen = new Set<string>();
  const issues = variants.flatMap((variant, index) => variantIssues(variant, index, seen));
  const controls = variants.filter(
    (v) => typeof v === 'object' && v !== null && (v as Variant).control === true,
  ).length;
  if (controls !== 1) {
    issues.push({
      path: 'variants',
      message: `exactly one variant must be the control (found ${controls})`,
    });
  }
  if (issues.length > 0) throw variantsInvalid(issues);
  return variants as Variant[];
};

/**
 * The customer's arm: their stable position in [0, 1) walked along the cumulative shares. Adding
 * an arm or changing weights moves customers, so an experiment's arms are fixed once it starts.
 * Takes variants as validateVariants returns them (checked once, when the experiment is saved).
 */
export const variantFor = (salt: string, customerId: string, variants: readonly Variant[]) => {
  const total = variants.reduce((sum, v) => sum + v.weight, 0);
  const target = stablePosition(salt, customerId) * total;
  let cumulative = 0;
  for (const variant of variants) {
    cumulative += variant.weight;
    if (target < cumulative) return variant;
  }
  // Only reachable when rounding makes the running sum fall a hair short of the total.
  return variants[variants.length - 1]!;
};
