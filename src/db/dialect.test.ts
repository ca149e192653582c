import { describe, expect, it } from 'vitest';
import { readOnlySessions } from './dialect.js';

const optionsOf = (url: string) => new URL(url).searchParams.get('options');

describe('readOnlySessions', () => {
  it('starts every session read-only and keeps the rest of the URL', () => {
    const given = 'postgres://app:s%40cret@replica:5433/regulars?sslmode=require';
    const url = new URL(readOnlySessions(given));
    expect(url.searchParams.get('options')).toBe('-c default_transaction_read_only=on');
    url.searchParams.delete('options');
    expect(url.toString()).toBe(given);
  });

  it('keeps the options the URL already sets', () => {
    const url = readOnlySessions('postgres://replica/regulars?options=-c%20statement_timeout%3D5s');
    expect(optionsOf(url)).toBe('-c statement_timeout=5s -c default_transaction_read_only=on');
  });
});
