export { MAX_COMMENT_LENGTH } from '@tangram/store';

/** One entry of a record's history: a change (diff of field -> [before, after]) or a comment. */
export const recordEventSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' }, recordId: { type: 'string' },
    kind: { type: 'string', enum: ['created', 'updated', 'deleted', 'restored', 'resubmitted', 'commented'] },
    actorId: { type: ['string', 'null'] }, via: { type: 'string' },
    diff: { type: 'object', additionalProperties: true, description: 'field key -> [before, after]; `ownerId` for an owner change' },
    comment: { type: ['string', 'null'], description: 'The text of a `commented` event' },
    at: { type: 'string' },
  },
  required: ['id', 'recordId', 'kind', 'actorId', 'via', 'diff', 'comment', 'at'],
} as const;
