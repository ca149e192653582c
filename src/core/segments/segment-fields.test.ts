import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SEGMENT_FIELDS, type FieldInput, type FieldOperator } from './segment-fields.js';
import { SegmentLeafSchema } from './segments.js';

type LeafObject = z.ZodObject<Record<string, z.ZodType>>;
const leafSchemas = SegmentLeafSchema.options as unknown as LeafObject[];
const fieldOf = (schema: LeafObject) => (schema.shape.field as z.ZodLiteral<string>).value;
const schemaFor = (field: string) => leafSchemas.find((s) => fieldOf(s) === field)!;

/** A value the definition accepts for an input of this type. */
const sample = (input: FieldInput): unknown => {
  switch (input.type) {
    case 'money':
      return 12_345;
    case 'integer':
      return 3;
    case 'probability':
      return 0.5;
    case 'days':
      return 90;
    case 'date':
      return '2026-01-31';
    case 'text':
      return 'favourite_colour';
    case 'attributeValue':
      return 5;
    case 'attributeValues':
      return ['red', 'blue'];
    case 'oneOf':
      return input.choices![0]!.value;
    case 'someOf':
      return input.choices!.map((c) => c.value);
    case 'tiers':
      return ['gold', null];
    case 'segments':
      return ['seg_01JD3Q4X5Y6Z7A8B9C0D1E2F3G'];
  }
};

const leafOf = (field: string, operator: FieldOperator) => ({
  field,
  ...operator.fixed,
  ...Object.fromEntries(operator.inputs.map((i) => [i.key, sample(i)])),
});

describe('the segment field catalogue against the definition schema', () => {
  it('offers every leaf field the schema accepts, and no other', () => {
    const offered = SEGMENT_FIELDS.map((f) => f.field).sort();
    expect(offered).toEqual(leafSchemas.map(fieldOf).sort());
    expect(new Set(offered).size).toBe(offered.length);
  });

  it.each(SEGMENT_FIELDS.map((f) => [f.field, f] as const))(
    '%s: its operators set every property of the leaf, and only those',
    (field, info) => {
      const properties = Object.keys(schemaFor(field).shape)
        .filter((k) => k !== 'field')
        .sort();
      const set = new Set<string>();
      for (const operator of info.operators) {
        for (const input of operator.inputs) set.add(input.key);
        for (const key of Object.keys(operator.fixed ?? {})) set.add(key);
      }
      expect([...set].sort()).toEqual(properties);
    },
  );

  it.each(SEGMENT_FIELDS.flatMap((f) => f.operators.map((o) => [f.field, o.op, o] as const)))(
    '%s %s: a leaf built from its inputs is a valid definition leaf',
    (field, _op, operator) => {
      const result = SegmentLeafSchema.safeParse(leafOf(field, operator));
      expect(result.error?.issues ?? []).toEqual([]);
    },
  );

  it('names each operator once per field', () => {
    for (const info of SEGMENT_FIELDS) {
      const ops = info.operators.map((o) => o.op);
      expect(new Set(ops).size, info.field).toBe(ops.length);
    }
  });

  it('offers exactly the values each choice list of the schema accepts', () => {
    for (const info of SEGMENT_FIELDS) {
      for (const operator of info.operators) {
        for (const input of operator.inputs) {
          if (!input.choices) continue;
          const values = input.choices.map((c) => c.value);
          const leaf = (value: unknown) =>
            SegmentLeafSchema.safeParse({
              ...leafOf(info.field, operator),
              [input.key]: input.type === 'someOf' ? [value] : value,
            }).success;
          for (const value of values) expect(leaf(value), `${info.field} ${value}`).toBe(true);
          const enumOf = (schema: z.ZodType): readonly unknown[] | null => {
            if (schema instanceof z.ZodArray) return enumOf(schema.element as z.ZodType);
            if (schema instanceof z.ZodEnum) return schema.options;
            return null;
          };
          const allowed = enumOf(schemaFor(info.field).shape[input.key]!);
          // An enum is compared value for value; a numeric list (months) is probed at its edges.
          if (allowed) expect([...values].sort()).toEqual([...allowed].sort());
          else {
            const numbers = values as number[];
            expect(leaf(Math.min(...numbers) - 1)).toBe(false);
            expect(leaf(Math.max(...numbers) + 1)).toBe(false);
          }
        }
      }
    }
  });
});
