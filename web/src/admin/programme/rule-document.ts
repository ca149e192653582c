import type { BodyOf } from '../../shared/api';
import { toInstant, toLocalInput } from './forms';
import { NEW_PARTS, cleanParts, partsOf, type RuleParts } from './rule-builder-model';
import type { RuleDocument, RuleTrigger } from './types';

/** A rule document as POST /v1/rules and /v1/rules/simulate take it. */
export type RuleDocumentInput = BodyOf<'/v1/rules', 'post'>['document'];

/**
 * A rule document is edited in two parts: its top-level settings as labelled inputs, and its
 * lines, conditions, effects and caps in the builder (or, under Advanced, as JSON). These
 * functions split a document into the two and put them back together.
 */

export interface RuleFields {
  name: string;
  description: string;
  trigger: RuleTrigger;
  customEvent: string;
  priority: string;
  startsAt: string;
  endsAt: string;
  stopsLowerPriority: boolean;
}

/** The keys the inputs own; the JSON part must not repeat them. */
const FIELD_KEYS = [
  'schemaVersion',
  'name',
  'description',
  'trigger',
  'customEvent',
  'priority',
  'startsAt',
  'endsAt',
  'stopsLowerPriority',
];

/** A new rule's starting point: double points, to be narrowed with items, conditions and caps. */
export const NEW_RULE: { fields: RuleFields; parts: RuleParts } = {
  fields: {
    name: '',
    description: '',
    trigger: 'order.placed',
    customEvent: '',
    priority: '0',
    startsAt: '',
    endsAt: '',
    stopsLowerPriority: false,
  },
  parts: NEW_PARTS,
};

const text = (value: unknown) => (typeof value === 'string' ? value : '');

export const splitDocument = (doc: RuleDocument): { fields: RuleFields; parts: RuleParts } => {
  const rest = Object.fromEntries(Object.entries(doc).filter(([k]) => !FIELD_KEYS.includes(k)));
  return {
    fields: {
      name: text(doc.name),
      description: text(doc.description),
      trigger: (text(doc.trigger) || 'order.placed') as RuleTrigger,
      customEvent: text(doc.customEvent),
      priority: typeof doc.priority === 'number' ? String(doc.priority) : '0',
      startsAt: toLocalInput(text(doc.startsAt) || null),
      endsAt: toLocalInput(text(doc.endsAt) || null),
      stopsLowerPriority: doc.stopsLowerPriority === true,
    },
    parts: partsOf(rest),
  };
};

/** The builder's parts as the Advanced view shows them. */
export const partsJson = (parts: RuleParts) => JSON.stringify(cleanParts(parts), null, 2);

/** The builder's parts read back from the Advanced JSON, or why they cannot be read. */
export const parsePartsJson = (
  json: string,
): { ok: true; parts: RuleParts } | { ok: false; message: string } => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (e) {
    return {
      ok: false,
      message: `The Rule JSON is not valid JSON: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, message: 'The Rule JSON must be an object, such as {"effects": [ … ]}.' };
  }
  const repeated = Object.keys(parsed).filter((k) => FIELD_KEYS.includes(k));
  if (repeated.length > 0) {
    return {
      ok: false,
      message: `Set ${repeated.join(', ')} with the fields above, not in the Rule JSON.`,
    };
  }
  return { ok: true, parts: partsOf(parsed as Record<string, unknown>) };
};

/** The whole document from the inputs and the builder. The server checks it and names faults. */
export const buildDocument = (fields: RuleFields, parts: RuleParts): RuleDocumentInput => {
  const document: RuleDocument = {
    schemaVersion: 1,
    name: fields.name,
    trigger: fields.trigger,
    priority: fields.priority.trim() === '' ? 0 : Number(fields.priority),
    stopsLowerPriority: fields.stopsLowerPriority,
    ...cleanParts(parts),
  };
  if (fields.description.trim() !== '') document.description = fields.description;
  // The input shows only for trigger custom; a value left from before is not sent.
  if (fields.trigger === 'custom') document.customEvent = fields.customEvent.trim();
  if (fields.startsAt) document.startsAt = toInstant(fields.startsAt);
  if (fields.endsAt) document.endsAt = toInstant(fields.endsAt);
  return document as RuleDocumentInput;
};
