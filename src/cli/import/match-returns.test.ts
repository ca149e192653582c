import { describe, expect, it } from 'vitest';
import type { CancellationDraft, OrderDraft } from './import.types.js';
import { returnMatcher, UNMATCHED } from './match-returns.js';

const order = (externalId: string, day: number, lines: [string, number, number][]): OrderDraft => ({
  externalId,
  customerExternalId: '7',
  currency: 'GBP',
  channel: 'web',
  placedAt: new Date(Date.UTC(2011, 0, day)),
  lines: lines.map(([sku, quantity, unitPriceMinor]) => ({ sku, quantity, unitPriceMinor })),
});

const cancel = (sku: string, quantity: number, price: number, day: number): CancellationDraft => ({
  invoice: `C${day}`,
  customerExternalId: '7',
  sku,
  quantity,
  unitPriceMinor: price,
  placedAt: new Date(Date.UTC(2011, 0, day)),
});

describe('returnMatcher', () => {
  it('takes 5 from the latest line first: 3 of A2 (day 2), then 2 of A1 (day 1)', () => {
    const m = returnMatcher();
    m.addOrder(order('A1', 1, [['MUG', 4, 200]]));
    m.addOrder(
      order('A2', 2, [
        ['TEA', 1, 100],
        ['MUG', 3, 200],
      ]),
    );
    expect(m.match(cancel('MUG', 5, 200, 3))).toEqual({
      kind: 'matched',
      takes: [
        { orderExternalId: 'A2', lineNo: 2, quantity: 3 },
        { orderExternalId: 'A1', lineNo: 1, quantity: 2 },
      ],
      unmatchedQuantity: 0,
    });
    // 2 of A1 are left: a cancellation of 3 matches 2 and leaves 1; then nothing is left.
    expect(m.match(cancel('MUG', 3, 200, 4))).toEqual({
      kind: 'matched',
      takes: [{ orderExternalId: 'A1', lineNo: 1, quantity: 2 }],
      unmatchedQuantity: 1,
    });
    expect(m.match(cancel('MUG', 1, 200, 5))).toEqual({
      kind: 'unmatched',
      reason: UNMATCHED.allReturned,
    });
  });

  it('never takes from a line placed after the cancellation', () => {
    const m = returnMatcher();
    m.addOrder(order('A5', 5, [['MUG', 4, 200]]));
    expect(m.match(cancel('MUG', 1, 200, 4))).toEqual({
      kind: 'unmatched',
      reason: UNMATCHED.noPurchase,
    });
  });

  it('tells another price from no purchase, and never matches a discount line', () => {
    const m = returnMatcher();
    m.addOrder(
      order('A1', 1, [
        ['MUG', 4, 200],
        ['D', 1, 500],
      ]),
    );
    expect(m.match(cancel('MUG', 1, 250, 2))).toMatchObject({ reason: UNMATCHED.otherPrice });
    expect(m.match(cancel('JAM', 1, 200, 2))).toMatchObject({ reason: UNMATCHED.noPurchase });
    expect(m.match(cancel('D', 1, 500, 2))).toMatchObject({ reason: UNMATCHED.adjustment });
  });
});
