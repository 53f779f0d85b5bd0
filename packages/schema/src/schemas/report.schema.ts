import { CHART_KINDS, REPORT_BUCKETS, REPORT_MEASURE_FNS, REPORT_ROLLUPS } from '../report';
import { jsonLogicSchema, keySchema, localizedTextSchema } from './common.schema';

/** A field key or a system column (`createdAt`, `ownerId`, …): camelCase is allowed for the latter. */
const fieldNameSchema = { type: 'string', pattern: '^[a-zA-Z][a-zA-Z0-9_]*$', maxLength: 63 } as const;

export const reportDefinitionSchema = {
  $id: 'https://tangram.dev/schemas/report-definition.json',
  title: 'ReportDefinition',
  type: 'object',
  properties: {
    schemaVersion: { const: 1 },
    key: keySchema,
    title: localizedTextSchema,
    source: {
      type: 'object',
      properties: {
        form: keySchema,
        funnel: {
          type: 'object',
          properties: {
            field: keySchema,
            stages: { type: 'array', minItems: 2, maxItems: 12, items: { type: 'string', minLength: 1, maxLength: 200 } },
          },
          required: ['field', 'stages'],
          additionalProperties: false,
        },
      },
      required: ['form'],
      additionalProperties: false,
    },
    filter: jsonLogicSchema,
    dimensions: {
      type: 'array',
      maxItems: 3,
      items: {
        type: 'object',
        properties: {
          key: keySchema,
          field: fieldNameSchema,
          bucket: { enum: REPORT_BUCKETS },
          rollup: { enum: REPORT_ROLLUPS },
        },
        required: ['field'],
        additionalProperties: false,
      },
    },
    measures: {
      type: 'array',
      maxItems: 12,
      items: {
        type: 'object',
        properties: {
          key: keySchema,
          fn: { enum: REPORT_MEASURE_FNS },
          field: fieldNameSchema,
          label: localizedTextSchema,
          ratio: {
            type: 'object',
            properties: { numerator: jsonLogicSchema },
            required: ['numerator'],
            additionalProperties: false,
          },
          compare: { const: 'previousPeriod' },
        },
        required: ['key', 'fn'],
        additionalProperties: false,
      },
    },
    sort: {
      type: 'array',
      maxItems: 6,
      items: {
        type: 'object',
        properties: { key: keySchema, dir: { enum: ['asc', 'desc'] } },
        required: ['key', 'dir'],
        additionalProperties: false,
      },
    },
    limit: { type: 'integer', minimum: 1, maximum: 1000 },
    others: { type: 'boolean' },
    chart: {
      type: 'object',
      properties: {
        kind: { enum: CHART_KINDS },
        options: {
          type: 'object',
          properties: {
            x: keySchema,
            series: keySchema,
            stacked: { type: 'boolean' },
            goal: { type: 'number' },
            labels: { type: 'boolean' },
          },
          additionalProperties: false,
        },
      },
      required: ['kind'],
      additionalProperties: false,
    },
  },
  required: ['schemaVersion', 'key', 'source', 'dimensions', 'measures', 'chart'],
  additionalProperties: false,
} as const;
