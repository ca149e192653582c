import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messagingEnv } from '../../src/app/messaging-deps.js';
import { inGlobalControl } from '../../src/core/messaging/global-control.js';
import { systemClock } from '../../src/core/shared/clock.js';
import { sweepMessages } from '../../src/jobs/message-send.job.js';
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
let ids: string[];

const consent = [{ channel: 'email', granted: true, source: 'signup' }];

beforeAll(async () => {
  if (skipBrowserTests) return;
  server = await startE2eServer({ lines: 'none' });
  const people = [
    { firstName: 'Greta', email: 'greta@example.com', locale: 'de-DE', consents: consent },
    { firstName: 'Oliver', email: 'oliver@example.com', locale: 'en', consents: consent },
    { firstName: 'Nina', email: 'nina@example.com', consents: [] },
    { firstName: 'Paul', consents: consent },
  ];
  ids = [];
  for (const p of people) ids.push((await server.api('POST', '/v1/customers', p)).id);
  const segment = await server.api('POST', '/v1/segments', {
    name: 'Newsletter test',
    key: 'newsletter-test',
    kind: 'static',
  });
  await server.api('POST', `/v1/segments/${segment.id}/members`, { customerIds: ids });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const openCampaigns = async (page: Page) => {
  await signInWithAdminKey(page, server);
  await page.getByRole('link', { name: 'Campaigns' }).click();
  await page.getByRole('heading', { level: 1, name: 'Campaigns' }).waitFor();
};

describe.skipIf(skipBrowserTests)(
  'e-mail templates, journeys and campaign reach in Chromium',
  () => {
    it('writes a template in English and German with a live preview for a chosen customer', async () => {
      const page = await openPage(browser, DESKTOP);
      await openCampaigns(page);
      await page.getByRole('button', { name: 'New template' }).click();
      const editor = page.getByRole('region', { name: 'New template' });
      await editor.getByLabel('Key').fill('newsletter');
      await editor.getByLabel('Subject (en)').fill('Hello {{firstName}}');
      await editor.getByLabel('HTML body (en)').fill('<p>You have {{points.balance}} points</p>');
      await editor.getByLabel('Plain-text body (en)').fill('You have {{points.balance}} points');

      await editor.getByLabel('Find a customer').fill('greta');
      await editor.getByLabel('Preview for').selectOption({ label: 'Greta' });
      await expect
        .poll(() => editor.getByTestId('preview-subject').textContent())
        .toBe('Hello Greta');

      // A misspelt variable is named at its field with its line and column.
      await editor.getByLabel('Subject (en)').fill('Hello {{frstName}}');
      await editor.getByText('line 1, column 9: unknown variable "frstName"').waitFor();
      await screenshot(page, 'email-template-error');
      await editor.getByLabel('Subject (en)').fill('Hello {{firstName}}');

      await editor.getByLabel('Add a language').selectOption('de');
      await editor.getByRole('button', { name: 'Add language' }).click();
      await editor.getByRole('tab', { name: 'de' }).waitFor();
      await editor.getByLabel('Subject (de)').fill('Hallo {{firstName}}');
      await editor.getByLabel('HTML body (de)').fill('<p>Du hast {{points.balance}} Punkte</p>');
      await editor.getByLabel('Plain-text body (de)').fill('Du hast {{points.balance}} Punkte');
      await expect
        .poll(() => editor.getByTestId('preview-subject').textContent())
        .toBe('Hallo Greta');
      await page
        .frameLocator('iframe[title="HTML preview"]')
        .getByText('Du hast 0 Punkte')
        .waitFor({ timeout: 5_000 });
      await screenshot(page, 'email-template-editor');
      await expectAccessible(page);

      await editor.getByRole('button', { name: 'Save template' }).click();
      await page.getByRole('button', { name: 'Edit newsletter' }).waitFor();
      const saved = await server.api('GET', '/v1/templates/newsletter');
      expect(saved.versions.map((v: { locale: string }) => v.locale).sort()).toEqual(['de', 'en']);
      expect(saved.versions.find((v: { locale: string }) => v.locale === 'de').subject).toBe(
        'Hallo {{firstName}}',
      );
      await page.close();
    });

    it('switches a journey on with a template and delay, then off', async () => {
      const page = await openPage(browser, DESKTOP);
      await openCampaigns(page);
      await page.getByLabel('Welcome template').selectOption('newsletter');
      await page.getByLabel('Welcome delay hours').fill('3');
      await page.getByRole('button', { name: 'Save Welcome' }).click();
      await expect
        .poll(async () => (await server.api('GET', '/v1/journeys')).welcome.delayHours)
        .toBe(3);
      await page.getByRole('switch', { name: 'Welcome on' }).check();
      await expect
        .poll(async () => (await server.api('GET', '/v1/journeys')).welcome.enabled)
        .toBe(true);
      await page.getByRole('switch', { name: 'Welcome on' }).waitFor();
      await screenshot(page, 'email-journeys');
      await expectAccessible(page);
      await page.getByRole('switch', { name: 'Welcome on' }).uncheck();
      await expect
        .poll(async () => (await server.api('GET', '/v1/journeys')).welcome)
        .toMatchObject({ enabled: false, templateKey: 'newsletter', delayHours: 3 });
      await page.close();
    });

    it('shows a campaign’s reach on confirm, then sends to exactly those', async () => {
      const page = await openPage(browser, DESKTOP);
      await openCampaigns(page);
      const form = page.getByRole('region', { name: 'Send a campaign' });
      await form.getByLabel('Template').selectOption('newsletter');
      await form.getByLabel('Segment').selectOption({ label: 'Newsletter test (4 members)' });
      await form.getByRole('button', { name: 'Review campaign' }).click();
      const reach = form.getByRole('definition').first();
      await expect.poll(() => form.getByTestId('reach-will-receive').textContent()).toBe('2 of 4');
      expect(await form.getByText('No e-mail consent').count()).toBe(1);
      await screenshot(page, 'email-campaign-reach');
      await expectAccessible(page);
      expect(await reach.count()).toBe(1);
      await form.getByRole('button', { name: 'Confirm and send' }).click();
      await form.getByRole('status').filter({ hasText: 'is scheduled' }).waitFor();

      await sweepMessages(server.database.db, {
        clock: systemClock,
        mailer: null,
        env: messagingEnv(),
      });
      const { campaigns } = await server.api('GET', '/v1/campaigns');
      expect(campaigns[0].counts).toMatchObject({
        outbox: 2,
        suppressed: 2,
        suppressedByReason: { no_consent: 1, no_email: 1 },
      });
      await page.close();
    });

    it('sets the global control share with checked fields, and the reach line counts who it holds back', async () => {
      const page = await openPage(browser, DESKTOP);
      await openCampaigns(page);
      const rules = page.getByRole('form', { name: 'Sending rules' });
      const share = rules.getByLabel('Global control group (%)');
      await share.fill('60');
      await rules.getByRole('button', { name: 'Save sending rules' }).click();
      await rules.getByText('Between 0 and 50 percent.').waitFor();
      expect(await share.getAttribute('aria-invalid')).toBe('true');
      expect((await server.api('GET', '/v1/messaging/settings')).globalControlPercent).toBe(0);

      await share.fill('50');
      await rules.getByRole('button', { name: 'Save sending rules' }).click();
      await rules.getByRole('status').filter({ hasText: 'saved' }).waitFor();
      const settings = await server.api('GET', '/v1/messaging/settings');
      expect(settings).toMatchObject({ globalControlPercent: 50, maxMarketingPerWindow: 3 });
      await page.getByText('50% of members get no marketing').waitFor();
      // Paul has no address, which is counted first (no_email); the other three can be held back.
      const held = ids.slice(0, 3).filter((id) => inGlobalControl(settings, id)).length;

      const form = page.getByRole('region', { name: 'Send a campaign' });
      await form.getByLabel('Template').selectOption('newsletter');
      await form.getByLabel('Segment').selectOption({ label: 'Newsletter test (4 members)' });
      await form.getByRole('button', { name: 'Review campaign' }).click();
      await expect
        .poll(() => form.getByTestId('reach-global_control').textContent())
        .toBe(String(held));
      await form.getByText('The global control group (50% of members)').waitFor();
      await screenshot(page, 'email-campaign-reach-control');
      await expectAccessible(page);
      await form.getByRole('button', { name: 'Cancel' }).click();
      await server.api('PUT', '/v1/messaging/settings', { globalControlPercent: 0 });
      await page.close();
    });
  },
);
