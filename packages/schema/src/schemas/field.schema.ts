import { FIELD_KINDS } from '../field';
import { COLOR_PATTERN, DECIMAL_PATTERN, idSchema, jsonLogicSchema, keySchema, localizedTextSchema } from './common.schema';

/** Options every field kind accepts (see `FieldBase`). */
const fieldBaseProperties = {
  id: idSchema,
  key: keySchema,
  label: localizedTextSchema,
  help: localizedTextSchema,
  required: { type: 'boolean' },
  unique: { type: 'boolean' },
  default: {},
  visibleIf: jsonLogicSchema,
  readOnlyIf: jsonLogicSchema,
} as const;

const count = { type: 'integer', minimum: 0 } as const;

/** One `oneOf` branch: the base options plus the kind's own, nothing else. */
function branch(kinds: readonly string[], properties: Record<string, unknown> = {}, required: readonly string[] = []) {
  return {
    type: 'object',
    properties: { ...fieldBaseProperties, kind: kinds.length === 1 ? { const: kinds[0] } : { enum: kinds }, ...properties },
    required: ['id', 'key', 'kind', 'label', ...required],
    additionalProperties: false,
  } as const;
}

const selectOptionSchema = {
  type: 'object',
  properties: {
    value: { type: 'string', minLength: 1, maxLength: 200 },
    label: localizedTextSchema,
    color: { type: 'string', pattern: COLOR_PATTERN },
  },
  required: ['value', 'label'],
  additionalProperties: false,
} as const;

/** Each branch keyed by the kinds it covers; the record is checked exhaustive against FIELD_KINDS below. */
const fieldBranches = [
  branch(['text', 'textarea'], { minLength: count, maxLength: count, pattern: { type: 'string', minLength: 1, maxLength: 1000 } }),
  branch(['number', 'percent'], { min: { type: 'number' }, max: { type: 'number' }, decimals: { type: 'integer', minimum: 0, maximum: 10 } }),
  branch(['money'], {
    currency: { type: 'string', pattern: '^[A-Z]{3}$' },
    min: { type: 'string', pattern: DECIMAL_PATTERN },
    max: { type: 'string', pattern: DECIMAL_PATTERN },
    decimals: { type: 'integer', minimum: 0, maximum: 6 },
  }),
  branch(['date'], { min: { type: 'string', format: 'date' }, max: { type: 'string', format: 'date' } }),
  branch(['datetime'], { min: { type: 'string', format: 'date-time' }, max: { type: 'string', format: 'date-time' } }),
  branch(['select', 'multiselect'], { options: { type: 'array', minItems: 1, maxItems: 500, items: selectOptionSchema }, minItems: count, maxItems: count }, ['options']),
  branch(['checkbox', 'yesno']),
  branch(['phone'], { region: { enum: ['cn-mobile', 'international', 'any'] } }),
  branch(['email']),
  branch(['url']),
  branch(['user'], { multiple: { type: 'boolean' } }),
  branch(['orgunit']),
  branch(['relation'], { form: keySchema, multiple: { type: 'boolean' }, displayField: keySchema }, ['form']),
  branch(['subtable'], { fields: { type: 'array', minItems: 1, items: { $ref: '#/$defs/field' } }, minRows: count, maxRows: count }, ['fields']),
  branch(['formula'], { expr: jsonLogicSchema, resultKind: { enum: ['number', 'money', 'text', 'boolean', 'date'] } }, ['expr', 'resultKind']),
  branch(['autonumber'], { pattern: { type: 'string', minLength: 1, maxLength: 200 } }, ['pattern']),
  branch(['file'], {
    accept: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 100 }, uniqueItems: true },
    maxFiles: { type: 'integer', minimum: 1, maximum: 100 },
    maxSizeMb: { type: 'number', exclusiveMinimum: 0, maximum: 1024 },
    image: { type: 'boolean' },
  }),
  branch(['rating'], { max: { type: 'integer', minimum: 1, maximum: 10 } }),
  branch(['region'], { depth: { enum: [1, 2, 3] } }),
] as const;

// A new kind in FIELD_KINDS without a branch here fails at module load, in every test run.
{
  const covered = new Set<string>(fieldBranches.flatMap((b) => ('const' in b.properties.kind ? [b.properties.kind.const as string] : b.properties.kind.enum)));
  const missing = FIELD_KINDS.filter((k) => !covered.has(k));
  if (missing.length > 0) throw new Error(`field.schema: no schema branch for kinds ${missing.join(', ')}`);
}

/** One field, as used inside the form schema through `$defs.field` (subtables nest fields by that `$ref`). */
export const fieldDefinition = {
  type: 'object',
  discriminator: { propertyName: 'kind' },
  properties: { kind: { type: 'string' } },
  required: ['kind'],
  oneOf: fieldBranches,
} as const;

/** One field as a standalone schema (its own `$defs.field`, so the subtable `$ref` resolves). */
export const fieldSchema = {
  $id: 'https://tangram.dev/schemas/field.json',
  title: 'Field',
  ...fieldDefinition,
  $defs: { field: fieldDefinition },
} as const;
