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

// ---- checking a draft ----------------------------------------------------------------------

type Node = hbs.AST.Node;
type Scope = Record<string, unknown> | null;

const BUILT_IN_HELPERS = new Set(['if', 'unless', 'each', 'with', 'lookup', 'log', 'eq']);
/** Values a template may read any key of: the trigger's facts and the survey links by key. */
const OPEN_RECORDS = new Set(['event', 'surveys']);

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The unknown part of a path in the scope, or null when the path is known (or not checkable). */
const unknownPart = (path: hbs.AST.PathExpression, scope: Scope): string | null => {
  if (scope === null || path.data || path.depth > 0 || path.original.startsWith('this')) {
    return null;
  }
  let value: unknown = scope;
  for (const part of path.parts) {
    if (Array.isArray(value)) return part === 'length' ? null : part;
    if (!isRecord(value)) return null;
    if (!Object.hasOwn(value, part)) return part;
    if (value === scope && OPEN_RECORDS.has(part)) return null;
    value = value[part];
  }
  return null;
};

/** The scope inside `{{#each x}}` / `{{#with x}}`: an element of x, when the sample shows one. */
const innerScope = (path: hbs.AST.PathExpression, scope: Scope, each: boolean): Scope => {
  if (scope === null || unknownPart(path, scope) !== null) return null;
  let value: unknown = scope;
  for (const part of path.parts) value = isRecord(value) ? value[part] : undefined;
  const inner = each && Array.isArray(value) ? value[0] : value;
  return isRecord(inner) ? inner : null;
};

/** `line L, column C`, as an editor counts them (both from 1). */
const at = (node: Node) => `line ${node.loc.start.line}, column ${node.loc.start.column + 1}`;

const walk = (node: Node | undefined | null, scope: Scope, found: string[]): void => {
  if (!node) return;
  const check = (expr: Node) => {
    if (expr.type === 'PathExpression') {
      const path = expr as hbs.AST.PathExpression;
      const part = unknownPart(path, scope);
      if (part !== null) found.push(`${at(path)}: unknown variable "${path.original}"`);
    } else if (expr.type === 'SubExpression') {
      walk(expr, scope, found);
    }
  };
  switch (node.type) {
    case 'Program':
      for (const statement of (node as hbs.AST.Program).body) walk(statement, scope, found);
      return;
    case 'MustacheStatement':
    case 'SubExpression': {
      const m = node as hbs.AST.MustacheStatement;
      const name =
        m.path.type === 'PathExpression' ? (m.path as hbs.AST.PathExpression).original : '';
      if (m.params.length === 0 && !BUILT_IN_HELPERS.has(name)) check(m.path);
      else if (m.path.type === 'PathExpression' && !BUILT_IN_HELPERS.has(name)) {
        found.push(`${at(m.path)}: unknown helper "${name}"`);
      }
      m.params.forEach(check);
      return;
    }
    case 'BlockStatement': {
      const b = node as hbs.AST.BlockStatement;
      const name =
        b.path.type === 'PathExpression' ? (b.path as hbs.AST.PathExpression).original : '';
      b.params.forEach(check);
      const subject = b.params[0];
      const changesScope = name === 'each' || name === 'with';
      const inner =
        changesScope && subject?.type === 'PathExpression'
          ? innerScope(subject as hbs.AST.PathExpression, scope, name === 'each')
          : changesScope
            ? null
            : scope;
      if (!BUILT_IN_HELPERS.has(name)) {
        // `{{#points}}…{{/points}}` is a section over a value: check it as a variable.
        check(b.path);
      }
      walk(b.program, inner, found);
      walk(b.inverse, scope, found);
      return;
    }
    default:
      return;
  }
};

/** The first line of a parse error, with what the parser met instead (`got 'EOF'`). */
const parseErrorMessage = (error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message.split('\n');
  const got = /got '([^']+)'/.exec(lines[lines.length - 1] ?? '')?.[1];
  return `${lines[0]!.replace(/:$/, '')}${got ? `: unexpected ${got === 'EOF' ? 'end of template' : got}` : ''}`.slice(
    0,
    300,
  );
};

/**
 * A draft part's faults for an editor: a syntax error with its line, or each variable the
 * customer's data does not have, with line and column. The data's shape is SAMPLE_DATA's.
 */
export const draftPartIssues = (source: string): string[] => {
  let ast: hbs.AST.Program;
  try {
    ast = handlebars.parse(source);
  } catch (error) {
    return [parseErrorMessage(error)];
  }
  const found: string[] = [];
  walk(ast, SAMPLE_DATA as unknown as Record<string, unknown>, found);
  return found;
};

/** Every fault of every part of every version, named `versions.<i>.<part>`. */
export const draftIssues = (versions: readonly TemplateVersion[]): FieldIssue[] =>
  versions.flatMap((version, i) =>
    (['subject', 'html', 'text'] as const).flatMap((part) =>
      draftPartIssues(version[part]).map((message) => ({
        path: `versions.${i}.${part}`,
        message,
      })),
    ),
  );

/** The names a template can use, for an editor's list (from the data's shape). */
export const TEMPLATE_VARIABLES: readonly { name: string; description: string }[] = [
  { name: 'firstName', description: 'First name (may be empty)' },
  { name: 'lastName', description: 'Last name (may be empty)' },
  { name: 'email', description: 'E-mail address' },
  { name: 'points.balance', description: 'Points available now' },
  { name: 'points.pending', description: 'Points not yet available' },
  {
    name: 'points.expiring.points',
    description: 'Points expiring next (inside #if points.expiring)',
  },
  { name: 'points.expiring.expiresOn', description: 'Date they expire (YYYY-MM-DD)' },
  { name: 'tier.name', description: 'Tier name (inside #if tier)' },
  { name: 'tier.code', description: 'Tier code' },
  { name: '#each rewards', description: 'Redeemable rewards: name, description, pointsCost' },
  { name: '#each suggestions', description: 'Product suggestions: sku, name, category' },
  { name: 'surveys.<key>', description: 'The customer’s link to an active survey' },
  { name: 'unsubscribeUrl', description: 'One-click unsubscribe link (marketing only)' },
  { name: 'event.<fact>', description: 'The triggering event’s facts (journeys)' },
];
