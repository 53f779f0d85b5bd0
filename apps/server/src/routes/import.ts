/**
 * Spreadsheet import, in the steps the wizard shows:
 *   POST …/imports               upload (.xlsx or .csv, multipart field `file`) -> header, suggested mapping, preview
 *   POST …/imports/:id/preview   the first rows under another mapping, with their problems
 *   POST …/imports/:id/start     mapping + what to do with duplicates -> the job runs in the background
 *   GET  …/imports/:id           status and progress (also pushed on the websocket topic `job:<id>`)
 *   GET  …/imports/:id/rejects   the rejected rows as .xlsx with an error column
 * A job belongs to the user who uploaded it. Every step needs the form's `import` action.
 */
import multipart from '@fastify/multipart';
import type { FormAction, User } from '@tangram/schema';
import type { FormAccess, JobView } from '@tangram/store';
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { ApiError, type ApiProblemDetail } from '../errors';
import { negotiateLocale } from '../http/locale';
import { analyseSheet, SAMPLE_ROWS } from '../import/analyse-sheet';
import { importableFields, suggestMapping, type ColumnMapping } from '../import/column-mapping';
import { IMPORT_JOB_KIND, NO_PROGRESS, progressOf, type ImportPayload, type OnDuplicate } from '../import/import-job';
import { isBlankRow } from '../import/import-rows';
import { previewRows } from '../import/preview-rows';
import { rejectsWorkbook } from '../import/rejects-workbook';
import { looksLikeXlsx, readSheetRows, type SheetFormat, type SheetRow } from '../import/sheet-reader';
import { createPublishedForms, type PublishedForm } from '../records/published-forms';
import { requireFormAction } from '../records/record-access';
import { formParams } from './params.schema';
import { importJobResponse, importParams, importProblems, previewBody, previewResponse, startBody, uploadResponse } from './import.schema';

/** Uploads above this are refused with 413 (a 100,000-row sheet of 20 columns is about 8 MB). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

type FormParams = { app: string; form: string };
type JobParams = FormParams & { id: string };

export const importRoutes: FastifyPluginAsync = async (app) => {
  const forms = createPublishedForms(app.store);
  await app.register(multipart, { limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 10 } });

  app.post<{ Params: FormParams }>('/apps/:app/forms/:form/imports', {
    schema: {
      tags: ['import'],
      summary: 'Upload an .xlsx or .csv to import (multipart field `file`): header, suggested mapping and preview',
      params: formParams,
      response: { 201: uploadResponse, ...importProblems },
    },
  }, async (request, reply) => {
    const { user, access, form } = await requireFormAction(app, forms, request, request.params.app, request.params.form, 'import');
    const { name, bytes } = await receiveFile(request);
    const format = sheetFormat(name, bytes);
    const analysis = await analyseSheet(bytes, format).catch(() => {
      throw new ApiError('ERR_BAD_REQUEST', { errors: [{ path: '/file', code: 'unreadableFile', params: { name } }] });
    });
    if (!analysis.header || analysis.header.columns.length === 0) throw new ApiError('ERR_BAD_REQUEST', { errors: [{ path: '/file', code: 'noHeaderRow', params: { name } }] });
    if (analysis.totalRows === 0) throw new ApiError('ERR_BAD_REQUEST', { errors: [{ path: '/file', code: 'noDataRows', params: { name } }] });
    const fields = importableFields(form.definition, access);
    const mapping = suggestMapping(analysis.header.columns, fields);
    const payload: ImportPayload = {
      fileName: name,
      format,
      headerRows: analysis.header.headerRows,
      columns: analysis.header.columns,
      totalRows: analysis.totalRows,
      mapping,
      onDuplicate: 'skip',
      matchField: fields.find((f) => f.unique && Object.values(mapping).includes(f.key))?.key ?? null,
    };
    const job = await app.store.jobs.create({
      kind: IMPORT_JOB_KIND, app: access.app, form: access.form, createdBy: user.id,
      payload: payload as unknown as Record<string, unknown>, file: { name, content: bytes },
    });
    const preview = previewRows({ form, access, user, mapping, rows: analysis.sample, now: app.now(), locale: localeOf(request) });
    return reply.code(201).send({
      ...jobView(job),
      fields: fields.map((f) => ({ key: f.key, kind: f.kind, label: f.label, required: f.required === true, unique: f.unique === true })),
      preview,
    });
  });

  app.post<{ Params: JobParams; Body: { mapping: ColumnMapping } }>('/apps/:app/forms/:form/imports/:id/preview', {
    schema: { tags: ['import'], summary: 'Preview the first rows under a mapping, with every problem on its column', params: importParams, body: previewBody, response: { 200: previewResponse, ...importProblems } },
  }, async (request) => {
    const { user, access, form, job, payload } = await ownJob(request, 'import');
    checkMapping(request.body.mapping, payload, form, access, '/mapping');
    const file = await app.store.jobs.file(job.id);
    const rows = file ? await sampleRows(file.content, payload) : [];
    return { preview: previewRows({ form, access, user, mapping: request.body.mapping, rows, now: app.now(), locale: localeOf(request) }) };
  });

  app.post<{ Params: JobParams; Body: { mapping: ColumnMapping; onDuplicate: OnDuplicate; matchField?: string | null } }>('/apps/:app/forms/:form/imports/:id/start', {
    schema: { tags: ['import'], summary: 'Start the import in the background (202); progress on GET and on the websocket topic job:<id>', params: importParams, body: startBody, response: { 202: importJobResponse, ...importProblems } },
  }, async (request, reply) => {
    const { access, form, job, payload } = await ownJob(request, 'import');
    const { mapping, onDuplicate } = request.body;
    // Not sent: the field suggested at upload, when this mapping still fills it.
    const suggested = payload.matchField !== null && Object.values(mapping).includes(payload.matchField) ? payload.matchField : null;
    const matchField = request.body.matchField === undefined ? suggested : request.body.matchField;
    checkMapping(mapping, payload, form, access, '/mapping');
    for (const action of ['create', ...(onDuplicate === 'update' ? ['update'] : [])] as FormAction[]) {
      if (!access.actions.has(action)) throw new ApiError('ERR_FORBIDDEN', { params: { action }, errors: [{ path: action === 'update' ? '/onDuplicate' : '', code: 'ERR_FORBIDDEN', params: { action } }] });
    }
    if (matchField !== null && !Object.values(mapping).includes(matchField)) {
      throw new ApiError('ERR_BAD_REQUEST', { errors: [{ path: '/matchField', code: 'matchFieldNotMapped', params: { field: matchField } }] });
    }
    if (job.status !== 'draft') throw new ApiError('ERR_CONFLICT', { params: { id: job.id } });
    const queued = await app.store.jobs.queue(job.id, { ...payload, mapping, onDuplicate, matchField, splitChunks: false } as unknown as Record<string, unknown>);
    app.importWorker.kick();
    return reply.code(202).send(jobView(queued));
  });

  app.get<{ Params: JobParams }>('/apps/:app/forms/:form/imports/:id', {
    schema: { tags: ['import'], summary: 'An import job: status and progress', params: importParams, response: { 200: importJobResponse, ...importProblems } },
  }, async (request) => jobView((await ownJob(request, 'import')).job));

  app.get<{ Params: JobParams }>('/apps/:app/forms/:form/imports/:id/rejects', {
    schema: { tags: ['import'], summary: 'The rejected rows as .xlsx, with a column saying what was wrong (in the caller\'s language)', params: importParams, response: { 200: { description: 'The rejected rows (.xlsx)', type: 'string', format: 'binary' }, ...importProblems } },
  }, async (request, reply) => {
    const { job, payload, form } = await ownJob(request, 'import');
    const locale = localeOf(request);
    const base = payload.fileName.replace(/\.(xlsx|csv)$/i, '');
    const fileName = `${base}-${locale === 'zh-CN' ? '未导入' : 'rejected'}.xlsx`;
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="rejected.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
      .send(rejectsWorkbook(app.store, job.id, payload, form.definition, locale));
  });

  /** The caller's own job in this form; anyone else's (or another form's) does not exist for them. */
  async function ownJob(request: FastifyRequest<{ Params: JobParams }>, action: FormAction): Promise<{ user: User; access: FormAccess; form: PublishedForm; job: JobView; payload: ImportPayload }> {
    const { app: appKey, form: formKey, id } = request.params;
    const { user, access, form } = await requireFormAction(app, forms, request, appKey, formKey, action);
    const job = await app.store.jobs.get(id);
    if (!job || job.kind !== IMPORT_JOB_KIND || job.app !== appKey || job.form !== formKey || (job.createdBy !== user.id && !user.isAdmin)) {
      throw new ApiError('ERR_NOT_FOUND', { params: { id } });
    }
    return { user, access, form, job, payload: job.payload as unknown as ImportPayload };
  }
};

function localeOf(request: FastifyRequest) {
  return negotiateLocale(request.headers['accept-language']);
}

async function receiveFile(request: FastifyRequest): Promise<{ name: string; bytes: Uint8Array }> {
  if (!request.isMultipart()) throw new ApiError('ERR_UNSUPPORTED_MEDIA_TYPE', { errors: [{ path: '/file', code: 'multipartRequired' }] });
  let part;
  try {
    part = await request.file();
  } catch (error) {
    throw uploadError(error);
  }
  if (!part) throw new ApiError('ERR_BAD_REQUEST', { errors: [{ path: '/file', code: 'required', params: { missingProperty: 'file' } }] });
  try {
    const bytes = await part.toBuffer();
    return { name: part.filename || 'upload', bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  } catch (error) {
    throw uploadError(error);
  }
}

function uploadError(error: unknown): unknown {
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') {
    return new ApiError('ERR_PAYLOAD_TOO_LARGE', { errors: [{ path: '/file', code: 'fileTooLarge', params: { limit: MAX_IMPORT_BYTES / 1024 / 1024 } }] });
  }
  if (code?.startsWith('FST_')) return new ApiError('ERR_BAD_REQUEST', { errors: [{ path: '/file', code: 'unreadableFile' }] });
  return error;
}

/** By extension, confirmed by content: a renamed .xls or .numbers file is refused, not half-read. */
function sheetFormat(name: string, bytes: Uint8Array): SheetFormat {
  const lower = name.toLowerCase();
  if (lower.endsWith('.xlsx') && looksLikeXlsx(bytes)) return 'xlsx';
  if (lower.endsWith('.csv') && !looksLikeXlsx(bytes)) return 'csv';
  throw new ApiError('ERR_UNSUPPORTED_MEDIA_TYPE', { errors: [{ path: '/file', code: 'unsupportedFileType', params: { name } }] });
}

/** Every mapped column exists in the sheet, and every field is one the caller may fill, at most once. */
function checkMapping(mapping: ColumnMapping, payload: ImportPayload, form: PublishedForm, access: FormAccess, base: string): void {
  const columns = new Set(payload.columns.map((c) => String(c.index)));
  const allowed = new Set(importableFields(form.definition, access).map((f) => f.key));
  const known = new Set(form.definition.fields.map((f) => f.key));
  const used = new Set<string>();
  const errors: ApiProblemDetail[] = [];
  for (const [column, field] of Object.entries(mapping)) {
    const path = `${base}/${column}`;
    if (!columns.has(column)) errors.push({ path, code: 'unknownColumn', params: { column } });
    if (field === null) continue;
    if (access.hiddenFields.has(field) || access.readOnlyFields.has(field)) errors.push({ path, code: access.hiddenFields.has(field) ? 'hiddenField' : 'readOnlyField', params: { field } });
    else if (!known.has(field)) errors.push({ path, code: 'unknownField', params: { field } });
    else if (!allowed.has(field)) errors.push({ path, code: 'notImportable', params: { field } });
    else if (used.has(field)) errors.push({ path, code: 'mappedTwice', params: { field } });
    used.add(field);
  }
  if (errors.some((e) => e.code === 'hiddenField' || e.code === 'readOnlyField')) throw new ApiError('ERR_FORBIDDEN', { errors });
  if (errors.length > 0) throw new ApiError('ERR_BAD_REQUEST', { errors });
}

async function sampleRows(bytes: Uint8Array, payload: ImportPayload): Promise<SheetRow[]> {
  const last = Math.max(0, ...payload.headerRows);
  const rows: SheetRow[] = [];
  for await (const row of readSheetRows(bytes, payload.format)) {
    if (row.row <= last || isBlankRow(row.cells)) continue;
    rows.push(row);
    if (rows.length >= SAMPLE_ROWS) break;
  }
  return rows;
}

function jobView(job: JobView) {
  const payload = job.payload as unknown as ImportPayload;
  const progress = progressOf(job.progress, payload.totalRows);
  return {
    id: job.id,
    status: job.status,
    fileName: payload.fileName,
    totalRows: payload.totalRows,
    columns: payload.columns,
    mapping: payload.mapping,
    onDuplicate: job.status === 'draft' ? null : payload.onDuplicate,
    matchField: payload.matchField,
    progress: job.status === 'draft' ? { ...NO_PROGRESS, total: payload.totalRows } : progress,
    error: job.error,
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
  };
}
