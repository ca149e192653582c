import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runClvFit, simulatedPurchaseRows } from './support/clv-fit.js';

/**
 * `regulars clv fit`, which needs no database: run in process (a fresh commander program whose
 * exits become exceptions), and once as a real process for the exit code and stderr. The suite
 * runs once per database project; it touches no database, so the PostgreSQL pass skips it.
 */
const ROOT = resolve(import.meta.dirname, '..');
const SAMPLE = resolve(ROOT, '../shared/data/cdnow/CDNOW_sample.txt');
const hasSample = existsSync(SAMPLE);
const onPostgres = process.env.REGULARS_TEST_DB === 'postgres';

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});
const tempFile = (name: string, content: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'regulars-clv-'));
  tempDirs.push(dir);
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

const sampleArgs = (model: string, ...more: string[]) => [
  '--input',
  SAMPLE,
  '--format',
  'cdnow',
  '--calibration-end',
  '1997-09-30',
  '--model',
  model,
  ...more,
];

const within = (actual: number, published: number) =>
  expect(Math.abs(actual / published - 1)).toBeLessThan(0.005);

describe.skipIf(onPostgres)(
  'regulars clv fit (no database; skipped in the PostgreSQL pass)',
  () => {
    describe.skipIf(!hasSample)('on the CDNOW sample (skipped: ../shared/data absent)', () => {
      it('fits BG/NBD and validates on the holdout, as JSON', async () => {
        const result = await runClvFit(sampleArgs('bgnbd', '--holdout-end', '19980630', '--json'));
        expect(result.exitCode).toBe(0);
        const report = JSON.parse(result.out);
        expect(report.input).toMatchObject({ format: 'cdnow', layout: 'sample', purchases: 6919 });
        expect(report.fit).toMatchObject({
          model: 'bgnbd',
          customers: 2357,
          converged: true,
          identifiable: true,
          notIdentifiableReason: null,
          money: null,
        });
        expect(Object.keys(report.fit.standardErrors)).toEqual(['r', 'alpha', 'a', 'b']);
        within(report.fit.params.r, 0.243);
        within(report.fit.params.alpha, 4.414);
        within(report.fit.params.a, 0.793);
        within(report.fit.params.b, 2.426);
        within(report.fit.logLikelihood, -9582.4);
        expect(report.fit.durationMs).toBeGreaterThan(0);
        expect(report.holdoutWeeks).toBe(39);
        expect(report.validation.totalActual).toBe(1882);
        expect(report.validation.byFrequency.map((r: any) => r.frequency)).toEqual([
          '0',
          '1',
          '2',
          '3',
          '4',
          '5',
          '6',
          '7+',
        ]);
        // Tracking curve: 78 weeks from 1997-01-01; BG/NBD ends about 4% low (the README's figure).
        const last = report.tracking.at(-1);
        expect(report.tracking).toHaveLength(78);
        expect(last.actualCumulative).toBe(2457 + 1882);
        const error = (last.expectedCumulative - last.actualCumulative) / last.actualCumulative;
        expect(error).toBeLessThan(-0.02);
        expect(error).toBeGreaterThan(-0.06);
      });

      it('prints Gamma-Gamma in dollars: γ = 15.44, LL = −4055.92 as published (not 1544, −8412)', async () => {
        const result = await runClvFit(sampleArgs('gamma-gamma'));
        expect(result.exitCode).toBe(0);
        expect(result.out).toMatch(/Gamma-Gamma/);
        expect(result.out).toMatch(/Customers\s+946 of 2357 \(those with repeat purchases/);
        expect(result.out).toMatch(
          /p = 6\.2\d+\s+q = 3\.7\d+\s+gamma = 15\.4\d\s+\(gamma in USD\)/,
        );
        expect(result.out).toMatch(/Standard errors\s+p ± [\d.]+\s+q ± [\d.]+\s+gamma ± [\d.]+/);
        // −8412.41 in cents + 946 · ln 100 = −4055.92, CLVTools' −4055.9177 on dollars.
        expect(result.out).toMatch(/Log-likelihood\s+-4055\.92 \(of the mean spends in USD/);
      });

      it('as JSON, names the unit of γ and the convention of the log-likelihood', async () => {
        const result = await runClvFit(sampleArgs('gamma-gamma', '--json'));
        const { input, fit } = JSON.parse(result.out);
        expect(input.money).toEqual({ currency: 'USD', minorDigits: 2 });
        expect(fit.money).toMatchObject({ currency: 'USD', minorDigits: 2, parameters: ['gamma'] });
        expect(fit.money.logLikelihood).toMatch(/major units/);
        within(fit.params.gamma, 15.44);
        within(fit.logLikelihood, -4055.9177);
        expect(fit.identifiable).toBe(true);
        expect(fit.standardErrors.gamma).toBeLessThan(fit.params.gamma);
      });

      it('a calibration end before all purchases: a clear message and exit code 2', async () => {
        const args = sampleArgs('bgnbd');
        args[args.indexOf('1997-09-30')] = '1996-12-31';
        const result = await runClvFit(args);
        expect(result.exitCode).toBe(2);
        expect(result.err).toMatch(
          /no customer bought on or before the calibration end 1996-12-31/,
        );
      });
    });

    it('a fit the data do not identify is reported as such, --holdout-end does not abort: exit code 0', async () => {
      // 30 customers with one and the same history (first day 2024-01-01, repeats on 01-15 and
      // 02-12, again 2024-04-01 in the holdout): one distinct history for BG/NBD's 4 parameters.
      // Before: "converged" with parameters like r = 2.6e7, a = 2.5e-7 and nothing said.
      const rows = ['customer_id,date,amount'];
      for (let c = 1; c <= 30; c++)
        for (const day of ['2024-01-01', '2024-01-15', '2024-02-12', '2024-04-01'])
          rows.push(`c${c},${day},10.00`);
      const input = tempFile('identical.csv', `${rows.join('\n')}\n`);
      const args = [
        ...['--input', input, '--format', 'csv', '--model', 'bgnbd'],
        ...['--calibration-end', '2024-03-31', '--holdout-end', '2024-06-30'],
      ];
      const text = await runClvFit(args);
      expect(text.exitCode).toBe(0);
      expect(text.out).toMatch(
        /Identifiable\s+NO: all 30 customers have the same history; the parameters above are where the optimiser stopped, not estimates/,
      );
      // Its parameters (r ≈ 1e10) forecast nothing finite: said instead of aborting the command.
      expect(text.out).toMatch(/No holdout comparison: bgnbd: expected purchases is not finite/);
      expect(text.out).not.toMatch(/Standard errors/);
      const json = JSON.parse((await runClvFit([...args, '--json'])).out);
      expect(json.fit).toMatchObject({
        identifiable: false,
        notIdentifiableReason: 'all 30 customers have the same history',
        standardErrors: null,
      });
      expect(json.validation).toBeNull();
      expect(json.validationProblem).toMatch(/not finite/);
    });

    it('several models on one file: a degenerate one is reported, the others still validate', async () => {
      // The seeded BG/NBD cohort of test/support, every purchase worth exactly 20.00: the count
      // model is well identified, but Gamma-Gamma sees no spread of spend at all (p → ∞).
      const rows = simulatedPurchaseRows(true).map((row) => row.replace(/,[\d.]+$/, ',20.00'));
      const input = tempFile('same-spend.csv', `customer_id,date,amount\n${rows.join('\n')}\n`);
      const args = [
        ...['--input', input, '--format', 'csv', '--model', 'bgnbd,gamma-gamma'],
        ...['--calibration-end', '2024-09-30', '--holdout-end', '2024-12-31'],
      ];
      const text = await runClvFit(args);
      expect(text.exitCode).toBe(0);
      expect(text.out).toMatch(/BG\/NBD[\s\S]*Standard errors[\s\S]*Holdout \(13\.14 weeks\)/);
      expect(text.out).toMatch(/Gamma-Gamma[\s\S]*Identifiable\s+NO: /);
      const json = JSON.parse((await runClvFit([...args, '--json'])).out);
      expect(json.map((r: any) => [r.fit.model, r.fit.identifiable])).toEqual([
        ['bgnbd', true],
        ['gamma-gamma', false],
      ]);
      expect(json[0].validation.byFrequency).toHaveLength(8);
      expect(json[1].fit.standardErrors).toBeNull();
    });

    it('an unknown model in the list is a bad option (exit code 1)', async () => {
      const result = await runClvFit([
        ...['--input', SAMPLE, '--format', 'cdnow', '--calibration-end', '1997-09-30'],
        ...['--model', 'bgnbd,gompertz'],
      ]);
      expect(result.exitCode).toBe(1);
      expect(result.err).toMatch(/not a model: gompertz/);
    });

    it('reads CSV with mapped columns, either date spelling and decimal amounts', async () => {
      const rows = ['cust,when,total'];
      // Ten customers buying every few weeks for a while, some stopping early.
      for (let c = 1; c <= 40; c++) {
        for (let k = 0; k < 1 + (c % 6); k++) {
          const day = new Date(Date.UTC(2024, 0, 1 + c + k * (5 + (c % 4)) * 7));
          const iso = day.toISOString().slice(0, 10);
          rows.push(`c${c},${k % 2 ? iso.replaceAll('-', '') : iso},${(10 + c / 4).toFixed(2)}`);
        }
      }
      const file = tempFile('orders.csv', `${rows.join('\n')}\n`);
      const result = await runClvFit([
        '--input',
        file,
        '--format',
        'csv',
        '--map',
        'customer_id=cust,date=when,amount=total',
        '--calibration-end',
        '2024-06-30',
        '--model',
        'bgnbd',
        '--json',
      ]);
      expect(result.err).toBe('');
      expect(result.exitCode).toBe(0);
      const report = JSON.parse(result.out);
      expect(report.fit.customers).toBe(40);
      expect(Object.keys(report.fit.params)).toEqual(['r', 'alpha', 'a', 'b']);
    });

    it.each([
      [
        'a missing file',
        ['--input', '/nonexistent/file.txt', '--format', 'cdnow'],
        2,
        /no such file/,
      ],
      [
        'an unknown format',
        ['--input', 'x', '--format', 'xlsx'],
        1,
        /Allowed choices are cdnow, csv/,
      ],
      [
        'a bad date option',
        ['--input', 'x', '--format', 'cdnow', '--calibration-end', '1997-02-30'],
        1,
        /YYYY-MM-DD/,
      ],
    ])('%s: message on stderr, exit code %i', async (_, args, code, message) => {
      const base = ['--calibration-end', '1997-09-30', '--model', 'bgnbd'];
      const result = await runClvFit([...base, ...args]);
      expect(result.exitCode).toBe(code);
      expect(result.err).toMatch(message);
      expect(result.out).toBe('');
    });

    it('an unparsable row names its line', async () => {
      const file = tempFile(
        'bad.txt',
        ' 00001 0001 19970101 1 11.77\n 00002 0002 1997013 1 12.00\n',
      );
      const result = await runClvFit([
        '--input',
        file,
        '--format',
        'cdnow',
        '--calibration-end',
        '1997-09-30',
        '--model',
        'bgnbd',
      ]);
      expect(result.exitCode).toBe(2);
      expect(result.err).toMatch(/line 2: "1997013" is not a yyyymmdd date/);
    });

    it('as a process: bad input ends with a message and exit code 2, no stack trace', () => {
      const child = spawnSync(
        process.execPath,
        [
          resolve(ROOT, 'node_modules/tsx/dist/cli.mjs'),
          resolve(ROOT, 'src/cli/main.ts'),
          'clv',
          'fit',
          '--input',
          '/nonexistent.csv',
          '--format',
          'csv',
          '--calibration-end',
          '2024-01-31',
          '--model',
          'pareto-nbd',
        ],
        { encoding: 'utf8', timeout: 60_000 },
      );
      expect(child.status).toBe(2);
      expect(child.stderr).toMatch(/error: no such file: \/nonexistent\.csv/);
      expect(child.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    }, 60_000);
  },
);
