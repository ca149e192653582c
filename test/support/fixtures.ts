import type { TestApp } from './app.js';

/** Small builders for request bodies, so each test says only what matters to it. */
let sequence = 0;
export const unique = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}-${(sequence++).toString(36)}`;

export const createCustomer = async (t: TestApp, fields: Record<string, unknown> = {}) => {
  const res = await t.call('POST', '/v1/customers', {
    email: `${unique('c')}@example.com`,
    ...fields,
  });
  if (res.status !== 201) throw new Error(`customer not created: ${JSON.stringify(res.body)}`);
  return res.body as { id: string; email: string };
};

export const orderBody = (customerId: string, fields: Record<string, unknown> = {}) => ({
  externalId: unique('o'),
  customerId,
  currency: 'GBP',
  channel: 'web',
  placedAt: new Date().toISOString(),
  lines: [
    { sku: 'MUG', name: 'Mug', category: 'kitchen', quantity: 2, unitPriceMinor: 1050 },
    { sku: 'TEA', name: 'Tea', category: 'food', quantity: 1, unitPriceMinor: 999 },
  ],
  ...fields,
});

export const points = async (t: TestApp, customerId: string) => {
  const res = await t.call('GET', `/v1/customers/${customerId}/points`);
  if (res.status !== 200) throw new Error(`points: ${JSON.stringify(res.body)}`);
  return res.body as {
    balance: number;
    pending: number;
    nextPendingRelease: { points: number; releaseAt: string } | null;
    nextExpiring: { points: number; expiresAt: string } | null;
    lifetime: Record<string, number>;
  };
};

/** Row counts of every table a write could touch: equal before and after means nothing written. */
export const rowCounts = async (t: TestApp) => {
  const tables = [
    'customer',
    'customer_external_id',
    'customer_consent',
    'sales_order',
    'order_line',
    'order_return',
    'order_return_line',
    'ledger_entry',
    'points_lot',
    'lot_consumption',
    'idempotency_record',
  ] as const;
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await t.database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
};
