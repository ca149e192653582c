import { ulid } from 'ulid';

/** Prefixed, sortable ids of the feedback module's records (as src/core/shared/ids.ts). */
const PREFIXES = {
  survey: 'svy',
  surveyResponse: 'svr',
  review: 'rev',
  complaint: 'cmp',
} as const;

export const feedbackId = (kind: keyof typeof PREFIXES): string => `${PREFIXES[kind]}_${ulid()}`;
