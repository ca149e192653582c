import { createReadStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import type { Engine } from 'json-rules-engine';
import {
  evaluateRules,
  type CustomerFacts,
  type EvaluationContext,
  type OrderFacts,
} from '../src/core/rules/rules.evaluate.js';
import type { Rule } from '../src/core/rules/rules.js';
import { decimalToMinor } from '../src/core/shared/money.js';
import { zonedParts } from '../src/core/shared/zoned-time.js';
import {
  BASELINE_RULE_NAME,
  PROGRAMME,
  SERVICE_SKUS,
  createJsonRulesEngine,
  engineFacts,
  pointsFromEvents,
  programmeRules,
  type BenchOrder,
} from './rules-programme.js';
import { optionReader } from './bench-args.js';

/**
 * Rule evaluation throughput, ours (`evaluateRules`) against json-rules-engine, on the same
 * 50-rule programme (bench/rules-programme.ts) and the same orders: invoices of UCI Online
 * Retail with a customer, in file order, their times read as London shop time. First every
 * order goes through both engines and the points per rule must be equal, or the benchmark stops;
 * then each engine evaluates all the orders, a warm-up and then `--runs` times, interleaved, and
 * the medians are reported, with ours and json-rules-engine on a single rule as baselines.
 * `npx tsx bench/rules.bench.ts [--orders=N] [--runs=N] [--quick] [--data=PATH]`; the figures go
 * to BENCH_RESULT_FILE when set, else bench/results/rules.json.
 */

const ROOT = resolve(import.meta.dirname, '..');
const RETAIL_LINES = resolve(ROOT, '../shared/data/online-retail/online_retail_lines.csv.gz');
const DEFAULT_RESULTS = resolve(ROOT, 'bench/results/rules.json');
/** Orders beyond the file's are its orders again, 52 weeks later (same weekdays). */
const CYCLE_DAYS = 364;

const ctx: EvaluationContext = { ...PROGRAMME, awardedInPeriod: {} };

// ---------------------------------------------------------------------------------------------
// Orders from Online Retail.

/** A stable category from the description: a few keyword ranges, else its first word. */
const categoryOf = (sku: string, description: string): string | null => {
  if (SERVICE_SKUS.includes(sku)) return 'service';
  const text = description.toUpperCase();
  const ranges: [string, string[]][] = [
    ['christmas', ['CHRISTMAS', 'XMAS']],
    ['lunch', ['LUNCH']],
    ['doormat', ['DOORMAT']],
    ['bags', ['BAG']],
    ['candles', ['CANDLE', 'T-LIGHT', 'LANTERN', 'TEALIGHT']],
    ['vintage', ['VINTAGE']],
    ['kitchen', ['MUG', 'CUP', 'TEA', 'CAKE', 'JAM', 'BAKING', 'PLATE', 'BOWL']],
    ['stationery', ['CARD', 'WRAP', 'PAPER', 'NOTEBOOK', 'PENCIL']],
  ];
  const range = ranges.find(([, words]) => words.some((w) => text.includes(w)));
  return range?.[0] ?? (text.split(/\s+/)[0]?.toLowerCase() || null);
};

/** A 32-bit mix of the customer number: every customer fact below is a pure function of it. */
const mix = (n: number) => {
  let h = Math.imul(n ^ (n >>> 16), 0x45d9f3b);
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return (h ^ (h >>> 16)) >>> 0;
};

const TIERS = [null, null, null, null, null, 'bronze', 'bronze', 'silver', 'silver', 'gold'];
const SEGMENTS = ['champions', 'loyal', 'at_risk', 'new', 'big_spenders'];

const customerFacts = (customerNumber: number, country: string): CustomerFacts => {
  const h = mix(customerNumber);
  const attributes: CustomerFacts['attributes'] = {
    country,
    age: 18 + ((h >>> 8) % 62),
    newsletter: ((h >>> 14) & 1) === 1,
    trade: (h >>> 15) % 25 === 0,
  };
  if ((h >>> 20) % 6 === 0) attributes.referredBy = `cus_${(h >>> 4) % 100_000}`;
  return {
    tier: TIERS[h % 10] ?? null,
    segments: SEGMENTS.filter((_, i) => ((h >>> (24 + i)) & 3) === 0),
    attributes,
  };
};

const channelOf = (customerNumber: number): { channel: string; storeId: string | null } => {
  const h = mix(customerNumber * 31 + 7);
  const slot = h % 20;
  if (slot < 11) return { channel: 'web', storeId: null };
  if (slot < 16) return { channel: 'pos', storeId: `store_0${1 + ((h >>> 8) % 6)}` };
  return { channel: slot < 19 ? 'app' : 'other', storeId: null };
};

/** The instant a London wall-clock time names (the hour after a spring-forward gap moves on). */
const londonInstant = (y: number, mo: number, d: number, h: number, mi: number): Date => {
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const offsetAt = (ms: number) => {
    const p = zonedParts(new Date(ms), PROGRAMME.timeZone);
    return (
      Date.UTC(p.year, p.month - 1, p.day, 0, p.minutesOfDay) - Math.floor(ms / 60_000) * 60_000
    );
  };
  const first = wall - offsetAt(wall);
  return new Date(wall - offsetAt(first));
};

interface Invoice {
  no: string;
  customerNumber: number;
  country: string;
  /** London wall-clock time as written in the file: y, m, d, h, mi. */
  local: [number, number, number, number, number];
  lines: OrderFacts['lines'];
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})/;

/** Invoice lines as the importer takes them: a customer, no cancellation, positive figures. */
const lineOf = (row: Record<string, string>) => {
  const customer = /^(\d+)(?:\.0*)?$/.exec(row.CustomerID?.trim() ?? '')?.[1];
  const time = TIMESTAMP.exec(row.InvoiceDate?.trim() ?? '');
  const quantity = Number(row.Quantity);
  const unitPriceMinor = decimalToMinor(row.UnitPrice ?? '', 2);
  const sku = row.StockCode?.trim() ?? '';
  if (!customer || !time || !sku || row.InvoiceNo?.startsWith('C')) return null;
  if (!Number.isInteger(quantity) || quantity <= 0 || !unitPriceMinor || unitPriceMinor <= 0)
    return null;
  return {
    customerNumber: Number(customer),
    country: row.Country?.trim() ?? '',
    local: time.slice(1, 6).map(Number) as Invoice['local'],
    line: { sku, category: categoryOf(sku, row.Description ?? ''), quantity, unitPriceMinor },
  };
};

/**
 * The first `limit` invoices with a customer, in file order, lines grouped by InvoiceNo (one
 * invoice, 542806, comes in two runs of lines: they are merged).
 */
const readInvoices = async (file: string, limit: number): Promise<Invoice[]> => {
  const parser = parse({
    columns: true,
    bom: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
  });
  const source = createReadStream(file);
  (file.endsWith('.gz') ? source.pipe(createGunzip()) : source).pipe(parser);
  const invoices = new Map<string, Invoice>();
  for await (const row of parser as AsyncIterable<Record<string, string>>) {
    const taken = lineOf(row);
    if (!taken) continue;
    const no = row.InvoiceNo ?? '';
    let invoice = invoices.get(no);
    if (!invoice) {
      if (invoices.size === limit) break;
      invoice = { no, ...taken, lines: [] };
      invoices.set(no, invoice);
    }
    invoice.lines.push(taken.line);
  }
  parser.destroy();
  source.destroy();
  return [...invoices.values()];
};

/** N orders: the invoices in file order, again 52 weeks later when N is larger than the file. */
const buildOrders = (invoices: Invoice[], n: number): BenchOrder[] => {
  const orderCounts = new Map<number, number>();
  const customers = new Map<number, CustomerFacts>();
  const orders: BenchOrder[] = [];
  for (let i = 0; i < n; i++) {
    const inv = invoices[i % invoices.length]!;
    const cycle = Math.floor(i / invoices.length);
    const [y, mo, d, h, mi] = inv.local;
    const day = new Date(Date.UTC(y, mo - 1, d + cycle * CYCLE_DAYS));
    const orderNumber = (orderCounts.get(inv.customerNumber) ?? 0) + 1;
    orderCounts.set(inv.customerNumber, orderNumber);
    let customer = customers.get(inv.customerNumber);
    if (!customer) {
      customer = customerFacts(inv.customerNumber, inv.country);
      customers.set(inv.customerNumber, customer);
    }
    orders.push({
      id: cycle === 0 ? inv.no : `${inv.no}+${cycle}`,
      customerId: String(inv.customerNumber),
      at: londonInstant(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), h, mi),
      customer,
      order: { currency: 'GBP', ...channelOf(inv.customerNumber), lines: inv.lines, orderNumber },
    });
  }
  return orders;
};

// ---------------------------------------------------------------------------------------------
// The two engines over a list of orders.

const oursPoints = (rules: Rule[], o: BenchOrder): Map<string, number> => {
  const result = evaluateRules(
    rules,
    { trigger: 'order.placed', at: o.at, customer: o.customer, order: o.order },
    ctx,
  );
  return new Map(result.points.map((p) => [p.ruleId, p.points]));
};

const enginePoints = async (engine: Engine, o: BenchOrder): Promise<Map<string, number>> => {
  const { events, almanac } = await engine.run(engineFacts(o));
  return pointsFromEvents(events, almanac);
};

const describe = (points: Map<string, number>) =>
  JSON.stringify([...points].sort(([a], [b]) => a.localeCompare(b)));

interface Equivalence {
  orders: number;
  ordersWithPoints: number;
  ruleAwards: number;
  totalPoints: number;
  firedPerRule: { ruleId: string; name: string; orders: number; points: number }[];
}

/** Both engines on every order: the points of each rule must be equal, or this throws. */
const checkEquivalence = async (
  rules: Rule[],
  engine: Engine,
  orders: BenchOrder[],
): Promise<Equivalence> => {
  const fired = new Map(rules.map((r) => [r.id, { orders: 0, points: 0 }]));
  let ordersWithPoints = 0;
  let ruleAwards = 0;
  let totalPoints = 0;
  for (const o of orders) {
    const ours = oursPoints(rules, o);
    const theirs = await enginePoints(engine, o);
    if (describe(ours) !== describe(theirs)) {
      throw new Error(
        `The engines disagree on order ${o.id} ` +
          `(customer ${o.customerId}, ${o.at.toISOString()}), points per rule:\n` +
          `  ours:              ${describe(ours)}\n  json-rules-engine: ${describe(theirs)}`,
      );
    }
    if (ours.size > 0) ordersWithPoints += 1;
    for (const [ruleId, points] of ours) {
      const f = fired.get(ruleId)!;
      f.orders += 1;
      f.points += points;
      ruleAwards += 1;
      totalPoints += points;
    }
  }
  return {
    orders: orders.length,
    ordersWithPoints,
    ruleAwards,
    totalPoints,
    firedPerRule: rules.map((r) => ({ ruleId: r.id, name: r.document.name, ...fired.get(r.id)! })),
  };
};

interface Contender {
  name: string;
  rules: number;
  /** Evaluates every order and returns the points given, so the work cannot be skipped. */
  runAll: (orders: BenchOrder[]) => Promise<number>;
}

const sumPoints = (points: Map<string, number>) => {
  let sum = 0;
  for (const p of points.values()) sum += p;
  return sum;
};

const oursContender = (name: string, rules: Rule[]): Contender => ({
  name,
  rules: rules.length,
  runAll: async (orders) => {
    let total = 0;
    for (const o of orders) total += sumPoints(oursPoints(rules, o));
    return total;
  },
});

const engineContender = (name: string, rules: Rule[]): Contender => {
  const engine = createJsonRulesEngine(rules);
  return {
    name,
    rules: rules.length,
    runAll: async (orders) => {
      let total = 0;
      for (const o of orders) total += sumPoints(await enginePoints(engine, o));
      return total;
    },
  };
};

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export interface RulesBenchRow {
  engine: string;
  rules: number;
  medianMs: number;
  medianOrdersPerSecond: number;
  medianMicrosPerOrder: number;
  runMs: number[];
  points: number;
}

export interface RulesBenchReport {
  status: 'ok' | 'skipped';
  reason?: string;
  file: string;
  orders: number;
  invoicesRead: number;
  linesPerOrder: number;
  rules: number;
  baselineRule: string;
  runs: number;
  equivalence: Equivalence | null;
  rows: RulesBenchRow[];
  /** Ours ÷ json-rules-engine, orders per second, both with the 50 rules. */
  oursOverEngine: number | null;
  /** The same with one rule each. */
  oursOverEngineOneRule: number | null;
  /** Time per order with 50 rules ÷ with 1 rule. */
  oursFiftyOverOne: number | null;
  engineFiftyOverOne: number | null;
  machine: { cores: number; cpuModel: string; node: string; loadAverageAtStart: number[] };
}

/** A warm-up pass each, then `runs` passes of every contender in turn, so noise hits all alike. */
const measure = async (
  contenders: Contender[],
  orders: BenchOrder[],
  runs: number,
  log: (line: string) => void,
): Promise<RulesBenchRow[]> => {
  const times = contenders.map(() => [] as number[]);
  const points = contenders.map(() => 0);
  for (const c of contenders) await c.runAll(orders);
  for (let run = 0; run < runs; run++) {
    for (const [i, c] of contenders.entries()) {
      const started = performance.now();
      points[i] = await c.runAll(orders);
      times[i]!.push(performance.now() - started);
    }
    log(
      `run ${run + 1}/${runs}: ` +
        contenders.map((c, i) => `${c.name} ${times[i]!.at(-1)!.toFixed(0)} ms`).join(', '),
    );
  }
  return contenders.map((c, i) => {
    const medianMs = median(times[i]!);
    return {
      engine: c.name,
      rules: c.rules,
      medianMs,
      medianOrdersPerSecond: orders.length / (medianMs / 1000),
      medianMicrosPerOrder: (medianMs * 1000) / orders.length,
      runMs: times[i]!,
      points: points[i]!,
    };
  });
};

const machine = () => ({
  cores: os.availableParallelism(),
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  node: process.version,
  loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
});

export const runRulesBench = async (options: {
  file: string;
  orders: number;
  runs: number;
  log: (line: string) => void;
}): Promise<RulesBenchReport> => {
  const { file, runs, log } = options;
  const rules = programmeRules();
  const baseline = rules.filter((r) => r.document.name === BASELINE_RULE_NAME);
  const base = {
    file,
    rules: rules.length,
    baselineRule: BASELINE_RULE_NAME,
    runs,
    machine: machine(),
  };
  const empty = {
    orders: 0,
    invoicesRead: 0,
    linesPerOrder: 0,
    equivalence: null,
    rows: [],
    oursOverEngine: null,
    oursOverEngineOneRule: null,
    oursFiftyOverOne: null,
    engineFiftyOverOne: null,
  };
  if (!existsSync(file)) {
    const reason = `${file} not found (the shared data lives beside the repository)`;
    log(`rules bench skipped: ${reason}`);
    return { ...base, ...empty, status: 'skipped', reason };
  }
  const started = performance.now();
  const invoices = await readInvoices(file, options.orders);
  const orders = buildOrders(invoices, options.orders);
  const lines = orders.reduce((s, o) => s + o.order.lines.length, 0);
  log(
    `${orders.length} orders (${lines} lines) from ${invoices.length} invoices` +
      `${orders.length > invoices.length ? `, then the same again ${CYCLE_DAYS} days later` : ''}` +
      ` in ${(performance.now() - started).toFixed(0)} ms; ${rules.length} rules`,
  );

  const equivalence = await checkEquivalence(rules, createJsonRulesEngine(rules), orders);
  const never = equivalence.firedPerRule.filter((f) => f.orders === 0);
  log(
    `equivalence: the points of every rule are equal on all ${orders.length} orders; ` +
      `${equivalence.ordersWithPoints} orders earned points from at least one rule ` +
      `(${equivalence.ruleAwards} rule awards, ${equivalence.totalPoints} points); ` +
      `${rules.length - never.length} of ${rules.length} rules gave points` +
      (never.length ? ` (never: ${never.map((f) => f.ruleId).join(', ')})` : ''),
  );

  const rows = await measure(
    [
      oursContender('ours', rules),
      engineContender('json-rules-engine', rules),
      oursContender('ours, 1 rule', baseline),
      engineContender('json-rules-engine, 1 rule', baseline),
    ],
    orders,
    runs,
    log,
  );
  const [ours, theirs, ours1, theirs1] = rows as [
    RulesBenchRow,
    RulesBenchRow,
    RulesBenchRow,
    RulesBenchRow,
  ];
  if (ours.points !== theirs.points || ours1.points !== theirs1.points) {
    throw new Error('The timed runs gave different points totals: the benchmark is broken');
  }
  return {
    ...base,
    status: 'ok',
    orders: orders.length,
    invoicesRead: invoices.length,
    linesPerOrder: lines / orders.length,
    equivalence,
    rows,
    oursOverEngine: ours.medianOrdersPerSecond / theirs.medianOrdersPerSecond,
    oursOverEngineOneRule: ours1.medianOrdersPerSecond / theirs1.medianOrdersPerSecond,
    oursFiftyOverOne: ours.medianMs / ours1.medianMs,
    engineFiftyOverOne: theirs.medianMs / theirs1.medianMs,
  };
};

const thousands = (n: number) => Math.round(n).toLocaleString('en-GB');

export const formatRulesReport = (report: RulesBenchReport): string => {
  if (report.status !== 'ok') return `rules bench skipped: ${report.reason ?? ''}`;
  const header = [
    `Rule evaluation, ${report.orders} Online Retail orders ` +
      `(${report.linesPerOrder.toFixed(1)} lines each), medians of ${report.runs} runs:`,
    '',
    '| engine | rules | orders/s | µs per order | median run |',
    '|---|---:|---:|---:|---:|',
  ];
  const rows = report.rows.map(
    (r) =>
      `| ${r.engine} | ${r.rules} | ${thousands(r.medianOrdersPerSecond)} | ` +
      `${r.medianMicrosPerOrder.toFixed(1)} | ${thousands(r.medianMs)} ms |`,
  );
  const ratio = (x: number | null) => (x === null ? '–' : x.toFixed(1));
  return [
    ...header,
    ...rows,
    '',
    `ours / json-rules-engine: ${ratio(report.oursOverEngine)}× with ${report.rules} rules, ` +
      `${ratio(report.oursOverEngineOneRule)}× with 1 rule`,
    `50 rules / 1 rule, time per order: ours ${ratio(report.oursFiftyOverOne)}×, ` +
      `json-rules-engine ${ratio(report.engineFiftyOverOne)}×`,
  ].join('\n');
};

const isMain =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;

if (isMain) {
  const args = process.argv.slice(2);
  const { value: arg, positive } = optionReader(args);
  const quick = args.includes('--quick');
  const out = process.env.BENCH_RESULT_FILE ?? DEFAULT_RESULTS;
  let figures: RulesBenchReport | { status: 'failed'; reason: string };
  try {
    figures = await runRulesBench({
      file: arg('data') ?? RETAIL_LINES,
      orders: positive('orders', quick ? 2_000 : 20_000),
      runs: positive('runs', quick ? 3 : 7),
      log: (line) => process.stdout.write(`${line}\n`),
    });
    process.stdout.write(`\n${formatRulesReport(figures)}\n`);
  } catch (error) {
    // Above all the equivalence check: figures of engines that disagree would mean nothing.
    figures = { status: 'failed', reason: (error as Error).message };
    process.stdout.write(`\nrules bench failed: ${figures.reason}\n`);
    process.exitCode = 1;
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(figures, null, 2)}\n`);
  process.stdout.write(`figures written to ${out}\n`);
}
