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
  // A month of Online Retail: buyers for the analytics refresh, quick to import. No refresh yet,
  // so the analytics pages start with "not refreshed" and the page's own button computes them.
  server = await startE2eServer({ lines: 30_000 });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const signInWithKey = (page: Page) => signInWithAdminKey(page, server);

const openSettings = async () => {
  const page = await openPage(browser, DESKTOP);
  await signInWithKey(page);
  await page.goto(`${server.url}/admin/programme`);
  await page.getByLabel(/Base earn rate/).waitFor();
  return page;
};

/** An order of 2 × £12.50 = £25.00 for a new customer, through the API as a till would send it. */
const orderOf25Pounds = async (externalId: string) => {
  const customer = await server.api('POST', '/v1/customers', {
    email: `${externalId}@example.com`,
    firstName: 'Earn',
    lastName: 'Rate',
  });
  const res = await server.api('POST', '/v1/orders', {
    externalId,
    customerId: customer.id,
    currency: 'GBP',
    channel: 'web',
    placedAt: new Date().toISOString(),
    lines: [{ sku: 'MUG', name: 'Mug', quantity: 2, unitPriceMinor: 1250 }],
  });
  return res.points.earned as number;
};

/** Calls the API with another key, as a till or script holding it would. */
const statusWithKey = async (key: string, path: string) =>
  (await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${key}` } })).status;

describe.skipIf(skipBrowserTests)('programme settings, users and keys in Chromium', () => {
  it('changes the earn rate on the page, and the next order earns the new rate (£25 × 3 = 75 points)', async () => {
    // The default rate: one point per pound, so £25.00 earns 25.
    expect(await orderOf25Pounds('settings-before')).toBe(25);
    const page = await openSettings();
    await screenshot(page, 'settings-programme');
    await expectAccessible(page);

    await page.getByLabel(/Base earn rate/).fill('3');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Programme settings saved' }).waitFor();
    expect((await server.api('GET', '/v1/programme')).pointsPerCurrencyUnit).toBe(3);
    expect(await orderOf25Pounds('settings-after')).toBe(75);
    await page.close();
  });

  it('shows a bad value’s error at its field and saves nothing', async () => {
    const before = await server.api('GET', '/v1/programme');
    const page = await openSettings();
    const rate = page.getByLabel(/Base earn rate/);
    await rate.fill('-5');
    await page.getByLabel(/Return window/).fill('30');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('alert').filter({ hasText: 'Please check the input' }).waitFor();
    expect(await rate.getAttribute('aria-invalid')).toBe('true');
    // The message sits beside the field and is read with it (aria-describedby).
    const describedBy = await rate.getAttribute('aria-describedby');
    expect(await page.locator(`#${describedBy}`).textContent()).toMatch(/>=\s*0/);
    await screenshot(page, 'settings-programme-error');
    await expectAccessible(page);
    // Nothing saved: not the bad rate, not the good return window sent with it.
    expect(await server.api('GET', '/v1/programme')).toEqual(before);

    // An unknown time zone is the server's to refuse (422), also shown at its field.
    await rate.fill(String(before.pointsPerCurrencyUnit));
    const zone = page.getByLabel(/Time zone/);
    await zone.fill('Mars/Olympus_Mons');
    await page.getByRole('note', { name: 'Before you save' }).waitFor();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.locator('#programme-timeZone-error').filter({ hasText: 'unknown IANA' }).waitFor();
    expect(await server.api('GET', '/v1/programme')).toEqual(before);
    await page.close();
  });

  it('sets the public URL that member links start with, refusing one that is not http(s)', async () => {
    const page = await openSettings();
    const url = page.getByLabel(/Public URL/);
    await url.fill('loyalty.shop.example');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.locator('#programme-publicUrl-error').filter({ hasText: 'http(s) URL' }).waitFor();
    expect(await url.getAttribute('aria-invalid')).toBe('true');
    expect((await server.api('GET', '/v1/programme')).publicUrl).toBeNull();

    await url.fill('https://loyalty.shop.example');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Programme settings saved' }).waitFor();
    expect((await server.api('GET', '/v1/referrals/settings')).linkBaseUrl).toBe(
      'https://loyalty.shop.example',
    );
    // Blank again: links follow the server's own URL.
    await url.fill('');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(async () => (await server.api('GET', '/v1/programme')).publicUrl).toBeNull();
    await page.close();
  });

  it('warns before a currency change that existing orders stay in their currency', async () => {
    const page = await openSettings();
    await page.getByLabel(/Currency/).fill('EUR');
    const warning = page.getByRole('note', { name: 'Before you save' });
    await warning.waitFor();
    expect(await warning.textContent()).toMatch(/already recorded stay in GBP/);
    await screenshot(page, 'settings-currency-warning');
    await expectAccessible(page);
    // Put back as it was: the warning goes, nothing was saved.
    await page.getByLabel(/Currency/).fill('GBP');
    expect(await warning.count()).toBe(0);
    expect((await server.api('GET', '/v1/programme')).currency).toBe('GBP');
    await page.close();
  });

  it('creates a dashboard user who can then sign in', async () => {
    const page = await openPage(browser, DESKTOP);
    await signInWithKey(page);
    await page.goto(`${server.url}/admin/programme/access`);
    await page.getByRole('heading', { name: 'Dashboard users' }).waitFor();
    const form = page.getByRole('form', { name: 'Add a user' });
    await form.getByLabel('Name').fill('Sam Stores');
    await form.getByLabel('E-mail').fill('sam@shop.example');
    await form.getByLabel(/Password/).fill('short');
    await form.getByRole('button', { name: 'Add user' }).click();
    await page.locator('#new-user-password-error').filter({ hasText: '12 characters' }).waitFor();
    expect((await server.api('GET', '/v1/users')).items).toEqual([]);

    await form.getByLabel(/Password/).fill('a long enough password');
    await form.getByRole('button', { name: 'Add user' }).click();
    await page.getByRole('status').filter({ hasText: 'Sam Stores (sam@shop.example)' }).waitFor();
    await page.getByRole('cell', { name: 'sam@shop.example' }).waitFor();
    await screenshot(page, 'settings-users');
    await expectAccessible(page);
    const signIn = await fetch(`${server.url}/auth/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'sam@shop.example', password: 'a long enough password' }),
    });
    expect(signIn.status).toBe(200);
    await page.close();
  });

  it('creates an API key, shows its secret once, and refuses it once revoked', async () => {
    const page = await openPage(browser, DESKTOP);
    await signInWithKey(page);
    await page.goto(`${server.url}/admin/programme/access`);
    const form = page.getByRole('form', { name: 'Create an API key' });
    await form.getByLabel(/Name/).fill('Till 3');
    await form.getByLabel('Role').selectOption('pos');
    await form.getByRole('button', { name: 'Create key' }).click();
    const secretField = page.getByLabel('Secret of Till 3');
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    expect(secret.length).toBeGreaterThan(20);
    await screenshot(page, 'settings-api-key-created');
    await expectAccessible(page);

    // The till's key reads customers (pos may) but not the programme (admin only).
    expect(await statusWithKey(secret, '/v1/customers?limit=1')).toBe(200);
    expect(await statusWithKey(secret, '/v1/programme')).toBe(403);

    await page.getByRole('button', { name: 'I have stored it' }).click();
    expect(await page.getByLabel('Secret of Till 3').count()).toBe(0);
    await page.getByRole('button', { name: 'Revoke Till 3' }).click();
    await page.getByRole('button', { name: 'Revoke', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'is revoked' }).waitFor();
    await page.getByRole('cell', { name: /^Revoked/ }).waitFor();
    expect(await statusWithKey(secret, '/v1/customers?limit=1')).toBe(401);
    await screenshot(page, 'settings-api-key-revoked');
    await page.close();
  });

  it('refreshes analytics from the page and shows when, on every analytics page', async () => {
    expect((await server.api('GET', '/v1/analytics/rfm')).computedAt).toBeNull();
    const page = await openPage(browser, DESKTOP);
    await signInWithKey(page);
    const note = page.getByRole('note').filter({ hasText: /refreshed/ });
    await note.filter({ hasText: 'not been refreshed yet' }).waitFor();

    // Held back a moment on its way, so the state while it runs can be seen and checked.
    await page.route('**/v1/analytics/refresh', async (route) => {
      await new Promise((wait) => setTimeout(wait, 2_500));
      await route.continue();
    });
    await page.getByRole('button', { name: 'Refresh now' }).click();
    const running = page.getByRole('button', { name: 'Refreshing…' });
    await running.waitFor();
    expect(await running.isDisabled()).toBe(true);
    await page
      .getByRole('status')
      .filter({ hasText: /[1-9] s so far/ })
      .waitFor();
    await screenshot(page, 'settings-overview-refreshing');
    await page
      .getByRole('status')
      .filter({ hasText: /Refreshed [\d,]+ customers/ })
      .waitFor({
        timeout: 120_000,
      });
    const { computedAt } = await server.api('GET', '/v1/analytics/rfm');
    expect(computedAt).not.toBeNull();
    const shown = new Intl.DateTimeFormat('en-GB', {
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(new Date(computedAt));
    await note.filter({ hasText: `(refreshed ${shown})` }).waitFor();
    await screenshot(page, 'settings-overview-refreshed');
    await expectAccessible(page);

    for (const [path, name] of [
      ['retention', 'retention'],
      ['value', 'value'],
    ] as const) {
      await page.goto(`${server.url}/admin/${path}`);
      await note.filter({ hasText: `(refreshed ${shown})` }).waitFor();
      await page.getByRole('button', { name: 'Refresh now' }).waitFor();
      await page.waitForLoadState('networkidle');
      await screenshot(page, `settings-${name}-refresh-note`);
      await expectAccessible(page);
    }
    await page.close();
  });
});
