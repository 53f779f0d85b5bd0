import type { ChartKind, ChartOptions, Locale, ReportResult } from '@tangram/schema';
import { formatCell, formatDelta } from './chart-format';
import type { EchartKind } from './chart-option';
import { pivotModel, rankSlices, singleValue, sliceModel } from './chart-model';
import type { ChartLabels, ColumnLabel, DimensionLabel } from './chart-types';

type Result = Pick<ReportResult, 'columns' | 'rows'>;
/** The kinds drawn as HTML: whatever echarts does not draw. */
export type HtmlKind = Exclude<ChartKind, EchartKind>;

interface Ctx {
  readonly options: ChartOptions | undefined;
  readonly locale: Locale;
  readonly labels: ChartLabels;
  readonly dimensionLabel: DimensionLabel;
  readonly columnLabel: ColumnLabel;
}

const dim = (ctx: Ctx, key: string | undefined, value: Result['rows'][number][string] | undefined) =>
  value === null || value === undefined ? ctx.labels.others : key ? ctx.dimensionLabel(key, value) : String(value);

/**
 * An HTML chart as rows of text, the way its PNG shows it.
 * textRows('kpi', {columns: [count], rows: [{count: 12, count_delta: 0.2}]}, ctx) -> [["12", "+20%"]]
 */
export function textRows(kind: HtmlKind, result: Result, ctx: Ctx): readonly (readonly string[])[] {
  const { locale, labels } = ctx;
  switch (kind) {
    case 'kpi': {
      const { measure, value, previous, delta } = singleValue(result);
      const k = measure?.kind ?? 'number';
      const rows: string[][] = [[formatCell(value, k, locale), formatDelta(delta, locale) ?? '']];
      if (previous !== null) rows.push([`${labels.previous}: ${formatCell(previous, k, locale)}`]);
      return rows;
    }
    case 'table':
      return [
        result.columns.map((c) => ctx.columnLabel(c)),
        ...result.rows.map((row) => result.columns.map((c) => (c.role === 'dimension' ? dim(ctx, c.key, row[c.key]) : formatCell(row[c.key], c.kind, locale, labels.noValue)))),
      ];
    case 'pivot': {
      const m = pivotModel(result, ctx.options);
      const k = m.measure?.kind ?? 'number';
      const f = (v: number | null) => formatCell(v, k, locale, labels.noValue);
      const split = Boolean(m.columnDimension);
      return [
        [m.rowDimension ? ctx.columnLabel(m.rowDimension) : '', ...(split ? m.columnValues.map((v) => dim(ctx, m.columnDimension?.key, v)) : [m.measure ? ctx.columnLabel(m.measure) : '']), ...(split ? [labels.total] : [])],
        ...m.rowValues.map((v, r) => [dim(ctx, m.rowDimension?.key, v), ...(m.cells[r] ?? []).map(f), ...(split ? [f(m.rowTotals[r] ?? 0)] : [])]),
        [labels.total, ...(split ? m.columnTotals.map(f) : []), f(m.grandTotal)],
      ];
    }
    case 'leaderboard': {
      const m = sliceModel(result, ctx.options);
      return rankSlices(m).map((e) => [String(e.rank), dim(ctx, m.dimension?.key, e.value), formatCell(e.amount, m.measure?.kind ?? 'number', locale)]);
    }
  }
}
