/**
 * GET …/records/export?format=xlsx|csv&filter=&sort=&columns= — the filtered view a user is looking at,
 * as a file. Needs the form's `export` action (and `read`: only rows the caller may read are exported,
 * only fields they may see).
 */
import type { FastifyPluginAsync } from 'fastify';
import { ApiError } from '../errors';
import { problems } from '../http/shared-schemas';
import { negotiateLocale } from '../http/locale';
import { exportColumns } from '../export/export-columns';
import { exportStream, type ExportFormat } from '../export/export-stream';
import { toListQuery } from '../records/list-query';
import { createPublishedForms } from '../records/published-forms';
import { requireFormAction } from '../records/record-access';
import { formParams } from './params.schema';

type ExportQuery = { format?: ExportFormat; filter?: string; sort?: string; columns?: string };

const CONTENT_TYPES: Readonly<Record<ExportFormat, string>> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

export const exportRoutes: FastifyPluginAsync = async (app) => {
  const forms = createPublishedForms(app.store);

  app.get<{ Params: { app: string; form: string }; Querystring: ExportQuery }>('/apps/:app/forms/:form/records/export', {
    schema: {
      tags: ['records'],
      summary: 'Export the filtered, sorted view as .xlsx or .csv (hidden fields and rows out of scope never appear)',
      params: formParams,
      querystring: {
        type: 'object',
        properties: {
          format: { type: 'string', enum: ['xlsx', 'csv'], default: 'xlsx' },
          filter: { type: 'string', maxLength: 16384, description: 'json-logic condition as JSON text' },
          sort: { type: 'string', maxLength: 500, pattern: '^[-+]?[A-Za-z$][A-Za-z0-9_.$]*(,[-+]?[A-Za-z$][A-Za-z0-9_.$]*)*$' },
          columns: { type: 'string', maxLength: 4000, description: 'field keys, comma-separated; default every visible field' },
        },
        additionalProperties: false,
      },
      response: { 200: { description: 'The view as .xlsx or .csv', type: 'string', format: 'binary' }, ...problems(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => {
    const { app: appKey, form: formKey } = request.params;
    const { access, records, form } = await requireFormAction(app, forms, request, appKey, formKey, 'export');
    if (!access.actions.has('read')) throw new ApiError('ERR_FORBIDDEN', { params: { action: 'read' } });
    const locale = negotiateLocale(request.headers['accept-language']);
    const format = request.query.format ?? 'xlsx';
    const columns = exportColumns(form.definition, access, request.query.columns, locale);
    const query = toListQuery({ ...(request.query.filter ? { filter: request.query.filter } : {}), ...(request.query.sort ? { sort: request.query.sort } : {}) }, form.fieldKeys, access);
    // The first page is read before the response starts, so a filter the database refuses is still a 400.
    await records.list(access, { ...query, limit: 1 });
    const name = form.definition.name[locale] ?? form.definition.name.en ?? formKey;
    const day = app.now().toISOString().slice(0, 10);
    const fileName = `${name}-${day}.${format}`;
    return reply
      .type(CONTENT_TYPES[format])
      .header('content-disposition', `attachment; filename="${formKey}.${format}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
      .send(exportStream(format, records, access, query, columns, name));
  });
};
