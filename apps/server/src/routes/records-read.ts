import type { FastifyPluginAsync } from 'fastify';
import { ApiError } from '../errors';
import { visibleRecord } from '../records/field-access';
import { toListQuery, type ListQueryString } from '../records/list-query';
import type { PublishedForms } from '../records/published-forms';
import { requireFormAction } from '../records/record-access';
import { recordEventSchema } from './record-event.schema';
import { recordIdPattern } from './params.schema';
import { formParams, listQuery, readProblems, recordParams, recordResponse } from './records.schema';

type FormParams = { app: string; form: string };
type RecordParams = FormParams & { id: string };

/** Lists, single records and history. Rows outside the caller's scope do not exist for them (404, never counted). */
export const recordReadRoutes: FastifyPluginAsync<{ forms: PublishedForms }> = async (app, { forms }) => {
  app.get<{ Params: FormParams; Querystring: ListQueryString }>('/apps/:app/forms/:form/records', {
    schema: {
      tags: ['records'],
      summary: 'List records: json-logic filter, multi-field sort, keyset pages, total of visible rows',
      params: formParams,
      querystring: listQuery,
      response: { 200: { $ref: 'RecordPage#' }, ...readProblems },
    },
  }, async (request) => {
    const { app: appKey, form: formKey } = request.params;
    const { access, records, form } = await requireFormAction(app, forms, request, appKey, formKey, 'read');
    if (request.query.includeDeleted && !access.actions.has('delete')) {
      throw new ApiError('ERR_FORBIDDEN', { errors: [{ path: '/query/includeDeleted', code: 'ERR_FORBIDDEN', params: { action: 'delete' } }] });
    }
    const page = await records.list(access, toListQuery(request.query, form.fieldKeys, access));
    return { ...page, items: page.items.map((r) => visibleRecord(access, r)) };
  });

  app.get<{ Params: FormParams }>('/apps/:app/forms/:form/access', {
    schema: {
      tags: ['records'],
      summary: 'What the caller may do in this form (actions, hidden and read-only fields), for clients to adapt',
      params: formParams,
      response: {
        200: {
          type: 'object',
          properties: {
            actions: { type: 'array', items: { type: 'string' } },
            hiddenFields: { type: 'array', items: { type: 'string' } },
            readOnlyFields: { type: 'array', items: { type: 'string' } },
            deniedValues: { type: 'object', additionalProperties: { type: 'array' } },
          },
          required: ['actions', 'hiddenFields', 'readOnlyFields', 'deniedValues'],
        },
        ...readProblems,
      },
    },
  }, async (request) => {
    const { access } = await requireFormAction(app, forms, request, request.params.app, request.params.form, 'read').catch(async (error: unknown) => {
      // A create-only user (a kiosk clerk) still needs to know what they may write.
      if (error instanceof ApiError && error.code === 'ERR_FORBIDDEN') return requireFormAction(app, forms, request, request.params.app, request.params.form, 'create');
      throw error;
    });
    return {
      actions: [...access.actions],
      hiddenFields: [...access.hiddenFields],
      readOnlyFields: [...access.readOnlyFields],
      deniedValues: Object.fromEntries(access.deniedValues),
    };
  });

  app.get<{ Params: RecordParams }>('/apps/:app/forms/:form/records/:id', {
    schema: { tags: ['records'], summary: 'One record', params: recordParams, response: { 200: recordResponse, ...readProblems } },
  }, async (request) => {
    const { app: appKey, form: formKey, id } = request.params;
    const { access, records } = await requireFormAction(app, forms, request, appKey, formKey, 'read');
    const record = await records.get(access, id);
    if (!record) throw new ApiError('ERR_NOT_FOUND');
    return visibleRecord(access, record);
  });

  app.get<{ Params: RecordParams; Querystring: { limit?: number; before?: string } }>('/apps/:app/forms/:form/records/:id/events', {
    schema: {
      tags: ['records'],
      summary: 'History of one record, changes and comments: all of it oldest first, or with `limit` a page newest first',
      description: 'With `limit`, items are newest first and `nextBefore` (an event id, or null on the last page) is passed back as `before` for the older ones.',
      params: recordParams,
      querystring: {
        type: 'object',
        properties: { limit: { type: 'integer', minimum: 1, maximum: 200 }, before: { type: 'string', pattern: recordIdPattern } },
        additionalProperties: false,
      },
      response: {
        200: {
          type: 'object',
          properties: { items: { type: 'array', items: recordEventSchema }, nextBefore: { type: ['string', 'null'] } },
          required: ['items'],
        },
        ...readProblems,
      },
    },
  }, async (request) => {
    const { app: appKey, form: formKey, id } = request.params;
    const { limit, before } = request.query;
    const { access, records } = await requireFormAction(app, forms, request, appKey, formKey, 'read');
    if (!(await records.get(access, id))) throw new ApiError('ERR_NOT_FOUND');
    const paged = limit !== undefined || before !== undefined;
    const size = limit ?? 50;
    const events = await records.events(access, id, paged ? { limit: size + 1, ...(before === undefined ? {} : { before }) } : undefined);
    // A hidden field's before/after values are as secret as the field itself.
    const items = events.slice(0, paged ? size : undefined).map((e) => ({ ...e, diff: Object.fromEntries(Object.entries(e.diff).filter(([k]) => !access.hiddenFields.has(k))) }));
    if (!paged) return { items };
    return { items, nextBefore: events.length > size ? items[items.length - 1]!.id : null };
  });
};
