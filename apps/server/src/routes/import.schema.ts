import { problems } from '../http/shared-schemas';
import { keyPattern, recordIdPattern } from './params.schema';

const key = { type: 'string', pattern: keyPattern } as const;

export const importParams = {
  type: 'object',
  properties: { app: key, form: key, id: { type: 'string', pattern: recordIdPattern } },
  required: ['app', 'form', 'id'],
} as const;

/** column index (as text) -> field key, or null to leave the column out. */
export const mappingSchema = {
  type: 'object',
  propertyNames: { pattern: '^(0|[1-9][0-9]{0,3})$' },
  additionalProperties: { anyOf: [{ type: 'string', pattern: keyPattern }, { type: 'null' }] },
  maxProperties: 500,
} as const;

export const previewBody = {
  type: 'object',
  properties: { mapping: mappingSchema },
  required: ['mapping'],
  additionalProperties: false,
} as const;

export const startBody = {
  type: 'object',
  properties: {
    mapping: mappingSchema,
    onDuplicate: { type: 'string', enum: ['skip', 'update', 'create'] },
    matchField: { anyOf: [{ type: 'string', pattern: keyPattern }, { type: 'null' }] },
  },
  required: ['mapping', 'onDuplicate'],
  additionalProperties: false,
} as const;

const progress = {
  type: 'object',
  properties: {
    total: { type: 'integer' }, processed: { type: 'integer' }, created: { type: 'integer' }, updated: { type: 'integer' },
    skipped: { type: 'integer' }, rejected: { type: 'integer' },
  },
} as const;

const column = {
  type: 'object',
  properties: { index: { type: 'integer' }, label: { type: 'string' }, group: { type: 'string' } },
  required: ['index', 'label'],
} as const;

const previewRow = {
  type: 'object',
  properties: {
    row: { type: 'integer' },
    cells: { type: 'array', items: {} },
    data: { anyOf: [{ type: 'object', additionalProperties: true }, { type: 'null' }] },
    problems: {
      type: 'array',
      items: {
        type: 'object',
        properties: { column: { type: ['integer', 'null'] }, field: { type: ['string', 'null'] }, code: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
} as const;

export const importJobResponse = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    status: { type: 'string', enum: ['draft', 'queued', 'running', 'done', 'failed'] },
    fileName: { type: 'string' },
    totalRows: { type: 'integer' },
    columns: { type: 'array', items: column },
    mapping: { type: 'object', additionalProperties: { type: ['string', 'null'] } },
    onDuplicate: { type: ['string', 'null'] },
    matchField: { type: ['string', 'null'] },
    progress,
    error: { type: ['string', 'null'] },
    createdAt: { type: 'string' },
    finishedAt: { type: ['string', 'null'] },
  },
} as const;

export const uploadResponse = {
  type: 'object',
  properties: {
    ...importJobResponse.properties,
    fields: {
      type: 'array',
      items: {
        type: 'object',
        properties: { key: { type: 'string' }, kind: { type: 'string' }, label: { type: 'object', additionalProperties: { type: 'string' } }, required: { type: 'boolean' }, unique: { type: 'boolean' } },
      },
    },
    preview: { type: 'array', items: previewRow },
  },
} as const;

export const previewResponse = { type: 'object', properties: { preview: { type: 'array', items: previewRow } } } as const;

export const importProblems = problems(400, 401, 403, 404, 409, 413, 415, 422);
