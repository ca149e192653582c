import { randomInt } from 'node:crypto';

/**
 * Referral codes are read aloud, typed on phones and printed: upper-case letters and digits
 * without the look-alikes (0/O, 1/I/L) and without U, so no accidental words. Eight characters
 * of 30 give 6.6 × 10^11 codes, drawn with a cryptographic generator so they cannot be guessed
 * in sequence.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 8;

export const generateReferralCode = (
  pick: (max: number) => number = (max) => randomInt(max),
): string => {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i += 1) code += CODE_ALPHABET[pick(CODE_ALPHABET.length)];
  return code;
};

/** A code as a person typed it, in the stored form: case, spaces and dashes do not matter. */
export const normaliseReferralCode = (input: string): string =>
  input.toUpperCase().replace(/[\s-]/g, '');

export const isWellFormedCode = (code: string): boolean =>
  code.length >= 8 && code.length <= 10 && [...code].every((ch) => CODE_ALPHABET.includes(ch));

export const referralLink = (baseUrl: string, code: string): string =>
  `${baseUrl.replace(/\/+$/, '')}/r/${code}`;
