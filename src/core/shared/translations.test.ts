import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contentLocaleOf, translated, translationsSchema } from './translations.js';

describe('content translations', () => {
  it('reads a locale tag as the language we have texts in', () => {
    expect(contentLocaleOf('de-AT')).toBe('de');
    expect(contentLocaleOf('RU_kz')).toBe('ru');
    expect(contentLocaleOf('fr')).toBeNull();
    expect(contentLocaleOf(null)).toBeNull();
  });

  it('takes translated fields and keeps the default for the rest', () => {
    const defaults = { name: 'Gold', description: 'Our best' };
    const translations = { de: { name: 'Gold (de)' } };
    expect(translated(defaults, translations, 'de-DE')).toEqual({
      name: 'Gold (de)',
      description: 'Our best',
    });
    expect(translated(defaults, translations, 'et')).toEqual(defaults);
    expect(translated(defaults, translations, null)).toEqual(defaults);
  });

  it('names an unsupported locale code in its issue', () => {
    const schema = translationsSchema(z.object({ name: z.string() }));
    const result = schema.safeParse({ de: { name: 'x' }, xx: { name: 'y' } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['xx']);
  });
});
