import { openDatabase } from '../src/db/dialect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { generateSyntheticShop } from './synthetic-shop.js';
import { clvSource } from '../src/db/analytics/clv.queries.js';
import { fitModel, expectedPurchases, probabilityAlive } from '../src/core/analytics/clv/index.js';
const d = await openDatabase({ dataDir: 'memory://' });
await migrateToLatest(d.db);
await generateSyntheticShop(d.db, {
  customers: 2000,
  ordersPerCustomer: 10.5,
  end: new Date('2026-11-01'),
  currency: 'GBP',
});
const src = clvSource(d.db, { currency: 'GBP', timeZone: 'Europe/London' });
for (const cal of ['2026-11-01', '2026-05-03']) {
  const { customers } = await src.summaries({ calibrationEnd: cal });
  const fit = fitModel('bgnbd', customers);
  console.log(cal, fit.params, fit.logLikelihood);
  const c = customers.find((x) => x.customerId === 'cus_syn00000001')!;
  console.log(c);
  console.log(
    probabilityAlive(fit, c),
    (() => {
      try {
        return expectedPurchases(fit, c, 26);
      } catch (e) {
        return String(e);
      }
    })(),
  );
}
await d.close();
