import type { Placement } from './placement.js';

/**
 * Finds statements that lock or change rows of a distributed table without saying whose rows:
 * a `SELECT … FOR UPDATE` or `SKIP LOCKED` sweep, an `UPDATE`, or an upsert whose conflict
 * target lacks the distribution column. On Citus such a statement fans out to every shard (or
 * is refused), so each must filter on the customer. It reads source text, Kysely chains and sql
 * templates alike; it is a lint, deliberately simple: a statement that names the distribution
 * column in a filter (or, for an upsert, in its conflict target) passes, and a locking select
 * must filter it on one value. A statement meant to reach every customer (a nightly recompute)
 * says so in a comment on one of the three lines above it: `citus: every shard — <why>`.
 */
export interface LockingOffence {
  file: string;
  line: number;
  what: 'locking select' | 'locking select of several customers' | 'update' | 'upsert';
  table: string;
}

interface Statement {
  /** Where the statement starts in the file. */
  at: number;
  text: string;
}

const KYSELY_START = /\.(selectFrom|updateTable|insertInto)\(\s*'(\w+)/g;
const KYSELY_END = /\.(execute|executeTakeFirst|executeTakeFirstOrThrow|stream|compile)\(|;/g;

// A chain built in steps (`let query = db.selectFrom(…)…; if (lock) query = query.forUpdate();`)
// continues wherever the variable is extended.
const continuationsOf = (source: string, at: number, end: number): string => {
  const name = /let\s+(\w+)\s*=\s*[\w.]*$/.exec(
    source.slice(source.lastIndexOf('\n', at) + 1, at),
  )?.[1];
  if (!name) return '';
  const extended = new RegExp(`\\b${name}\\s*=\\s*${name}((\\s*\\.\\w+\\([^;]*\\))+)`, 'g');
  return [...source.slice(end).matchAll(extended)].map((m) => m[1]).join('');
};

const kyselyStatements = (source: string): (Statement & { verb: string; table: string })[] =>
  [...source.matchAll(KYSELY_START)].map((match) => {
    const at = match.index;
    KYSELY_END.lastIndex = at;
    const end = KYSELY_END.exec(source)?.index ?? source.length;
    const text = source.slice(at, end) + continuationsOf(source, at, end);
    return { at, text, verb: match[1]!, table: match[2]! };
  });

/** The text of every sql`…` template, with its ${…} parts left in (they may hold nested sql). */
const sqlTemplates = (source: string): Statement[] => {
  const found: Statement[] = [];
  let from = 0;
  for (;;) {
    const start = source.indexOf('sql`', from);
    if (start < 0) return found;
    let i = start + 4;
    let depth = 0;
    for (; i < source.length; i += 1) {
      const c = source[i];
      if (c === '\\') i += 1;
      else if (c === '$' && source[i + 1] === '{') depth += 1;
      else if (c === '}' && depth > 0) depth -= 1;
      else if (c === '`' && depth === 0) break;
    }
    found.push({ at: start, text: source.slice(start + 4, i) });
    from = i + 1;
  }
};

const lineAt = (source: string, index: number) => source.slice(0, index).split('\n').length;

const EVERY_SHARD = /citus: every shard\b/;

const meantForEveryShard = (source: string, index: number) => {
  const line = lineAt(source, index);
  return source
    .split('\n')
    .slice(Math.max(0, line - 4), line)
    .some((text) => EVERY_SHARD.test(text));
};

/** A filter on the column: Kysely's where('…column', …) or eb('…column', …), or SQL's `column =`. */
const filtersOn = (text: string, column: string) =>
  new RegExp(`(\\.where|\\beb)\\(\\s*'(\\w+\\.)?${column}'`).test(text) ||
  new RegExp(
    `(^|[^\\w.])(\\w+\\.)?${column}\\s*(=|in\\s*\\(|=\\s*any)|=\\s*(\\w+\\.)?${column}\\b`,
    'i',
  ).test(text);

/**
 * An equality with one value: Kysely's where('…column', '=', …) or SQL's `column = ${…}`. Citus
 * runs `FOR UPDATE` only on a query it can route to one shard, so a lock over a list of customers
 * (`in`, `= any`, a join with a list) is refused there even though it names the column.
 */
const filtersOnOne = (text: string, column: string) =>
  new RegExp(`(\\.where|\\beb)\\(\\s*'(\\w+\\.)?${column}',\\s*'='`).test(text) ||
  new RegExp(`(^|[^\\w.])(\\w+\\.)?${column}\\s*=\\s*\\$\\{`, 'i').test(text);

const namesColumn = (text: string, column: string) =>
  new RegExp(`(^|[^\\w])(\\w+\\.)?${column}([^\\w]|$)`).test(text);

const conflictTargetOf = (text: string): string | null =>
  /on\s+conflict\s*\(([^)]*)\)/i.exec(text)?.[1] ??
  /oc\s*\.\s*columns?\(([^)]*)\)/.exec(text)?.[1] ??
  null;

export const lockingOffencesIn = (
  file: string,
  source: string,
  placement: Readonly<Record<string, Placement>>,
): LockingOffence[] => {
  const offences: LockingOffence[] = [];
  const distributionColumn = (table: string) => {
    const place = placement[table];
    return place?.kind === 'distributed' ? place.column : null;
  };
  const check = (at: number, what: LockingOffence['what'], table: string, text: string) => {
    const column = distributionColumn(table);
    if (!column || meantForEveryShard(source, at)) return;
    const covered =
      what === 'upsert'
        ? namesColumn(conflictTargetOf(text) ?? '', column)
        : filtersOn(text, column);
    const line = lineAt(source, at);
    if (!covered) offences.push({ file, line, what, table });
    else if (what === 'locking select' && !filtersOnOne(text, column))
      offences.push({ file, line, what: 'locking select of several customers', table });
  };
  for (const s of kyselyStatements(source)) {
    if (s.verb === 'selectFrom' && /\.(forUpdate|skipLocked|forNoKeyUpdate)\(/.test(s.text))
      check(s.at, 'locking select', s.table, s.text);
    if (s.verb === 'updateTable') check(s.at, 'update', s.table, s.text);
    if (s.verb === 'insertInto' && /\.onConflict\(/.test(s.text))
      check(s.at, 'upsert', s.table, s.text);
  }
  for (const s of sqlTemplates(source)) {
    const text = s.text;
    for (const m of text.matchAll(/\bupdate\s+(\w+)(\s+(as\s+)?\w+)?\s+set\b/gi))
      check(s.at, 'update', m[1]!, text);
    const upsert = /\binsert\s+into\s+(\w+)[\s\S]*\bon\s+conflict\b/i.exec(text);
    if (upsert) check(s.at, 'upsert', upsert[1]!, text);
    if (/\bfor\s+(no\s+key\s+)?update\b|\bskip\s+locked\b/i.test(text)) {
      const locked = /\bfrom\s+(\w+)/i.exec(text);
      if (locked) check(s.at, 'locking select', locked[1]!, text);
    }
  }
  return offences;
};
