/**
 * What the record page (customer 360) needs besides the record itself:
 *   POST …/records/:id/comments   a comment in the record's timeline (read access is enough)
 *   GET  …/records/:id/related    records pointing at it through relation fields, and those it points to
 */
import type { FastifyPluginAsync } from 'fastify';
import { ApiError } from '../errors';
import { problems } from '../http/shared-schemas';
import { actorOf } from '../plugins/auth';
import type { PublishedForms } from '../records/published-forms';
import { requireFormAction } from '../records/record-access';
import { incomingRelated, outgoingRelated } from '../records/related-records';
import { MAX_COMMENT_LENGTH, recordEventSchema } from './record-event.schema';
import { readProblems, recordParams } from './records.schema';

type RecordParams = { app: string; form: string; id: string };

const localized = { $ref: 'LocalizedText#' } as const;

export const record360Routes: FastifyPluginAsync<{ forms: PublishedForms }> = async (app, { forms }) => {
  app.post<{ Params: RecordParams; Body: { text: string } }>('/apps/:app/forms/:form/records/:id/comments', {
    schema: {
      tags: ['records'],
      summary: 'Comment on a record (shown in its timeline); anyone who may read the record may comment',
      params: recordParams,
      body: {
        type: 'object',
        properties: { text: { type: 'string', minLength: 1, maxLength: MAX_COMMENT_LENGTH, pattern: '\\S' } },
        required: ['text'],
        additionalProperties: false,
      },
      response: { 201: recordEventSchema, ...problems(400, 401, 403, 404, 415, 422) },
    },
  }, async (request, reply) => {
    const { app: appKey, form: formKey, id } = request.params;
    const { access, records } = await requireFormAction(app, forms, request, appKey, formKey, 'read');
    return reply.code(201).send(await records.comment(actorOf(request), access, id, request.body.text));
  });

  app.get<{ Params: RecordParams }>('/apps/:app/forms/:form/records/:id/related', {
    schema: {
      tags: ['records'],
      summary: 'Related records: per relation field of another form pointing here, the first 5 and the total the caller may see; and the records this one points to',
      params: recordParams,
      response: {
        200: {
          type: 'object',
          properties: {
            incoming: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  form: { type: 'string' }, formName: localized, field: { type: 'string' }, fieldLabel: localized,
                  multiple: { type: 'boolean' }, filter: { description: 'json-logic list filter' }, total: { type: 'integer' },
                  items: { type: 'array', items: { $ref: 'Record#' } },
                  fields: { type: 'array', items: { type: 'object', additionalProperties: true } },
                  canCreate: { type: 'boolean' },
                },
                required: ['form', 'formName', 'field', 'fieldLabel', 'multiple', 'filter', 'total', 'items', 'fields', 'canCreate'],
              },
            },
            outgoing: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  field: { type: 'string' }, form: { type: 'string' }, formName: localized,
                  items: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, label: { type: 'string' } }, required: ['id', 'label'] } },
                },
                required: ['field', 'form', 'formName', 'items'],
              },
            },
          },
          required: ['incoming', 'outgoing'],
        },
        ...readProblems,
      },
    },
  }, async (request) => {
    const { app: appKey, form: formKey, id } = request.params;
    const { user, access, records, form } = await requireFormAction(app, forms, request, appKey, formKey, 'read');
    const record = await records.get(access, id);
    if (!record) throw new ApiError('ERR_NOT_FOUND');
    const visible = { ...form.definition, fields: form.definition.fields.filter((f) => !access.hiddenFields.has(f.key)) };
    const [incoming, outgoing] = await Promise.all([
      incomingRelated(app.store, forms, user, appKey, formKey, id),
      outgoingRelated(app.store, forms, user, appKey, visible, record),
    ]);
    return { incoming, outgoing };
  });
};
