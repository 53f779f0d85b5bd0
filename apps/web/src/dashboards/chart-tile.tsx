import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { DashboardItem, DrillCell, ReportCell, ReportColumn, ReportDefinition, ReportFilterValues, ReportResult } from '@tangram/schema';
import { Chart, type ChartHandle } from '@tangram/ui';
import { describeError } from '../api/describe-error';
import { useI18n } from '../i18n/i18n-provider';
import type { DashboardsApi } from './dashboards-api';
import { download, exportTable, toCsv, toXlsx } from './export-data';
import { TileMenu, type TileAction } from './tile-menu';
import { useChartLabels } from './use-chart-labels';
import { useReportResult } from './use-report-result';

/** The report drawn by a dashboard item; saved reports by `reportKey` are not served by the API yet. */
export function inlineReport(item: DashboardItem): ReportDefinition | null {
  return item.report ?? null;
}

/** A file name from a chart title: spaces kept, path separators and the like dropped. */
const fileName = (title: string, ext: string) => `${title.replace(/[\\/:*?"<>|]+/g, ' ').trim() || 'chart'}.${ext}`;

export interface ChartTileProps {
  readonly item: DashboardItem;
  readonly api: DashboardsApi;
  readonly filters: ReportFilterValues;
  /** Raised by a live refresh of this chart's form. */
  readonly version: number;
  readonly height: number;
  readonly dimensionLabel: (report: ReportDefinition) => (column: string, value: ReportCell) => string;
  readonly columnLabel: (report: ReportDefinition) => (column: ReportColumn) => string;
  readonly onDrill?: ((report: ReportDefinition, cell: DrillCell, title: string) => void) | undefined;
  readonly onEdit?: (() => void) | undefined;
  readonly onRemove?: (() => void) | undefined;
  readonly onResult?: ((id: string, result: ReportResult | undefined) => void) | undefined;
  /** TV mode: the chart alone, without its menu. */
  readonly bare?: boolean;
  /** Move and resize handles while the dashboard is being arranged. */
  readonly handles?: ReactNode;
  readonly moveHandle?: ReactNode;
}

/** One chart on the dashboard: its title bar and menu, the chart in its states, exports. */
export function ChartTile({ item, api, filters, version, height, dimensionLabel, columnLabel, onDrill, onEdit, onRemove, onResult, bare = false, handles, moveHandle }: ChartTileProps) {
  const { t, text, locale } = useI18n();
  const labels = useChartLabels();
  const report = inlineReport(item);
  const run = useReportResult(api, report, filters, version);
  const chart = useRef<ChartHandle>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const title = (report ? text(report.title) : '') || t('dash.tile.untitled');
  const label = report ? dimensionLabel(report) : undefined;
  const heading = report ? columnLabel(report) : undefined;

  useEffect(() => {
    onResult?.(item.id, run.result);
  }, [item.id, run.result, onResult]);

  const table = () => (run.result && label && heading ? exportTable(run.result, heading, label, labels.others) : null);
  const actions: TileAction[] = [];
  if (run.result && run.result.rows.length > 0) {
    actions.push(
      { key: 'png', label: t('dash.tile.png'), run: () => { const png = chart.current?.toPng(); if (png) download(fileName(title, 'png'), png); } },
      { key: 'csv', label: t('dash.tile.csv'), run: () => { const data = table(); if (data) download(fileName(title, 'csv'), toCsv(data)); } },
      {
        key: 'xlsx',
        label: t('dash.tile.xlsx'),
        run: () => {
          const data = table();
          if (data) toXlsx(data, title).then((blob) => download(fileName(title, 'xlsx'), blob), (error: unknown) => setExportError(describeError(error, t, locale)));
        },
      },
    );
  }
  if (onEdit) actions.push({ key: 'edit', label: t('dash.tile.edit'), run: onEdit });
  if (onRemove) actions.push({ key: 'remove', label: t('dash.tile.remove'), run: onRemove, danger: true });

  const ignored = run.result?.meta.ignoredFilters ?? [];
  return (
    <section className="dash-tile" aria-label={title}>
      <header className="dash-tile__header">
        {moveHandle}
        <h2 className="dash-tile__title">{title}</h2>
        {actions.length > 0 && !bare ? <TileMenu label={t('dash.tile.menu', { title })} actions={actions} /> : null}
      </header>
      <div className="dash-tile__body">
        {report ? (
          <Chart
            ref={chart}
            kind={report.chart.kind}
            options={report.chart.options}
            status={run.status}
            locale={locale}
            labels={labels}
            dimensionLabel={label}
            columnLabel={heading}
            title={title}
            height={height}
            onCellClick={onDrill ? (cell) => onDrill(report, cell, title) : undefined}
          />
        ) : (
          <p className="dash-tile__note">{t('dash.chart.error')}</p>
        )}
        {ignored.length > 0 ? <p className="dash-tile__note">{t('dash.filters.ignored', { filters: ignored.map((f) => t(`dash.filters.${f === 'dateRange' ? 'date' : f === 'orgUnit' ? 'store' : f}` as const)).join(', ') })}</p> : null}
        {exportError ? <p className="dash-tile__note" role="alert">{exportError}</p> : null}
      </div>
      {handles}
    </section>
  );
}
