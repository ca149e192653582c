import { describe, expect, it } from 'vitest';
import { jsonNestsDeeperThan } from './body-guards.js';
import { badTextInPairs, badTextInValue, badTextReason } from './text-guards.js';

describe('JSON depth, counted without parsing', () => {
  it('counts arrays and objects, not brackets inside strings or after escapes', () => {
    expect(jsonNestsDeeperThan('[[[]]]', 3)).toBe(false);
    expect(jsonNestsDeeperThan('[[[[]]]]', 3)).toBe(true);
    expect(jsonNestsDeeperThan('{"a":{"b":[1]}}', 3)).toBe(false);
    expect(jsonNestsDeeperThan('{"a":{"b":[{}]}}', 3)).toBe(true);
    expect(jsonNestsDeeperThan('["[[[[[[", "\\"[[[[[[", "\\\\"]', 1)).toBe(false);
    expect(jsonNestsDeeperThan('["\\\\", [[]]]', 2)).toBe(true);
    expect(jsonNestsDeeperThan('[],[],[],[]', 1)).toBe(false);
  });

  it('stops at the first bracket past the limit, however long the text', () => {
    const hostile = '['.repeat(400_000) + ']'.repeat(400_000);
    const started = performance.now();
    expect(jsonNestsDeeperThan(hostile, 64)).toBe(true);
    expect(performance.now() - started).toBeLessThan(50);
  });
});

describe('bad text', () => {
  it('is a NUL or an unpaired surrogate; paired surrogates are fine', () => {
    expect(badTextReason('plain é 😀')).toBeNull();
    expect(badTextReason('a\u0000b')).toMatch(/NUL/);
    expect(badTextReason('x\ud800')).toMatch(/unpaired surrogate/);
    expect(badTextReason('\udc00x')).toMatch(/unpaired surrogate/);
    expect(badTextReason('\ud83d\ude00')).toBeNull();
  });

  it('is found in every string and name of a value, with its path', () => {
    const value = { a: ['ok', 'x\u0000'], b: { 'k\ud800': 1, c: { d: '\udfff' } } };
    expect(badTextInValue(value, 'body')).toEqual([
      { path: 'body.a.1', message: 'contains a NUL character (U+0000)' },
      {
        path: 'body.b.k\ufffd',
        message: 'the name contains an unpaired surrogate (not valid Unicode text)',
      },
      { path: 'body.b.c.d', message: 'contains an unpaired surrogate (not valid Unicode text)' },
    ]);
  });

  it('is found in query strings and forms, decoded strictly', () => {
    expect(badTextInPairs('q=caf%C3%A9&n=1+2', 'query')).toEqual([]);
    expect(badTextInPairs('q=%00&r=%ED%A0%80&s=%E0%A4%A&ok=1', 'query')).toEqual([
      { path: 'query.q', message: 'contains a NUL character (U+0000)' },
      { path: 'query.r', message: 'is not valid percent-encoded UTF-8' },
      { path: 'query.s', message: 'is not valid percent-encoded UTF-8' },
    ]);
  });
});
