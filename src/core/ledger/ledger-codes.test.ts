import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENTRY_CODES } from './ledger.js';

describe('docs/ledger.md', () => {
  it('lists every entry code the ledger writes, and no other', () => {
    const doc = readFileSync(new URL('../../../docs/ledger.md', import.meta.url), 'utf8');
    const section = doc.slice(doc.indexOf('## Entry codes'), doc.indexOf('## Lots and expiry'));
    const documented = [...section.matchAll(/^\|([^|]+)\|/gm)]
      .flatMap((row) => [...row[1]!.matchAll(/`([a-z_.]+)`/g)].map((m) => m[1]!))
      .sort();
    expect(documented).toEqual([...ENTRY_CODES].sort());
  });
});
