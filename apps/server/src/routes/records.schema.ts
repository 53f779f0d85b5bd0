import { problems } from '../http/shared-schemas';
import { formParams, recordParams } from './params.schema';

export { formParams, recordParams };

const recordData = { type: 'object', additionalProperties: true, description: 'Field values by field key' } as const;
const warningKeys = { type: 'array', items: { type: 'string', maxLength: 200 }, maxItems: 100 } as const;

export const newRecordBody = {
  type: 'object',
  properties: {
    data: recordData,
    ownerId: { type: 'string', minLength: 1, maxLength: 64 },
    orgUnitId: { type: 'string', minLength: 1, maxLength: 64 },
    confirmedWarnings: warningKeys,
  },
  required: ['data'],
  additionalProperties: false,
} as const;

export const MAX_BATCH = 1000;
export const BATCH_BODY_LIMIT = 8 * 1024 * 1024;

export const batchBody = {
  type: 'object',
  properties: { records: { type: 'array', items: newRecordBody, minItems: 1, maxItems: MAX_BATCH } },
  required: ['records'],
  additionalProperties: false,
} as const;

export const patchBody = {
  type: 'object',
  properties: {
    version: { type: 'integer', minimum: 1 },
    data: recordData,
    ownerId: { type: 'string', minLength: 1, maxLength: 64, description: 'Hand the record to this user (needs `assign` unless it is the caller)' },
    confirmedWarnings: warningKeys,
  },
  required: ['version', 'data'],
  additionalProperties: false,
} as const;

export const bulkBody = {
  type: 'object',
  properties: {
    filter: { description: 'json-logic condition; required and not empty. Selected rows: `{"in": [{"var": "id"}, ["12", "15"]]}`' },
    data: recordData,
    ownerId: { type: 'string', minLength: 1, maxLength: 64, description: 'bulk-update only: hand the rows to this user (needs `assign` unless it is the caller)' },
  },
  required: ['filter'],
  additionalProperties: false,
} as const;

export const listQuery = {
  type: 'object',
  properties: {
    filter: { type: 'string', maxLength: 16384, description: 'json-logic condition as JSON text' },
    sort: { type: 'string', maxLength: 500, pattern: '^[-+]?[A-Za-z$][A-Za-z0-9_.$]*(,[-+]?[A-Za-z$][A-Za-z0-9_.$]*)*$', description: 'e.g. -createdAt,name' },
    limit: { type: 'integer', minimum: 1, maximum: 500 },
    cursor: { type: 'string', maxLength: 2000 },
    includeDeleted: { type: 'boolean' },
  },
  additionalProperties: false,
} as const;

export const idempotencyHeaders = {
  type: 'object',
  properties: {
    'idempotency-key': {
      type: 'string', minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7e][\\x20-\\x7e]*$',
      description: '1–200 printable ASCII characters, chosen by the client per submission (a UUID works)',
    },
  },
} as const;

export const recordResponse = { $ref: 'Record#' } as const;
export const writeProblems = problems(400, 401, 403, 404, 409, 413, 415, 422);
export const readProblems = problems(400, 401, 403, 404);
