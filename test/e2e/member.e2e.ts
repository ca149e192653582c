import type { Browser } from 'playwright-core';
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

let server: E2eServer;
let browser: Browser;

const TIERS = {
  policy: { metric: 'points', window: { kind: 'rolling', days: 365 }, graceDays: 0 },
  tiers: [
    {
      code: 'silver',
      name: 'Silver',
      threshold: 0,
      benefits: ['Free delivery'],
      translations: { de: { name: 'Silber', benefits: ['Kostenlose Lieferung'] } },
    },
    { code: 'gold', name: 'Gold', threshold: 5000, translations: { de: { name: 'Gold (DE)' } } },
  ],
};

let member: { id: string; token: string };
let rewardId: string;

const balanceOf = async (customerId: string) =>
  (await server.api('GET', `/v1/customers/${customerId}/points`)).balance as number;

beforeAll(async () => {
  if (skipBrowserTests) return;
  server = await startE2eServer({ lines: 'none' });
  await server.api('PUT', '/v1/tiers', TIERS);
  const reward = await server.api(
    'POST',
    '/v1/rewards',
    {
      name: 'Free coffee',
      description: 'Any size, any day',
      kind: 'free_product',
      sku: 'COFFEE',
      pointsCost: 100,
      translations: { de: { name: 'Gratis Kaffee', description: 'Jede Größe, jeden Tag' } },
    },
    { 'idempotency-key': 'e2e-reward' },
  );
  rewardId = reward.id;
  const customer = await server.api('POST', '/v1/customers', {
    email: 'lena@example.com',
    firstName: 'Lena',
    locale: 'de-DE',
  });
  await server.api(
    'POST',
    `/v1/customers/${customer.id}/points/adjust`,
    { points: 300, reason: 'Willkommen' },
    { 'idempotency-key': 'e2e-points' },
  );
  await server.api('POST', '/v1/tiers/placement');
  const card = await server.api('GET', `/v1/customers/${customer.id}/card`);
  member = { id: customer.id, token: card.token };
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.skipIf(skipBrowserTests)('member page in the member’s language, in Chromium', () => {
  it('shows translated tier and reward in German and asks before spending; cancel spends nothing, confirm spends once', async () => {
    const page = await openPage(browser, PHONE, 'de-DE');
    await page.goto(`${server.url}/m/${member.token}`);
    await page.getByRole('heading', { name: 'Hallo, Lena!' }).waitFor();
    await page.getByText('Silber', { exact: true }).waitFor();
    await page.getByText('Kostenlose Lieferung').waitFor();
    await page.getByText('Gratis Kaffee', { exact: true }).waitFor();
    await page.getByText('Jede Größe, jeden Tag').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    await screenshot(page, 'member-de-390');
    await expectAccessible(page);

    const redeem = page.getByRole('button', { name: /Gratis Kaffee/ });
    await redeem.click();
    const question = page.getByText(
      '100 Punkte für Gratis Kaffee einlösen? Danach haben Sie noch 200 Punkte.',
    );
    await question.waitFor();
    await screenshot(page, 'member-de-confirm-390');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Abbrechen' }).click();
    await question.waitFor({ state: 'detached' });
    expect(await balanceOf(member.id)).toBe(300);

    await redeem.click();
    const confirm = page.getByRole('button', { name: 'Bestätigen' });
    // A second click finds the question gone: one redemption, whatever the finger does.
    await confirm.click();
    await confirm.click({ timeout: 300 }).catch(() => undefined);
    await page.locator('.member-coupon').first().waitFor();
    expect(await balanceOf(member.id)).toBe(200);
    const coupons = await server.api('GET', `/v1/customers/${member.id}/coupons`);
    expect(
      (coupons.coupons as { rewardId: string | null }[]).filter((c) => c.rewardId === rewardId),
    ).toHaveLength(1);
    await screenshot(page, 'member-de-redeemed-390');
    await expectAccessible(page);
  });

  it('shows the survey page in German', async () => {
    const survey = await server.api('POST', '/v1/surveys', {
      key: 'e2e-nps',
      title: 'Wie war Ihr Einkauf?',
      questions: [{ id: 'nps', type: 'nps', prompt: 'Würden Sie uns weiterempfehlen?' }],
      status: 'active',
    });
    const link = await server.api('GET', `/v1/surveys/${survey.id}/link?customerId=${member.id}`);
    const page = await openPage(browser, PHONE, 'de-DE');
    await page.goto(`${server.url}/s/${link.token}`);
    await page.getByRole('button', { name: 'Antworten senden' }).waitFor();
    await page
      .getByText('0 = überhaupt nicht wahrscheinlich, 10 = äußerst wahrscheinlich')
      .waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    await screenshot(page, 'survey-de-390');
    await expectAccessible(page);
  });

  it('lets an admin translate a reward and a tier without typing JSON', async () => {
    const page = await openPage(browser, DESKTOP);
    await signInWithAdminKey(page, server);
    await page.goto(`${server.url}/admin/programme/rewards`);
    await page.getByRole('button', { name: 'New reward' }).click();
    const form = page.getByRole('region', { name: 'New reward' });
    await form.getByLabel('Name', { exact: true }).fill('Tote bag');
    await form.getByLabel('Kind').selectOption('gift');
    await form.getByLabel('Description (what the gift is)').fill('A cotton tote bag');
    await form.getByLabel('Points price').fill('250');
    await form.getByLabel('Language to add for the reward').selectOption('et');
    await form.getByRole('button', { name: 'Add translation' }).click();
    await form.getByLabel('Name (et)').fill('Puuvillane kott');
    await form.getByLabel('Description (et)').fill('Puuvillane poekott');
    await screenshot(page, 'admin-reward-translations-1440');
    await expectAccessible(page);
    await form.getByRole('button', { name: 'Create reward' }).click();
    await form.getByText('Reward “Tote bag” saved.').waitFor();
    const { rewards } = await server.api('GET', '/v1/rewards');
    const tote = (rewards as { name: string; translations: unknown }[]).find(
      (r) => r.name === 'Tote bag',
    );
    expect(tote?.translations).toEqual({
      et: { name: 'Puuvillane kott', description: 'Puuvillane poekott' },
    });

    await page.goto(`${server.url}/admin/programme/tiers`);
    await page.getByRole('button', { name: 'Edit tiers' }).click();
    const editor = page.getByRole('region', { name: 'Edit tiers' });
    await editor.getByLabel('Name (de)').first().waitFor();
    expect(await editor.getByLabel('Name (de)').first().inputValue()).toBe('Silber');
    await editor.getByLabel('Language to add for tier 2').selectOption('ru');
    await editor.getByRole('button', { name: 'Add translation' }).nth(1).click();
    await editor.getByLabel('Name (ru)').fill('Золото');
    await screenshot(page, 'admin-tier-translations-1440');
    await expectAccessible(page);
    await editor.getByRole('button', { name: 'Save tiers' }).click();
    await editor.getByText('Tiers saved.').waitFor();
    const tiers = await server.api('GET', '/v1/tiers');
    expect(tiers.tiers[1].translations).toEqual({
      de: { name: 'Gold (DE)' },
      ru: { name: 'Золото' },
    });
    expect(tiers.tiers[0].translations).toEqual(TIERS.tiers[0]!.translations);
  });
});
