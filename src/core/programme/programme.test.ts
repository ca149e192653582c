import { describe, expect, it } from 'vitest';
import { getProgramme } from './programme.service.js';
import { DEFAULT_PROGRAMME, ProgrammeSettingsPatchSchema, linkBase } from './programme.js';

describe('linkBase', () => {
  it('takes the programme’s public URL over the server’s, without trailing slashes', () => {
    expect(linkBase({ publicUrl: 'https://loyalty.shop.example//' }, 'http://localhost:3000')).toBe(
      'https://loyalty.shop.example',
    );
    expect(linkBase({ publicUrl: null }, 'http://127.0.0.1:4000/')).toBe('http://127.0.0.1:4000');
  });

  it('accepts only http(s) URLs as the public URL', () => {
    const ok = (publicUrl: unknown) =>
      ProgrammeSettingsPatchSchema.safeParse({ publicUrl }).success;
    expect(ok('https://shop.example/loyalty')).toBe(true);
    expect(ok(null)).toBe(true);
    expect(ok('shop.example')).toBe(false);
    expect(ok('javascript:alert(1)')).toBe(false);
  });
});

describe('getProgramme', () => {
  it('reads settings stored before publicUrl existed as publicUrl null', async () => {
    const { publicUrl: _, ...older } = { ...DEFAULT_PROGRAMME, pointsPerCurrencyUnit: 3 };
    const programme = await getProgramme({
      programmeStore: { get: async () => older as never, save: async () => {} },
    });
    expect(programme).toEqual({ ...DEFAULT_PROGRAMME, pointsPerCurrencyUnit: 3, publicUrl: null });
  });
});
