import { DASHBOARD_DATE_PRESETS } from '../report';
import { idSchema, keySchema, localizedTextSchema } from './common.schema';
import { reportDefinitionSchema } from './report.schema';

const fieldFilter = {
  type: 'object',
  properties: { field: { type: 'string', pattern: '^[a-zA-Z][a-zA-Z0-9_]*$', maxLength: 63 } },
  required: ['field'],
  additionalProperties: false,
} as const;

const { $id: _id, title: _title, ...inlineReport } = reportDefinitionSchema;

export const dashboardDefinitionSchema = {
  $id: 'https://tangram.dev/schemas/dashboard-definition.json',
  title: 'DashboardDefinition',
  type: 'object',
  properties: {
    schemaVersion: { const: 1 },
    key: keySchema,
    title: localizedTextSchema,
    filters: {
      type: 'object',
      properties: {
        dateRange: {
          type: 'object',
          properties: { field: fieldFilter.properties.field, default: { enum: DASHBOARD_DATE_PRESETS } },
          required: ['field'],
          additionalProperties: false,
        },
        orgUnit: fieldFilter,
        channel: fieldFilter,
        owner: fieldFilter,
      },
      additionalProperties: false,
    },
    layout: {
      type: 'array',
      maxItems: 24,
      items: {
        type: 'object',
        properties: {
          id: idSchema,
          report: inlineReport,
          reportKey: keySchema,
          x: { type: 'integer', minimum: 0, maximum: 11 },
          y: { type: 'integer', minimum: 0, maximum: 1000 },
          w: { type: 'integer', minimum: 1, maximum: 12 },
          h: { type: 'integer', minimum: 1, maximum: 24 },
        },
        required: ['id', 'x', 'y', 'w', 'h'],
        additionalProperties: false,
      },
    },
    roles: { type: 'array', items: keySchema, uniqueItems: true },
  },
  required: ['schemaVersion', 'key', 'title', 'layout'],
  additionalProperties: false,
} as const;
