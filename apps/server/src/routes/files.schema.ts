import { problems } from '../http/shared-schemas';
import { formParams } from './params.schema';

export { formParams };

export const fileParams = {
  type: 'object',
  properties: { id: { type: 'string', pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' } },
  required: ['id'],
} as const;

export const uploadQuery = {
  type: 'object',
  properties: {
    field: { type: 'string', maxLength: 130, pattern: '^[a-z][a-z0-9_-]{0,62}(\\.[a-z][a-z0-9_-]{0,62})?$', description: 'The file field: `photos`, or `items.photo` for a subtable column' },
  },
  required: ['field'],
  additionalProperties: false,
} as const;

/** A stored file as a record's file value holds it (`FileRef`), plus whether a thumbnail exists. */
export const uploadedFile = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    size: { type: 'integer' },
    mime: { type: 'string', description: 'The type found in the content' },
    field: { type: 'string' },
    hasThumbnail: { type: 'boolean' },
  },
  required: ['id', 'name', 'size', 'mime', 'field', 'hasThumbnail'],
} as const;

export const binary = (description: string) => ({ description, type: 'string', format: 'binary' }) as const;
export const uploadProblems = problems(400, 401, 403, 404, 409, 413, 415);
export const downloadProblems = problems(400, 401, 404);
