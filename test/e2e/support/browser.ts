import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** Debian's Chromium (apt-get install chromium); test tools never download a browser here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/**
 * Without Chromium the browser tests cannot run: on a developer's machine they are skipped with
 * a warning; in CI (.ci/run installs it) they run, and fail, so a missing browser never passes.
 */
export const skipBrowserTests = !hasChromium && process.env.CI !== 'true';
if (skipBrowserTests) {
  console.warn(`e2e skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);
}

/** The sizes the screenshots are taken at: a laptop, and a phone for the member pages. */
export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };

export const SCREENSHOTS = resolve(import.meta.dirname, '../screenshots');

// Without these, Chromium keeps trying to reach Google's services, which a closed network refuses.
const QUIET_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM, headless: true, args: QUIET_FLAGS });

/**
 * A page in a context of its own (its own cookies). CSP is bypassed only so the test can inject
 * axe-core; the pages' own scripts are all same-origin and would pass it anyway.
 */
export const openPage = async (
  browser: Browser,
  viewport: { width: number; height: number } = { width: 1280, height: 900 },
  locale = 'en-GB',
): Promise<Page> => {
  const context = await browser.newContext({ viewport, locale, bypassCSP: true });
  return context.newPage();
};

export const screenshot = async (page: Page, name: string) => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`), fullPage: true });
};

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe-core in the page (WCAG 2.1 A and AA rules) and returns the serious and critical findings. */
export const seriousAccessibilityViolations = async (page: Page): Promise<AxeViolation[]> => {
  await page.addScriptTag({ path: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(o: unknown): Promise<any> } }).axe;
    const result = await axe.run({
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      },
    });
    return result.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n: any) => n.target.join(' ')),
    }));
  });
  return (violations as AxeViolation[]).filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
};

/** Fails the test on any serious or critical axe finding, listing them. */
export const expectAccessible = async (page: Page) => {
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
};

/** Signs in to the dashboard with the admin key and waits for its navigation. */
export const signInWithAdminKey = async (page: Page, server: { url: string; adminKey: string }) => {
  await page.goto(`${server.url}/admin`);
  await page.getByLabel('Admin API key').check();
  await page.getByLabel('API key', { exact: true }).fill(server.adminKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Sections' }).waitFor();
};
