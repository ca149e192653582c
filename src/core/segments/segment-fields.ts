import { LIFECYCLE_STAGES } from '../analytics/lifecycle.js';
import { RFM_SEGMENTS } from '../analytics/rfm-segments.js';
import { CONSENT_CHANNELS } from '../customers/customers.js';
import { ORDER_CHANNELS } from '../orders/orders.js';
import type { SegmentField } from './segments.js';

/**
 * The catalogue of conditions a segment builder offers: for each leaf field of the definition
 * language, how to name and explain it, and each operator as the leaf properties it sets. A
 * builder needs nothing else to turn a row into a leaf and back; segment-fields.test.ts holds it
 * to SegmentLeafSchema, so a field or property added there without a catalogue entry fails.
 */

/**
 * How a property's value is entered. Money is minor units in the definition, major on screen;
 * tiers and segments are picked from the programme's own (tier codes, segment ids), so their
 * choices are not in the catalogue but read by the builder.
 */
export const FIELD_INPUT_TYPES = [
  'money',
  'integer',
  'probability',
  'days',
  'date',
  'text',
  'attributeValue',
  'attributeValues',
  'oneOf',
  'someOf',
  'tiers',
  'segments',
] as const;
export type FieldInputType = (typeof FIELD_INPUT_TYPES)[number];

export interface FieldChoice {
  value: string | number;
  label: string;
}

/** One property of the leaf an operator fills in from the person's input. */
export interface FieldInput {
  key: string;
  label: string;
  type: FieldInputType;
  /** oneOf and someOf: every value the definition accepts. */
  choices?: FieldChoice[];
}

export interface FieldOperator {
  op: string;
  label: string;
  inputs: FieldInput[];
  /** Properties this operator sets to a fixed value (e.g. `granted: false`). */
  fixed?: Record<string, string | number | boolean>;
}

export const FIELD_GROUPS = [
  'Purchases',
  'Loyalty',
  'Predictions',
  'Profile',
  'Consent',
  'Segments',
] as const;
export type FieldGroup = (typeof FIELD_GROUPS)[number];

export interface SegmentFieldInfo {
  field: SegmentField;
  group: FieldGroup;
  label: string;
  description: string;
  operators: FieldOperator[];
}

const words = (value: string) => value.charAt(0).toUpperCase() + value.slice(1).replace(/_/g, ' ');
const choicesOf = (values: readonly string[]): FieldChoice[] =>
  values.map((value) => ({ value, label: words(value) }));

const MONTHS: FieldChoice[] = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
].map((label, i) => ({ value: i + 1, label }));

/** gte / lte / both, for a numeric range leaf. */
const rangeOperators = (type: FieldInputType): FieldOperator[] => [
  { op: 'gte', label: 'is at least', inputs: [{ key: 'gte', label: 'At least', type }] },
  { op: 'lte', label: 'is at most', inputs: [{ key: 'lte', label: 'At most', type }] },
  {
    op: 'between',
    label: 'is between',
    inputs: [
      { key: 'gte', label: 'From', type },
      { key: 'lte', label: 'To', type },
    ],
  },
];

const dateOperators: FieldOperator[] = [
  { op: 'after', label: 'is after', inputs: [{ key: 'after', label: 'After', type: 'date' }] },
  { op: 'before', label: 'is before', inputs: [{ key: 'before', label: 'Before', type: 'date' }] },
  {
    op: 'between',
    label: 'is between',
    inputs: [
      { key: 'after', label: 'After', type: 'date' },
      { key: 'before', label: 'Before', type: 'date' },
    ],
  },
];

const someOf = (label: string, choices: FieldChoice[]): FieldOperator[] => [
  { op: 'in', label: 'is any of', inputs: [{ key: 'in', label, type: 'someOf', choices }] },
];

const attributeOperator = (op: string, label: string, type: FieldInputType): FieldOperator => ({
  op,
  label,
  fixed: { op },
  inputs: [
    { key: 'key', label: 'Attribute', type: 'text' },
    { key: 'value', label: 'Value', type },
  ],
});

export const SEGMENT_FIELDS: SegmentFieldInfo[] = [
  {
    field: 'totalSpendMinor',
    group: 'Purchases',
    label: 'Total spend',
    description: 'Everything the customer has spent, net of refunds, in the programme currency.',
    operators: rangeOperators('money'),
  },
  {
    field: 'orderCount',
    group: 'Purchases',
    label: 'Number of orders',
    description: 'How many orders the customer has placed.',
    operators: rangeOperators('integer'),
  },
  {
    field: 'lastOrderDate',
    group: 'Purchases',
    label: 'Last order',
    description: 'When the customer last ordered (days count back from today).',
    operators: [
      {
        op: 'withinDays',
        label: 'was within the last',
        inputs: [{ key: 'withinDays', label: 'Days', type: 'days' }],
      },
      {
        op: 'notWithinDays',
        label: 'was not within the last',
        inputs: [{ key: 'notWithinDays', label: 'Days', type: 'days' }],
      },
      ...dateOperators,
    ],
  },
  {
    field: 'channel',
    group: 'Purchases',
    label: 'Sales channel',
    description: 'Customers who have bought through any of these channels.',
    operators: someOf('Channels', choicesOf(ORDER_CHANNELS)),
  },
  {
    field: 'tier',
    group: 'Loyalty',
    label: 'Tier',
    description: 'The customer’s current tier; “No tier” matches members without one.',
    operators: [
      { op: 'in', label: 'is any of', inputs: [{ key: 'in', label: 'Tiers', type: 'tiers' }] },
    ],
  },
  {
    field: 'pointsBalance',
    group: 'Loyalty',
    label: 'Points balance',
    description: 'Points the customer can spend now.',
    operators: rangeOperators('integer'),
  },
  {
    field: 'rfmSegment',
    group: 'Predictions',
    label: 'RFM segment',
    description: 'Recency, frequency and monetary group from the last analytics refresh.',
    operators: someOf('RFM segments', choicesOf(RFM_SEGMENTS)),
  },
  {
    field: 'lifecycleStage',
    group: 'Predictions',
    label: 'Lifecycle stage',
    description: 'Where the customer is between first purchase and lost, from their recency.',
    operators: someOf('Stages', choicesOf(LIFECYCLE_STAGES)),
  },
  {
    field: 'clvMinor',
    group: 'Predictions',
    label: 'Predicted lifetime value',
    description: 'Expected future spend (CLV model), in the programme currency.',
    operators: rangeOperators('money'),
  },
  {
    field: 'pAlive',
    group: 'Predictions',
    label: 'Chance still active',
    description: 'Probability (0 to 1) that the customer is still buying, from the CLV model.',
    operators: rangeOperators('probability'),
  },
  {
    field: 'createdAt',
    group: 'Profile',
    label: 'Joined',
    description: 'The day the customer joined the programme.',
    operators: dateOperators,
  },
  {
    field: 'birthdayMonth',
    group: 'Profile',
    label: 'Birthday month',
    description: 'The month of the customer’s birthday, when known.',
    operators: someOf('Months', MONTHS),
  },
  {
    field: 'attribute',
    group: 'Profile',
    label: 'Custom attribute',
    description: 'A value from the customer’s own attributes, by name.',
    operators: [
      attributeOperator('eq', 'equals', 'attributeValue'),
      attributeOperator('neq', 'does not equal', 'attributeValue'),
      attributeOperator('gt', 'is more than', 'attributeValue'),
      attributeOperator('gte', 'is at least', 'attributeValue'),
      attributeOperator('lt', 'is less than', 'attributeValue'),
      attributeOperator('lte', 'is at most', 'attributeValue'),
      attributeOperator('in', 'is any of', 'attributeValues'),
      {
        op: 'exists',
        label: 'is set',
        fixed: { op: 'exists' },
        inputs: [{ key: 'key', label: 'Attribute', type: 'text' }],
      },
    ],
  },
  {
    field: 'consent',
    group: 'Consent',
    label: 'Marketing consent',
    description: 'Whether the customer agreed to marketing on a channel.',
    operators: [true, false].map((granted) => ({
      op: granted ? 'granted' : 'notGranted',
      label: granted ? 'is granted for' : 'is not granted for',
      fixed: { granted },
      inputs: [
        {
          key: 'channel',
          label: 'Channel',
          type: 'oneOf' as const,
          choices: choicesOf(CONSENT_CHANNELS),
        },
      ],
    })),
  },
  {
    field: 'segment',
    group: 'Segments',
    label: 'Segment membership',
    description:
      'Whether the customer is in other segments now: a dynamic segment by its current definition, a static list by its members.',
    operators: [
      {
        op: 'in',
        label: 'is in any of',
        inputs: [{ key: 'in', label: 'Segments', type: 'segments' }],
      },
      {
        op: 'notIn',
        label: 'is in none of',
        inputs: [{ key: 'notIn', label: 'Segments', type: 'segments' }],
      },
    ],
  },
];
