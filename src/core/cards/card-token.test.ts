import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newId } from '../shared/ids.js';
import { CARD_TOKEN_MAX_LENGTH, signCardToken, verifyCardToken } from './card-token.js';
import { CARD_ID_PATTERN } from './cards.js';

const secretArb = fc.uint8Array({ minLength: 32, maxLength: 64 });
const cardIdArb = fc.oneof(
  fc.stringMatching(/^crd_[0-9A-HJKMNP-TV-Z]{26}$/),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
);
// Characters a tamperer might try: the base64url alphabet, the separator, and what lenient
// base64 decoders accept or skip.
const replacementArb = fc.constantFrom(
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.+/= é'.split(''),
);

describe('card tokens', () => {
  it('verify(sign(id)) gives back the id, for any secret and id', () => {
    fc.assert(
      fc.property(secretArb, cardIdArb, (secret, cardId) => {
        expect(verifyCardToken(secret, signCardToken(secret, cardId))).toBe(cardId);
      }),
    );
  });

  it('any single-character change makes the token fail', () => {
    fc.assert(
      fc.property(
        secretArb,
        cardIdArb,
        fc.nat(),
        replacementArb,
        (secret, cardId, at, replacement) => {
          const token = signCardToken(secret, cardId);
          const i = at % token.length;
          fc.pre(token[i] !== replacement);
          const tampered = token.slice(0, i) + replacement + token.slice(i + 1);
          expect(verifyCardToken(secret, tampered)).toBeNull();
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('a token signed with another secret fails', () => {
    fc.assert(
      fc.property(secretArb, secretArb, cardIdArb, (a, b, cardId) => {
        fc.pre(Buffer.compare(Buffer.from(a), Buffer.from(b)) !== 0);
        expect(verifyCardToken(b, signCardToken(a, cardId))).toBeNull();
      }),
    );
  });

  it('is compact and URL-safe, and does not contain the card id in clear', () => {
    const secret = new Uint8Array(32).fill(7);
    const cardId = newId('card');
    expect(cardId).toMatch(CARD_ID_PATTERN);
    const token = signCardToken(secret, cardId);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(token.length).toBeLessThanOrEqual(CARD_TOKEN_MAX_LENGTH);
    expect(token).not.toContain(cardId);
    expect(encodeURIComponent(token)).toBe(token);
  });

  it('rejects malformed input without throwing', () => {
    const secret = new Uint8Array(32).fill(1);
    const token = signCardToken(secret, newId('card'));
    for (const bad of [
      '',
      '.',
      token.split('.')[0]!,
      `.${token.split('.')[1]}`,
      `${token}.`,
      `${token}x`,
      token.slice(0, -1),
      `${token.split('.')[0]}..${token.split('.')[1]}`,
      'x'.repeat(CARD_TOKEN_MAX_LENGTH + 1),
    ]) {
      expect(verifyCardToken(secret, bad)).toBeNull();
    }
  });

  it('refuses secrets shorter than 32 bytes', () => {
    expect(() => signCardToken(new Uint8Array(16), 'crd_x')).toThrow(/32 bytes/);
  });
});
