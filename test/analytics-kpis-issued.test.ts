import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, startTestApp, type TestApp } from './support/app.js';
import { createCustomer, orderBody } from './support/fixtures.js';

// Europe/London, 1 point per pound, a 14-day return window. Every instant is 12:00 UTC.
const at = (day: string) => new Date(`${day}T12:00:00.000Z`);

describe('points issued by ledger date and by order date', () => {
  const clock = manualClock(at('2026-03-01'));
  let t: TestApp;

  const place = async (customerId: string, placedAt: string, unitPriceMinor: number) => {
    const res = await t.call(
      'POST',
      '/v1/orders',
      orderBody(customerId, {
        placedAt: at(placedAt).toISOString(),
        lines: [{ sku: 'SKU', quantity: 1, unitPriceMinor }],
      }),
    );
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  };

  const issued = async (from: string, to: string) => {
    const res = await t.call('GET', `/v1/analytics/kpis?from=${from}&to=${to}`);
    if (res.status !== 200) throw new Error(JSON.stringify(res.body));
    return res.body.points as { issued: unknown; redemptionRatePercent: number | null };
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    const customer = (await createCustomer(t)).id;
    // Both orders reach the shop on 1 March, as an import or a late feed would send them.
    // 25 Jan, £100: its window ended 8 Feb, before it was recorded → earn.order 100 dated 8 Feb.
    await place(customer, '2026-01-25', 10000);
    // 25 Feb, £50: its window ends 11 March → earn.order.pending 50 dated 1 March (recorded).
    await place(customer, '2026-02-25', 5000);
  });
  afterAll(() => t.close());

  it('counts an order of 25 January whose earn took effect on 8 February in January by order date', async () => {
    expect(await issued('2026-01-01', '2026-01-31')).toMatchObject({
      issued: { byLedgerDate: 0, byOrderDate: 100, byOrderDatePending: 0 },
    });
  });

  it('counts the same earn in February by ledger date, beside February’s order still pending', async () => {
    // By ledger date: the 100 of 8 Feb. By order date: the 50 of 25 Feb, all of it still pending.
    expect(await issued('2026-02-01', '2026-02-28')).toMatchObject({
      issued: { byLedgerDate: 100, byOrderDate: 50, byOrderDatePending: 50 },
    });
  });

  it('counts February’s pending earn in March by ledger date, when it was recorded', async () => {
    expect(await issued('2026-03-01', '2026-03-31')).toMatchObject({
      issued: { byLedgerDate: 50, byOrderDate: 0, byOrderDatePending: 0 },
    });
  });

  it('agrees over a window holding both dates: 150 either way', async () => {
    expect(await issued('2026-01-01', '2026-03-31')).toMatchObject({
      issued: { byLedgerDate: 150, byOrderDate: 150, byOrderDatePending: 50 },
    });
  });

  it('stops counting the February order as pending once its window has passed', async () => {
    clock.set(at('2026-03-12')); // the KPI read settles the 50 that fell due on 11 March
    expect(await issued('2026-02-01', '2026-02-28')).toMatchObject({
      issued: { byLedgerDate: 100, byOrderDate: 50, byOrderDatePending: 0 },
    });
  });
});
