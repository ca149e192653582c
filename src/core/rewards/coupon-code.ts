import { randomBytes } from 'node:crypto';

/**
 * Coupon codes: 80 bits from the operating system's cryptographic generator, written as 16
 * characters of Crockford's base32 in four groups (`7KQ2-MX9D-A4TR-0ZCF`). The alphabet has no
 * I, L, O or U, so a code read aloud or typed from paper is not misread; when a code is typed,
 * O is taken for 0 and I or L for 1, case and spacing do not matter.
 */
export const COUPON_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const COUPON_CODE_BITS = 80;
const CHARS = COUPON_CODE_BITS / 5;
const GROUP = 4;

export const COUPON_CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){3}$/;

/** Encodes 10 random bytes as 16 base32 characters, 5 bits each, most significant first. */
export const encodeCouponCode = (bytes: Uint8Array): string => {
  if (bytes.length * 8 !== COUPON_CODE_BITS) throw new Error('a coupon code needs 10 bytes');
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let chars = '';
  for (let i = CHARS - 1; i >= 0; i -= 1) {
    chars += COUPON_CODE_ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  }
  return formatGroups(chars);
};

const formatGroups = (chars: string): string =>
  chars.match(new RegExp(`.{${GROUP}}`, 'g'))!.join('-');

export const newCouponCode = (random: (n: number) => Uint8Array = randomBytes): string =>
  encodeCouponCode(random(COUPON_CODE_BITS / 8));

/**
 * The canonical form of a code as someone typed it, or null when it cannot be a code at all
 * (then it is unknown without asking the database).
 */
export const normaliseCouponCode = (typed: string): string | null => {
  const chars = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (chars.length !== CHARS) return null;
  for (const ch of chars) if (!COUPON_CODE_ALPHABET.includes(ch)) return null;
  return formatGroups(chars);
};
