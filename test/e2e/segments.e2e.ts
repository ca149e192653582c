import type { Browser, Locator, Page } from 'playwright-core';
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

const DAY_MS = 86_400_000;

let server: E2eServer;
let browser: Browser;

/** A new customer with one order of `minor`, `daysAgo` days ago. */
const customerWhoSpent = async (currency: string, name: string, minor: number, daysAgo: number) => {
  const customer = await server.api('POST', '/v1/customers', {
    email: `${name}@example.com`,
    firstName: name,
  });
  await server.api('POST', '/v1/orders', {
    externalId: `seg-${name}`,
    customerId: customer.id,
    currency,
    channel: 'web',
    placedAt: new Date(Date.now() - daysAgo * DAY_MS).toISOString(),
    lines: [{ sku: 'MUG', name: 'Mug', quantity: 1, unitPriceMinor: minor }],
  });
};

beforeAll(async () => {
  if (skipBrowserTests) return;
  server = await startE2eServer({ lines: 'none' });
  const { currency } = await server.api('GET', '/v1/programme');
  // One tier, reached only by Eve's £1,200 (this calendar year, long ago).
  await server.api('PUT', '/v1/tiers', {
    policy: { metric: 'spend', window: { kind: 'calendarYear' }, graceDays: 30 },
    tiers: [{ code: 'gold', name: 'Gold', threshold: 100_000 }],
  });
  const thisYear = Math.floor((Date.now() - Date.UTC(new Date().getUTCFullYear(), 0, 1)) / DAY_MS);
  await customerWhoSpent(currency, 'ann', 15_000, 10); // £150, recent
  await customerWhoSpent(currency, 'bob', 25_000, 20); // £250, recent
  await customerWhoSpent(currency, 'cat', 30_000, 200); // £300, long ago
  await customerWhoSpent(currency, 'dan', 2_000, 5); // £20, recent
  await customerWhoSpent(currency, 'eve', 120_000, Math.min(thisYear, 120)); // £1,200: gold
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The live size line once it shows exactly this count (not "updating"). */
const sizeIs = (page: Page, size: number) =>
  page
    .locator('.builder-size', { hasText: new RegExp(`^Matches ${size} customers now\\.$`) })
    .waitFor();

const condition = (scope: Page | Locator, n: number) =>
  scope.getByRole('group', { name: `Condition ${n}`, exact: true });

const listedSize = (page: Page, name: string) =>
  page
    .getByRole('row', { name: new RegExp(name) })
    .locator('.eng-bar-value')
    .textContent();

describe.skipIf(skipBrowserTests)('segments built with the visual builder, in Chromium', () => {
  it('builds “spent at least £100 AND ordered within 90 days, OR gold”, sees the size live, saves, edits', async () => {
    const page = await openPage(browser, DESKTOP);
    await signInWithAdminKey(page, server);
    await page.goto(`${server.url}/admin/segments`);
    const form = page.getByRole('region', { name: 'New dynamic segment' });
    await form.getByLabel('Name', { exact: true }).fill('Big and recent');
    await form.getByText('Complete the conditions to see how many customers match.').waitFor();

    // Root: any of (a group of all of (spend, recency)) and (tier).
    await form.getByLabel('Customers who match').selectOption('any');
    await form.getByRole('button', { name: 'Add group', exact: true }).click();
    const group = form.getByRole('group', { name: 'Group 1', exact: true });
    await group.getByLabel('Group 1 matches').selectOption('all');

    const spend = condition(form, 1);
    expect(await spend.getByLabel('Field').inputValue()).toBe('totalSpendMinor');
    await spend.getByText('Everything the customer has spent').waitFor();
    await spend.getByLabel(/At least/).fill('100');
    await sizeIs(page, 4); // ann, bob, cat, eve

    await group.getByRole('button', { name: 'Add condition to group 1' }).click();
    const recency = condition(form, 2);
    await recency.getByLabel('Field').selectOption('lastOrderDate');
    expect(await recency.getByLabel('Operator').inputValue()).toBe('withinDays');
    await recency.getByLabel('Days').fill('90');
    await sizeIs(page, 2); // ann, bob

    await form.getByRole('button', { name: 'Add condition', exact: true }).click();
    const tier = condition(form, 3);
    await tier.getByLabel('Field').selectOption('tier');
    await tier.getByLabel('Gold').check();
    await sizeIs(page, 3); // + eve

    // What only the server checks (a text compared with "more than") comes back at its row.
    await form.getByRole('button', { name: 'Add condition', exact: true }).click();
    const attribute = condition(form, 4);
    await attribute.getByLabel('Field').selectOption('attribute');
    await attribute.getByLabel('Operator').selectOption('gt');
    await attribute.getByLabel('Attribute', { exact: true }).fill('score');
    await attribute.getByLabel('Value', { exact: true }).fill('high');
    await attribute.getByText('gt, gte, lt and lte compare numbers').waitFor();
    await form.getByText('The size could not be counted').waitFor();
    expect(await attribute.getByLabel('Value', { exact: true }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    await attribute.getByRole('button', { name: 'Remove condition 4' }).click();
    await sizeIs(page, 3);

    // A bad value: the empty amount is named at its row, and nothing can be created.
    await spend.getByLabel(/At least/).fill('');
    await spend.getByText('At least: enter a value').waitFor();
    expect(await spend.getByLabel(/At least/).getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByRole('button', { name: 'Create segment' }).isDisabled()).toBe(true);
    await form.getByText('Complete the conditions to see how many customers match.').waitFor();
    await screenshot(page, 'segments-builder-error');
    await expectAccessible(page);
    await spend.getByLabel(/At least/).fill('100');
    await sizeIs(page, 3);

    // The JSON is only behind "Advanced", and is what the builder built (money in minor units).
    await form.getByText('Advanced: JSON').click();
    const json = JSON.parse(await form.getByLabel('Definition (JSON)').inputValue());
    expect(json).toEqual({
      schemaVersion: 1,
      filter: {
        any: [
          {
            all: [
              { field: 'totalSpendMinor', gte: 10_000 },
              { field: 'lastOrderDate', withinDays: 90 },
            ],
          },
          { field: 'tier', in: ['gold'] },
        ],
      },
    });
    await screenshot(page, 'segments-builder');
    await expectAccessible(page);

    await form.getByRole('button', { name: 'Create segment' }).click();
    await page.getByRole('heading', { name: 'Segment: Big and recent' }).waitFor();
    await page.getByRole('link', { name: '← All segments' }).click();
    await page.getByRole('row', { name: /Big and recent/ }).waitFor();
    expect(await listedSize(page, 'Big and recent')).toBe('3');
    await screenshot(page, 'segments-list');

    // Edit: the saved definition comes back in the builder; £200 leaves ann out.
    await page.getByRole('link', { name: 'Big and recent' }).click();
    await page.getByRole('link', { name: 'Edit conditions' }).click();
    await page.getByRole('heading', { name: 'Edit segment: Big and recent' }).waitFor();
    await sizeIs(page, 3);
    const saved = condition(page, 1);
    expect(await saved.getByLabel(/At least/).inputValue()).toBe('100.00');
    expect(await condition(page, 3).getByLabel('Gold').isChecked()).toBe(true);
    await saved.getByLabel(/At least/).fill('200');
    await sizeIs(page, 2); // bob, eve
    await screenshot(page, 'segments-edit');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Save and refresh members' }).click();
    await page.getByRole('heading', { name: 'Segment: Big and recent' }).waitFor();
    await page.getByText('200.00').first().waitFor();

    const { segments } = await server.api('GET', '/v1/segments');
    const segment = segments.find((s: { name: string }) => s.name === 'Big and recent');
    expect(segment.memberCount).toBe(2);
    expect(segment.definition.filter.any[0].all[0]).toEqual({
      field: 'totalSpendMinor',
      gte: 20_000,
    });
    await page.getByRole('link', { name: '← All segments' }).click();
    await page.getByRole('row', { name: /Big and recent/ }).waitFor();
    // The list shows its cached size until its refetch after the edit lands.
    await expect.poll(() => listedSize(page, 'Big and recent')).toBe('2');

    // JSON typed under "Advanced" goes back into the builder once it parses.
    await page.goto(`${server.url}/admin/segments/${segment.id}/edit`);
    await sizeIs(page, 2);
    await page.getByText('Advanced: JSON').click();
    await page
      .getByLabel('Definition (JSON)')
      .fill(JSON.stringify({ schemaVersion: 1, filter: { field: 'orderCount', gte: 1 } }));
    expect(await condition(page, 1).getByLabel('Field').inputValue()).toBe('orderCount');
    expect(
      await condition(page, 1)
        .getByLabel(/At least/)
        .inputValue(),
    ).toBe('1');
    await sizeIs(page, 5);
    await page.close();
  });

  it('builds “in segment” by picking segments by name, and sees the live size', async () => {
    const big = await server.api('POST', '/v1/segments', {
      key: 'big-spenders',
      name: 'Big spenders',
      kind: 'dynamic',
      definition: { schemaVersion: 1, filter: { field: 'totalSpendMinor', gte: 20_000 } },
    });
    const page = await openPage(browser, DESKTOP);
    await signInWithAdminKey(page, server);
    await page.goto(`${server.url}/admin/segments`);
    const form = page.getByRole('region', { name: 'New dynamic segment' });
    await form.getByLabel('Name', { exact: true }).fill('Not big');
    await form.getByRole('button', { name: 'Add condition', exact: true }).click();
    const member = condition(form, 1);
    await member.getByLabel('Field').selectOption('segment');
    await member.getByText('Whether the customer is in other segments now').waitFor();
    expect(await member.getByLabel('Operator').inputValue()).toBe('in');
    await member.getByLabel('Big spenders', { exact: true }).check();
    await sizeIs(page, 3); // bob, cat, eve: Big spenders evaluated now
    await member.getByLabel('Operator').selectOption('notIn');
    await member.getByText('Segments: choose at least one').waitFor();
    await member.getByLabel('Big spenders', { exact: true }).check();
    await sizeIs(page, 2); // ann, dan
    await form.getByText('Advanced: JSON').click();
    expect(JSON.parse(await form.getByLabel('Definition (JSON)').inputValue())).toEqual({
      schemaVersion: 1,
      filter: { all: [{ field: 'segment', notIn: [big.id] }] },
    });
    await screenshot(page, 'segments-in-segment');
    await expectAccessible(page);
    await form.getByRole('button', { name: 'Create segment' }).click();
    await page.getByRole('heading', { name: 'Segment: Not big' }).waitFor();
    await page.getByText('in none of segments “Big spenders”').waitFor();

    // Editing Big spenders: the picker offers the others, never the segment itself.
    await page.goto(`${server.url}/admin/segments/${big.id}/edit`);
    await sizeIs(page, 3);
    await page.getByRole('button', { name: 'Add condition', exact: true }).click();
    await condition(page, 2).getByLabel('Field').selectOption('segment');
    await condition(page, 2).getByLabel('Not big', { exact: true }).waitFor();
    expect(await condition(page, 2).getByLabel('Big spenders', { exact: true }).count()).toBe(0);

    // The rules builder's segment condition is the same picker (segments by name).
    await page.goto(`${server.url}/admin/programme/rules/new`);
    await page.getByLabel('New condition').selectOption('customer.segment');
    await page.getByRole('button', { name: 'Add condition' }).click();
    const rulePicker = page.getByRole('group', { name: 'For members in these segments' });
    await rulePicker.getByLabel('Big spenders', { exact: true }).check();
    expect(await rulePicker.getAttribute('class')).toBe('builder-choices');
    await screenshot(page, 'rules-segment-picker');
    await page.close();
  });
});
