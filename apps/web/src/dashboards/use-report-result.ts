import { useEffect, useRef, useState } from 'react';
import type { ReportDefinition, ReportFilterValues, ReportResult } from '@tangram/schema';
import type { ChartStatus } from '@tangram/ui';
import { isApiError } from '../api/api-error';
import { describeError } from '../api/describe-error';
import { useI18n } from '../i18n/i18n-provider';
import { useSession } from '../session/session-provider';
import type { DashboardsApi } from './dashboards-api';

export interface ReportRun {
  readonly status: ChartStatus;
  readonly result: ReportResult | undefined;
  readonly reload: () => void;
}

/**
 * Runs a report whenever it, the filters or `version` (a live refresh) change. A refresh keeps the chart
 * it already shows until the new answer arrives, so a TV never flashes a spinner; answers that arrive out
 * of order are dropped.
 */
export function useReportResult(api: DashboardsApi, report: ReportDefinition | null, filters: ReportFilterValues, version: number): ReportRun {
  const { t, locale } = useI18n();
  const { expired } = useSession();
  const [state, setState] = useState<{ result?: ReportResult; error?: unknown; loading: boolean }>({ loading: true });
  const [attempt, setAttempt] = useState(0);
  const ticket = useRef(0);
  const reportKey = JSON.stringify(report);
  const filterKey = JSON.stringify(filters);

  useEffect(() => {
    if (!report) return;
    const mine = ++ticket.current;
    setState((s) => ({ ...s, loading: true }));
    api.run(report, filters).then(
      (result) => mine === ticket.current && setState({ result, loading: false }),
      (error: unknown) => {
        if (mine !== ticket.current) return;
        if (isApiError(error) && error.status === 401) expired();
        else setState({ error, loading: false });
      },
    );
    // The keys stand for the objects: a new object with the same content must not rerun the report.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, reportKey, filterKey, version, attempt, locale]);

  const reload = () => setAttempt((n) => n + 1);
  const status: ChartStatus =
    state.error !== undefined ? { kind: 'failed', message: describeError(state.error, t, locale), onRetry: reload }
    : state.result ? { kind: 'ready', result: state.result }
    : { kind: 'loading' };
  return { status, result: state.error === undefined ? state.result : undefined, reload };
}
