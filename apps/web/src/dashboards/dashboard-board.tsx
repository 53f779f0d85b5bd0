import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { DashboardDefinition, DashboardItem, DrillCell, ReportDefinition, ReportResult } from '@tangram/schema';
import { describeError } from '../api/describe-error';
import type { CurrentUser } from '../api/endpoints';
import { useI18n } from '../i18n/i18n-provider';
import { useRouter } from '../router/router';
import { ChartTile, inlineReport } from './chart-tile';
import { DashboardFilterBar } from './dashboard-filter-bar';
import { DashboardGrid } from './dashboard-grid';
import type { DashboardsApi } from './dashboards-api';
import { defaultChoice, shanghaiToday, toFilterValues, type FilterChoice } from './filter-values';
import { affectedItems, useLiveRefresh } from './live-refresh';
import { dashboardPaths } from './paths';
import { useFormCatalog, type FormCatalog } from './use-form-catalog';

export interface BoardState {
  readonly catalog: FormCatalog;
  readonly results: ReadonlyMap<string, ReportResult>;
  readonly refreshAll: () => void;
  readonly lastUpdate: Date;
}

export interface DashboardBoardProps {
  readonly user: CurrentUser;
  readonly appKey: string;
  readonly dashboard: DashboardDefinition;
  readonly api: DashboardsApi;
  readonly editing: boolean;
  readonly phone: boolean;
  /** Raised by the page's Refresh button: every chart reruns. */
  readonly refreshes?: number;
  /** TV mode: no menus, no drill-down, no filters bar. */
  readonly presenting?: boolean;
  readonly onLayout?: (items: readonly DashboardItem[]) => void;
  readonly onEditItem?: (item: DashboardItem) => void;
  readonly onRemoveItem?: (item: DashboardItem) => void;
  /** Hands the page what it needs for the summary and the refresh button. */
  readonly children?: (state: BoardState) => ReactNode;
}

/**
 * The live part of a dashboard page: global filters, the grid of charts, drill-down and live refresh.
 * The page around it (shell, toolbar) and the TV mode share it.
 */
export function DashboardBoard({ user, appKey, dashboard, api, editing, phone, refreshes = 0, presenting = false, onLayout, onEditItem, onRemoveItem, children }: DashboardBoardProps) {
  const { t, text, locale } = useI18n();
  const { navigate } = useRouter();
  const initial = useMemo(() => defaultChoice(dashboard.filters), [dashboard.filters]);
  const [choice, setChoice] = useState<FilterChoice>(initial);
  const filters = useMemo(() => toFilterValues(dashboard.filters, choice, shanghaiToday(new Date())), [dashboard.filters, choice]);
  const forms = useMemo(() => dashboard.layout.map(inlineReport).filter((r): r is ReportDefinition => r !== null).map((r) => r.source.form), [dashboard.layout]);
  const catalog = useFormCatalog(appKey, forms);
  const [versions, setVersions] = useState<Readonly<Record<string, number>>>({});
  const [lastUpdate, setLastUpdate] = useState(() => new Date());
  const [results, setResults] = useState<ReadonlyMap<string, ReportResult>>(new Map());
  const [drillError, setDrillError] = useState<string | null>(null);
  const paths = dashboardPaths(appKey);

  const bump = useCallback((ids: readonly string[]) => {
    setVersions((v) => Object.fromEntries([...Object.entries(v), ...ids.map((id) => [id, (v[id] ?? 0) + 1])]));
    setLastUpdate(new Date());
  }, []);
  useLiveRefresh(appKey, forms, (changed) => bump(affectedItems(dashboard.layout, changed)));
  const refreshAll = useCallback(() => bump(dashboard.layout.map((i) => i.id)), [bump, dashboard.layout]);
  useEffect(() => {
    if (refreshes > 0) refreshAll();
    // Only a new press counts, not a new layout.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [refreshes]);

  const onResult = useCallback((id: string, result: ReportResult | undefined) => {
    setResults((current) => {
      if (current.get(id) === result) return current;
      const next = new Map(current);
      if (result) next.set(id, result);
      else next.delete(id);
      return next;
    });
  }, []);

  const drill = async (report: ReportDefinition, cell: DrillCell, title: string) => {
    setDrillError(null);
    try {
      const target = await api.drill(report, filters, cell);
      navigate(paths.drill(dashboard.key, target.form, target.filter, title) + (target.truncated ? '&truncated=1' : ''));
    } catch (error) {
      setDrillError(t('dash.tile.drillFailed', { message: describeError(error, t, locale) }));
    }
  };

  const titleOf = (item: DashboardItem) => {
    const report = inlineReport(item);
    return (report ? text(report.title) : '') || t('dash.tile.untitled');
  };

  return (
    <>
      {presenting ? null : (
        <DashboardFilterBar filters={dashboard.filters} choice={choice} initial={initial} onChange={setChoice} forms={catalog.forms} orgUnits={catalog.orgUnits} userId={user.id} />
      )}
      {drillError ? (
        <p className="dash-alert" role="alert">
          {drillError}
        </p>
      ) : null}
      <DashboardGrid items={dashboard.layout} editing={editing} phone={phone} titleOf={titleOf} onChange={(items) => onLayout?.(items)}>
        {(item, slots) => (
          <ChartTile
            item={item}
            api={api}
            filters={filters}
            version={versions[item.id] ?? 0}
            height={slots.height}
            dimensionLabel={catalog.dimensionLabel}
            columnLabel={catalog.columnLabel}
            onDrill={presenting || editing ? undefined : drill}
            onEdit={presenting || !onEditItem ? undefined : () => onEditItem(item)}
            onRemove={presenting || !onRemoveItem ? undefined : () => onRemoveItem(item)}
            onResult={onResult}
            bare={presenting}
            moveHandle={slots.moveHandle}
            handles={slots.handles}
          />
        )}
      </DashboardGrid>
      {children?.({ catalog, results, refreshAll, lastUpdate })}
    </>
  );
}
