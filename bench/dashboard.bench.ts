import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import { sql } from 'kysely';
import { build } from 'vite';
import type { Database } from '../src/db/dialect.js';
import { CHROMIUM, hasChromium, launchBrowser } from '../test/e2e/support/browser.js';
import { RETAIL, startE2eServer, type E2eServer } from '../test/e2e/support/server.js';
import { webConfig } from '../web/vite.config.js';
import {
  BASELINE_PAGE,
  dashboardPages,
  endpointMedians,
  measureLoad,
  median,
  newContext,
  signedInContext,
  timeAlone,
  type Load,
  type PageSpec,
} from './dashboard-pages.js';
import { installEngagement } from './dashboard-engagement.js';
import { installRuleSets } from './ingest-rules.js';
import { withScratchPglite, withScratchPostgres } from './scratch-database.js';

/**
 * How fast the web dashboard and the member page load on the whole Online Retail file: the built
 * pages served by the app on 127.0.0.1 over PGlite (as `npm start` runs it), driven by Debian's
 * Chromium through the e2e tests' helpers. After the import, the analytics refresh (RFM,
 * lifecycle, CLV) and the rule benchmark's 50 rules saved as drafts, each page is loaded N times in
 * a fresh tab of one signed-in browser context, in turns with the others, after one unmeasured
 * round (so the immutable scripts come from the browser's cache, as for someone who has been
 * there before). Loaded = the page's data drawn (selectors in dashboard-pages.ts) and no request
 * in flight. The baseline, in the same turns: the sign-in screen (the same page and script, one
 * API call) in a context without a session, so each page is also given as a multiple of it.
 *
 * `npx tsx bench/dashboard.bench.ts [--quick] [--runs=N] [--db=pglite|postgres]`; --quick takes
 * the first 60,000 lines and 3 runs. Figures go to BENCH_RESULT_FILE or bench/results/dashboard.json.
 */

const ROOT = resolve(import.meta.dirname, '..');
const DEFAULT_RESULTS = resolve(ROOT, 'bench/results/dashboard.json');
// A build of its own, so an e2e run rebuilding test/e2e/.web-dist meanwhile cannot break a load.
const WEB_DIST = resolve(ROOT, 'bench/results/web-dist');

const arg = (name: string): string | undefined =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const flag = (name: string) => process.argv.includes(`--${name}`);
const say = (line: string) => process.stdout.write(`${line}\n`);
const secondsSince = (t: number) => Math.round((performance.now() - t) / 100) / 10;

interface PageResult {
  page: string;
  path: string;
  medianMs: number;
  minMs: number;
  maxMs: number;
  runsMs: number[];
  ratioToBaseline: number;
  /** Medians, from the page's own request: the first API request sent, the last response ended. */
  firstApiMs: number;
  apiDoneMs: number;
  apiRequestsPerLoad: number;
  /** The request that took longest within the loads (median over loads), queueing included. */
  slowestEndpoint: Timed | null;
  endpoints: Timed[];
  /** Each endpoint requested alone, one at a time: what it costs the server by itself. */
  alone: Timed[];
}

interface Timed {
  endpoint: string;
  medianMs: number;
}

const summarise = (
  spec: PageSpec,
  loads: Load[],
  baselineMs: number,
  alone: Timed[],
): PageResult => {
  const ms = loads.map((l) => l.ms);
  const endpoints = endpointMedians(loads);
  return {
    page: spec.name,
    path: spec.path,
    medianMs: Math.round(median(ms)),
    minMs: Math.round(Math.min(...ms)),
    maxMs: Math.round(Math.max(...ms)),
    runsMs: ms.map(Math.round),
    ratioToBaseline: Math.round((median(ms) / baselineMs) * 10) / 10,
    firstApiMs: Math.round(median(loads.map((l) => l.firstApiMs))),
    apiDoneMs: Math.round(median(loads.map((l) => l.apiDoneMs))),
    apiRequestsPerLoad: median(loads.map((l) => l.api.length)),
    slowestEndpoint: endpoints[0] ?? null,
    endpoints,
    alone,
  };
};

const timed = (t: Timed | undefined) => (t ? `${t.endpoint} ${t.medianMs} ms` : '–');

const table = (rows: PageResult[]) =>
  [
    '| page | median | min | max | × baseline | first API request | API done | API requests | slowest request in the load | slowest alone |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.page} | ${r.medianMs} ms | ${r.minMs} ms | ${r.maxMs} ms | ${r.ratioToBaseline} | ` +
        `${r.firstApiMs} ms | ${r.apiDoneMs} ms | ` +
        `${r.apiRequestsPerLoad} | ${timed(r.endpoints[0])} | ${timed(r.alone[0])} |`,
    ),
  ].join('\n');

/** What the campaign form's confirm step costs: POST /v1/campaigns/reach for a whole segment. */
const timeReach = async (server: E2eServer, segmentId: string, runs: number) => {
  const ms: number[] = [];
  let segmentSize = 0;
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    const reach = await server.api<{ segmentSize: number }>('POST', '/v1/campaigns/reach', {
      templateKey: 'bench-news',
      segmentId,
    });
    ms.push(performance.now() - started);
    segmentSize = reach.segmentSize;
  }
  return { segmentSize, medianMs: Math.round(median(ms)) };
};

/** Loads the data, then every page `runs` times in turns with the baseline. */
const benchOn = async (database: Database, options: { lines: number | 'all'; runs: number }) => {
  let started = performance.now();
  const server = await startE2eServer({ lines: options.lines, database, webDist: WEB_DIST });
  try {
    const importSeconds = secondsSince(started);
    const { rows: counts } = await sql<{ orders: number; customers: number }>`
      select count(*)::int as orders, count(distinct customer_id)::int as customers
        from sales_order`.execute(database.db);
    const data = counts[0]!;
    say(
      `imported ${data.orders.toLocaleString('en-GB')} orders of ${data.customers.toLocaleString('en-GB')} customers in ${importSeconds} s (not timed below)`,
    );
    started = performance.now();
    await server.api('POST', '/v1/analytics/refresh', {});
    const refreshSeconds = secondsSince(started);
    say(`analytics refresh (RFM, lifecycle, CLV) took ${refreshSeconds} s (not timed below)`);
    await installRuleSets({
      post: async (path, body) => {
        const res = await fetch(`${server.url}${path}`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${server.adminKey}`,
            'content-type': 'application/json',
          },
          body,
        });
        return { status: res.status, text: await res.text() };
      },
      patch: () => Promise.reject(new Error('not used')),
    });
    const { rows: top } = await sql<{ customer_id: string; orders: number }>`
      select customer_id, count(*)::int as orders from sales_order
       group by customer_id order by orders desc, customer_id limit 1`.execute(database.db);
    const customer = { id: top[0]!.customer_id, orders: top[0]!.orders };
    const { token } = await server.api<{ token: string }>(
      'GET',
      `/v1/customers/${customer.id}/card`,
    );
    say(`customer with the most orders: ${customer.id} (${customer.orders} orders)`);
    const { rows: buyers } = await sql<{ customer_id: string }>`
      select customer_id from sales_order group by customer_id
       order by count(*) desc, customer_id limit 200`.execute(database.db);
    started = performance.now();
    const made = await installEngagement(
      server,
      buyers.map((b) => b.customer_id),
    );
    say(`a segment, a survey with 200 answers and a complaint made in ${secondsSince(started)} s`);
    const reach = await timeReach(server, made.everyBuyerSegmentId, options.runs);
    say(
      `campaign reach of every buyer (${reach.segmentSize.toLocaleString('en-GB')} members): median ${reach.medianMs} ms of ${options.runs}`,
    );

    const browser = await launchBrowser();
    try {
      const admin = await signedInContext(browser, server.url, server.adminKey);
      const phone = await newContext(browser, { width: 390, height: 844 });
      const anonymous = await newContext(browser);
      const specs = [BASELINE_PAGE, ...dashboardPages(customer.id, token, made)];
      const contextOf = (s: PageSpec) =>
        s === BASELINE_PAGE ? anonymous : s.phone ? phone : admin;
      const loads = new Map<PageSpec, Load[]>(specs.map((s) => [s, []]));
      // Round 0 warms the browser's cache, the server's JIT and the database's buffers.
      for (let round = 0; round <= options.runs; round += 1) {
        for (const spec of specs) {
          const load = await measureLoad(contextOf(spec), `${server.url}${spec.path}`, spec.ready);
          if (round > 0) loads.get(spec)!.push(load);
        }
        say(round === 0 ? '  warm-up round done' : `  round ${round}/${options.runs} done`);
      }
      const baselineMs = median(loads.get(BASELINE_PAGE)!.map((l) => l.ms));
      const pages: PageResult[] = [];
      for (const s of specs) {
        const alone = await timeAlone(contextOf(s), loads.get(s)!.at(-1)!, options.runs);
        pages.push(summarise(s, loads.get(s)!, baselineMs, alone));
      }
      return {
        data: { ...data, lines: options.lines },
        importSeconds,
        refreshSeconds,
        reach,
        customer,
        pages,
      };
    } finally {
      await browser.close();
    }
  } finally {
    await server.close();
  }
};

const main = async () => {
  if (!existsSync(RETAIL)) return say(`skipped: ${RETAIL} not found`);
  if (!hasChromium) return say(`skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  const quick = flag('quick');
  const runs = Number(arg('runs') ?? (quick ? 3 : 7));
  const lines = quick ? 60_000 : 'all';
  const kind = arg('db') === 'postgres' ? 'postgres' : 'pglite';
  const loadAverageAtStart = os.loadavg().map((l) => Math.round(l * 100) / 100);
  const started = performance.now();
  await build({ ...webConfig, logLevel: 'warn', build: { ...webConfig.build, outDir: WEB_DIST } });
  say(
    `web pages built in ${secondsSince(started)} s; ${kind}, ${lines === 'all' ? 'the whole file' : `${lines} lines`}, ${runs} runs per page`,
  );
  const run = (database: Database) => benchOn(database, { lines, runs });
  const result =
    kind === 'postgres'
      ? await withScratchPostgres('regulars_dashboard_bench', run)
      : await withScratchPglite('regulars-dashboard-bench', run);
  say(`\n${table(result.pages)}\n`);
  const report = {
    database: kind,
    runs,
    ...result,
    machine: {
      cores: os.availableParallelism(),
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      node: process.version,
      loadAverageAtStart,
    },
  };
  const file = process.env.BENCH_RESULT_FILE ?? DEFAULT_RESULTS;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  say(`figures written to ${file}`);
};

await main();
