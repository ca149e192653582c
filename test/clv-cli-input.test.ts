import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPurchases } from '../src/cli/clv/read-purchases.js';
import { runClvFit, simulatedPurchaseRows, tempFiles } from './support/clv-fit.js';

/**
 * What `regulars clv fit` reads: dates-only logs for the count models, rows it cannot use left
 * out and counted by reason, and the real files of ../shared/data. It touches no database, so
 * the PostgreSQL pass skips it.
 */
const DATA = resolve(import.meta.dirname, '../../shared/data');
const GROCERY = resolve(DATA, 'grocery/groceryElog.csv');
const INVOICES = resolve(DATA, 'online-retail/online_retail_invoices.csv');
const onPostgres = process.env.REGULARS_TEST_DB === 'postgres';

const files = tempFiles();
afterAll(() => files.remove());

/** Worked by hand: which rows are left out, why, and on which line. */
const HAND_WORKED = [
  'customer_id,date,amount', //         line 1: header
  'c1,2024-01-01,10.00', //             line 2: taken
  ',2024-01-02,5.00', //                line 3: no customer id
  'c2,2024-13-01,3.00', //              line 4: no month 13
  'c3,2024-01-05,ten', //               line 5: amount in words
  'c4,2024-01-06', //                   line 6: a column short
  '', //                                line 7: empty, not a row
  'c5,2024-01-07,1.00,extra', //        line 8: a column too many
  '"c6, quoted",2024-01-08,2.00', //    line 9: taken (the comma is quoted)
  'c1,2024-02-01,4.50', //              line 10: taken
  'c2,2024-01-03,2.00', //              line 11: taken
  'c2,2024-03-03,-2.00', //             line 12: a refund, left out as a negative amount
  '   ,2024-03-04,1.00', //             line 13: no customer id (blanks)
];

const fitArgs = (input: string, model: string, ...more: string[]) => [
  ...['--input', input, '--format', 'csv', '--calibration-end', '2024-06-30'],
  ...['--model', model, '--json', ...more],
];

describe.skipIf(onPostgres)('clv fit input files (no database; skipped on PostgreSQL)', () => {
  it('leaves out the rows it cannot read, counted by reason with their lines', async () => {
    const file = await readPurchases(files.write('hand.csv', `${HAND_WORKED.join('\n')}\n`), {
      format: 'csv',
    });
    expect([...file.log]).toEqual([
      { customerId: 'c1', day: '2024-01-01', amountMinor: 1000 },
      { customerId: 'c6, quoted', day: '2024-01-08', amountMinor: 200 },
      { customerId: 'c1', day: '2024-02-01', amountMinor: 450 },
      { customerId: 'c2', day: '2024-01-03', amountMinor: 200 },
    ]);
    expect(file.log.skippedNegative).toBe(1);
    expect(file.amounts).toBe(true);
    expect(file.skipped).toEqual({
      total: 6,
      byReason: {
        'wrong number of columns': 2,
        'no customer id': 2,
        'date not YYYY-MM-DD or YYYYMMDD': 1,
        'amount not a decimal number': 1,
      },
      firstLines: {
        'wrong number of columns': [6, 8],
        'no customer id': [3, 13],
        'date not YYYY-MM-DD or YYYYMMDD': [4],
        'amount not a decimal number': [5],
      },
    });
  });

  it('fits past the bad rows and says in the report what it left out', async () => {
    const input = files.write(
      'hand-and-regulars.csv',
      [...HAND_WORKED, ...simulatedPurchaseRows(true)].join('\n'),
    );
    const result = await runClvFit(fitArgs(input, 'bgnbd').filter((a) => a !== '--json'));
    expect(result.err).toBe('');
    expect(result.out).toMatch(
      /Left out {8}6 rows left out: no customer id 2 \(lines 3, 13\); wrong number of columns 2 \(lines 6, 8\); date not YYYY-MM-DD or YYYYMMDD 1 \(line 4\); amount not a decimal number 1 \(line 5\)/,
    );
    expect(result.out).toMatch(/Customers {7}303\n/);
  });

  it('fits a count model to dates alone, exactly as to the same purchases with amounts', async () => {
    const datesOnly = files.write(
      'dates.csv',
      ['customer_id,date', ...simulatedPurchaseRows(false)].join('\n'),
    );
    const withAmounts = files.write(
      'amounts.csv',
      ['customer_id,date,amount', ...simulatedPurchaseRows(true)].join('\n'),
    );
    const [dates, amounts] = await Promise.all([
      runClvFit(fitArgs(datesOnly, 'pareto-nbd')),
      runClvFit(fitArgs(withAmounts, 'pareto-nbd')),
    ]);
    expect(dates.err).toBe('');
    const [d, a] = [JSON.parse(dates.out), JSON.parse(amounts.out)];
    expect(d.input).toMatchObject({ amounts: false, purchases: a.input.purchases });
    expect(a.input.amounts).toBe(true);
    expect(d.fit.customers).toBe(300);
    expect(d.fit.params).toEqual(a.fit.params);
    expect(d.fit.logLikelihood).toBe(a.fit.logLikelihood);
  });

  it('the spend model without amounts: exit code 2 and a message naming the column', async () => {
    const datesOnly = files.write(
      'dates-gg.csv',
      ['cust,when', ...simulatedPurchaseRows(false)].join('\n'),
    );
    const result = await runClvFit(
      fitArgs(datesOnly, 'gamma-gamma', '--map', 'customer_id=cust,date=when'),
    );
    expect(result.exitCode).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toMatch(
      /--model gamma-gamma models spend and needs an amount per purchase, but there is no column "amount" \(for amount\) in the header \(cust, when\); use --map amount=COLUMN/,
    );
  });

  it('an amount column named with --map must exist, whatever the model', async () => {
    const datesOnly = files.write(
      'dates-map.csv',
      ['customer_id,date', ...simulatedPurchaseRows(false)].join('\n'),
    );
    const result = await runClvFit(fitArgs(datesOnly, 'bgnbd', '--map', 'amount=total'));
    expect(result.exitCode).toBe(2);
    expect(result.err).toMatch(
      /no column "total" \(for amount\) in the header \(customer_id, date\)/,
    );
  });

  it('a quote that is never closed stops the read with its line', async () => {
    const input = files.write(
      'quote.csv',
      'customer_id,date\nc1,2024-01-01\n"c2,2024-01-02\nc3,2024-01-03\n',
    );
    const result = await runClvFit(fitArgs(input, 'bgnbd'));
    expect(result.exitCode).toBe(2);
    expect(result.err).toMatch(/csv: line 3: a quote is never closed/);
  });

  describe.skipIf(!existsSync(GROCERY))('the grocery log (skipped: ../shared/data absent)', () => {
    it('fits BG/NBD to customers and dates alone', async () => {
      const result = await runClvFit([
        ...['--input', GROCERY, '--format', 'csv', '--map', 'customer_id=cust'],
        ...['--calibration-end', '2006-12-31', '--holdout-end', '2007-12-30'],
        ...['--model', 'bgnbd', '--json'],
      ]);
      expect(result.err).toBe('');
      const report = JSON.parse(result.out);
      // The package's documentation: 10,483 transactions of 1,525 customers, all first in 2006 Q1.
      expect(report.input).toMatchObject({ purchases: 10_483, amounts: false });
      expect(report.input.skippedRows.total).toBe(0);
      expect(report.fit).toMatchObject({ model: 'bgnbd', customers: 1525, converged: true });
      expect(report.excludedLateCustomers).toBe(0);
      expect(report.holdoutWeeks).toBe(52);
    });
  });

  describe.skipIf(!existsSync(INVOICES))(
    'the Online Retail invoices (skipped: ../shared/data absent)',
    () => {
      it('fits past the invoices without a customer id, and counts them', async () => {
        const rows = readFileSync(INVOICES, 'utf8').trimEnd().split('\n').slice(1);
        const withoutCustomer = rows.filter((row) => row.split(',')[1] === '').length;
        const result = await runClvFit([
          ...['--input', INVOICES, '--format', 'csv', '--currency', 'GBP'],
          ...['--map', 'customer_id=CustomerID,date=InvoiceDate,amount=Value'],
          ...['--calibration-end', '2011-06-30', '--model', 'bgnbd', '--json'],
        ]);
        expect(result.err).toBe('');
        const { input, fit } = JSON.parse(result.out);
        expect(withoutCustomer).toBeGreaterThan(0);
        expect(input.skippedRows.byReason).toEqual({ 'no customer id': withoutCustomer });
        expect(input.skippedRows.firstLines['no customer id']).toHaveLength(5);
        // Every row is accounted for: a purchase, a cancellation (negative value) or left out.
        expect(input.purchases + input.skippedNegativeAmounts + input.skippedRows.total).toBe(
          rows.length,
        );
        expect(fit.customers).toBeGreaterThan(2000);
      });
    },
  );
});
