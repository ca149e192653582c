import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DESKTOP,
  expectAccessible,
  launchBrowser,
  openPage,
  screenshot,
  signInWithAdminKey,
  skipBrowserTests,
} from './support/browser.js';
import { startE2eServer, type E2eServer } from './support/server.js';

const SENTENCE = 'Double points on Home at weekends, at most 500 points per member per month';

let server: E2eServer;
let browser: Browser;

const DAY_MS = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
/** Noon UTC of the most recent given ISO weekday at least a week ago (1 = Monday … 7 = Sunday). */
const lastWeekday = (isoWeekday: number) => {
  const d = new Date(Date.now() - 7 * DAY_MS);
  d.setUTCHours(12, 0, 0, 0);
  while (((d.getUTCDay() + 6) % 7) + 1 !== isoWeekday) d.setTime(d.getTime() - DAY_MS);
  return d;
};
const saturday = lastWeekday(6);
const sunday = new Date(saturday.getTime() + DAY_MS);
const wednesday = new Date(saturday.getTime() - 3 * DAY_MS);

const line = (category: string, sku: string, unitPriceMinor: number) => ({
  sku,
  name: sku,
  category,
  quantity: 1,
  unitPriceMinor,
});

beforeAll(async () => {
  if (skipBrowserTests) return;
  server = await startE2eServer({ lines: 'none' });
  browser = await launchBrowser();
  const customer = async (n: number) =>
    (await server.api('POST', '/v1/customers', { email: `rules-${n}@example.com` })).id as string;
  const [a, b] = [await customer(1), await customer(2)];
  let seq = 0;
  const order = (customerId: string, at: Date, lines: ReturnType<typeof line>[]) =>
    server.api('POST', '/v1/orders', {
      externalId: `rules-e2e-${++seq}`,
      customerId,
      currency: 'GBP',
      channel: 'web',
      placedAt: at.toISOString(),
      lines,
    });
  await order(a, saturday, [line('Home', 'LAMP', 4000)]); // +40
  await order(a, sunday, [line('Home', 'SOFA', 60_000)]); // +600 → capped to 460 (if one month)
  await order(b, wednesday, [line('Home', 'LAMP', 4000)]); // not a weekend
  await order(b, saturday, [line('Garden', 'HOSE', 1500)]); // category not Home
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const rowsOf = async (page: Page, selector: string) =>
  Promise.all(
    (await page.locator(selector).all()).map((row) => row.locator('td, th').allInnerTexts()),
  );
const REASONS = '.prog-simulation table:has(caption:has-text("Why other orders"))';
const count = (text: string) => Number(text.replace(/[^0-9]/g, ''));

describe.skipIf(skipBrowserTests)('earning rule builder in Chromium', () => {
  it('builds double points on Home at weekends capped per member per month, simulates, saves and activates', async () => {
    const page = await openPage(browser, DESKTOP);
    await signInWithAdminKey(page, server);
    await page.goto(`${server.url}/admin/programme/rules/new`);
    await page.getByLabel('Name').fill('Weekend Home');

    // Which items: picked from the categories seen in orders, by search.
    await page.getByLabel('Search categories and SKUs').fill('Ho');
    await page.getByRole('button', { name: /^Category Home/ }).click();
    await page.getByRole('list', { name: 'Chosen categories' }).getByText('Home').waitFor();

    // At weekends.
    await page.getByLabel('New condition').selectOption('time.dayOfWeek');
    await page.getByRole('button', { name: 'Add condition' }).click();
    await page.getByLabel('Saturday').check();
    await page.getByLabel('Sunday').check();

    // Double points, at most 500 per member per month.
    await page
      .getByRole('group', { name: 'Effect 1' })
      .getByRole('combobox')
      .selectOption('points.multiplier');
    await page.getByLabel(/^Multiplier/).fill('200');
    await page.getByLabel('At most points per member').fill('500');
    await page.getByLabel(/^Per/).selectOption('month');

    const sentence = page.locator('.rule-sentence-text');
    await sentence.filter({ hasText: SENTENCE }).waitFor();
    expect(await page.locator('textarea').count()).toBe(0);
    await screenshot(page, 'rules-builder');
    await expectAccessible(page);

    // Simulate over a chosen range: from two days before the Wednesday to the Sunday.
    await page.getByLabel('Simulate from').fill(isoDay(new Date(wednesday.getTime() - 2 * DAY_MS)));
    await page.getByLabel('to (included)').fill(isoDay(sunday));
    await page.getByRole('button', { name: 'Simulate', exact: true }).click();
    const result = page.getByRole('region', { name: 'Simulation result' });
    await result.getByRole('table').waitFor();
    const reasons = await rowsOf(page, REASONS + ' tbody tr');
    const [qualified, all] = await rowsOf(page, REASONS + ' tfoot tr');
    expect(reasons.map((r) => r[0])).toEqual(
      expect.arrayContaining(['not a weekend', 'category not Home']),
    );
    const explained = reasons.reduce((s, r) => s + count(r[1]!), 0);
    expect(count(all![1]!)).toBe(4);
    expect(explained + count(qualified![1]!)).toBe(4);
    await screenshot(page, 'rules-simulation');
    await expectAccessible(page);

    // Save as a draft, then activate it on the rule's page.
    await page.getByRole('button', { name: 'Save rule' }).click();
    await page.getByText(/Rule saved as version 1/).waitFor();
    const id = page.url().split('/').pop()!;
    await page.getByRole('button', { name: 'Activate', exact: true }).click();
    await page.getByText(/The rule is now active/).waitFor();
    const saved = await server.api('GET', `/v1/rules/${id}`);
    expect(saved).toMatchObject({ status: 'active', description: SENTENCE });
    expect(saved.document).toMatchObject({
      lines: { categories: ['Home'] },
      conditions: [{ type: 'time.dayOfWeek', days: [6, 7] }],
      effects: [{ type: 'points.multiplier', percent: 200 }],
      caps: { perCustomer: { points: 500, period: 'month' } },
    });

    // The saved rule loads back into the builder, and Advanced shows the same JSON.
    await page.reload();
    await page.getByRole('list', { name: 'Chosen categories' }).getByText('Home').waitFor();
    expect(await page.getByLabel('Saturday').isChecked()).toBe(true);
    expect(await page.getByLabel('Monday').isChecked()).toBe(false);
    expect(await page.getByLabel('At most points per member').inputValue()).toBe('500');
    await sentence.filter({ hasText: SENTENCE }).waitFor();
    await page.getByRole('button', { name: 'Advanced: edit as JSON' }).click();
    const json = JSON.parse(await page.locator('textarea').inputValue());
    expect(json).toEqual({
      lines: saved.document.lines,
      conditions: saved.document.conditions,
      effects: saved.document.effects,
      caps: saved.document.caps,
    });
    await page.getByRole('button', { name: 'Back to the builder' }).click();
    await page.getByLabel('Saturday').waitFor();

    // The list says what each rule does.
    await page.goto(`${server.url}/admin/programme/rules`);
    await page.getByRole('cell', { name: SENTENCE }).waitFor();
    await screenshot(page, 'rules-list');
    await expectAccessible(page);
    await page.close();
  });
});
