import { definitionBody } from './params.schema';

const fieldName = { type: 'string', pattern: '^[a-zA-Z][a-zA-Z0-9_]*$', maxLength: 63 } as const;
const day = { type: 'string', maxLength: 10, description: 'YYYY-MM-DD (Asia/Shanghai)' } as const;
const shortList = { type: 'array', maxItems: 200, items: { type: 'string', minLength: 1, maxLength: 200 } } as const;

/** The dashboard's global filter values (ReportFilterValues); days are checked by engine-report (422 with a path). */
export const reportFilters = {
  type: 'object',
  properties: {
    dateRange: { type: 'object', properties: { field: fieldName, from: day, to: day }, required: ['field', 'from', 'to'], additionalProperties: false },
    orgUnit: { type: 'object', properties: { field: fieldName, id: { type: 'string', minLength: 1, maxLength: 64 } }, required: ['field', 'id'], additionalProperties: false },
    channel: { type: 'object', properties: { field: fieldName, values: shortList }, required: ['field', 'values'], additionalProperties: false },
    owner: { type: 'object', properties: { field: fieldName, users: shortList }, required: ['field', 'users'], additionalProperties: false },
  },
  additionalProperties: false,
} as const;

const reportSelection = {
  report: { ...definitionBody, description: 'An inline ReportDefinition (docs/reports.md); problems -> 422 with paths under /report' },
  reportKey: { type: 'string', pattern: '^[a-z][a-z0-9_]*$', maxLength: 63, description: 'The key of a saved report definition, instead of `report`' },
  filters: reportFilters,
} as const;

export const runBody = { type: 'object', properties: reportSelection, additionalProperties: false } as const;

const cellValue = { type: ['string', 'number', 'boolean', 'null'], maxLength: 200 } as const;
export const drillBody = {
  type: 'object',
  properties: {
    ...reportSelection,
    cell: {
      type: 'object',
      properties: {
        values: { type: 'object', maxProperties: 3, additionalProperties: cellValue },
        stage: { type: 'string', minLength: 1, maxLength: 200 },
      },
      required: ['values'],
      additionalProperties: false,
    },
  },
  required: ['cell'],
  additionalProperties: false,
} as const;

const localized = { type: 'object', properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } } } as const;

export const reportResult = {
  type: 'object',
  properties: {
    columns: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          key: { type: 'string' },
          role: { enum: ['dimension', 'measure'] },
          kind: { enum: ['text', 'number', 'decimal', 'date', 'ratio', 'seconds'] },
          label: localized,
        },
        required: ['key', 'role', 'kind'],
      },
    },
    rows: { type: 'array', items: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean', 'null'] } } },
    meta: {
      type: 'object',
      properties: {
        form: { type: 'string' },
        groups: { type: 'integer' },
        others: { type: 'boolean' },
        previousPeriod: { type: 'object', properties: { from: { type: 'string' }, to: { type: 'string' } }, required: ['from', 'to'] },
        ignoredFilters: { type: 'array', items: { type: 'string' } },
        cached: { type: 'boolean' },
      },
      required: ['form', 'groups', 'others', 'ignoredFilters', 'cached'],
    },
  },
  required: ['columns', 'rows', 'meta'],
} as const;

export const drillResult = {
  type: 'object',
  properties: {
    form: { type: 'string' },
    filter: { description: 'json-logic for GET …/forms/:form/records?filter=' },
    truncated: { type: 'boolean', description: 'A funnel stage reached by more records than the filter names' },
  },
  required: ['form', 'filter', 'truncated'],
} as const;

export const dashboardParams = {
  type: 'object',
  properties: { app: { type: 'string', pattern: '^[a-z][a-z0-9_-]{0,62}$' }, key: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,62}$' } },
  required: ['app', 'key'],
} as const;

export const storedDashboard = {
  type: 'object',
  properties: { key: { type: 'string' }, dashboard: { type: 'object', additionalProperties: true }, updatedAt: { type: 'string' } },
  required: ['key', 'dashboard', 'updatedAt'],
} as const;

export const dashboardList = {
  type: 'object',
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: { key: { type: 'string' }, title: localized, roles: { type: 'array', items: { type: 'string' } }, updatedAt: { type: 'string' } },
        required: ['key', 'title', 'roles', 'updatedAt'],
      },
    },
  },
  required: ['items'],
} as const;
