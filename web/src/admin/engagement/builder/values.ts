/**
 * One input's value between the definition (numbers in minor units, lists, codes) and what the
 * person sees and types (text in major units, picked choices). `toText` answers undefined when a
 * value cannot be shown exactly, so the caller keeps that leaf as it is rather than alter it.
 */
export type InputText = string | string[];

export interface InputSpec {
  key: string;
  label: string;
  type: string;
  choices?: { value: string | number; label: string }[];
}

/** The attribute value's own type, which a text box alone cannot say. */
export const KIND_KEY = 'valueKind';
export type AttributeKind = 'text' | 'number' | 'boolean';

/** Tier codes are never empty, so "" can stand for "no tier" (null) in a list of codes. */
export const NO_TIER = '';

const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;

export const minorToMajor = (minor: number, digits: number): string => {
  if (digits === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const abs = String(Math.abs(minor)).padStart(digits + 1, '0');
  return `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
};

/** "100", "100.5" or "100.50" → 10050 for two digits; by string, so no float rounding. */
export const majorToMinor = (text: string, digits: number): number | null => {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > digits) return null;
  const minor = Number(`${whole}${fraction.padEnd(digits, '0')}`);
  return sign ? -minor : minor;
};

const kindOf = (value: unknown): AttributeKind | null =>
  typeof value === 'string'
    ? 'text'
    : typeof value === 'number'
      ? 'number'
      : typeof value === 'boolean'
        ? 'boolean'
        : null;

/** A list typed as "a, b, c" can hold no commas and no edge spaces in its items. */
const listable = (value: unknown) =>
  typeof value !== 'string' || (!value.includes(',') && value === value.trim() && value !== '');

export const toText = (
  spec: InputSpec,
  value: unknown,
  digits: number,
): { text: InputText; kind?: AttributeKind } | undefined => {
  switch (spec.type) {
    case 'money':
      return typeof value === 'number' ? { text: minorToMajor(value, digits) } : undefined;
    case 'integer':
    case 'days':
    case 'probability':
      return typeof value === 'number' ? { text: String(value) } : undefined;
    case 'date':
    case 'text':
      return typeof value === 'string' ? { text: value } : undefined;
    case 'attributeValue': {
      const kind = kindOf(value);
      return kind ? { text: String(value), kind } : undefined;
    }
    case 'attributeValues': {
      if (!Array.isArray(value) || value.length === 0) return undefined;
      const kinds = new Set(value.map(kindOf));
      const kind = kindOf(value[0]);
      if (!kind || kinds.size !== 1 || !value.every(listable)) return undefined;
      return { text: value.map(String).join(', '), kind };
    }
    case 'oneOf': {
      const choice = spec.choices?.find((c) => c.value === value);
      return choice ? { text: String(choice.value) } : undefined;
    }
    case 'someOf': {
      if (!Array.isArray(value)) return undefined;
      const known = value.every((v) => spec.choices?.some((c) => c.value === v));
      return known ? { text: value.map(String) } : undefined;
    }
    case 'segments':
      return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')
        ? { text: [...value] }
        : undefined;
    case 'tiers':
      return Array.isArray(value) && value.every((v) => v === null || typeof v === 'string')
        ? { text: value.map((v) => (v === null ? NO_TIER : String(v))) }
        : undefined;
    default:
      return undefined;
  }
};

const typed = (text: string, kind: AttributeKind): { value: unknown } | { problem: string } => {
  if (kind === 'text') return { value: text };
  if (kind === 'boolean') {
    if (text === 'true' || text === 'false') return { value: text === 'true' };
    return { problem: 'choose yes or no' };
  }
  return DECIMAL.test(text.trim()) ? { value: Number(text) } : { problem: 'enter a number' };
};

/** The definition's value for what was typed or picked, or what is wrong with it. */
export const fromText = (
  spec: InputSpec,
  text: InputText | undefined,
  digits: number,
  kind: AttributeKind = 'text',
): { value: unknown } | { problem: string } => {
  if (Array.isArray(text)) {
    if (text.length === 0) return { problem: `choose at least one` };
    if (spec.type === 'tiers') return { value: text.map((t) => (t === NO_TIER ? null : t)) };
    if (spec.type === 'segments') return { value: [...text] };
    const values = text.map((t) => spec.choices?.find((c) => String(c.value) === t)?.value);
    return values.every((v) => v !== undefined)
      ? { value: values }
      : { problem: 'choose from the list' };
  }
  if (text === undefined || text.trim() === '') {
    return ['someOf', 'tiers', 'segments', 'oneOf'].includes(spec.type)
      ? { problem: 'choose at least one' }
      : { problem: 'enter a value' };
  }
  switch (spec.type) {
    case 'money': {
      const minor = majorToMinor(text, digits);
      return minor === null
        ? {
            problem: digits
              ? `an amount such as 100 or 99.${'9'.repeat(digits)}`
              : 'a whole amount',
          }
        : { value: minor };
    }
    case 'integer':
    case 'days':
      return INTEGER.test(text.trim()) ? { value: Number(text) } : { problem: 'a whole number' };
    case 'probability': {
      const n = Number(text);
      return DECIMAL.test(text.trim()) && n >= 0 && n <= 1
        ? { value: n }
        : { problem: 'a number from 0 to 1' };
    }
    case 'oneOf': {
      const choice = spec.choices?.find((c) => String(c.value) === text);
      return choice ? { value: choice.value } : { problem: 'choose from the list' };
    }
    case 'attributeValue':
      return typed(text, kind);
    case 'attributeValues': {
      const items = text.split(',').map((t) => t.trim());
      if (items.some((t) => t === '')) return { problem: 'a list such as a, b, c' };
      const values: unknown[] = [];
      for (const item of items) {
        const one = typed(item, kind);
        if ('problem' in one) return one;
        values.push(one.value);
      }
      return { value: values };
    }
    default:
      return { value: text };
  }
};
