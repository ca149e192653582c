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
let agent: { id: string; name: string; email: string };

beforeAll(async () => {
  if (skipBrowserTests) return;
  server = await startE2eServer({ lines: 'none' });
  await server.api('POST', '/v1/customers', {
    firstName: 'Ingrid',
    lastName: 'Berg',
    email: 'ingrid.berg@example.com',
  });
  agent = await server.api('POST', '/v1/users', {
    email: 'sam.agent@example.com',
    name: 'Sam Agent',
    password: 'a long enough password',
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Picks Ingrid Berg in a customer picker: typed, then chosen among the matches. */
const pickIngrid = async (page: Page) => {
  await page.getByLabel('Find a customer').fill('Ingrid');
  await page.locator('option', { hasText: 'Ingrid Berg' }).waitFor({ state: 'attached' });
  await page.getByLabel('Choose the customer').selectOption({ label: 'Ingrid Berg' });
};

describe.skipIf(skipBrowserTests)('feedback on the page, in Chromium', () => {
  it('creates a survey, the customer answers it from the link, and the text answer shows', async () => {
    const page = await openPage(browser, DESKTOP);
    await signInWithAdminKey(page, server);
    await page.getByRole('link', { name: 'Feedback' }).click();
    await page.getByRole('link', { name: 'New survey' }).click();
    await page.getByLabel('Name', { exact: true }).fill('After your visit');
    await page.getByLabel('Status').selectOption('active');
    await page.getByLabel('Question 2', { exact: true }).fill('What should we do better?');
    await screenshot(page, 'feedback-survey-new');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Create survey' }).click();
    await page.getByRole('heading', { name: 'After your visit' }).waitFor();
    const [survey] = (await server.api('GET', '/v1/surveys')).surveys;
    expect(survey).toMatchObject({ key: 'after-your-visit', status: 'active' });
    expect(survey.questions.map((q: { type: string }) => q.type)).toEqual(['nps', 'text']);

    await pickIngrid(page);
    await page.getByRole('button', { name: 'Get the link' }).click();
    const linkField = page.getByLabel('Personal link');
    await linkField.waitFor();
    const url = new URL(await linkField.inputValue());
    expect(url.pathname).toMatch(/^\/s\/[\w-]+\.[\w-]+$/);
    await page.getByRole('button', { name: 'Copy link' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Copied|Could not copy/ })
      .waitFor();

    // The customer, in a browser of their own, answers through the link.
    const customer = await openPage(browser, DESKTOP);
    await customer.goto(`${server.url}${url.pathname}`);
    await customer.getByLabel('9', { exact: true }).check();
    await customer.getByLabel('Your answer').fill('The staff were wonderful, the queue was not.');
    await expectAccessible(customer);
    await customer.getByRole('button', { name: 'Send my answers' }).click();
    await customer.getByText('Thank you: your answers are recorded.').waitFor();
    await customer.context().close();

    await page.reload();
    const responses = page.getByRole('region', { name: 'Responses' });
    await responses.getByText('The staff were wonderful, the queue was not.').waitFor();
    await responses.getByRole('link', { name: 'Ingrid Berg' }).waitFor();
    const distribution = page.getByRole('region', { name: 'Score distribution' });
    expect(await distribution.getByRole('row', { name: /^9 / }).textContent()).toContain('1');
    // The score filter narrows the answers: nobody gave a 3.
    await responses.getByLabel('Score').selectOption('3');
    await responses.getByText('No responses match.').waitFor();
    await responses.getByLabel('Score').selectOption('9');
    await responses.getByText('The staff were wonderful, the queue was not.').waitFor();
    await screenshot(page, 'feedback-survey');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Close survey' }).click();
    await page.getByText('Closed: its links no longer open').waitFor();
    expect((await server.api('GET', `/v1/surveys/${survey.id}`)).status).toBe('archived');
    await page.context().close();
  });

  it('translates a survey into German on the page; a German customer reads it in German', async () => {
    const page = await openPage(browser, DESKTOP);
    await signInWithAdminKey(page, server);
    await page.getByRole('link', { name: 'Feedback' }).click();
    await page.getByRole('link', { name: 'New survey' }).click();
    await page.getByLabel('Name', { exact: true }).fill('How was the shop?');
    await page.getByLabel('Status').selectOption('active');
    await page.getByLabel('Language to add for the survey').selectOption('de');
    await page.getByRole('button', { name: 'Add translation' }).click();
    await page.getByLabel('Name (de)').fill('Wie war der Laden?');
    await page.getByLabel('Question 1 (de)').fill('Würden Sie uns weiterempfehlen?');
    await screenshot(page, 'feedback-survey-translation');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Create survey' }).click();
    await page.getByRole('heading', { name: 'How was the shop?' }).waitFor();
    const survey = (await server.api('GET', '/v1/surveys')).surveys.find(
      (s: { key: string }) => s.key === 'how-was-the-shop',
    );
    expect(survey.translations).toEqual({
      de: {
        title: 'Wie war der Laden?',
        questions: { nps: { prompt: 'Würden Sie uns weiterempfehlen?' } },
      },
    });
    await page.context().close();

    const greta = await server.api('POST', '/v1/customers', {
      firstName: 'Greta',
      email: 'greta.huber@example.com',
      locale: 'de-AT',
    });
    const link = await server.api('GET', `/v1/surveys/${survey.id}/link?customerId=${greta.id}`);
    const customer = await openPage(browser, DESKTOP);
    await customer.goto(`${server.url}/s/${link.token}`);
    await customer.getByRole('heading', { name: 'Wie war der Laden?' }).waitFor();
    await customer.getByRole('group', { name: /Würden Sie uns weiterempfehlen\?/ }).waitFor();
    // Not translated: the default text, inside the German page.
    await customer.getByRole('group', { name: /Is there anything we should improve\?/ }).waitFor();
    await customer.getByLabel('9', { exact: true }).check();
    await expectAccessible(customer);
    await customer.getByRole('button', { name: 'Antworten senden' }).click();
    await customer.getByText('Vielen Dank: Ihre Antworten wurden gespeichert.').waitFor();
    await customer.context().close();

    // Answered, the questions are locked, but the translations still open with what is stored.
    const editor = await openPage(browser, DESKTOP);
    await signInWithAdminKey(editor, server);
    await editor.goto(`${server.url}/admin/feedback/surveys/${survey.id}`);
    await editor.getByText('Translated into German (de)').waitFor();
    await editor.getByRole('button', { name: 'Edit survey' }).click();
    const form = editor.getByRole('region', { name: 'Edit survey' });
    expect(await form.getByLabel('Name (de)').inputValue()).toBe('Wie war der Laden?');
    await form.getByLabel('Question 2 (de)').fill('Was sollen wir besser machen?');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.waitFor({ state: 'detached' });
    expect((await server.api('GET', `/v1/surveys/${survey.id}`)).translations.de.questions).toEqual(
      {
        nps: { prompt: 'Würden Sie uns weiterempfehlen?' },
        text: { prompt: 'Was sollen wir besser machen?' },
      },
    );
    await editor.context().close();
  });

  it('opens a complaint, answers it, assigns it, shows its SLA clock and resolves it', async () => {
    const page = await openPage(browser, DESKTOP);
    await signInWithAdminKey(page, server);
    await page.goto(`${server.url}/admin/feedback`);
    await page.getByRole('link', { name: 'New complaint' }).click();
    await pickIngrid(page);
    await page.getByLabel('Subject').fill('Parcel arrived damaged');
    await page.getByLabel('Channel').selectOption('phone');
    await page.getByLabel('What the customer said').fill('The box was crushed and a mug broke.');
    await page.getByRole('button', { name: 'Open complaint' }).click();
    await page.getByRole('heading', { name: 'Parcel arrived damaged' }).waitFor();

    // The clock: a first reply is due 24 hours after opening, and it ticks.
    const clock = page.getByRole('timer');
    const first = await clock.textContent();
    expect(first).toMatch(/^Reply due in 23 h 59 min \d\d s$/);
    await screenshot(page, 'feedback-complaint-open');
    await expectAccessible(page);
    await expect.poll(() => clock.textContent(), { timeout: 5_000 }).not.toBe(first);

    await page.getByLabel('Reply', { exact: true }).fill('Sorry! A new mug is on its way.');
    await page.getByRole('button', { name: 'Add reply' }).click();
    await page.getByText('Answered in time').waitFor();
    await page.getByText('Sorry! A new mug is on its way.').waitFor();

    await page.getByLabel('Assign to').selectOption({ label: `${agent.name} (${agent.email})` });
    await page.getByRole('button', { name: 'Assign', exact: true }).click();
    await page.getByText(`To ${agent.name}`).waitFor();

    await page.getByLabel('Resolution note').fill('Replacement sent; customer happy.');
    await page.getByRole('button', { name: 'Resolve complaint' }).click();
    await page.getByRole('button', { name: 'Reopen complaint' }).waitFor();
    await page.getByText('Resolution: Replacement sent; customer happy.').waitFor();
    const [complaint] = (await server.api('GET', '/v1/complaints')).complaints;
    expect(complaint).toMatchObject({
      status: 'resolved',
      assigneeId: agent.id,
      resolutionNote: 'Replacement sent; customer happy.',
      sla: { state: 'met' },
    });
    await screenshot(page, 'feedback-complaint-resolved');
    await expectAccessible(page);

    await page.getByRole('link', { name: '← Feedback' }).click();
    const list = page.getByRole('region', { name: 'Complaints' });
    await list.getByLabel('Status').selectOption('resolved');
    await list.getByLabel('Assigned to').selectOption({ label: agent.name });
    await list.getByRole('link', { name: 'Parcel arrived damaged' }).waitFor();
    await screenshot(page, 'feedback-overview');
    await expectAccessible(page);
    await page.context().close();
  });
});
