/**
 * Every list of languages the product knows, in one place. This file imports nothing, so the
 * web pages (web/src) import it too and never keep a copy that drifts from what the API accepts.
 */

/** The languages the member page, the survey page and the unsubscribe page are written in. */
export const CONTENT_LOCALES = ['en', 'de', 'et', 'sl', 'ru', 'kk'] as const;
export type ContentLocale = (typeof CONTENT_LOCALES)[number];

/** Each content language by its English name, as admins pick it. */
export const CONTENT_LOCALE_NAMES: Record<ContentLocale, string> = {
  en: 'English',
  de: 'German',
  et: 'Estonian',
  sl: 'Slovenian',
  ru: 'Russian',
  kk: 'Kazakh',
};

export const isContentLocale = (code: string): code is ContentLocale =>
  (CONTENT_LOCALES as readonly string[]).includes(code);

/**
 * A BCP 47 language tag as customers' profiles and message templates hold it (`en`, `de-AT`):
 * wider than the content languages, since a template may be written for any language.
 */
export const LOCALE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/**
 * The tags a template editor offers for a new version: the content languages first, then the
 * regional variants and other languages shops ask for. The API takes any tag matching LOCALE_TAG.
 */
export const TEMPLATE_LOCALES = [
  ...CONTENT_LOCALES,
  'en-GB',
  'de-AT',
  'de-CH',
  'fr',
  'it',
  'es',
  'nl',
  'pt',
  'pl',
  'sv',
  'da',
  'nb',
  'fi',
  'cs',
] as const;
