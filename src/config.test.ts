import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('DATABASE_READ_URL', () => {
  it('is refused without DATABASE_URL: PGlite has no replicas', () => {
    expect(() => loadConfig({ DATABASE_READ_URL: 'postgres://127.0.0.1:5433/x' })).toThrow(
      /databaseReadUrl: DATABASE_READ_URL .*needs DATABASE_URL/,
    );
  });

  it('must be a postgres:// URL', () => {
    expect(() =>
      loadConfig({ DATABASE_URL: 'postgres://a/b', DATABASE_READ_URL: 'mysql://a/b' }),
    ).toThrow(/databaseReadUrl: must start with postgres:\/\//);
  });

  it('is optional, and taken beside DATABASE_URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://a/b' }).databaseReadUrl).toBeUndefined();
    expect(
      loadConfig({ DATABASE_URL: 'postgres://a/b', DATABASE_READ_URL: 'postgres://c/b' })
        .databaseReadUrl,
    ).toBe('postgres://c/b');
  });
});

describe('REGULARS_DB_SCHEMA', () => {
  it('is refused without DATABASE_URL: PGlite holds one programme', () => {
    expect(() => loadConfig({ REGULARS_DB_SCHEMA: 'brand_a' })).toThrow(
      /dbSchema: REGULARS_DB_SCHEMA .*needs DATABASE_URL/,
    );
  });

  it('must be a plain lower-case SQL name, since it goes into the search path', () => {
    for (const bad of ['Brand', 'brand-a', 'a;drop table x', '1brand'])
      expect(() => loadConfig({ DATABASE_URL: 'postgres://a/b', REGULARS_DB_SCHEMA: bad })).toThrow(
        /dbSchema: must be a lower-case SQL name/,
      );
    expect(
      loadConfig({ DATABASE_URL: 'postgres://a/b', REGULARS_DB_SCHEMA: 'brand_a' }).dbSchema,
    ).toBe('brand_a');
  });
});
