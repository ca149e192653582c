import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCallback) as (
  password: string,
  salt: Buffer,
  keyLength: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

/**
 * Passwords, unlike API keys, are guessable, so they get a slow, memory-hard hash (scrypt, as
 * recommended by OWASP at N=2^15, r=8, p=1). The parameters are stored with the hash so they can
 * be raised later without invalidating existing passwords.
 */
const COST = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;
const maxmemFor = (N: number, r: number) => 256 * N * r;

export const MIN_PASSWORD_LENGTH = 12;

export const hashPassword = async (password: string): Promise<string> => {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, {
    ...COST,
    maxmem: maxmemFor(COST.N, COST.r),
  });
  return [
    'scrypt',
    COST.N,
    COST.r,
    COST.p,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
};

export const verifyPassword = async (password: string, stored: string): Promise<boolean> => {
  const [scheme, n, r, p, salt, expected] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !expected) return false;
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  const wanted = Buffer.from(expected, 'base64url');
  const key = await scrypt(password, Buffer.from(salt, 'base64url'), wanted.length, {
    ...cost,
    maxmem: maxmemFor(cost.N, cost.r),
  });
  return timingSafeEqual(key, wanted);
};

/**
 * Verified against when the e-mail is unknown, so that an unknown account takes as long to refuse
 * as a wrong password and the answer time tells nothing about which accounts exist.
 */
let decoy: Promise<string> | null = null;
export const decoyPasswordHash = (): Promise<string> =>
  (decoy ??= hashPassword(randomBytes(16).toString('hex')));
