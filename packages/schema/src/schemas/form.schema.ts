import { idSchema, jsonLogicSchema, keySchema, localizedTextSchema } from './common.schema';
import { fieldDefinition } from './field.schema';

export const formDefinitionSchema = {
  $id: 'https://tangram.dev/schemas/form-definition.json',
  title: 'FormDefinition',
  type: 'object',
  properties: {
    schemaVersion: { const: 1 },
    key: keySchema,
    name: localizedTextSchema,
    description: localizedTextSchema,
    fields: { type: 'array', maxItems: 500, items: { $ref: '#/$defs/field' } },
    layout: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: idSchema,
          title: localizedTextSchema,
          columns: { enum: [1, 2, 3, 4] },
          fields: { type: 'array', items: keySchema },
        },
        required: ['id', 'fields'],
        additionalProperties: false,
      },
    },
    tabs: {
      type: 'array',
      // No tabs is said by leaving `tabs` out; an empty list would leave every section in none.
      minItems: 1,
      maxItems: 20,
      items: {
        type: 'object',
        properties: {
          id: idSchema,
          title: localizedTextSchema,
          sections: { type: 'array', items: idSchema },
        },
        required: ['id', 'title', 'sections'],
        additionalProperties: false,
      },
    },
    checks: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: idSchema,
          when: jsonLogicSchema,
          severity: { enum: ['block', 'warn'] },
          message: localizedTextSchema,
          fields: { type: 'array', items: keySchema },
        },
        required: ['id', 'when', 'severity', 'message'],
        additionalProperties: false,
      },
    },
  },
  required: ['schemaVersion', 'key', 'name', 'fields'],
  additionalProperties: false,
  $defs: { field: fieldDefinition },
} as const;
