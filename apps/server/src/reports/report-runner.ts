import { drillFilter, formatReport, planReport, type ReportPlan } from '@tangram/engine-report';
import {
  validateReport, type DrillCell, type JsonLogic, type OrgUnit, type ReportDefinition, type ReportFilterValues, type ReportResult,
} from '@tangram/schema';
import type { FormAccess } from '@tangram/store';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../errors';
import type { PublishedForms } from '../records/published-forms';
import { requireFormAction } from '../records/record-access';
import { validOrThrow } from '../routes/validated';
import type { ReportCache } from './report-cache';

export interface ReportRequest {
  readonly report?: unknown;
  readonly reportKey?: string;
  readonly filters?: ReportFilterValues;
}

export interface DrillRequest extends ReportRequest {
  readonly cell: DrillCell;
}

/**
 * Records behind a funnel stage are named by id (as numbers: the list filter compares `id` as a number);
 * a list filter holding more would not fit in a URL.
 */
export const MAX_DRILL_IDS = 500;

/** The report a request names: inline (checked by its schema), or a saved report definition by key. */
async function reportOf(app: FastifyInstance, appKey: string, body: ReportRequest): Promise<ReportDefinition> {
  if (body.report !== undefined && body.reportKey !== undefined) {
    throw new ApiError('ERR_DEFINITION_INVALID', { errors: [{ path: '/report', code: 'reportOrKey' }] });
  }
  if (body.reportKey !== undefined) {
    const stored = (await app.store.definitions.getPublished(appKey, 'report', body.reportKey)) ?? (await app.store.definitions.getDraft(appKey, 'report', body.reportKey));
    if (!stored) throw new ApiError('ERR_DEFINITION_INVALID', { errors: [{ path: '/reportKey', code: 'unknownReport', params: { key: body.reportKey } }] });
    return validOrThrow(validateReport(stored.body), '/reportKey');
  }
  if (body.report === undefined) throw new ApiError('ERR_DEFINITION_INVALID', { errors: [{ path: '/report', code: 'required' }] });
  return validOrThrow(validateReport(body.report), '/report');
}

/**
 * Runs reports for the caller: read permission on the report's form, the report checked against the
 * published form and what the caller may see, ONE store statement under their scope (two with a
 * previous-period comparison), the answer formatted by engine-report.
 */
export function createReportRunner(app: FastifyInstance, forms: PublishedForms, cache: ReportCache) {
  async function prepare(request: FastifyRequest, appKey: string, body: ReportRequest): Promise<{ plan: ReportPlan; access: FormAccess; orgUnits: readonly OrgUnit[] }> {
    const report = await reportOf(app, appKey, body);
    const { access, form } = await requireFormAction(app, forms, request, appKey, report.source.form, 'read');
    const orgUnits = await app.store.identity.listOrgUnits();
    const planned = planReport(
      { report, ...(body.filters ? { filters: body.filters } : {}), reportPath: body.reportKey !== undefined ? '/reportKey' : '/report', filtersPath: '/filters' },
      { form: form.definition, hiddenFields: access.hiddenFields, orgUnits },
    );
    return { plan: validOrThrow(planned), access, orgUnits };
  }

  return {
    async run(request: FastifyRequest, appKey: string, body: ReportRequest): Promise<ReportResult> {
      const { plan, access } = await prepare(request, appKey, body);
      const key = cache.key(access, [plan.query, plan.previous?.query ?? null, plan.report.sort ?? null, plan.report.limit ?? null, plan.report.others ?? false, plan.columns]);
      const hit = key === undefined ? undefined : cache.get(key);
      if (hit) return { ...hit, meta: { ...hit.meta, cached: true } };
      const reports = app.store.reports(appKey, plan.query.form);
      const [rows, previousRows] = await Promise.all([
        reports.run(access, plan.query),
        plan.previous ? reports.run(access, plan.previous.query) : Promise.resolve([]),
      ]);
      const result = formatReport(plan, rows, previousRows);
      if (key !== undefined) cache.set(key, result);
      return result;
    },

    async drill(request: FastifyRequest, appKey: string, body: DrillRequest): Promise<{ form: string; filter: JsonLogic; truncated: boolean }> {
      const { plan, access, orgUnits } = await prepare(request, appKey, body);
      const target = validOrThrow(drillFilter(plan, body.cell, orgUnits));
      if (target.kind === 'filter') return { form: plan.query.form, filter: target.filter, truncated: false };
      const ids = await app.store.reports(appKey, plan.query.form).funnelRecordIds(access, target.query, target.stage, MAX_DRILL_IDS + 1);
      return { form: plan.query.form, filter: { in: [{ var: 'id' }, ids.slice(0, MAX_DRILL_IDS).map(Number)] }, truncated: ids.length > MAX_DRILL_IDS };
    },
  };
}

export type ReportRunner = ReturnType<typeof createReportRunner>;
