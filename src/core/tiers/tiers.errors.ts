import { DomainError } from '../shared/errors.js';

/** Removing a tier that members hold would orphan them: they must be moved first (or wait). */
export const tierInUse = (held: Record<string, number>) => {
  const codes = Object.keys(held);
  return new DomainError(
    'conflict',
    'tier_in_use',
    `Members hold ${codes.map((c) => `${c} (${held[c]})`).join(', ')}; a held tier cannot be removed`,
    { held },
    codes.map((code) => ({
      path: 'tiers',
      message: `${code} is held by ${held[code]} member(s) and cannot be removed`,
    })),
  );
};

export const unknownTier = (code: string, path = 'tier') =>
  new DomainError('invalid', 'unknown_tier', `No tier ${code}`, { tier: code }, [
    { path, message: `no tier ${code}` },
  ]);
