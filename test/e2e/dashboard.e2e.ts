import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectAccessible,
  launchBrowser,
  openPage,
  screenshot,
  signInWithAdminKey,
  skipBrowserTests,
} from './support/browser.js';
import { startE2eServer, type E2eServer } from './support/server.js';

let server: E2eServer;
let browser: Browser;
/** A named member with points, so the 360 and member pages have someone to show. */
let greta: { id: string };
let reward: { id: string; name: string };

const seedMember = async () => {
  await server.api('PUT', '/v1/tiers', {
    policy: { metric: 'spend', window: { kind: 'rolling', days: 365 }, graceDays: 30 },
    tiers: [
      { code: 'bronze', name: 'Bronze', threshold: 1000 },
      { code: 'silver', name: 'Silver', threshold: 20000, earnMultiplierPercent: 150 },
      { code: 'gold', name: 'Gold', threshold: 100000, earnMultiplierPercent: 200 },
    ],
  });
  // The imported history came before the tiers: place its members, as the job would.
  await server.api('POST', '/v1/tiers/placement', {});
  greta = await server.api('POST', '/v1/customers', {
    email: 'greta.beispiel@example.com',
    firstName: 'Greta',
    lastName: 'Beispiel',
    locale: 'de-AT',
  });
  await server.api('POST', '/v1/orders', {
    externalId: 'e2e-greta-1',
    customerId: greta.id,
    currency: 'GBP',
    channel: 'web',
    placedAt: new Date().toISOString(),
    lines: [{ sku: 'TEAPOT', name: 'Teapot', quantity: 2, unitPriceMinor: 2495 }],
  });
  await server.api('POST', `/v1/customers/${greta.id}/points/adjust`, {
    points: 600,
    reason: 'Welcome gift',
  });
  reward = await server.api('POST', '/v1/rewards', {
    name: 'Free teacup',
    kind: 'free_product',
    sku: 'TEACUP',
    pointsCost: 300,
  });
  // RFM, lifecycle and CLV as the nightly job would compute them.
  await server.api('POST', '/v1/analytics/refresh', {});
};

beforeAll(async () => {
  if (skipBrowserTests) return;
  server = await startE2eServer();
  await seedMember();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** "5,404 pts" → 5404 */
const points = (text: string | null) => Number((text ?? '').replace(/[^\d-]/g, ''));

// Waits until the dashboard shows its sections: a goto straight after the click could cancel the
// sign-in request and leave the next page on the sign-in form (seen in CI under load).
const signInWithKey = (page: Page) => signInWithAdminKey(page, server);

describe.skipIf(skipBrowserTests)('admin dashboard in Chromium', () => {
  it('signs in with the admin key', async () => {
    const page = await openPage(browser);
    await page.goto(`${server.url}/admin`);
    await screenshot(page, 'sign-in');
    await expectAccessible(page);
    await signInWithKey(page);
    await page.getByRole('navigation', { name: 'Sections' }).waitFor();
    await screenshot(page, 'overview');
    await page.close();
  });

  it('finds a customer, opens the 360 page and adjusts points', async () => {
    const page = await openPage(browser);
    await signInWithKey(page);
    await page.getByRole('link', { name: 'Customers' }).click();
    await page.getByLabel('Search customers').fill('Greta');
    await page.getByRole('link', { name: /Greta Beispiel/ }).click();
    const balance = page.getByLabel('Points balance');
    await expect.poll(async () => points(await balance.textContent())).toBeGreaterThan(0);
    const before = points(await balance.textContent());
    await screenshot(page, 'customer-360');
    await expectAccessible(page);

    await page.getByLabel('Points', { exact: true }).fill('250');
    await page.getByLabel('Reason').fill('Goodwill after a late delivery');
    await page.getByRole('button', { name: 'Adjust points' }).click();
    await page.getByRole('status').filter({ hasText: 'Adjusted' }).waitFor();
    await expect.poll(async () => points(await balance.textContent())).toBe(before + 250);
    const stored = await server.api('GET', `/v1/customers/${greta.id}/points`);
    expect(stored.balance).toBe(before + 250);
    await screenshot(page, 'customer-360-adjusted');
    await page.close();
  });

  it('shows the server’s message for a broken rule, simulates the fixed one and saves it', async () => {
    const page = await openPage(browser);
    await signInWithKey(page);
    await page.getByRole('link', { name: 'Programme' }).click();
    await page.getByRole('link', { name: 'Earning rules' }).click();
    await page.getByRole('link', { name: 'New rule' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Double points on big baskets');
    // The builder is the everyday path; the JSON of the document is under Advanced.
    await page.getByRole('button', { name: 'Advanced: edit as JSON' }).click();
    const json = page.getByLabel('Rule JSON (lines, conditions, effects, caps)');
    const document = (points: number) =>
      JSON.stringify({
        conditions: [{ type: 'order.amount', minMinor: 5000 }],
        effects: [{ type: 'points.fixed', points }],
      });
    await json.fill(document(0));
    await page.getByRole('button', { name: 'Save rule' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/effects\.0\.points/);
    await screenshot(page, 'rule-error');
    await expectAccessible(page);
    expect((await server.api('GET', '/v1/rules')).rules).toHaveLength(0);

    await json.fill('{ "effects": [');
    await page.getByRole('button', { name: 'Save rule' }).click();
    await page.getByRole('alert').filter({ hasText: 'not valid JSON' }).waitFor();

    await json.fill(document(100));
    await page.getByRole('button', { name: 'Simulate' }).click();
    await page
      .getByText(/would earn/i)
      .first()
      .waitFor();
    await screenshot(page, 'rule-simulated');
    await page.getByRole('button', { name: 'Save rule' }).click();
    await page.getByRole('status').filter({ hasText: 'Rule saved' }).waitFor();
    const saved = await server.api('GET', '/v1/rules');
    expect(saved.rules.map((r: { name: string }) => r.name)).toContain(
      'Double points on big baskets',
    );
    await page.close();
  });

  it('shows the overview’s figures as the API computes them from the seeded orders', async () => {
    const range = await server.api('GET', '/v1/analytics/range');
    const end: string = range.lastPurchaseDay;
    const from = new Date(Date.parse(`${end}T00:00:00Z`) - 29 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const kpis = await server.api('GET', `/v1/analytics/kpis?from=${from}&to=${end}`);
    const effect = await server.api('GET', `/v1/analytics/campaign-effect?from=${from}&to=${end}`);
    expect(kpis.members).toBeGreaterThan(100);
    expect(effect.current.all.buyers).toBeGreaterThan(10);

    const page = await openPage(browser);
    await signInWithKey(page);
    await page.goto(`${server.url}/admin?days=30&end=${end}`);
    const figure = (title: string) =>
      page.getByRole('article', { name: title }).locator('.kpi-value');
    await expect.poll(async () => points(await figure('Members').textContent())).toBe(kpis.members);
    expect(points(await figure('Active customers (buyers)').textContent())).toBe(
      effect.current.all.buyers,
    );
    expect(points(await figure('Points issued').textContent())).toBe(
      kpis.points.issued.byOrderDate,
    );
    const issuedDetail = await page
      .getByRole('article', { name: 'Points issued' })
      .locator('.kpi-detail')
      .textContent();
    // "<pending> still pending · <n> by ledger date"
    expect((issuedDetail ?? '').split('·').map(points)).toEqual([
      kpis.points.issued.byOrderDatePending,
      kpis.points.issued.byLedgerDate,
    ]);
    await screenshot(page, 'overview-30-days');
    await expectAccessible(page);
    await page.close();
  });

  it('says which active window the retention trend uses, and asks again when it is changed', async () => {
    const range = await server.api('GET', '/v1/analytics/range');
    const end: string = range.lastPurchaseDay;
    const from = `${Number(end.slice(0, 4)) - 1}-${end.slice(5, 7)}-01`;
    const derived = await server.api(
      'GET',
      `/v1/analytics/retention?granularity=month&from=${from}&to=${end}`,
    );
    expect(derived.activeWindow.source).toBe('derived');
    // Greta's order is today: the month the data ends in is partial.
    expect(derived.periods.at(-1).partial).toBe(true);

    const page = await openPage(browser);
    await signInWithKey(page);
    await page.goto(`${server.url}/admin?days=30&end=${end}`);
    const trend = page.getByRole('region', { name: 'Retention, last 12 months' });
    await trend
      .getByText(
        `Active window: ${derived.activeWindow.days} days, derived from the purchases (p80 of ${derived.activeWindow.gaps.toLocaleString('en')} gaps`,
      )
      .waitFor();
    // The partial month is named as not drawn, and marked in the table.
    await trend.getByText(/Not drawn: .*, where the data ends/).waitFor();

    const asked = page.waitForResponse(
      (r) => r.url().includes('/v1/analytics/retention?') && r.url().includes('activeDays=30'),
    );
    await trend.getByLabel('Active window').selectOption('30');
    expect((await asked).status()).toBe(200);
    await trend.getByText('Active window: 30 days, chosen here.').waitFor();
    expect(page.url()).toContain('activeDays=30');

    await trend.getByLabel('Include partial months').check();
    await expect.poll(() => trend.getByText(/Not drawn:/).count()).toBe(0);
    await screenshot(page, 'overview-retention-window');
    await expectAccessible(page);
    await page.close();
  });

  it('draws retention and customer value from the refreshed analytics', async () => {
    const page = await openPage(browser);
    await signInWithKey(page);
    await page.getByRole('link', { name: 'Retention' }).click();
    await page.getByRole('heading', { name: 'Cohort retention' }).waitFor();
    await page.locator('table').first().waitFor();
    await page.getByRole('heading', { name: 'RFM segments' }).waitFor();
    await page.getByRole('heading', { name: 'Lifecycle funnel' }).waitFor();
    await page.waitForLoadState('networkidle');
    // Each at-risk figure says what it is and how the other two differ, with the API's counts.
    const comparison = await server.api('GET', '/v1/analytics/at-risk');
    const count = (notion: string) =>
      comparison.definitions.find((d: { notion: string }) => d.notion === notion).customers;
    const rfmNote = page.locator('.at-risk-compare[data-notion="rfm"]');
    await expect.poll(() => rfmNote.textContent()).toContain('R ≤ 2, FM 3–4');
    expect(await rfmNote.textContent()).toMatch(
      /Compare At risk \(lifecycle\): last purchase 91–180 days ago \(([\d,. ]+) customers\) and At risk \(CLV\): the 10 % of repeat buyers with the lowest P\(alive\) \(([\d,. ]+) customers\)\./,
    );
    const [, lifecycleCount, clvCount] =
      /\(([\d,. ]+) customers\) and .*\(([\d,. ]+) customers\)/.exec(
        (await rfmNote.textContent()) ?? '',
      ) ?? [];
    expect([points(lifecycleCount ?? ''), points(clvCount ?? '')]).toEqual([
      count('lifecycle'),
      count('clv'),
    ]);
    expect(count('clv')).toBeGreaterThan(0);
    await page
      .locator('.at-risk-compare[data-notion="lifecycle"]')
      .filter({ hasText: 'Compare At risk (RFM)' })
      .waitFor();
    await screenshot(page, 'retention');
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Customer value' }).click();
    await page.getByRole('heading', { name: 'Top customers by predicted value' }).waitFor();
    await page.getByRole('heading', { name: 'Model validation' }).waitFor();
    await page.waitForLoadState('networkidle');
    // The at-risk list's default is not empty, and it is compared with the other two figures.
    await page.getByRole('table', { name: 'Repeat customers at risk of lapsing' }).waitFor();
    await page
      .locator('.at-risk-compare[data-notion="clv"]')
      .filter({ hasText: 'Compare At risk (RFM): R ≤ 2, FM 3–4' })
      .waitFor();
    await screenshot(page, 'customer-value');
    await expectAccessible(page);
    await page.close();
  });
});

describe.skipIf(skipBrowserTests)('programme pages and user accounts in Chromium', () => {
  it('signs a user in with e-mail and password, and out again', async () => {
    await server.api('POST', '/v1/users', {
      email: 'mara@shop.example',
      name: 'Mara Marketing',
      password: 'a long enough password',
    });
    const page = await openPage(browser);
    await page.goto(`${server.url}/admin`);
    await page.getByLabel('E-mail', { exact: true }).fill('mara@shop.example');
    await page.getByLabel('Password', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'e-mail or password is wrong' }).waitFor();
    await screenshot(page, 'sign-in-refused');
    await expectAccessible(page);

    await page.getByLabel('Password', { exact: true }).fill('a long enough password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Mara Marketing').waitFor();
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === 'regulars_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.goto(`${server.url}/admin/customers`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.close();
  });

  it('shows each programme section readably and accessibly', async () => {
    const page = await openPage(browser);
    await signInWithKey(page);
    await page.getByRole('link', { name: 'Programme', exact: true }).click();
    const sections = page.getByRole('navigation', { name: 'Programme sections' });
    for (const [section, path, heading] of [
      ['Settings', '', /Programme/],
      ['Earning rules', 'rules', /rules/i],
      ['Tiers', 'tiers', /Tiers/],
      ['Rewards', 'rewards', /Rewards/],
      ['Coupons', 'coupons', /Promotional batches/],
      ['Referrals', 'referrals', /Referral/],
    ] as const) {
      await sections.getByRole('link', { name: section, exact: true }).click();
      await page.waitForURL(`${server.url}/admin/programme${path ? `/${path}` : ''}`);
      await page.getByRole('heading', { name: heading }).first().waitFor();
      await page.waitForLoadState('networkidle');
      expect(await page.getByRole('alert').count()).toBe(0);
      if (path === 'rewards')
        await page.getByRole('cell', { name: 'Free teacup', exact: true }).waitFor();
      await screenshot(page, `programme-${path || 'settings'}`);
      await expectAccessible(page);
    }
    await page.close();
  });
});

describe.skipIf(skipBrowserTests)('member page in Chromium, on a phone', () => {
  it('shows the card in the member’s language and redeems a reward for a coupon', async () => {
    const { token } = await server.api('GET', `/v1/customers/${greta.id}/card`);
    const before = await server.api('GET', `/v1/customers/${greta.id}/points`);
    expect(before.balance).toBeGreaterThanOrEqual(300);

    const page = await openPage(browser, { width: 390, height: 844 }, 'en-US');
    await page.goto(`${server.url}/m/${token}`);
    await page.getByTestId('member-balance').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    expect(points(await page.getByTestId('member-balance').textContent())).toBe(before.balance);
    await page.getByRole('img', { name: /QR/ }).waitFor();
    await screenshot(page, 'member-page-de');
    await expectAccessible(page);

    await page.getByRole('button', { name: `${reward.name} für 300 Punkte einlösen` }).click();
    await page.getByRole('button', { name: 'Bestätigen' }).click();
    const coupon = page.getByRole('status').filter({ hasText: 'Gutscheincode' });
    await coupon.waitFor();
    const held = await server.api('GET', `/v1/customers/${greta.id}/coupons`);
    const codes: string[] = (held.items ?? held.coupons).map((c: { code: string }) => c.code);
    expect(codes).toHaveLength(1);
    expect(await coupon.textContent()).toContain(codes[0]);
    await expect
      .poll(async () => points(await page.getByTestId('member-balance').textContent()))
      .toBe(before.balance - 300);
    await screenshot(page, 'member-page-redeemed');
    await expectAccessible(page);
    await page.close();
  });

  it('says plainly when a card link does not work', async () => {
    const page = await openPage(browser, { width: 390, height: 844 });
    await page.goto(`${server.url}/m/not-a-real-token`);
    // The heading is drawn before the card's request answers ("Loading your card…"): wait for
    // the answer, not the heading.
    await page
      .getByText(/does not work/)
      .first()
      .waitFor();
    expect(await page.textContent('body')).toMatch(/does not work/);
    await expectAccessible(page);
    await page.close();
  });
});

describe.skipIf(skipBrowserTests)('a new, empty programme in Chromium', () => {
  let empty: E2eServer;
  beforeAll(async () => {
    empty = await startE2eServer({ lines: 'none' });
  });
  afterAll(() => empty?.close());

  it('says plainly on every page that there is nothing yet, and shows no error', async () => {
    const page = await openPage(browser);
    await signInWithAdminKey(page, empty);
    for (const [path, text] of [
      ['', 'No purchases yet'],
      ['retention', 'Analytics have not been refreshed yet'],
      ['value', 'Customer value has not been computed yet'],
      ['customers', 'No customers yet'],
      ['programme/rules', 'No earning rules yet'],
    ] as const) {
      await page.goto(`${empty.url}/admin/${path}`);
      await page.getByText(text).first().waitFor();
      await page.waitForLoadState('networkidle');
      expect(await page.getByRole('alert').count()).toBe(0);
      await screenshot(page, `empty-${path.replace('/', '-') || 'overview'}`);
      await expectAccessible(page);
    }
    await page.close();
  });
});

describe.skipIf(skipBrowserTests)('engagement pages in Chromium', () => {
  it('shows segments, campaigns and feedback readably and accessibly', async () => {
    await server.api('POST', '/v1/segments', {
      name: 'Big spenders',
      key: 'big-spenders',
      kind: 'dynamic',
      definition: { schemaVersion: 1, filter: { field: 'totalSpendMinor', gte: 100000 } },
    });
    const page = await openPage(browser);
    await signInWithKey(page);
    for (const [link, heading, region] of [
      ['Segments', 'Segments', 'All segments'],
      ['Campaigns', 'Campaigns', 'Send a campaign'],
      ['Feedback', 'Feedback', 'Complaint handling'],
    ] as const) {
      await page
        .getByRole('navigation', { name: 'Sections' })
        .getByRole('link', { name: link })
        .click();
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.getByRole('region', { name: region, exact: true }).waitFor();
      await expect.poll(() => page.getByText(/^Loading/).count()).toBe(0);
      await page.waitForLoadState('networkidle');
      expect(await page.getByRole('alert').count()).toBe(0);
      await screenshot(page, link.toLowerCase());
      await expectAccessible(page);
    }
    await page.close();
  });
});
