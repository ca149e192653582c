import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DESKTOP,
  expectAccessible,
  launchBrowser,
  openPage,
  PHONE,
  screenshot,
  signInWithAdminKey,
  skipBrowserTests,
} from './support/browser.js';
import { startE2eServer, type E2eServer } from './support/server.js';

/**
 * Issue 15's evidence, in one walk: a new manager, starting from an empty programme (no segment,
 * rule, template, survey or key; only the shop's customers and orders, sent as a till would),
 * runs every everyday job on the page, typing no JSON. Each step builds on the one before, so the
 * steps run in order on one signed-in page. The pages' finer behaviour (bad input, editing) is in
 * each area's own e2e file.
 */

const DAY_MS = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const count = (text: string) => Number(text.replace(/[^0-9]/g, ''));

let server: E2eServer;
let browser: Browser;
let page: Page;
const customers: Record<string, string> = {};

/** The shop's customers and their orders of the last weeks, as the till and web shop sent them. */
const seedShop = async () => {
  const { currency } = await server.api('GET', '/v1/programme');
  const email = [{ channel: 'email', granted: true, source: 'signup form' }];
  const people = [
    { firstName: 'Greta', lastName: 'Lang', email: 'greta@example.com', locale: 'de-DE' },
    { firstName: 'Oliver', lastName: 'Hart', email: 'oliver@example.com', locale: 'en-GB' },
    { firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com', locale: 'en-GB' },
    { firstName: 'Bob', lastName: 'Ray', locale: 'en-GB' },
  ];
  for (const p of people) {
    customers[p.firstName] = (await server.api('POST', '/v1/customers', { ...p, consents: email }))
      .id as string;
  }
  const orders: [string, number, string, number][] = [
    ['Greta', 3, 'Home', 9_000],
    ['Greta', 10, 'Garden', 4_000],
    ['Oliver', 5, 'Home', 12_000],
    ['Ann', 8, 'Garden', 2_500],
    ['Bob', 12, 'Home', 7_500],
  ];
  let n = 0;
  for (const [who, daysAgo, category, minor] of orders) {
    await server.api('POST', '/v1/orders', {
      externalId: `walk-${++n}`,
      customerId: customers[who],
      currency,
      channel: 'web',
      placedAt: new Date(Date.now() - daysAgo * DAY_MS).toISOString(),
      lines: [
        {
          sku: `${category.toUpperCase()}-1`,
          name: category,
          category,
          quantity: 1,
          unitPriceMinor: minor,
        },
      ],
    });
  }
};

beforeAll(async () => {
  if (skipBrowserTests) return;
  server = await startE2eServer({ lines: 'none' });
  await seedShop();
  browser = await launchBrowser();
  page = await openPage(browser, DESKTOP);
  await signInWithAdminKey(page, server);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The step's page as it looks, and no serious or critical axe finding on it. */
const record = async (name: string, on: Page = page) => {
  await screenshot(on, `walk-${name}`);
  await expectAccessible(on);
};

/** Picks a customer in a picker: typed, then chosen among the matches by their name. */
const pick = async (scope: Page, name: string, choose = 'Choose the customer') => {
  await scope.getByLabel('Find a customer').fill(name.split(' ')[0]!);
  await scope.locator('option', { hasText: name }).waitFor({ state: 'attached' });
  await scope.getByLabel(choose).selectOption({ label: name });
};

describe.skipIf(skipBrowserTests)(
  'a new manager runs the programme from the dashboard, in Chromium',
  () => {
    it('starts from an empty programme', async () => {
      expect((await server.api('GET', '/v1/segments')).segments).toEqual([]);
      expect((await server.api('GET', '/v1/rules')).rules ?? []).toEqual([]);
      expect((await server.api('GET', '/v1/surveys')).surveys).toEqual([]);
    });

    it('creates a segment with the builder, seeing its size', async () => {
      await page.goto(`${server.url}/admin/segments`);
      const form = page.getByRole('region', { name: 'New dynamic segment' });
      await form.getByLabel('Name', { exact: true }).fill('Spent £50 or more');
      await form.getByRole('button', { name: 'Add condition', exact: true }).click();
      const spend = form.getByRole('group', { name: 'Condition 1', exact: true });
      await spend.getByLabel('Field').selectOption('totalSpendMinor');
      await spend.getByLabel(/At least/).fill('50');
      // Greta £130, Oliver £120, Bob £75; not Ann (£25).
      await form.locator('.builder-size', { hasText: /^Matches 3 customers now\.$/ }).waitFor();
      await record('01-segment-builder');
      await form.getByRole('button', { name: 'Create segment' }).click();
      await page.getByRole('heading', { name: 'Segment: Spent £50 or more' }).waitFor();
      const [segment] = (await server.api('GET', '/v1/segments')).segments;
      expect(segment.memberCount).toBe(3);
    });

    it('writes an earning rule with the builder, simulates it over a chosen range and activates it', async () => {
      await page.goto(`${server.url}/admin/programme/rules/new`);
      await page.getByLabel('Name').fill('Triple points on Home');
      await page.getByLabel('Search categories and SKUs').fill('Ho');
      await page.getByRole('button', { name: /^Category Home/ }).click();
      await page
        .getByRole('group', { name: 'Effect 1' })
        .getByRole('combobox')
        .selectOption('points.multiplier');
      await page.getByLabel(/^Multiplier/).fill('300');
      await page.locator('.rule-sentence-text').filter({ hasText: 'Home' }).waitFor();
      expect(await page.locator('textarea').count()).toBe(0);

      // The last fortnight, chosen on the page: 5 orders, each qualifying or explained.
      await page.getByLabel('Simulate from').fill(isoDay(new Date(Date.now() - 14 * DAY_MS)));
      await page.getByLabel('to (included)').fill(isoDay(new Date()));
      await page.getByRole('button', { name: 'Simulate', exact: true }).click();
      const reasons = page.locator(
        '.prog-simulation table:has(caption:has-text("Why other orders"))',
      );
      await reasons.waitFor();
      const rows = await reasons.locator('tbody tr td:nth-child(2)').allInnerTexts();
      const qualified = await reasons.locator('tfoot tr:nth-child(1) td.num').innerText();
      const all = await reasons.locator('tfoot tr:nth-child(2) td.num').innerText();
      expect(count(all)).toBe(5);
      expect(rows.reduce((s, r) => s + count(r), 0) + count(qualified)).toBe(5);
      await record('02-rule-simulated');

      await page.getByRole('button', { name: 'Save rule' }).click();
      await page.getByText(/Rule saved as version 1/).waitFor();
      await page.getByRole('button', { name: 'Activate', exact: true }).click();
      await page.getByText(/The rule is now active/).waitFor();
      await record('03-rule-active');
      const { rules } = await server.api('GET', '/v1/rules');
      expect(rules).toHaveLength(1);
      expect(rules[0]).toMatchObject({ status: 'active', name: 'Triple points on Home' });
    });

    it('writes an e-mail template in English and German, previewed for a chosen customer', async () => {
      await page.getByRole('link', { name: 'Campaigns' }).click();
      await page.getByRole('button', { name: 'New template' }).click();
      const editor = page.getByRole('region', { name: 'New template' });
      await editor.getByLabel('Key').fill('spring-news');
      await editor.getByLabel('Subject (en)').fill('Spring is here, {{firstName}}');
      await editor.getByLabel('HTML body (en)').fill('<p>You have {{points.balance}} points</p>');
      await editor.getByLabel('Plain-text body (en)').fill('You have {{points.balance}} points');
      await editor.getByLabel('Add a language').selectOption('de');
      await editor.getByRole('button', { name: 'Add language' }).click();
      await editor.getByLabel('Subject (de)').fill('Der Frühling ist da, {{firstName}}');
      await editor.getByLabel('HTML body (de)').fill('<p>Du hast {{points.balance}} Punkte</p>');
      await editor.getByLabel('Plain-text body (de)').fill('Du hast {{points.balance}} Punkte');
      await pick(page, 'Greta Lang', 'Preview for');
      // Greta's locale is German: the preview is in German, with her name.
      await expect
        .poll(() => editor.getByTestId('preview-subject').textContent())
        .toBe('Der Frühling ist da, Greta');
      await record('04-template');
      await editor.getByRole('button', { name: 'Save template' }).click();
      await page.getByRole('button', { name: 'Edit spring-news' }).waitFor();
    });

    it('sends a campaign after seeing who it will reach', async () => {
      const form = page.getByRole('region', { name: 'Send a campaign' });
      await form.getByLabel('Template').selectOption('spring-news');
      await form.getByLabel('Segment').selectOption({ label: 'Spent £50 or more (3 members)' });
      await form.getByRole('button', { name: 'Review campaign' }).click();
      // Bob has no e-mail address: two of the three will get it.
      await expect.poll(() => form.getByTestId('reach-will-receive').textContent()).toBe('2 of 3');
      await record('05-campaign-reach');
      await form.getByRole('button', { name: 'Confirm and send' }).click();
      await form.getByRole('status').filter({ hasText: 'is scheduled' }).waitFor();
      expect((await server.api('GET', '/v1/campaigns')).campaigns).toHaveLength(1);
    });

    it('creates a survey, which a customer answers from the link', async () => {
      await page.getByRole('link', { name: 'Feedback' }).click();
      await page.getByRole('link', { name: 'New survey' }).click();
      await page.getByLabel('Name', { exact: true }).fill('How was your order?');
      await page.getByLabel('Status').selectOption('active');
      await page.getByLabel('Question 2', { exact: true }).fill('What could we do better?');
      await page.getByRole('button', { name: 'Create survey' }).click();
      await page.getByRole('heading', { name: 'How was your order?' }).waitFor();
      await pick(page, 'Oliver Hart');
      await page.getByRole('button', { name: 'Get the link' }).click();
      const link = new URL(await page.getByLabel('Personal link').inputValue());

      const customer = await openPage(browser, PHONE, 'en-GB');
      await customer.goto(`${server.url}${link.pathname}`);
      await customer.getByLabel('8', { exact: true }).check();
      await customer.getByLabel('Your answer').fill('Quicker delivery, please.');
      await record('06-survey-as-customer', customer);
      await customer.getByRole('button', { name: 'Send my answers' }).click();
      await customer.getByText('Thank you: your answers are recorded.').waitFor();
      await customer.context().close();

      await page.reload();
      const responses = page.getByRole('region', { name: 'Responses' });
      await responses.getByText('Quicker delivery, please.').waitFor();
      await responses.getByRole('link', { name: 'Oliver Hart' }).waitFor();
      await record('07-survey-answers');
    });

    it('opens a complaint and resolves it', async () => {
      await page.goto(`${server.url}/admin/feedback`);
      await page.getByRole('link', { name: 'New complaint' }).click();
      await pick(page, 'Ann Lee');
      await page.getByLabel('Subject').fill('Wrong colour delivered');
      await page.getByLabel('Channel').selectOption('email');
      await page.getByLabel('What the customer said').fill('I ordered green, got red.');
      await page.getByRole('button', { name: 'Open complaint' }).click();
      await page.getByRole('heading', { name: 'Wrong colour delivered' }).waitFor();
      expect(await page.getByRole('timer').textContent()).toMatch(/^Reply due in /);
      await record('08-complaint-open');
      await page.getByLabel('Resolution note').fill('Exchanged for green.');
      await page.getByRole('button', { name: 'Resolve complaint' }).click();
      await page.getByText('Resolution: Exchanged for green.').waitFor();
      await record('09-complaint-resolved');
      const [complaint] = (await server.api('GET', '/v1/complaints')).complaints;
      expect(complaint).toMatchObject({ status: 'resolved', customerId: customers.Ann });
    });

    it('revokes an API key', async () => {
      await page.goto(`${server.url}/admin/programme/access`);
      const form = page.getByRole('form', { name: 'Create an API key' });
      await form.getByLabel(/Name/).fill('Old till');
      await form.getByLabel('Role').selectOption('pos');
      await form.getByRole('button', { name: 'Create key' }).click();
      await page.getByRole('button', { name: 'I have stored it' }).click();
      await page.getByRole('button', { name: 'Revoke Old till' }).click();
      await page.getByRole('button', { name: 'Revoke', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'is revoked' }).waitFor();
      await record('10-api-key-revoked');
      const keys = (await server.api('GET', '/v1/api-keys')).items as {
        name: string;
        revokedAt: string | null;
      }[];
      expect(keys.find((k) => k.name === 'Old till')?.revokedAt).not.toBeNull();
    });

    it('the member page, on a phone, in the member’s language', async () => {
      const card = await server.api('GET', `/v1/customers/${customers.Greta}/card`);
      const member = await openPage(browser, PHONE, 'en-GB');
      await member.goto(`${server.url}/m/${card.token}`);
      await member.getByTestId('member-balance').waitFor();
      expect(await member.locator('html').getAttribute('lang')).toBe('de');
      await record('11-member-page-390', member);
      await member.context().close();
    });
  },
);
