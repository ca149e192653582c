/**
 * Redaction of a person's data inside free text and stored JSON (webhook payloads, stored
 * responses, activity payloads): fields that name a person by their key, and every occurrence of
 * one of the person's identifiers (e-mail, phone, names, external ids, texts they wrote), are
 * replaced. Numbers, booleans and ids stay, so amounts and references survive an erasure.
 */
export const ERASED = '[erased]';

/** Keys whose value is a person's data wherever they appear. */
const PERSONAL_KEYS = new Set([
  'email',
  'phone',
  'firstName',
  'lastName',
  'first_name',
  'last_name',
  'birthday',
  'attributes',
  'externalIds',
  'customerExternalId',
  'toAddress',
  'to_address',
  'to',
]);

/** Identifiers shorter than this are only removed by key: a two-letter name is in too many words. */
const MIN_IDENTIFIER_LENGTH = 3;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface Redactor {
  text(value: string): string;
  json(value: unknown): unknown;
  /** A stored JSON text, redacted; text that does not parse is redacted as text. */
  jsonText(value: string): string;
  /** Whether the text holds one of the identifiers. */
  mentions(value: string): boolean;
}

export const redactor = (identifiers: readonly string[]): Redactor => {
  const usable = [...new Set(identifiers.map((s) => s.trim()))]
    .filter((s) => s.length >= MIN_IDENTIFIER_LENGTH)
    .sort((a, b) => b.length - a.length);
  const pattern = usable.length ? new RegExp(usable.map(escapeRegExp).join('|'), 'gi') : null;
  const text = (value: string) => (pattern ? value.replace(pattern, ERASED) : value);
  const personal = (value: unknown): unknown =>
    typeof value === 'string' ? ERASED : Array.isArray(value) ? [] : value === null ? null : {};
  const json = (value: unknown): unknown => {
    if (typeof value === 'string') return text(value);
    if (Array.isArray(value)) return value.map(json);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, PERSONAL_KEYS.has(k) ? personal(v) : json(v)]),
      );
    }
    return value;
  };
  const jsonText = (value: string) => {
    try {
      return JSON.stringify(json(JSON.parse(value)));
    } catch {
      return text(value);
    }
  };
  const mentions = (value: string) => (pattern ? new RegExp(pattern).test(value) : false);
  return { text, json, jsonText, mentions };
};
