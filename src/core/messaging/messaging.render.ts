import Handlebars from 'handlebars';
import type { FieldIssue } from '../shared/errors.js';
import type { TemplateVersion } from './messaging.js';

/** A product suggestion for the customer (from the recommendations module, when it has any). */
export interface Suggestion {
  sku: string;
  name: string | null;
  category: string | null;
}

/**
 * What a template can say about its customer. Placeholders: `{{firstName}}`, `{{lastName}}`,
 * `{{points.balance}}`, `{{points.pending}}`, `{{points.expiring.points}}`,
 * `{{points.expiring.expiresOn}}`, `{{tier.name}}`, `{{#each rewards}}{{name}} {{pointsCost}}{{/each}}`,
 * `{{#each suggestions}}{{name}}{{/each}}`, `{{surveys.<key>}}`, `{{unsubscribeUrl}}`, `{{event.…}}` (the trigger's facts).
 */
export interface TemplateData {
  customerId: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  points: {
    balance: number;
    pending: number;
    expiring: { points: number; expiresAt: string; expiresOn: string } | null;
  };
  tier: { code: string; name: string } | null;
  /** Rewards the customer can redeem now (enough points, in stock, allowed by tier). */
  rewards: { id: string; name: string; description: string | null; pointsCost: number }[];
  suggestions: Suggestion[];
  /** The customer's personal link to each active survey, by survey key: `{{surveys.nps}}`. */
  surveys: Record<string, string>;
  unsubscribeUrl: string | null;
  event: Record<string, unknown>;
}

const handlebars = Handlebars.create();
handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);

const compiled = new Map<string, HandlebarsTemplateDelegate>();
const MAX_COMPILED = 500;

const compile = (source: string, escape: boolean) => {
  const cacheKey = `${escape ? 'h' : 't'}:${source}`;
  let template = compiled.get(cacheKey);
  if (!template) {
    template = handlebars.compile(source, { noEscape: !escape, strict: false });
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(cacheKey, template);
  }
  return template;
};

/** HTML is escaped; the subject and the plain-text part are not (they are not HTML). */
export const renderVersion = (version: TemplateVersion, data: TemplateData) => ({
  subject: compile(version.subject, false)(data).replace(/\s+/g, ' ').trim(),
  html: compile(version.html, true)(data),
  text: compile(version.text, false)(data),
});

export const SAMPLE_DATA: TemplateData = {
  customerId: 'cus_sample',
  firstName: 'Ann',
  lastName: 'Example',
  email: 'ann@example.com',
  points: {
    balance: 1200,
    pending: 50,
    expiring: { points: 200, expiresAt: '2026-12-31T00:00:00.000Z', expiresOn: '2026-12-31' },
  },
  tier: { code: 'gold', name: 'Gold' },
  rewards: [{ id: 'rwd_sample', name: 'Free coffee', description: null, pointsCost: 500 }],
  suggestions: [{ sku: 'MUG', name: 'Mug', category: 'kitchen' }],
  surveys: { nps: 'https://shop.example/s/sample' },
  unsubscribeUrl: 'https://shop.example/u/sample',
  event: {},
};

/** Each version's parts must compile and render sample data; every fault names its field. */
export const templateIssues = (versions: TemplateVersion[]): FieldIssue[] => {
  const issues: FieldIssue[] = [];
  versions.forEach((version, i) => {
    for (const part of ['subject', 'html', 'text'] as const) {
      try {
        compile(version[part], part === 'html')(SAMPLE_DATA);
      } catch (error) {
        const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
        issues.push({ path: `versions.${i}.${part}`, message: message.slice(0, 300) });
      }
    }
  });
  return issues;
};

/**
 * The version for a customer's locale: the same tag, else one of the same language (de-AT gets
 * de or de-DE), else the template's default.
 */
export const chooseLocale = (
  available: readonly string[],
  wanted: string | null,
  fallback: string,
): string => {
  if (!wanted) return fallback;
  const want = wanted.toLowerCase();
  const exact = available.find((l) => l.toLowerCase() === want);
  if (exact) return exact;
  const language = want.split('-')[0];
  const sameLanguage =
    available.find((l) => l.toLowerCase() === language) ??
    available.find((l) => l.toLowerCase().split('-')[0] === language);
  return sameLanguage ?? fallback;
};
