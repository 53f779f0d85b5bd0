import type { ReportQuery } from '@tangram/schema';
import type { FormAccess } from '../api';
import type { RecordsContext } from '../records-context';
import { funnelRecordIds, runFunnel } from './run-funnel';
import { runReportQuery, type ReportRunOptions } from './run-report';

/** Reports over one form's records, always under the caller's read scope (see record-scope.ts). */
export interface ReportsRepository {
  /** One aggregate statement: grouped rows keyed by dimension and measure keys (a funnel: `reached_<i>`, `seconds_<i>`). */
  run(access: FormAccess, query: ReportQuery, options?: ReportRunOptions): Promise<readonly Readonly<Record<string, unknown>>[]>;
  /** The records behind a funnel stage: ids of those that reached it, at most `limit`. */
  funnelRecordIds(access: FormAccess, query: ReportQuery, stage: number, limit: number): Promise<readonly string[]>;
}

export function createReportsRepository(ctx: RecordsContext): ReportsRepository {
  return Object.freeze({
    run: (access: FormAccess, query: ReportQuery, options?: ReportRunOptions) => (query.funnel ? runFunnel(ctx, access, query, options) : runReportQuery(ctx, access, query, options)),
    funnelRecordIds: (access: FormAccess, query: ReportQuery, stage: number, limit: number) => funnelRecordIds(ctx, access, query, stage, limit),
  });
}
