import { VIEW_LAYOUTS } from '@tangram/schema';
import { problems } from '../http/shared-schemas';
import { formParams, keyPattern } from './params.schema';
import { listQuery } from './records.schema';

const key = { type: 'string', pattern: keyPattern } as const;
const name = {
  type: 'object',
  description: 'The view\'s name in one or both languages (a name typed once is kept as typed)',
  properties: { 'zh-CN': { type: 'string', minLength: 1, maxLength: 100 }, en: { type: 'string', minLength: 1, maxLength: 100 } },
  minProperties: 1,
  additionalProperties: false,
} as const;

const viewProperties = {
  name,
  shared: { type: 'boolean', description: 'Visible to every reader of the form; needs the app permission `shareViews`' },
  filter: { type: ['object', 'null'], description: 'json-logic condition, checked like a list filter' },
  sort: { anyOf: [listQuery.properties.sort, { type: 'null' }] },
  columns: { type: 'array', items: { type: 'string', maxLength: 64 }, maxItems: 200 },
  layout: { type: 'string', enum: VIEW_LAYOUTS },
  groupBy: { anyOf: [key, { type: 'null' }], description: 'A single-select field; required for a kanban layout' },
} as const;

export const newViewBody = {
  type: 'object',
  properties: viewProperties,
  required: ['name'],
  additionalProperties: false,
} as const;

export const viewChangeBody = { type: 'object', properties: viewProperties, minProperties: 1, additionalProperties: false } as const;

export const viewParams = {
  type: 'object',
  properties: { ...formParams.properties, id: { type: 'string', pattern: '^[1-9][0-9]{0,17}$' } },
  required: ['app', 'form', 'id'],
} as const;

export const viewResponse = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'object', properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } } },
    shared: { type: 'boolean' },
    ownerId: { type: 'string' },
    mine: { type: 'boolean', description: 'The caller owns the view (and so may change it)' },
    filter: { type: ['object', 'null'], additionalProperties: true },
    sort: { type: ['string', 'null'] },
    columns: { type: 'array', items: { type: 'string' } },
    layout: { type: 'string', enum: VIEW_LAYOUTS },
    groupBy: { type: ['string', 'null'] },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
  },
  required: ['id', 'name', 'shared', 'ownerId', 'mine', 'filter', 'sort', 'columns', 'layout', 'groupBy', 'createdAt', 'updatedAt'],
} as const;

export const viewList = {
  type: 'object',
  properties: { items: { type: 'array', items: viewResponse }, canShare: { type: 'boolean', description: 'The caller may share views' } },
  required: ['items', 'canShare'],
} as const;
export const viewProblems = problems(400, 401, 403, 404, 413, 415);
