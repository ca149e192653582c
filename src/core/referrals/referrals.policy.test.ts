import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CODE_ALPHABET,
  CODE_LENGTH,
  generateReferralCode,
  isWellFormedCode,
  normaliseReferralCode,
  referralLink,
} from './referral-code.js';
import {
  calendarYearOf,
  emailForMatching,
  orderQualifies,
  phoneForMatching,
  referrerCapReached,
  returnReverses,
  selfReferralReason,
} from './referrals.policy.js';

describe('referral codes', () => {
  it('are eight characters of the unambiguous alphabet, and well formed', () => {
    for (let i = 0; i < 200; i += 1) {
      const code = generateReferralCode();
      expect(code).toHaveLength(CODE_LENGTH);
      expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTVWXYZ]+$/);
      expect(isWellFormedCode(code)).toBe(true);
    }
    expect(CODE_ALPHABET).not.toMatch(/[01OILU]/);
  });

  it('use every character of the alphabet (the generator is not biased to a corner)', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i += 1) for (const ch of generateReferralCode()) seen.add(ch);
    expect(seen.size).toBe(CODE_ALPHABET.length);
  });

  it('read the same however they are typed', () => {
    expect(normaliseReferralCode(' k7qm-4xtb ')).toBe('K7QM4XTB');
    expect(normaliseReferralCode('K7QM 4XTB')).toBe('K7QM4XTB');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), (seed) => {
        let s = seed;
        const code = generateReferralCode((max) => (s = (s * 7 + 3) % 1_000_003) % max);
        return normaliseReferralCode(code.toLowerCase()) === code;
      }),
    );
  });

  it('refuse look-alikes and wrong lengths before any lookup', () => {
    expect(isWellFormedCode('K7QM4XT0')).toBe(false);
    expect(isWellFormedCode('K7QM4XT')).toBe(false);
    expect(isWellFormedCode('K7QM4XTBK7Q')).toBe(false);
  });

  it('make links without doubled slashes', () => {
    expect(referralLink('https://shop.example/', 'K7QM4XTB')).toBe(
      'https://shop.example/r/K7QM4XTB',
    );
    expect(referralLink('http://localhost:3000', 'K7QM4XTB')).toBe(
      'http://localhost:3000/r/K7QM4XTB',
    );
  });
});

describe('self-referral', () => {
  const ann = { id: 'cus_1', email: 'ann.lee@example.com', phone: '+44 20 7946 0958' };

  it('matches one mailbox however it is written', () => {
    expect(emailForMatching(' Ann.Lee+friends@Example.COM ')).toBe('ann.lee@example.com');
    expect(emailForMatching('a.n.n+x@GoogleMail.com')).toBe(emailForMatching('ann@gmail.com'));
    expect(emailForMatching('a.nn@example.com')).not.toBe(emailForMatching('ann@example.com'));
    expect(emailForMatching(null)).toBeNull();
  });

  it('matches phone numbers by their digits', () => {
    expect(phoneForMatching('+44 (20) 7946-0958')).toBe('442079460958');
    expect(phoneForMatching('0044 20 7946 0958')).toBe('442079460958');
    expect(phoneForMatching(null)).toBeNull();
  });

  it('names the first identity the friend shares with the referrer', () => {
    expect(selfReferralReason(ann, ann)).toBe('same_customer');
    expect(
      selfReferralReason(ann, { id: 'cus_2', email: 'ANN.LEE+2@example.com', phone: null }),
    ).toBe('same_email');
    expect(
      selfReferralReason(ann, { id: 'cus_2', email: 'bob@example.com', phone: '+442079460958' }),
    ).toBe('same_phone');
    expect(
      selfReferralReason(ann, { id: 'cus_2', email: 'bob@example.com', phone: '+4420' }),
    ).toBeNull();
    expect(selfReferralReason({ id: 'cus_3', email: null, phone: null }, ann)).toBeNull();
  });
});

describe('conversion and reversal', () => {
  it('an order qualifies in the programme currency from the minimum up', () => {
    const settings = { minOrderMinor: 2000 };
    expect(orderQualifies(settings, 'GBP', { currency: 'GBP', totalMinor: 2000 })).toBe(true);
    expect(orderQualifies(settings, 'GBP', { currency: 'GBP', totalMinor: 1999 })).toBe(false);
    expect(orderQualifies(settings, 'GBP', { currency: 'EUR', totalMinor: 9999 })).toBe(false);
  });

  it('a return reverses when what is left falls below the minimum, or nothing is left', () => {
    const base = { totalMinor: 3000, minOrderMinor: 2000, fullyReturned: false };
    expect(returnReverses({ ...base, returnedMinor: 1000 })).toBe(false);
    expect(returnReverses({ ...base, returnedMinor: 1001 })).toBe(true);
    expect(returnReverses({ ...base, returnedMinor: 0, fullyReturned: true })).toBe(true);
    expect(returnReverses({ ...base, minOrderMinor: 0, returnedMinor: 2999 })).toBe(false);
    expect(returnReverses({ ...base, minOrderMinor: 0, returnedMinor: 3000 })).toBe(true);
  });

  it('the cap counts paid conversions; null means none', () => {
    expect(referrerCapReached({ maxConversionsPerReferrer: 2 }, 1)).toBe(false);
    expect(referrerCapReached({ maxConversionsPerReferrer: 2 }, 2)).toBe(true);
    expect(referrerCapReached({ maxConversionsPerReferrer: null }, 10_000)).toBe(false);
  });

  it('the calendar year follows the programme time zone', () => {
    // 23:30 UTC on 31 December is already New Year in Berlin.
    const late = new Date('2026-12-31T23:30:00Z');
    expect(calendarYearOf(late, 'Europe/Berlin').from.toISOString()).toBe(
      '2026-12-31T23:00:00.000Z',
    );
    expect(calendarYearOf(late, 'Europe/London')).toEqual({
      from: new Date('2026-01-01T00:00:00Z'),
      to: new Date('2027-01-01T00:00:00Z'),
    });
    expect(calendarYearOf(late, 'America/New_York').from.toISOString()).toBe(
      '2026-01-01T05:00:00.000Z',
    );
  });
});
