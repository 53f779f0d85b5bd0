import type { FormDefinition, JsonLogic } from '@tangram/schema';
import type { FastifyPluginAsync } from 'fastify';
import { ApiError } from '../errors';
import { checkFileRefs } from '../files/file-refs';
import { problems } from '../http/shared-schemas';
import { actorOf } from '../plugins/auth';
import { forbiddenWrites, visibleRecord } from '../records/field-access';
import { checkRecordPermissions } from '../records/prepare-record';
import { checkBulkPatch } from '../records/bulk-patch';
import { evaluateForm } from '../records/form-engine';
import { parseFilter } from '../records/list-query';
import type { PublishedForms } from '../records/published-forms';
import { requireFormAction } from '../records/record-access';
import { bulkBody, formParams, patchBody, recordParams, recordResponse, writeProblems } from './records.schema';

type FormParams = { app: string; form: string };
type RecordParams = FormParams & { id: string };

/** Changes to stored records: patch with optimistic locking, soft delete and restore, bulk by filter. */
export const recordChangeRoutes: FastifyPluginAsync<{ forms: PublishedForms }> = async (app, { forms }) => {
  app.patch<{ Params: RecordParams; Body: { version: number; data: Record<string, unknown>; ownerId?: string; confirmedWarnings?: string[] } }>('/apps/:app/forms/:form/records/:id', {
    schema: {
      tags: ['records'],
      summary: 'Change fields (and the owner) of a record; send the version you read (409 ERR_RECORD_STALE with currentVersion when stale)',
      description: 'Handing the record to another user (`ownerId`) needs the `assign` action, as on create. File values must name files the caller uploaded for that field, or files the record already holds.',
      params: recordParams,
      body: patchBody,
      response: { 200: recordResponse, ...writeProblems },
    },
  }, async (request) => {
    const { app: appKey, form: formKey, id } = request.params;
    const { user, access, records, form } = await requireFormAction(app, forms, request, appKey, formKey, 'update');
    const { ownerId } = request.body;
    const forbidden = checkRecordPermissions(access, user, { data: request.body.data, ...(ownerId === undefined ? {} : { ownerId }) }, '');
    if (forbidden.length > 0) throw new ApiError('ERR_FORBIDDEN', { errors: forbidden });
    const current = await records.get(access, id);
    if (!current) throw new ApiError('ERR_NOT_FOUND');
    if (ownerId !== undefined && ownerId !== current.ownerId) {
      const owner = await app.store.identity.getUser(ownerId);
      if (!owner || owner.disabled) throw new ApiError('ERR_RECORD_INVALID', { errors: [{ path: '/ownerId', code: 'unknownUser', params: { id: ownerId } }] });
    }
    const files = await checkFileRefs(app.store, { app: appKey, form: form.definition, data: request.body.data, basePath: '/data', userId: user.id, recordId: current.id });
    if (files.problems.length > 0) throw new ApiError('ERR_RECORD_INVALID', { errors: files.problems });
    const result = evaluateForm(form.definition, files.data, {
      mode: 'update',
      previous: current.data,
      now: app.now(),
      user: { id: user.id, orgUnitIds: access.user?.orgUnitIds ?? [] },
      ...(request.body.confirmedWarnings ? { confirmedWarnings: request.body.confirmedWarnings } : {}),
    });
    if (!result.ok) {
      throw new ApiError('ERR_RECORD_INVALID', {
        errors: result.problems,
        extra: result.warnings.length > 0 ? { warnings: result.warnings } : {},
      });
    }
    const patch = changedFields(form.definition, request.body.data, result.data);
    const updated = await records.update(actorOf(request), access, id, request.body.version, patch, form.version, ownerId === undefined ? {} : { ownerId });
    await app.store.files.attach(files.fileIds, updated.id);
    return visibleRecord(access, updated);
  });

  app.delete<{ Params: RecordParams; Querystring: { version?: number } }>('/apps/:app/forms/:form/records/:id', {
    schema: {
      tags: ['records'],
      summary: 'Soft-delete a record (restore undoes it); `?version=` guards against deleting a changed record',
      params: recordParams,
      querystring: { type: 'object', properties: { version: { type: 'integer', minimum: 1 } }, additionalProperties: false },
      response: { 204: { type: 'null' }, ...problems(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => {
    const { app: appKey, form: formKey, id } = request.params;
    const { access, records } = await requireFormAction(app, forms, request, appKey, formKey, 'delete');
    await records.remove(actorOf(request), access, id, request.query.version);
    return reply.code(204).send();
  });

  app.post<{ Params: RecordParams }>('/apps/:app/forms/:form/records/:id/restore', {
    schema: {
      tags: ['records'],
      summary: 'Restore a soft-deleted record',
      params: recordParams,
      response: { 200: recordResponse, ...problems(400, 401, 403, 404, 409) },
    },
  }, async (request) => {
    const { app: appKey, form: formKey, id } = request.params;
    const { access, records } = await requireFormAction(app, forms, request, appKey, formKey, 'delete');
    return visibleRecord(access, await records.restore(actorOf(request), access, id));
  });

  const bulkResponse = { type: 'object', properties: { count: { type: 'integer' } }, required: ['count'] } as const;

  app.post<{ Params: FormParams; Body: { filter: unknown; data?: Record<string, unknown>; ownerId?: string } }>('/apps/:app/forms/:form/records/bulk-update', {
    schema: {
      tags: ['records'],
      summary: 'Set fields on, or hand to another owner, every visible record matching a filter (a filter is required)',
      description: 'Send `data`, `ownerId` or both. Giving rows to someone other than the caller needs the `assign` action, as on create.',
      params: formParams,
      body: bulkBody,
      response: { 200: bulkResponse, ...writeProblems },
    },
  }, async (request) => {
    const { app: appKey, form: formKey } = request.params;
    const { user, access, records, form } = await requireFormAction(app, forms, request, appKey, formKey, 'update');
    const { data, ownerId } = request.body;
    if (data === undefined && ownerId === undefined) {
      throw new ApiError('ERR_VALIDATION', { errors: [{ path: '/data', code: 'required', params: { missingProperty: 'data' } }] });
    }
    const filter = requireFilter(request.body.filter, form.fieldKeys, access);
    const forbidden = checkRecordPermissions(access, user, { data: data ?? {}, ...(ownerId !== undefined ? { ownerId } : {}) }, '');
    if (forbidden.length > 0) throw new ApiError('ERR_FORBIDDEN', { errors: forbidden });
    if (ownerId !== undefined && !(await app.store.identity.getUser(ownerId))) {
      throw new ApiError('ERR_RECORD_INVALID', { errors: [{ path: '/ownerId', code: 'unknownUser', params: { id: ownerId } }] });
    }
    const checked = checkBulkPatch(form.definition, data ?? {}, { now: app.now(), user: { id: user.id, orgUnitIds: access.user?.orgUnitIds ?? [] } });
    if (!checked.ok) throw new ApiError('ERR_RECORD_INVALID', { errors: checked.problems });
    return { count: await records.bulkUpdate(actorOf(request), access, filter, checked.data, ownerId !== undefined ? { ownerId } : {}) };
  });

  app.post<{ Params: FormParams; Body: { filter: unknown } }>('/apps/:app/forms/:form/records/bulk-delete', {
    schema: {
      tags: ['records'],
      summary: 'Soft-delete every visible record matching a filter (a filter is required)',
      params: formParams,
      body: { ...bulkBody, properties: { filter: bulkBody.properties.filter } },
      response: { 200: bulkResponse, ...writeProblems },
    },
  }, async (request) => {
    const { app: appKey, form: formKey } = request.params;
    const { access, records, form } = await requireFormAction(app, forms, request, appKey, formKey, 'delete');
    const filter = requireFilter(request.body.filter, form.fieldKeys, access);
    return { count: await records.bulkRemove(actorOf(request), access, filter) };
  });
};

/** A bulk change must say which rows: `null`, `{}`, `true` or `[]` would mean "all of them". */
function requireFilter(raw: unknown, fieldKeys: readonly string[], access: Parameters<typeof parseFilter>[2]): JsonLogic {
  const empty = raw === null || raw === true || (typeof raw === 'object' && Object.keys(raw as object).length === 0) || raw === '';
  if (empty) throw new ApiError('ERR_BULK_WITHOUT_FILTER', { errors: [{ path: '/filter', code: 'ERR_BULK_WITHOUT_FILTER' }] });
  if (typeof raw !== 'object') throw new ApiError('ERR_INVALID_FILTER', { errors: [{ path: '/filter', code: 'type', params: { expected: 'object' } }] });
  return parseFilter(raw, fieldKeys, access, '/filter');
}

/** The fields the caller changed plus those the form computes from them (formulas). */
function changedFields(form: FormDefinition, sent: Readonly<Record<string, unknown>>, normalised: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const computed = new Set(form.fields.filter((f) => f.kind === 'formula').map((f) => f.key));
  return Object.fromEntries(Object.entries(normalised).filter(([key]) => Object.hasOwn(sent, key) || computed.has(key)));
}
