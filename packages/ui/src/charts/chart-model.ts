import type { ChartKind, ChartOptions, DrillCell, ReportCell, ReportColumn, ReportResult } from '@tangram/schema';
import { cellNumber } from './chart-format';

type Result = Pick<ReportResult, 'columns' | 'rows'>;

/** The columns a chart draws: its dimensions, and its measures without the `_previous`/`_delta` companions. */
export function chartColumns(result: Result): { readonly dimensions: readonly ReportColumn[]; readonly measures: readonly ReportColumn[] } {
  const keys = new Set(result.columns.map((c) => c.key));
  const companion = (key: string) => (key.endsWith('_previous') || key.endsWith('_delta')) && keys.has(key.replace(/_(previous|delta)$/, ''));
  return {
    dimensions: result.columns.filter((c) => c.role === 'dimension'),
    measures: result.columns.filter((c) => c.role === 'measure' && !companion(c.key)),
  };
}

/** Distinct values in first-seen order; null (the "others" row or a missing value) is kept as a value. */
function distinct(values: readonly ReportCell[]): readonly ReportCell[] {
  const seen = new Set<string>();
  const out: ReportCell[] = [];
  for (const value of values) {
    const id = JSON.stringify(value ?? null);
    if (!seen.has(id)) {
      seen.add(id);
      out.push(value ?? null);
    }
  }
  return out;
}

const same = (a: ReportCell | undefined, b: ReportCell) => (a ?? null) === b;

/**
 * Categories along an axis, optionally split into series: the shape of bar, column, line and area charts.
 * `values[s][i]` is series `s` at category `i`; `cell(s, i)` is what drilling into that bar means.
 */
export interface AxisModel {
  readonly x: ReportColumn | undefined;
  readonly series: ReportColumn | undefined;
  readonly measure: ReportColumn | undefined;
  readonly categories: readonly ReportCell[];
  readonly seriesValues: readonly ReportCell[];
  readonly values: readonly (readonly (number | null)[])[];
  readonly cell: (seriesIndex: number, dataIndex: number) => DrillCell;
}

export function axisModel(result: Result, options: ChartOptions | undefined): AxisModel {
  const { dimensions, measures } = chartColumns(result);
  const x = dimensions.find((d) => d.key === options?.x) ?? dimensions[0];
  // A second dimension always splits into series: dropping it would draw one of several rows per bar.
  const series = dimensions.find((d) => d.key === options?.series && d !== x) ?? dimensions.find((d) => d !== x);
  const measure = measures[0];
  const categories = x ? distinct(result.rows.map((r) => r[x.key] ?? null)) : [null];
  const seriesValues = series ? distinct(result.rows.map((r) => r[series.key] ?? null)) : [null];
  const values = seriesValues.map((s) =>
    categories.map((c) => {
      const row = result.rows.find((r) => (!x || same(r[x.key], c)) && (!series || same(r[series.key], s)));
      return row && measure ? cellNumber(row[measure.key]) : null;
    }),
  );
  return Object.freeze({
    x,
    series,
    measure,
    categories,
    seriesValues,
    values,
    cell: (seriesIndex: number, dataIndex: number): DrillCell => ({
      values: {
        ...(x ? { [x.key]: categories[dataIndex] ?? null } : {}),
        ...(series ? { [series.key]: seriesValues[seriesIndex] ?? null } : {}),
      },
    }),
  });
}

/** One number per slice (pie, donut) or per ranked entry (leaderboard). */
export interface SliceModel {
  readonly dimension: ReportColumn | undefined;
  readonly measure: ReportColumn | undefined;
  readonly slices: readonly { readonly value: ReportCell; readonly amount: number }[];
  readonly cell: (index: number) => DrillCell;
}

export function sliceModel(result: Result, options: ChartOptions | undefined): SliceModel {
  const { dimensions, measures } = chartColumns(result);
  const dimension = dimensions.find((d) => d.key === options?.x) ?? dimensions[0];
  const measure = measures[0];
  const slices = result.rows.map((row) => ({ value: dimension ? (row[dimension.key] ?? null) : null, amount: measure ? (cellNumber(row[measure.key]) ?? 0) : 0 }));
  return Object.freeze({
    dimension,
    measure,
    slices,
    cell: (index: number): DrillCell => ({ values: dimension ? { [dimension.key]: slices[index]?.value ?? null } : {} }),
  });
}

/** Leaderboard: entries ranked by their number, largest first; ties share a rank (1, 2, 2, 4). */
export function rankSlices(model: SliceModel): readonly { readonly rank: number; readonly index: number; readonly value: ReportCell; readonly amount: number }[] {
  const ordered = model.slices.map((slice, index) => ({ ...slice, index })).sort((a, b) => b.amount - a.amount);
  return ordered.map((entry, i) => ({ ...entry, rank: ordered.findIndex((other) => other.amount === entry.amount) + 1 || i + 1 }));
}

/** A funnel stage: how many reached it, the share of the stage before, of the first stage, and the median wait. */
export interface FunnelStage {
  readonly stage: string;
  readonly reached: number;
  readonly conversion: number | null;
  readonly overall: number | null;
  readonly medianSeconds: number | null;
}

/**
 * The stages in order. With a split (by channel, store…) the stage counts are added up across splits and the
 * rates recomputed from the sums; medians cannot be added, so they are shown only without a split.
 */
export function funnelModel(result: Result): { readonly stages: readonly FunnelStage[]; readonly cell: (index: number) => DrillCell } {
  const split = result.columns.some((c) => c.role === 'dimension' && c.key !== 'stage');
  const order = distinct(result.rows.map((r) => r.stage ?? null)).filter((s): s is string => typeof s === 'string');
  const sums = order.map((stage) => {
    const rows = result.rows.filter((r) => r.stage === stage);
    return { stage, rows, reached: rows.reduce((sum, r) => sum + (cellNumber(r.reached) ?? 0), 0) };
  });
  const first = sums[0]?.reached ?? 0;
  const stages: FunnelStage[] = sums.map((s, i) => {
    const row = s.rows[0];
    if (!split && row) {
      return { stage: s.stage, reached: s.reached, conversion: cellNumber(row.conversion), overall: cellNumber(row.overall), medianSeconds: cellNumber(row.medianSeconds) };
    }
    const before = i === 0 ? s.reached : (sums[i - 1]?.reached ?? 0);
    return { stage: s.stage, reached: s.reached, conversion: before > 0 ? s.reached / before : null, overall: first > 0 ? s.reached / first : null, medianSeconds: null };
  });
  return Object.freeze({ stages, cell: (index: number): DrillCell => ({ values: {}, stage: stages[index]?.stage ?? '' }) });
}

/** A single number with its comparison: KPI cards and gauges. */
export function singleValue(result: Result): { readonly measure: ReportColumn | undefined; readonly value: number | null; readonly previous: number | null; readonly delta: number | null } {
  const { measures } = chartColumns(result);
  const measure = measures[0];
  const row = result.rows[0];
  if (!measure || !row) return { measure, value: null, previous: null, delta: null };
  return { measure, value: cellNumber(row[measure.key]), previous: cellNumber(row[`${measure.key}_previous`]), delta: cellNumber(row[`${measure.key}_delta`]) };
}

/**
 * A cross-tab: the first dimension down, the series dimension across, the first measure in the cells,
 * with row, column and grand totals. Totals are sums, so they are offered for additive measures only.
 */
export interface PivotModel {
  readonly rowDimension: ReportColumn | undefined;
  readonly columnDimension: ReportColumn | undefined;
  readonly measure: ReportColumn | undefined;
  readonly rowValues: readonly ReportCell[];
  readonly columnValues: readonly ReportCell[];
  readonly cells: readonly (readonly (number | null)[])[];
  readonly rowTotals: readonly number[];
  readonly columnTotals: readonly number[];
  readonly grandTotal: number;
  /** The cell at (row, column); a missing index means that row's or column's total. */
  readonly cell: (rowIndex: number | null, columnIndex: number | null) => DrillCell;
}

export function pivotModel(result: Result, options: ChartOptions | undefined): PivotModel {
  const axis = axisModel(result, options);
  const cells = axis.categories.map((_, r) => axis.seriesValues.map((_, c) => axis.values[c]?.[r] ?? null));
  const rowTotals = cells.map((row) => row.reduce<number>((sum, v) => sum + (v ?? 0), 0));
  const columnTotals = axis.seriesValues.map((_, c) => cells.reduce<number>((sum, row) => sum + (row[c] ?? 0), 0));
  return Object.freeze({
    rowDimension: axis.x,
    columnDimension: axis.series,
    measure: axis.measure,
    rowValues: axis.categories,
    columnValues: axis.seriesValues,
    cells,
    rowTotals,
    columnTotals,
    grandTotal: rowTotals.reduce((a, b) => a + b, 0),
    cell: (rowIndex: number | null, columnIndex: number | null): DrillCell => ({
      values: {
        ...(axis.x && rowIndex !== null ? { [axis.x.key]: axis.categories[rowIndex] ?? null } : {}),
        ...(axis.series && columnIndex !== null ? { [axis.series.key]: axis.seriesValues[columnIndex] ?? null } : {}),
      },
    }),
  });
}

/** A table row's drill cell: the values of its dimension columns. */
export function rowCell(result: Result, index: number): DrillCell {
  const row = result.rows[index] ?? {};
  return { values: Object.fromEntries(result.columns.filter((c) => c.role === 'dimension').map((c) => [c.key, row[c.key] ?? null])) };
}

/** Nothing to draw: no rows, or a funnel that no record entered (its stages come back with zeros). */
export function isEmptyResult(kind: ChartKind, result: { readonly rows: readonly Readonly<Record<string, unknown>>[] }): boolean {
  if (result.rows.length === 0) return true;
  return kind === 'funnel' && result.rows.every((row) => !Number(row.reached));
}
