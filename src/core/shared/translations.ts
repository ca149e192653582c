import { z } from 'zod';
import { CONTENT_LOCALES, isContentLocale, type ContentLocale } from './locales.js';

/**
 * Programme content (tier and reward names, benefits, descriptions) written once in the
 * programme's own language and translated per language the member page speaks. A translation
 * may cover only some fields: what it leaves out is shown in the default text.
 */

export { CONTENT_LOCALES, type ContentLocale } from './locales.js';

/** `de-AT`, `DE`, `de_AT` → `de`; a language we have no texts in → null. */
export const contentLocaleOf = (tag: string | null | undefined): ContentLocale | null => {
  const language = tag?.split(/[-_]/)[0]?.toLowerCase() ?? '';
  return isContentLocale(language) ? language : null;
};

/** A map from locale code to that language's fields; an unknown code is named in its issue. */
export const translationsSchema = <T extends z.ZodType>(fields: T) =>
  z
    .record(z.string(), fields)
    .superRefine((map, ctx) => {
      for (const code of Object.keys(map)) {
        if (!isContentLocale(code))
          ctx.addIssue({
            code: 'custom',
            path: [code],
            message: `not a supported locale; use one of ${CONTENT_LOCALES.join(', ')}`,
          });
      }
    })
    .transform((map) => map as Partial<Record<ContentLocale, z.output<T>>>);

export type Translations<T> = Partial<Record<ContentLocale, T>>;

/** The fields in the member's language where translated, the default ones elsewhere. */
export const translated = <T extends object>(
  defaults: T,
  translations: Translations<Partial<T>>,
  locale: string | null | undefined,
): T => {
  const language = contentLocaleOf(locale);
  const own = language ? translations[language] : undefined;
  if (!own) return defaults;
  const present = Object.entries(own).filter(([, value]) => value !== undefined && value !== null);
  return { ...defaults, ...Object.fromEntries(present) };
};
