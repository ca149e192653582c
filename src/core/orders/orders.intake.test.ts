import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_FUTURE_SKEW_MINUTES, futureDatedOrder } from './orders.intake.js';

// Worked by hand: at 2026-12-07 10:00 UTC with a skew of 1440 minutes (one day) the latest
// accepted placedAt is 2026-12-08 10:00:00.000 UTC; one millisecond later is refused.
const NOW = new Date('2026-12-07T10:00:00.000Z');

describe('futureDatedOrder', () => {
  it('takes an order up to the skew ahead of the clock, and the past', () => {
    expect(DEFAULT_MAX_FUTURE_SKEW_MINUTES).toBe(1440);
    expect(futureDatedOrder(new Date('2026-12-08T10:00:00.000Z'), NOW, 1440)).toBeNull();
    expect(futureDatedOrder(new Date('2026-12-07T10:00:00.000Z'), NOW, 1440)).toBeNull();
    expect(futureDatedOrder(new Date('2010-12-01T08:26:00.000Z'), NOW, 1440)).toBeNull();
  });

  it('refuses one beyond it, naming placedAt and the latest date it would take', () => {
    const error = futureDatedOrder(new Date('2026-12-08T10:00:00.001Z'), NOW, 1440);
    expect(error).toMatchObject({
      kind: 'invalid',
      code: 'placed_in_future',
      details: {
        placedAt: '2026-12-08T10:00:00.001Z',
        latestAccepted: '2026-12-08T10:00:00.000Z',
      },
      issues: [{ path: 'placedAt', message: expect.stringContaining('2026-12-08T10:00:00.000Z') }],
    });
  });

  it('follows the configured skew: 90 minutes, or none at all', () => {
    expect(futureDatedOrder(new Date('2026-12-07T11:30:00.000Z'), NOW, 90)).toBeNull();
    expect(futureDatedOrder(new Date('2026-12-07T11:30:00.001Z'), NOW, 90)?.code).toBe(
      'placed_in_future',
    );
    expect(futureDatedOrder(NOW, NOW, 0)).toBeNull();
    expect(futureDatedOrder(new Date('2026-12-07T10:00:00.001Z'), NOW, 0)).not.toBeNull();
  });
});
