import type { BodyOf } from '../../shared/api';
import { toInstant, toLocalInput } from './forms';
import type { RuleDocument, RuleTrigger } from './types';

/** A rule document as POST /v1/rules and /v1/rules/simulate take it. */
export type RuleDocumentInput = BodyOf<'/v1/rules', 'post'>['document'];

/**
 * A rule document is edited in two parts: its top-level settings as labelled inputs, and its
 * lines, conditions, effects and caps as JSON (their shapes vary too much for a generic form).
 * These functions split a document into the two and put them back together.
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

/** A new rule's starting point: a bonus on bigger orders with a monthly cap, as an example to edit. */
export const NEW_RULE: { fields: RuleFields; json: string } = {
  fields: {
    name: '100 bonus points on orders of 50 or more',
    description: '',
    trigger: 'order.placed',
    customEvent: '',
    priority: '0',
    startsAt: '',
    endsAt: '',
    stopsLowerPriority: false,
  },
  json: JSON.stringify(
    {
      lines: { excludeCategories: ['giftcard'] },
      conditions: [{ type: 'order.amount', minMinor: 5000 }],
      effects: [{ type: 'points.fixed', points: 100 }],
      caps: { perCustomer: { points: 500, period: 'month' } },
    },
    null,
    2,
  ),
};

const text = (value: unknown) => (typeof value === 'string' ? value : '');

export const splitDocument = (doc: RuleDocument): { fields: RuleFields; json: string } => {
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
    json: JSON.stringify(rest, null, 2),
  };
};

export type BuildResult =
  { ok: true; document: RuleDocumentInput } | { ok: false; message: string };

/** The whole document, or why the JSON part cannot be read. The server checks the rest. */
export const buildDocument = (fields: RuleFields, json: string): BuildResult => {
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
  const document: RuleDocument = {
    schemaVersion: 1,
    name: fields.name,
    trigger: fields.trigger,
    priority: fields.priority.trim() === '' ? 0 : Number(fields.priority),
    stopsLowerPriority: fields.stopsLowerPriority,
    ...parsed,
  };
  if (fields.description.trim() !== '') document.description = fields.description;
  // The input shows only for trigger custom; a value left from before is not sent.
  if (fields.trigger === 'custom') document.customEvent = fields.customEvent.trim();
  if (fields.startsAt) document.startsAt = toInstant(fields.startsAt);
  if (fields.endsAt) document.endsAt = toInstant(fields.endsAt);
  // The JSON part is whatever the admin typed: the server checks the whole and names each fault.
  return { ok: true, document: document as RuleDocumentInput };
};
