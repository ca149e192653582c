import { createContext, useContext } from 'react';
import type { ContentLocale } from '../../../../src/core/shared/locales';
import { formatDate, formatMoney, formatNumber } from '../../shared/format';
import { de } from './de';
import { en } from './en';
import { et } from './et';
import { kk } from './kk';
import { fill, type Messages, type Plural } from './messages';
import { ru } from './ru';
import { sl } from './sl';

// One dictionary per content language: a language added to the list fails here until written.
export const DICTIONARIES = { en, de, et, sl, ru, kk } satisfies Record<ContentLocale, Messages>;
export type Language = keyof typeof DICTIONARIES;

const isLanguage = (code: string): code is Language => Object.hasOwn(DICTIONARIES, code);

export interface LocaleChoice {
  /** Which dictionary the texts come from (and `<html lang>`). */
  language: Language;
  /** How numbers and dates are written: the member's own locale when it is of that language. */
  locale: string;
}

/** The first tag whose language we have (`de-AT` → de); anything else → English. */
export const chooseLocale = (tags: readonly (string | null | undefined)[]): LocaleChoice => {
  for (const tag of tags) {
    if (!tag) continue;
    let canonical: string | undefined;
    try {
      canonical = Intl.getCanonicalLocales(tag.replace(/_/g, '-'))[0];
    } catch {
      continue; // not a BCP 47 tag: try the next one
    }
    const language = canonical?.split('-')[0]?.toLowerCase() ?? '';
    if (canonical && isLanguage(language)) return { language, locale: canonical };
  }
  return { language: 'en', locale: 'en' };
};

export interface I18n extends LocaleChoice {
  t: Messages;
  number(value: number): string;
  /** With its sign, for movements: +120, −40. */
  signed(value: number): string;
  date(iso: string): string;
  money(minor: number, currency: string): string;
  /** The plural form for `count`, with `{n}` as the formatted count and any other values. */
  plural(forms: Plural, count: number, values?: Record<string, string>): string;
  /** "1 point", "5 points", in the member's language. */
  points(count: number): string;
}

/**
 * Some browsers ship without a language's calendar data (Chromium builds without Kazakh write
 * "2026 M12 5"). Then dates are written as numbers, and numbers and money follow a locale of the
 * same country's conventions, so the page never shows the raw fallback.
 */
const CONVENTIONS_FALLBACK: Partial<Record<Language, string>> = { kk: 'ru-KZ' };
const hasCalendarData = (locale: string) =>
  !/M\d/.test(
    new Intl.DateTimeFormat(locale, { month: 'short' }).format(new Date(Date.UTC(2026, 11, 15))),
  );

export const makeI18n = ({ language, locale }: LocaleChoice): I18n => {
  const rules = new Intl.PluralRules(locale);
  const complete = hasCalendarData(locale);
  const formats = complete ? locale : (CONVENTIONS_FALLBACK[language] ?? locale);
  const numericDate = new Intl.DateTimeFormat(formats, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  });
  const number = (value: number) => formatNumber(value, formats);
  const plural = (forms: Plural, count: number, values: Record<string, string> = {}) =>
    fill(forms[rules.select(count)] ?? forms.other, { n: number(count), ...values });
  return {
    language,
    locale,
    t: DICTIONARIES[language],
    number,
    signed: (value) => new Intl.NumberFormat(formats, { signDisplay: 'exceptZero' }).format(value),
    date: (iso) => (complete ? formatDate(iso, locale) : numericDate.format(new Date(iso))),
    money: (minor, currency) => formatMoney(minor, currency, formats),
    plural,
    points: (count) => `${number(count)} ${plural(DICTIONARIES[language].pointsWord, count)}`,
  };
};

export const I18nContext = createContext<I18n>(makeI18n({ language: 'en', locale: 'en' }));

export const useI18n = () => useContext(I18nContext);
