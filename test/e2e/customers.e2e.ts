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

let server: E2eServer;
let browser: Browser;

beforeAll(async () => {
  if (skipBrowserTests) return;
  server = await startE2eServer();
  // Spend, last order and lifecycle stage come from the analytics refresh (the nightly job).
  await server.api('POST', '/v1/analytics/refresh', {});
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const signIn = (page: Page) => signInWithAdminKey(page, server);

const firstRowLink = (page: Page) =>
  page.locator('table.c360-customer-table tbody tr').first().getByRole('link');

describe.skipIf(skipBrowserTests)('customers on the page, in Chromium', () => {
  it('creates a customer (the API’s message at the field first), records a consent with its source and edits attributes', async () => {
    const page = await openPage(browser, DESKTOP);
    await signIn(page);
    await page.getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('button', { name: 'New customer' }).click();
    const form = page.getByRole('region', { name: 'New customer' });
    await form.getByLabel('First name').fill('Mara');
    await form.getByLabel('Last name').fill('Lindqvist');
    await form.getByLabel('E-mail', { exact: true }).fill('mara.lindqvist@example.com');
    await form.getByLabel('External id source').fill('shopify');
    await form.getByLabel('External id', { exact: true }).fill('E2E-1001');
    await form.getByLabel('Locale', { exact: true }).fill('Swedish');
    await form.getByLabel('Agreed to marketing e-mail').check();
    await form.getByLabel('Consent source').fill('checkout');
    await form.getByRole('button', { name: 'Create customer' }).click();
    // The server's own words, under the locale field.
    const localeError = page.locator('#new-locale-error');
    await localeError.waitFor();
    expect(await localeError.textContent()).toMatch(/BCP 47/);
    await screenshot(page, 'customers-new-error');
    await expectAccessible(page);

    await form.getByLabel('Locale', { exact: true }).fill('sv-SE');
    await form.getByRole('button', { name: 'Create customer' }).click();
    await page.getByRole('heading', { name: 'Mara Lindqvist · shopify E2E-1001' }).waitFor();
    const [mara] = (await server.api('GET', '/v1/customers?externalId=E2E-1001&source=shopify'))
      .customers;
    expect(mara).toMatchObject({ firstName: 'Mara', locale: 'sv-SE' });
    expect(mara.consents).toContainEqual(
      expect.objectContaining({ channel: 'email', granted: true, source: 'checkout' }),
    );

    // SMS consent given on the phone, recorded with that source.
    const consent = page.getByRole('form', { name: 'Record consent' });
    await consent.getByLabel('Channel').selectOption('sms');
    await consent.getByRole('combobox').nth(1).selectOption('true');
    await consent.getByLabel('Source').fill('phone call');
    await consent.getByRole('button', { name: 'Record consent' }).click();
    await page.getByRole('status').filter({ hasText: 'Recorded' }).waitFor();
    await page.getByRole('cell', { name: 'phone call' }).waitFor();
    const afterConsent = await server.api('GET', `/v1/customers/${mara.id}`);
    expect(afterConsent.consents).toContainEqual(
      expect.objectContaining({ channel: 'sms', granted: true, source: 'phone call' }),
    );

    await page.getByRole('button', { name: 'Edit profile' }).click();
    const edit = page.getByRole('region', { name: 'Edit profile' });
    await edit.getByRole('button', { name: 'Add attribute' }).click();
    await edit.getByLabel('Name', { exact: true }).fill('favouriteStore');
    await edit.getByLabel('Value', { exact: true }).fill('Gothenburg');
    await screenshot(page, 'customer-edit-form');
    await expectAccessible(page);
    await edit.getByRole('button', { name: 'Save profile' }).click();
    await page.getByRole('button', { name: 'Edit profile' }).waitFor();
    expect((await server.api('GET', `/v1/customers/${mara.id}`)).attributes).toEqual({
      favouriteStore: 'Gothenburg',
    });
    await screenshot(page, 'customer-edited');
    await expectAccessible(page);
    await page.close();
  });

  it('lists customers with their standing, sorts by spend, filters by lifecycle stage and opens one', async () => {
    const page = await openPage(browser, DESKTOP);
    await signIn(page);
    await page.getByRole('link', { name: 'Customers' }).click();
    await page.locator('table.c360-customer-table').waitFor();

    await page.getByRole('button', { name: 'Spend' }).click();
    const bySpend = await server.api('GET', '/v1/customers?sort=spend&order=desc&limit=1');
    const top = bySpend.customers[0];
    await expect
      .poll(async () => (await firstRowLink(page).getAttribute('href')) ?? '')
      .toContain(top.id);
    expect(page.url()).toContain('sort=spend');
    await screenshot(page, 'customers-by-spend');
    await expectAccessible(page);

    await page.getByLabel('Lifecycle stage').selectOption('lapsed');
    const lapsed = await server.api(
      'GET',
      '/v1/customers?stage=lapsed&sort=spend&order=desc&limit=1',
    );
    expect(lapsed.customers.length).toBe(1);
    await expect
      .poll(async () => (await firstRowLink(page).getAttribute('href')) ?? '')
      .toContain(lapsed.customers[0].id);
    const stages = await page
      .locator('table.c360-customer-table tbody tr td:nth-child(7)')
      .allTextContents();
    expect(new Set(stages)).toEqual(new Set(['Lapsed']));
    await screenshot(page, 'customers-lapsed');

    const name = (await firstRowLink(page).textContent()) ?? '';
    // Imported customers have no name: their external id names them, never the internal id.
    expect(name).not.toMatch(/^cus_/);
    await firstRowLink(page).click();
    await page.getByRole('heading', { name }).waitFor();
    await page.close();
  });
});
