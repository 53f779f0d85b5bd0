import type { FastifyPluginAsync } from 'fastify';
import { problems } from '../http/shared-schemas';
import { createPublishedForms } from '../records/published-forms';
import { createReportCache } from '../reports/report-cache';
import { createReportRunner, type DrillRequest, type ReportRequest } from '../reports/report-runner';
import { appParams } from './params.schema';
import { drillBody, drillResult, reportResult, runBody } from './reports.schema';

/**
 * Running reports and drilling into them. Both need read permission on the report's form and answer
 * under the caller's own scope; results are cached per scope and invalidated by record change notices.
 */
export const reportRoutes: FastifyPluginAsync = async (app) => {
  const cache = createReportCache({ now: () => app.now().getTime() });
  const stop = await app.store.listen((notice) => {
    if (notice.kind === 'records') cache.bump(notice.app, notice.form);
  }, { onGap: () => cache.clear() });
  app.addHook('onClose', async () => stop());
  const runner = createReportRunner(app, createPublishedForms(app.store), cache);

  app.post<{ Params: { app: string }; Body: ReportRequest }>('/apps/:app/reports/run', {
    schema: {
      tags: ['reports'],
      summary: 'Run a report (inline or saved) with dashboard filters: one aggregate under the caller\'s scope',
      params: appParams,
      body: runBody,
      response: { 200: reportResult, ...problems(400, 401, 403, 404, 409, 413, 415, 422) },
    },
  }, async (request) => runner.run(request, request.params.app, request.body ?? {}));

  app.post<{ Params: { app: string }; Body: DrillRequest }>('/apps/:app/reports/drill', {
    schema: {
      tags: ['reports'],
      summary: 'The list filter that selects exactly the records behind a bar, slice, pivot cell or funnel stage',
      params: appParams,
      body: drillBody,
      response: { 200: drillResult, ...problems(400, 401, 403, 404, 409, 413, 415, 422) },
    },
  }, async (request) => runner.drill(request, request.params.app, request.body));
};
