/**
 * JSON Schemas shared by many routes, registered once by `$id` and referenced as `{ $ref: 'Problem#' }`.
 * They also become the `components.schemas` of the OpenAPI document.
 */
export const localizedTextSchema = {
  $id: 'LocalizedText',
  type: 'object',
  properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } },
  additionalProperties: false,
} as const;

export const problemSchema = {
  $id: 'Problem',
  type: 'object',
  description: 'RFC 9457 problem document; `code` is stable, `title`/`detail`/`message` follow Accept-Language.',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string' },
    detail: { type: 'string' },
    currentVersion: { type: 'integer' },
    warnings: {
      type: 'array',
      items: {
        type: 'object',
        properties: { path: { type: 'string' }, code: { type: 'string' }, checkId: { type: 'string' }, message: { type: 'string' }, fields: { type: 'array', items: { type: 'string' } } },
      },
    },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          path: { type: 'string' },
          code: { type: 'string' },
          message: { type: 'string' },
          params: { type: 'object', additionalProperties: true },
        },
        required: ['path', 'code', 'message'],
      },
    },
  },
  required: ['type', 'title', 'status', 'code', 'detail'],
} as const;

export const userSchema = {
  $id: 'User',
  type: 'object',
  properties: {
    id: { type: 'string' },
    email: { type: 'string' },
    name: { type: 'string' },
    locale: { type: 'string', enum: ['zh-CN', 'en'] },
    isAdmin: { type: 'boolean' },
    disabled: { type: 'boolean' },
  },
  required: ['id', 'email', 'name', 'locale', 'isAdmin', 'disabled'],
} as const;

export const recordSchema = {
  $id: 'Record',
  type: 'object',
  properties: {
    id: { type: 'string' },
    app: { type: 'string' },
    form: { type: 'string' },
    formVersion: { type: 'integer' },
    data: { type: 'object', additionalProperties: true },
    ownerId: { type: ['string', 'null'] },
    orgUnitId: { type: ['string', 'null'] },
    createdBy: { type: ['string', 'null'] },
    createdAt: { type: 'string' },
    updatedBy: { type: ['string', 'null'] },
    updatedAt: { type: 'string' },
    version: { type: 'integer' },
    deletedAt: { type: ['string', 'null'] },
  },
  required: ['id', 'app', 'form', 'formVersion', 'data', 'version'],
} as const;

export const recordPageSchema = {
  $id: 'RecordPage',
  type: 'object',
  properties: {
    items: { type: 'array', items: { $ref: 'Record#' } },
    nextCursor: { type: ['string', 'null'] },
    total: { type: 'integer' },
  },
  required: ['items', 'nextCursor', 'total'],
} as const;

export const appSchema = {
  $id: 'App',
  type: 'object',
  properties: {
    id: { type: 'string' },
    schemaVersion: { type: 'integer' },
    key: { type: 'string' },
    name: { $ref: 'LocalizedText#' },
    description: { $ref: 'LocalizedText#' },
    icon: { type: 'string' },
    color: { type: 'string' },
  },
  required: ['key', 'name'],
} as const;

export const definitionVersionSchema = {
  $id: 'DefinitionVersion',
  type: 'object',
  properties: {
    id: { type: 'string' },
    app: { type: 'string' },
    kind: { type: 'string' },
    key: { type: 'string' },
    version: { type: 'integer' },
    status: { type: 'string', enum: ['draft', 'published'] },
    body: { type: 'object', additionalProperties: true },
    note: { type: 'string' },
    author: { type: ['string', 'null'] },
    createdAt: { type: 'string' },
  },
  required: ['id', 'app', 'kind', 'key', 'version', 'status', 'body'],
} as const;

export const orgUnitSchema = {
  $id: 'OrgUnit',
  type: 'object',
  properties: {
    id: { type: 'string' },
    parentId: { type: ['string', 'null'] },
    kind: { type: 'string', enum: ['hq', 'region', 'store'] },
    name: { $ref: 'LocalizedText#' },
  },
  required: ['id', 'parentId', 'kind', 'name'],
} as const;

export const SHARED_SCHEMAS = [
  localizedTextSchema, problemSchema, userSchema, recordSchema, recordPageSchema, appSchema,
  definitionVersionSchema, orgUnitSchema,
] as const;

export const problemRef = { $ref: 'Problem#' } as const;

/** Problem responses for the given statuses, for a route's `response` block. */
export function problems(...statuses: readonly number[]): Record<number, typeof problemRef> {
  return Object.fromEntries(statuses.map((s) => [s, problemRef]));
}
