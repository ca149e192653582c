import { ulid } from 'ulid';

/** Prefixed, sortable ids (`cus_01J…`): the prefix tells a reader what an id points at. */
export const ID_PREFIXES = {
  customer: 'cus',
  order: 'ord',
  orderReturn: 'ret',
  entry: 'ent',
  lot: 'lot',
  account: 'acc',
  apiKey: 'key',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

export const newId = (kind: IdKind): string => `${ID_PREFIXES[kind]}_${ulid()}`;

export const hasPrefix = (kind: IdKind, id: string): boolean =>
  id.startsWith(`${ID_PREFIXES[kind]}_`);
