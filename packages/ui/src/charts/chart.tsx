import { useImperativeHandle, useMemo, useRef, type ComponentType, type Ref } from 'react';
import { formatDate } from './chart-format';
import { isEmptyResult } from './chart-model';
import { buildOption, isEchartKind, type BuiltOption } from './chart-option';
import { textRows, type HtmlKind } from './chart-text-rows';
import type { ChartHandle, ChartProps, ColumnLabel, DimensionLabel } from './chart-types';
import { columnTitle, DataTable } from './data-table';
import { EchartView } from './echart-view';
import type { HtmlChartProps } from './html-chart-props';
import { KpiCard } from './kpi-card';
import { Leaderboard } from './leaderboard';
import { PivotTable } from './pivot-table';
import { textPng } from './text-png';
import './charts.css';

// Every kind echarts does not draw must be here: a new chart kind breaks the build until it is drawn somewhere.
const HTML_CHARTS = { kpi: KpiCard, table: DataTable, pivot: PivotTable, leaderboard: Leaderboard } satisfies Record<HtmlKind, ComponentType<HtmlChartProps>>;

const plainLabel: DimensionLabel = (_column, value) => String(value);

/**
 * A canvas chart's text alternative: each element with its value, hidden until focused. With drill-down
 * each is a button, so drilling works from the keyboard too.
 */
function CellList({ built, names, onCellClick }: { built: BuiltOption; names: readonly { series: number; index: number; label: string }[]; onCellClick: ChartProps['onCellClick'] }) {
  return (
    <ul className="chart__cells">
      {names.map((n) => (
        <li key={`${n.series}-${n.index}`}>
          {onCellClick ? (
            <button
              type="button"
              className="chart__cell"
              onClick={() => {
                const cell = built.cell(n.series, n.index);
                if (cell) onCellClick(cell);
              }}
            >
              {n.label}
            </button>
          ) : (
            n.label
          )}
        </li>
      ))}
    </ul>
  );
}

/** The names echarts draws for each element, read back out of the built option. */
function clickableNames(built: BuiltOption): { series: number; index: number; label: string }[] {
  const option = built.option as { series?: { name?: string; data?: unknown[] }[]; xAxis?: { data?: unknown[] }; yAxis?: { data?: unknown[] } };
  const categories = (option.xAxis?.data ?? option.yAxis?.data ?? []) as string[];
  return (option.series ?? []).flatMap((series, s) =>
    (series.data ?? []).map((point, index) => {
      const named = point && typeof point === 'object' && 'name' in point ? String((point as { name: unknown }).name) : categories[index] ?? '';
      const value = point && typeof point === 'object' && 'value' in point ? (point as { value: unknown }).value : point;
      const prefix = (option.series?.length ?? 0) > 1 && series.name ? `${series.name} · ` : '';
      return { series: s, index, label: `${prefix}${named}: ${typeof value === 'number' ? built.format(value) : '—'}` };
    }),
  );
}

/**
 * A report result drawn as any chart kind, with loading, empty and error states in the caller's language.
 * Canvas kinds use echarts; KPI, table, pivot and leaderboard are HTML. `ref.toPng()` exports either.
 *
 *   <Chart kind="pie" title="渠道" status={{kind: 'ready', result}} locale="zh-CN" labels={labels} onCellClick={drill} />
 */
export function Chart({ kind, options, status, locale, labels, dimensionLabel = plainLabel, columnLabel, onCellClick, title, height = 280, ref }: ChartProps & { ref?: Ref<ChartHandle> }) {
  const canvas = useRef<ChartHandle>(null);
  const result = status.kind === 'ready' ? status.result : undefined;
  const ctx = useMemo(() => {
    // Date buckets read as dates in the reader's language; every other value as the app names it.
    const dates = new Set(result?.columns.filter((c) => c.kind === 'date').map((c) => c.key));
    const label: DimensionLabel = (column, value) => (dates.has(column) && value !== null ? formatDate(String(value), locale) : dimensionLabel(column, value));
    const heading: ColumnLabel = columnLabel ?? ((column) => columnTitle(column, locale));
    return { options, locale, labels, dimensionLabel: label, columnLabel: heading };
  }, [options, locale, labels, dimensionLabel, columnLabel, result]);
  const built = useMemo(() => (result && isEchartKind(kind) ? buildOption(kind, result, ctx) : null), [kind, result, ctx]);
  const empty = result !== undefined && isEmptyResult(kind, result);

  useImperativeHandle(
    ref,
    () => ({
      toPng: () => {
        if (!result || empty) return null;
        if (isEchartKind(kind)) return canvas.current?.toPng() ?? null;
        return textPng(title, textRows(kind as HtmlKind, result, ctx), kind === 'kpi' ? { emphasis: 'first-row-large' } : {});
      },
    }),
    [kind, result, empty, ctx, title],
  );

  if (status.kind === 'loading') {
    return (
      <div className="chart-state" role="status" aria-live="polite" style={{ minHeight: Math.min(height, 160) }}>
        <span className="chart-state__spinner" aria-hidden="true" />
        <span>{labels.loading}</span>
      </div>
    );
  }
  if (status.kind === 'failed') {
    return (
      <div className="chart-state chart-state--error" role="alert" style={{ minHeight: Math.min(height, 160) }}>
        <strong>{labels.errorTitle}</strong>
        <span>{status.message}</span>
        {status.onRetry ? (
          <button type="button" className="button button--secondary" onClick={status.onRetry}>
            {labels.retry}
          </button>
        ) : null}
      </div>
    );
  }
  if (empty || !result) {
    return (
      <div className="chart-state chart-state--empty" style={{ minHeight: Math.min(height, 160) }}>
        <strong>{labels.empty}</strong>
        <span>{labels.emptyHint}</span>
      </div>
    );
  }
  if (built) {
    return (
      <div className="chart" data-kind={kind}>
        <EchartView ref={canvas} built={built} title={title} height={height} onCellClick={onCellClick} />
        <CellList built={built} names={clickableNames(built)} onCellClick={kind === 'gauge' ? undefined : onCellClick} />
      </div>
    );
  }
  const Html = HTML_CHARTS[kind as HtmlKind];
  return (
    <div className="chart chart--html" data-kind={kind} style={{ maxHeight: kind === 'kpi' ? undefined : height }}>
      <Html result={result} options={options} locale={locale} labels={labels} dimensionLabel={ctx.dimensionLabel} columnLabel={ctx.columnLabel} onCellClick={onCellClick} title={title} />
    </div>
  );
}
