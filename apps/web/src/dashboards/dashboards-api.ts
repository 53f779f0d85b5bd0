import type { DashboardDefinition, DrillCell, JsonLogic, Locale, LocalizedText, OrgUnit, ReportDefinition, ReportFilterValues, ReportResult } from '@tangram/schema';
import { useMemo, useRef } from 'react';
import { createApiClient } from '../api/client';
import { useI18n } from '../i18n/i18n-provider';

/** One entry of `GET /api/apps/:app/dashboards`. */
export interface DashboardSummary {
  readonly key: string;
  readonly title: DashboardDefinition['title'];
  readonly roles?: readonly string[];
  readonly updatedAt: string;
}

/** One entry of `GET /api/apps/:app/roles`. */
export interface RoleSummary {
  readonly key: string;
  readonly name: LocalizedText;
}

/** A saved dashboard as the server answers it. */
export interface SavedDashboard {
  readonly key: string;
  readonly dashboard: DashboardDefinition;
  readonly updatedAt: string;
}

/** Where a drill-down leads: the form and the json-logic filter of exactly the records behind the cell. */
export interface DrillTarget {
  readonly form: string;
  readonly filter: JsonLogic;
  readonly truncated?: boolean;
}

const seg = encodeURIComponent;

/** The report and dashboard routes of one app (docs/reports.md, "HTTP contract"). */
export function createDashboardsApi(locale: () => Locale, app: string) {
  const api = createApiClient({ locale });
  const base = `/api/apps/${seg(app)}`;
  return Object.freeze({
    list: async () => (await api.get<{ items: readonly DashboardSummary[] }>(`${base}/dashboards`)).items,
    get: (key: string) => api.get<SavedDashboard>(`${base}/dashboards/${seg(key)}`),
    byDefault: () => api.get<SavedDashboard>(`${base}/dashboards/default`),
    create: (dashboard: DashboardDefinition) => api.post<SavedDashboard>(`${base}/dashboards`, dashboard),
    save: (dashboard: DashboardDefinition) => api.request<SavedDashboard>('PUT', `${base}/dashboards/${seg(dashboard.key)}`, dashboard),
    remove: (key: string) => api.request<void>('DELETE', `${base}/dashboards/${seg(key)}`),
    run: (report: ReportDefinition, filters: ReportFilterValues) => api.post<ReportResult>(`${base}/reports/run`, { report, filters }),
    drill: (report: ReportDefinition, filters: ReportFilterValues, cell: DrillCell) => api.post<DrillTarget>(`${base}/reports/drill`, { report, filters, cell }),
    roles: async () => (await api.get<{ items: readonly RoleSummary[] }>(`${base}/roles`)).items,
    orgUnits: async () => (await api.get<{ items: readonly OrgUnit[] }>('/api/org-units')).items,
  });
}

export type DashboardsApi = ReturnType<typeof createDashboardsApi>;

/** One client per app page; it reads the language per call, so a switch applies to the next request. */
export function useDashboardsApi(appKey: string): DashboardsApi {
  const { locale } = useI18n();
  const localeRef = useRef(locale);
  localeRef.current = locale;
  return useMemo(() => createDashboardsApi(() => localeRef.current, appKey), [appKey]);
}
