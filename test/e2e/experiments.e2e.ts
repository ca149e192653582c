import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DESKTOP,
  PHONE,
  expectAccessible,
  launchBrowser,
  openPage,
  screenshot,
  signInWithAdminKey,
  skipBrowserTests,
} from './support/browser.js';
import { startE2eServer, type E2eServer } from './support/server.js';

const DAY_MS = 86_400_000;
const CUSTOMERS = 40;

let server: E2eServer;
let browser: Browser;
let currency: string;
const customerIds: string[] = [];
let orderNumber = 0;

const order = (customerId: string, minor: number, placedAt: Date) =>
  server.api('POST', '/v1/orders', {
    externalId: `exp-${++orderNumber}`,
    customerId,
    currency,
    channel: 'web',
    placedAt: placedAt.toISOString(),
    lines: [{ sku: 'MUG', name: 'Mug', quantity: 1, unitPriceMinor: minor }],
  });

beforeAll(async () => {
  if (skipBrowserTests) return;
  server = await startE2eServer({ lines: 'none' });
  ({ currency } = await server.api('GET', '/v1/programme'));
  // History: every customer bought once 100 to 300 days ago, every third again in the last 60
  // days, so the power estimate has a baseline repeat rate to start from.
  for (let i = 0; i < CUSTOMERS; i++) {
    const customer = await server.api('POST', '/v1/customers', {
      email: `exp-${i}@example.com`,
      firstName: `Shopper${i}`,
    });
    customerIds.push(customer.id);
    await order(customer.id, 2_000 + i * 100, new Date(Date.now() - (100 + i * 5) * DAY_MS));
    if (i % 3 === 0) await order(customer.id, 1_500, new Date(Date.now() - (10 + i) * DAY_MS));
  }
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Fills the create form: key, name, hypothesis, two arms 50/50 with the first as control. */
const fillForm = async (page: Page) => {
  const form = page.getByRole('region', { name: 'New experiment' });
  await form.getByRole('textbox', { name: /^Key/ }).first().fill('double-points');
  await form.getByLabel('Name', { exact: true }).first().fill('Double points on the next order');
  await form.getByLabel('Hypothesis').fill('Double points raise the 60-day repeat rate.');
  return form;
};

describe.skipIf(skipBrowserTests)('experiments in Chromium', () => {
  it('creates a draft with the power estimate, starts it, and reads results with intervals', async () => {
    const page = await openPage(browser, DESKTOP);
    await signInWithAdminKey(page, server);
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: 'Experiments' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Experiments' }).waitFor();
    await page.getByText('No experiment yet. Create a draft below.').waitFor();

    const form = await fillForm(page);
    const arm = (n: number) => form.getByRole('group', { name: `Arm ${n}`, exact: true });
    // Weights read as shares; a third arm, then removed again.
    await arm(2).getByLabel('Weight').fill('150');
    await arm(2).getByTestId('share-1').getByText('75 % of customers').waitFor();
    await form.getByRole('button', { name: 'Add arm' }).click();
    await arm(3).getByLabel('Control').check();
    expect(await arm(1).getByLabel('Control').isChecked()).toBe(false);
    await arm(3).getByRole('button', { name: 'Remove arm 3' }).click();
    // The control went with it: the first arm is the control again.
    expect(await arm(1).getByLabel('Control').isChecked()).toBe(true);
    await arm(2).getByLabel('Weight').fill('50');

    // The power estimate, before anything is saved: customers per arm, days, and the baseline.
    const estimate = form.getByTestId('power-estimate');
    await estimate
      .getByText(
        /^With ~[\d,]+ customers per arm over 28 days you can detect a change of [\d.]+ pp in 60-day repeat rate \(baseline [\d.]+ %\)\.$/,
      )
      .waitFor();
    await form.getByLabel(/Effect to detect/).fill('10');
    await estimate
      .getByText(
        /^To detect a change of [\d.]+ pp \(10 % of the baseline\) you need ~[\d,]+ customers per arm/,
      )
      .waitFor();
    await screenshot(page, 'experiments-create');
    await expectAccessible(page);

    // A bad field comes back beside it, and nothing is created.
    await arm(2).getByLabel('Key').fill('Not A Key');
    await form.getByRole('button', { name: 'Create draft' }).click();
    const badKey = arm(2).getByLabel('Key');
    await expect.poll(() => badKey.getAttribute('aria-invalid')).toBe('true');
    expect((await server.api('GET', '/v1/experiments')).experiments).toEqual([]);
    await arm(2).getByLabel('Key').fill('double');

    await form.getByRole('button', { name: 'Create draft' }).click();
    await page
      .getByRole('heading', { name: 'Experiment: Double points on the next order' })
      .waitFor();
    await page
      .getByRole('region', { name: 'Power before start' })
      .getByTestId('power-estimate')
      .waitFor();

    // Start, with a confirmation; every member is exposed at start (fixed population).
    await page.getByRole('button', { name: 'Start experiment' }).click();
    await page.getByRole('button', { name: 'Start now' }).click();
    await page.getByText('Running', { exact: true }).waitFor();
    const experiment = (await server.api('GET', '/v1/experiments')).experiments[0];
    expect(experiment.status).toBe('running');
    const exposed = Object.values(experiment.exposures as Record<string, number>);
    expect(exposed.reduce((a, b) => a + b, 0)).toBe(CUSTOMERS);

    // Orders after exposure: every treated customer buys again, every other control one does.
    const arms = await Promise.all(
      customerIds.map(async (id) => {
        const { experiments } = await server.api('GET', `/v1/customers/${id}/experiments`);
        return { id, variant: experiments[0].variant as string };
      }),
    );
    let control = 0;
    for (const { id, variant } of arms) {
      if (variant === 'double' || control++ % 2 === 0) {
        await order(id, variant === 'double' ? 3_000 : 2_000, new Date());
      }
    }

    await page.reload();
    const results = page.getByRole('region', { name: 'Results' });
    await results.getByText(/Sample ratio check passed/).waitFor();
    const summary = results.getByRole('list', { name: 'Summary' });
    await summary.getByText(/repeat rate/).waitFor();
    expect(await summary.textContent()).toMatch(/95 % CI/);
    const effects = page.getByRole('region', { name: 'Effects with 95 % intervals' });
    const repeat = effects.getByRole('region', { name: '60-day repeat rate' });
    await repeat
      .getByRole('img', { name: /Difference in 60-day repeat rate vs control/ })
      .waitFor();
    expect(await repeat.getByTestId('forest-interval').count()).toBeGreaterThan(0);
    // Every customer so far: always valid once the sequential intervals are in, classic before.
    await repeat
      .getByRole('row', { name: /To date/ })
      .first()
      .waitFor();
    await page.getByRole('region', { name: 'Guardrails' }).waitFor();
    await page.getByText(/^Exploratory:/).waitFor();
    await screenshot(page, 'experiments-results');
    await expectAccessible(page);

    // The list shows the arms with their exposures; the filter finds it among running ones.
    await page.getByRole('link', { name: '← All experiments' }).click();
    await page.getByLabel('Status').selectOption('running');
    const row = page.getByRole('row', { name: /Double points on the next order/ });
    await row.getByText('All members, fixed at start').waitFor();
    await page.getByLabel('Status').selectOption('draft');
    await page.getByText('No draft experiments.').waitFor();
    await screenshot(page, 'experiments-list');
    await page.close();

    // On a phone the page itself does not scroll sideways: wide tables scroll in their own box.
    const phone = await openPage(browser, PHONE);
    await signInWithAdminKey(phone, server);
    await phone.goto(`${server.url}/admin/experiments/${experiment.id}`);
    await phone.getByRole('list', { name: 'Summary' }).waitFor();
    const widths = await phone.evaluate(() => {
      // The test's own TypeScript has no DOM types; this runs in the page.
      const page = globalThis as unknown as {
        innerWidth: number;
        document: { documentElement: { scrollWidth: number } };
      };
      return { page: page.document.documentElement.scrollWidth, window: page.innerWidth };
    });
    expect(widths.page).toBeLessThanOrEqual(widths.window);
    await screenshot(phone, 'experiments-results-phone');
    await phone.close();
  });
});
