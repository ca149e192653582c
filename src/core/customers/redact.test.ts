import { describe, expect, it } from 'vitest';
import { ERASED, redactor } from './redact.js';

describe('redactor', () => {
  const redact = redactor(['ann@example.com', 'Ann', 'Smith', 'Al', 'shop-77']);

  it('replaces every identifier in text, whatever its case; skips identifiers under 3 characters', () => {
    expect(redact.text('Dear ANN SMITH (ann@Example.com), order shop-77')).toBe(
      `Dear ${ERASED} ${ERASED} (${ERASED}), order ${ERASED}`,
    );
    expect(redact.text('Total: 12')).toBe('Total: 12');
    expect(redact.mentions('from smith')).toBe(true);
    expect(redactor([]).mentions('anything')).toBe(false);
  });

  it('empties personal fields by key and keeps amounts, ids and flags', () => {
    expect(
      redact.json({
        type: 'points.earned',
        data: {
          customerId: 'cus_1',
          points: 120,
          email: 'other@example.com',
          firstName: 'Zed',
          externalIds: [{ source: 'shop', id: 'x' }],
          attributes: { vip: true },
          note: 'for Ann',
          lines: [{ sku: 'MUG', name: 'Smith mug', quantity: 2 }],
          optIn: false,
          birthday: null,
        },
      }),
    ).toEqual({
      type: 'points.earned',
      data: {
        customerId: 'cus_1',
        points: 120,
        email: ERASED,
        firstName: ERASED,
        externalIds: [],
        attributes: {},
        note: `for ${ERASED}`,
        lines: [{ sku: 'MUG', name: `${ERASED} mug`, quantity: 2 }],
        optIn: false,
        birthday: null,
      },
    });
  });

  it('redacts stored JSON text, and text that is not JSON as text', () => {
    expect(JSON.parse(redact.jsonText('{"email":"a@b.c","total":5}'))).toEqual({
      email: ERASED,
      total: 5,
    });
    expect(redact.jsonText('not json, Ann')).toBe(`not json, ${ERASED}`);
  });
});
