import { idSchema, localizedTextSchema } from './common.schema';

export const orgUnitSchema = {
  $id: 'https://tangram.dev/schemas/org-unit.json',
  title: 'OrgUnit',
  type: 'object',
  properties: {
    id: idSchema,
    // One `type` list rather than `anyOf`, so a wrong value yields one problem, not three.
    parentId: { ...idSchema, type: ['string', 'null'] },
    kind: { enum: ['hq', 'region', 'store'] },
    name: localizedTextSchema,
  },
  required: ['id', 'parentId', 'kind', 'name'],
  additionalProperties: false,
} as const;
