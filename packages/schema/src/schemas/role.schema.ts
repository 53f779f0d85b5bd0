import { FORM_ACTIONS } from '../identity';
import { jsonLogicSchema, keySchema, localizedTextSchema } from './common.schema';

const rowScopeSchema = {
  type: 'object',
  discriminator: { propertyName: 'kind' },
  properties: { kind: { type: 'string' } },
  required: ['kind'],
  oneOf: [
    { type: 'object', properties: { kind: { const: 'all' } }, required: ['kind'], additionalProperties: false },
    { type: 'object', properties: { kind: { const: 'orgUnitTree' } }, required: ['kind'], additionalProperties: false },
    { type: 'object', properties: { kind: { const: 'mine' } }, required: ['kind'], additionalProperties: false },
    {
      type: 'object',
      properties: { kind: { const: 'condition' }, condition: jsonLogicSchema },
      required: ['kind', 'condition'],
      additionalProperties: false,
    },
  ],
} as const;

const formGrantSchema = {
  type: 'object',
  properties: {
    form: keySchema,
    actions: { type: 'array', items: { enum: FORM_ACTIONS }, uniqueItems: true },
    scope: rowScopeSchema,
    fieldRules: {
      type: 'array',
      items: {
        type: 'object',
        properties: { field: keySchema, access: { enum: ['hidden', 'readOnly'] } },
        required: ['field', 'access'],
        additionalProperties: false,
      },
    },
    deniedValues: {
      type: 'array',
      items: {
        type: 'object',
        properties: { field: keySchema, values: { type: 'array' } },
        required: ['field', 'values'],
        additionalProperties: false,
      },
    },
  },
  required: ['form', 'actions', 'scope'],
  additionalProperties: false,
} as const;

export const roleDefinitionSchema = {
  $id: 'https://tangram.dev/schemas/role-definition.json',
  title: 'RoleDefinition',
  type: 'object',
  properties: {
    schemaVersion: { const: 1 },
    key: keySchema,
    name: localizedTextSchema,
    appPermissions: { type: 'array', items: { enum: ['design', 'manageMembers', 'shareViews'] }, uniqueItems: true },
    grants: { type: 'array', items: formGrantSchema },
  },
  required: ['schemaVersion', 'key', 'name', 'grants'],
  additionalProperties: false,
} as const;
