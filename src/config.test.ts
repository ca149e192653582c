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
