import type { Browser, BrowserContext, Request } from 'playwright-core';
import { openPage } from '../test/e2e/support/browser.js';
import type { EngagementFixtures } from './dashboard-engagement.js';

/**
 * The pages the dashboard benchmark loads, what says each has drawn its data, and the timing of
 * one load in Chromium: from `page.goto` to the moment the page's data is drawn and no request is
 * left in flight.
 */

export interface PageSpec {
  name: string;
  path: string;
  /** CSS selectors that all appear only once the page's data is drawn. */
  ready: string[];
  /** Opened in the phone-sized context (the member page) rather than the signed-in admin one. */
  phone?: boolean;
}

export const dashboardPages = (
  customerId: string,
  cardToken: string,
  made: EngagementFixtures,
): PageSpec[] => [
  {
    name: 'Overview',
    path: '/admin',
    // One KPI card of each of the three queries, and the 12-month retention chart.
    ready: [
      'article.kpi-card:has(h3:text-is("Members")) .kpi-value',
      'article.kpi-card:has(h3:text("Active customers")) .kpi-value',
      'article.kpi-card:has(h3:text("Repeat-purchase rate")) .kpi-value',
      'section[aria-label="Retention, last 12 months"] figure.line-chart svg',
    ],
  },
  {
    name: 'Retention',
    path: '/admin/retention',
    ready: [
      '.refresh-note',
      'section[aria-label="Cohort retention"] table.heatmap tbody tr',
      'section[aria-label="RFM segments"] .rfm-tiles',
      'section[aria-label="Lifecycle funnel"] dl.hbars',
    ],
  },
  {
    name: 'Customer value',
    path: '/admin/value',
    ready: [
      'section[aria-label="Customer lifetime value"] .stat-row',
      'section[aria-label="Top customers by predicted value"] tbody tr',
      'section[aria-label="Customers at risk"] :is(tbody tr, .empty)',
      'section[aria-label="Model validation"] :is(figure, .empty)',
    ],
  },
  { name: 'Customers', path: '/admin/customers', ready: ['table.c360-customer-table tbody tr'] },
  {
    name: 'Customer 360 (most orders)',
    path: `/admin/customers/${customerId}`,
    ready: [
      'dd[aria-label="Points balance"]',
      'dd[aria-label="RFM segment"]',
      '.c360-timeline-item',
    ],
  },
  {
    name: 'Programme rules (50)',
    path: '/admin/programme/rules',
    ready: ['section[aria-label="Earning rules"] tbody tr'],
  },
  {
    name: 'Rule in the builder',
    path: `/admin/programme/rules/${made.ruleId}`,
    ready: ['.rule-sentence-text', '[role="group"][aria-label="Effect 1"]'],
  },
  {
    name: 'Programme settings',
    path: '/admin/programme',
    ready: ['section[aria-label="Programme settings"] form', 'section[aria-label="Earning rules"]'],
  },
  {
    name: 'Users and API keys',
    path: '/admin/programme/access',
    ready: [
      'section[aria-label="API keys"] tbody tr',
      'section[aria-label="Dashboard users"] form',
    ],
  },
  {
    name: 'Segments',
    path: '/admin/segments',
    ready: ['section[aria-label="All segments"] tbody tr'],
  },
  {
    name: 'Segment in the builder (live size)',
    path: `/admin/segments/${made.segmentId}/edit`,
    ready: ['.builder-size:text("Matches")'],
  },
  {
    name: 'Campaigns, templates, journeys',
    path: '/admin/campaigns',
    ready: [
      'section[aria-label="Send a campaign"] form select',
      'section[aria-label="Templates"] :is(tbody tr, .empty)',
      'section[aria-label="Journeys and sending rules"] input',
    ],
  },
  {
    name: 'Feedback',
    path: '/admin/feedback',
    ready: [
      'section[aria-label="NPS and CSAT"] :is(figure, .empty)',
      'section[aria-label="Surveys"] tbody tr',
      'section[aria-label="Complaints"] tbody tr',
    ],
  },
  {
    name: 'Survey (200 answers)',
    path: `/admin/feedback/surveys/${made.surveyId}`,
    ready: [
      'section[aria-label="Score distribution"] :is(figure, table, dl)',
      'section[aria-label="Responses"] :is(tbody tr, li)',
    ],
  },
  {
    name: 'Complaint case',
    path: `/admin/feedback/complaints/${made.complaintId}`,
    ready: ['section[aria-label="Case"] .sla', 'section[aria-label="Thread"] :is(li, article)'],
  },
  {
    name: 'Member page (phone)',
    path: `/m/${cardToken}`,
    ready: ['[data-testid="member-balance"]'],
    phone: true,
  },
];

/** The trivial page the others are set beside: the sign-in screen (page, script, one API call). */
export const BASELINE_PAGE: PageSpec = {
  name: 'baseline: sign-in screen',
  path: '/admin',
  ready: ['form[aria-label="Sign in"] button[type="submit"]'],
};

/** A browser context of its own (cookies, cache) at the given size. */
export const newContext = async (
  browser: Browser,
  viewport?: { width: number; height: number },
) => {
  const page = await openPage(browser, viewport);
  const context = page.context();
  await page.close();
  return context;
};

/** Signs in through the form with the admin key, as a person would; the cookie stays. */
export const signedInContext = async (browser: Browser, url: string, adminKey: string) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${url}/admin`);
  await page.getByLabel('Admin API key').check();
  await page.getByLabel('API key', { exact: true }).fill(adminKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Sections' }).waitFor();
  await page.close();
  return context;
};

const API = /^\/(v1|auth|m\/api)\//;
const ID = /^(?=.*\d)[\w.-]{20,}$/;

/** `/v1/customers/cus_01J…/points?x=1` → `/v1/customers/{id}/points?x`: ids and values dropped. */
export const endpointOf = (url: string): string => {
  const u = new URL(url);
  const path = u.pathname
    .split('/')
    .map((s) => (ID.test(s) ? '{id}' : s))
    .join('/');
  const keys = [...new Set(u.searchParams.keys())];
  return keys.length ? `${path}?${keys.join('&')}` : path;
};

export interface Load {
  ms: number;
  /** From the page's own request to the first API request, and to the end of the last response. */
  firstApiMs: number;
  apiDoneMs: number;
  /** Each API request's time from sending to the end of the response, by endpoint. */
  api: { endpoint: string; url: string; method: string; ms: number; status: number }[];
}

const duration = (r: Request) => {
  const t = r.timing();
  return t.requestStart >= 0 && t.responseEnd >= t.requestStart
    ? t.responseEnd - t.requestStart
    : 0;
};

/**
 * One load in a fresh page of `context` (its own react-query cache, so every query is fetched).
 * Loaded = every `ready` selector is visible and the network has been idle for 500 ms; the time
 * is up to the later of the selectors appearing and the last request finishing, so Playwright's
 * quiet 500 ms is not counted.
 */
export const measureLoad = async (
  context: BrowserContext,
  url: string,
  ready: string[],
): Promise<Load> => {
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  const requests: Request[] = [];
  let lastDone = 0;
  const done = () => {
    lastDone = performance.now();
  };
  page.on('request', (r) => requests.push(r));
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  try {
    const started = performance.now();
    await page.goto(url);
    await Promise.all(ready.map((s) => page.locator(s).first().waitFor()));
    const drawn = performance.now();
    await page.waitForLoadState('networkidle');
    const ms = Math.max(drawn, lastDone) - started;
    const api = [];
    const t0 = requests[0]!.timing().startTime;
    let firstApiMs = Number.POSITIVE_INFINITY;
    let apiDoneMs = 0;
    for (const r of requests) {
      const path = new URL(r.url()).pathname;
      if (!API.test(path)) continue;
      const status = (await r.response())?.status() ?? 0;
      if (status >= 500) throw new Error(`${r.method()} ${r.url()} answered ${status}`);
      const endpoint = `${r.method()} ${endpointOf(r.url())}`;
      api.push({ endpoint, url: r.url(), method: r.method(), ms: duration(r), status });
      const t = r.timing();
      firstApiMs = Math.min(firstApiMs, t.startTime - t0);
      apiDoneMs = Math.max(apiDoneMs, t.startTime + t.responseEnd - t0);
    }
    return { ms, firstApiMs, apiDoneMs, api };
  } finally {
    await page.close();
  }
};

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Per endpoint, the median over loads of its slowest request in each load; slowest first. */
export const endpointMedians = (loads: Load[]) => {
  const byEndpoint = new Map<string, number[]>();
  for (const load of loads) {
    const slowest = new Map<string, number>();
    for (const r of load.api) slowest.set(r.endpoint, Math.max(slowest.get(r.endpoint) ?? 0, r.ms));
    for (const [endpoint, ms] of slowest)
      byEndpoint.set(endpoint, [...(byEndpoint.get(endpoint) ?? []), ms]);
  }
  return [...byEndpoint]
    .map(([endpoint, ms]) => ({ endpoint, medianMs: Math.round(median(ms)) }))
    .sort((a, b) => b.medianMs - a.medianMs);
};

/**
 * The GET requests of one load sent again one at a time through `context` (its cookies), `times`
 * each: what each endpoint costs the server alone, without queueing behind the page's other
 * requests (PGlite has one connection, so a page's requests wait for each other). Slowest first.
 */
export const timeAlone = async (context: BrowserContext, load: Load, times: number) => {
  const urls = new Map(load.api.filter((r) => r.method === 'GET').map((r) => [r.endpoint, r.url]));
  const out = [];
  for (const [endpoint, url] of urls) {
    const ms: number[] = [];
    for (let i = 0; i < times; i += 1) {
      const started = performance.now();
      const res = await context.request.get(url);
      await res.body();
      ms.push(performance.now() - started);
    }
    out.push({ endpoint, medianMs: Math.round(median(ms)) });
  }
  return out.sort((a, b) => b.medianMs - a.medianMs);
};
