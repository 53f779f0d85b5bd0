import { APP_KEY_PATTERN, COLOR_PATTERN, localizedTextSchema } from './common.schema';

export const appDefinitionSchema = {
  $id: 'https://tangram.dev/schemas/app-definition.json',
  title: 'AppDefinition',
  type: 'object',
  properties: {
    schemaVersion: { const: 1 },
    key: { type: 'string', pattern: APP_KEY_PATTERN, maxLength: 63 },
    name: localizedTextSchema,
    description: localizedTextSchema,
    icon: { type: 'string', minLength: 1, maxLength: 200 },
    color: { type: 'string', pattern: COLOR_PATTERN },
  },
  required: ['schemaVersion', 'key', 'name'],
  additionalProperties: false,
} as const;
