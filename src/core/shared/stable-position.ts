import { createHash } from 'node:crypto';

/**
 * Where an id falls in [0, 1) under a salt: the first 48 bits of sha256(salt, id), as a fraction.
 * A pure function of its two strings, so every process, restart and replica places the same id in
 * the same spot without storing anything; a different salt gives an unrelated place. 48 bits are
 * exact in a double, so the fraction loses nothing to rounding.
 */
export const stablePosition = (salt: string, id: string): number => {
  const digest = createHash('sha256').update(`${salt}\u0000${id}`).digest();
  return digest.readUIntBE(0, 6) / 2 ** 48;
};
