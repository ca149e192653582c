import { useId, useState } from 'react';
import {
  CONTENT_LOCALES,
  CONTENT_LOCALE_NAMES,
  isContentLocale,
  type ContentLocale,
} from '../../../../src/core/shared/locales';

// The languages the member page speaks come from the list the server checks translations by.
export type TranslationLocale = ContentLocale;

/** What the form edits: per locale, the text of each field as typed (blank = not translated). */
export type TranslationTexts = Partial<Record<TranslationLocale, Record<string, string>>>;

export interface TranslatedField {
  key: string;
  label: string;
  /** A textarea, for lists written one item per line. */
  multiline?: boolean;
  /** Shown while blank: the default text members would read. */
  placeholder?: string;
}

export const localeName = (code: string) =>
  isContentLocale(code) ? `${CONTENT_LOCALE_NAMES[code]} (${code})` : code;

/**
 * Per-language texts of a tier, reward or survey: the admin adds a language from the supported list and
 * fills the fields shown for it; a field left blank shows members the default text.
 */
export const TranslationsEditor = ({
  fields,
  value,
  onChange,
  subject,
}: {
  fields: TranslatedField[];
  value: TranslationTexts;
  onChange: (next: TranslationTexts) => void;
  /** Names what is translated, so controls of several editors on one page stay distinct. */
  subject: string;
}) => {
  const id = useId();
  const present = Object.keys(value) as TranslationLocale[];
  const missing = CONTENT_LOCALES.filter((code) => !present.includes(code));
  const [adding, setAdding] = useState<TranslationLocale | ''>('');
  const choice = adding !== '' && missing.includes(adding) ? adding : (missing[0] ?? '');
  const setField = (code: TranslationLocale, key: string, text: string) =>
    onChange({ ...value, [code]: { ...value[code], [key]: text } });
  const remove = (code: TranslationLocale) => {
    const { [code]: _removed, ...rest } = value;
    onChange(rest);
  };

  return (
    <fieldset className="prog-translations">
      <legend>Translations of {subject}</legend>
      {present.length === 0 && (
        <p className="muted">None yet: members in every language see the texts above.</p>
      )}
      {present.map((code) => (
        <fieldset key={code} className="prog-translation">
          <legend>{localeName(code)}</legend>
          {fields.map((field) => {
            const text = value[code]?.[field.key] ?? '';
            const label = `${field.label} (${code})`;
            return (
              <label key={field.key}>
                {label}
                {field.multiline ? (
                  <textarea
                    rows={2}
                    value={text}
                    placeholder={field.placeholder}
                    onChange={(e) => setField(code, field.key, e.target.value)}
                  />
                ) : (
                  <input
                    value={text}
                    placeholder={field.placeholder}
                    onChange={(e) => setField(code, field.key, e.target.value)}
                  />
                )}
              </label>
            );
          })}
          <button type="button" className="secondary" onClick={() => remove(code)}>
            Remove {CONTENT_LOCALE_NAMES[code]} from {subject}
          </button>
        </fieldset>
      ))}
      {missing.length > 0 && (
        <div className="prog-translation-add">
          <label htmlFor={`${id}-locale`}>Language to add for {subject}</label>
          <select
            id={`${id}-locale`}
            value={choice}
            onChange={(e) => setAdding(e.target.value as TranslationLocale)}
          >
            {missing.map((code) => (
              <option key={code} value={code}>
                {localeName(code)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="secondary"
            onClick={() => choice !== '' && onChange({ ...value, [choice]: {} })}
          >
            Add translation
          </button>
        </div>
      )}
    </fieldset>
  );
};

/** The API's map, as texts the form can edit. */
export const translationTexts = (
  translations: Record<string, Record<string, string | string[] | undefined>> | undefined,
): TranslationTexts =>
  Object.fromEntries(
    Object.entries(translations ?? {}).map(([code, fields]) => [
      code,
      Object.fromEntries(
        Object.entries(fields).map(([key, v]) => [
          key,
          Array.isArray(v) ? v.join('\n') : (v ?? ''),
        ]),
      ),
    ]),
  );

/**
 * The texts as the API takes them: blank fields left out (the default shows), list fields split
 * one item per line, a language with nothing filled in dropped.
 */
export const translationsBody = (texts: TranslationTexts, listFields: readonly string[] = []) => {
  const body: Record<string, Record<string, string | string[]>> = {};
  for (const [code, fields] of Object.entries(texts)) {
    const filled: Record<string, string | string[]> = {};
    for (const [key, text] of Object.entries(fields ?? {})) {
      if (listFields.includes(key)) {
        const items = text
          .split('\n')
          .map((item) => item.trim())
          .filter((item) => item !== '');
        if (items.length > 0) filled[key] = items;
      } else if (text.trim() !== '') filled[key] = text;
    }
    if (Object.keys(filled).length > 0) body[code] = filled;
  }
  return body;
};
