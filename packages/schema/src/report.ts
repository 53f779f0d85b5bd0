import type { JsonLogic } from './json-logic';
import type { LocalizedText } from './i18n';

/**
 * Reports and dashboards. A report reads ONE form: its records (grouped and measured) or, for a funnel,
 * the history of one select field in its events. Field names are form field keys or the system columns
 * `createdAt`, `updatedAt`, `ownerId`, `orgUnitId`, `createdBy`, `updatedBy` (see docs/reports.md).
 */

export const REPORT_BUCKETS = ['day', 'week', 'month', 'quarter', 'year'] as const;
/** How a date dimension is cut (in Asia/Shanghai); a bucket is named by its first day, "2024-04-01". */
export type ReportBucket = (typeof REPORT_BUCKETS)[number];

export const REPORT_ROLLUPS = ['region', 'hq'] as const;
/** An org-unit dimension counted at its region (or HQ) instead of the store the record belongs to. */
export type ReportRollup = (typeof REPORT_ROLLUPS)[number];

export const REPORT_MEASURE_FNS = ['count', 'countDistinct', 'sum', 'avg', 'min', 'max', 'median'] as const;
export type ReportMeasureFn = (typeof REPORT_MEASURE_FNS)[number];

export const CHART_KINDS = [
  'kpi', 'bar', 'column', 'line', 'area', 'pie', 'donut', 'funnel', 'table', 'pivot', 'leaderboard', 'gauge',
] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

/** `{form: "lead"}` measures records; with `funnel` it follows `field` through `stages` in the events. */
export interface ReportSource {
  readonly form: string;
  readonly funnel?: ReportFunnel;
}

/** Stage values of a select field, in order. A record reaching a later stage has passed the earlier ones. */
export interface ReportFunnel {
  readonly field: string;
  readonly stages: readonly string[];
}

export interface ReportDimension {
  /** Output column name; defaults to `field`. Sort keys and drill cells use it. */
  readonly key?: string;
  readonly field: string;
  /** Date and datetime fields only. */
  readonly bucket?: ReportBucket;
  /** Org-unit fields (and `orgUnitId`) only. */
  readonly rollup?: ReportRollup;
}

/**
 * One number per group. `ratio` makes it `fn` over the rows meeting `numerator` divided by `fn` over all
 * rows of the group ("won / all leads" = conversion rate), a number between 0 and 1 for counts.
 * `compare: "previousPeriod"` adds `<key>_previous` and `<key>_delta` (relative change, 0.25 = +25 %):
 * the same measure over the period of equal length just before the date range filter.
 */
export interface ReportMeasure {
  readonly key: string;
  readonly fn: ReportMeasureFn;
  /** Required except for `count`. */
  readonly field?: string;
  readonly label?: LocalizedText;
  readonly ratio?: { readonly numerator: JsonLogic };
  readonly compare?: 'previousPeriod';
}

export interface ReportSort {
  /** A dimension key or a measure key. */
  readonly key: string;
  readonly dir: 'asc' | 'desc';
}

export interface ChartOptions {
  /** Dimension key drawn along the axis (bar/column/line/area) or as slices (pie/donut); default: the first. */
  readonly x?: string;
  /** Dimension key split into series (stacked or grouped), or the pivot's columns. */
  readonly series?: string;
  readonly stacked?: boolean;
  /** Gauge: the target the measure is drawn against. */
  readonly goal?: number;
  /** Show the value on each bar / slice. */
  readonly labels?: boolean;
}

export interface ReportChart {
  readonly kind: ChartKind;
  readonly options?: ChartOptions;
}

export interface ReportDefinition {
  readonly schemaVersion: 1;
  readonly key: string;
  readonly title?: LocalizedText;
  readonly source: ReportSource;
  /** json-logic over the form's fields, applied before grouping. */
  readonly filter?: JsonLogic;
  /** At most 3 for records; at most 1 (a split such as channel, store or owner) for a funnel. */
  readonly dimensions: readonly ReportDimension[];
  /** At least one for records; none for a funnel (its columns are fixed: see FUNNEL_COLUMNS). */
  readonly measures: readonly ReportMeasure[];
  readonly sort?: readonly ReportSort[];
  /** Top N groups after sorting; with `others` the rest are summed into one row whose dimensions are null. */
  readonly limit?: number;
  readonly others?: boolean;
  readonly chart: ReportChart;
}

/** Columns of a funnel result, one row per stage (and per split value). */
export const FUNNEL_COLUMNS = ['stage', 'reached', 'conversion', 'overall', 'medianSeconds'] as const;

/**
 * Dashboard-level filter values, sent with every run. Each names the field of the report's form it
 * constrains; a report whose form lacks that field ignores the filter and lists it in `meta.ignoredFilters`.
 * `dateRange` is inclusive, dates "YYYY-MM-DD" in Asia/Shanghai. `orgUnit` keeps records of that unit and
 * everything under it.
 */
export interface ReportFilterValues {
  readonly dateRange?: { readonly field: string; readonly from: string; readonly to: string };
  readonly orgUnit?: { readonly field: string; readonly id: string };
  readonly channel?: { readonly field: string; readonly values: readonly string[] };
  readonly owner?: { readonly field: string; readonly users: readonly string[] };
}

export type ReportColumnKind = 'text' | 'number' | 'decimal' | 'date' | 'ratio' | 'seconds';

export interface ReportColumn {
  readonly key: string;
  readonly role: 'dimension' | 'measure';
  readonly kind: ReportColumnKind;
  readonly label?: LocalizedText;
}

/** A result cell: numbers for counts and ratios, exact decimal strings for money, booleans for yes/no groups. */
export type ReportCell = string | number | boolean | null;

export interface ReportResult {
  readonly columns: readonly ReportColumn[];
  readonly rows: readonly Readonly<Record<string, ReportCell>>[];
  readonly meta: ReportResultMeta;
}

export interface ReportResultMeta {
  readonly form: string;
  /** Groups before top N (the `others` row, if any, holds the rest). */
  readonly groups: number;
  readonly others: boolean;
  readonly previousPeriod?: { readonly from: string; readonly to: string };
  readonly ignoredFilters: readonly (keyof ReportFilterValues)[];
  /** Served from the result cache (same viewer scope, report, filters and data version). */
  readonly cached: boolean;
}

/** What a click hit: the dimension values of a bar/slice/cell, or a funnel stage (plus its split value). */
export interface DrillCell {
  readonly values: Readonly<Record<string, ReportCell>>;
  readonly stage?: string;
}

// --- dashboards ---

export const DASHBOARD_DATE_PRESETS = ['today', 'last7Days', 'last30Days', 'thisMonth', 'lastMonth', 'thisQuarter', 'thisYear'] as const;
export type DashboardDatePreset = (typeof DASHBOARD_DATE_PRESETS)[number];

/** Which fields the dashboard's global filters constrain; each shown as a control above the grid. */
export interface DashboardFilters {
  readonly dateRange?: { readonly field: string; readonly default?: DashboardDatePreset };
  readonly orgUnit?: { readonly field: string };
  readonly channel?: { readonly field: string };
  readonly owner?: { readonly field: string };
}

/** A chart on a 12-column grid; `y` and `h` in rows. Exactly one of `report` (inline) or `reportKey` (saved). */
export interface DashboardItem {
  readonly id: string;
  readonly report?: ReportDefinition;
  readonly reportKey?: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface DashboardDefinition {
  readonly schemaVersion: 1;
  readonly key: string;
  readonly title: LocalizedText;
  readonly filters?: DashboardFilters;
  readonly layout: readonly DashboardItem[];
  /** Role keys for which this is the default dashboard (HQ, store manager, clerk). */
  readonly roles?: readonly string[];
}

// --- the query engine-report hands the store ---

/**
 * A report with every field checked against the published form and every filter merged into one
 * json-logic `filter`: what the store runs as ONE aggregate statement under the caller's row scope.
 * Ratio measures arrive as two plain measures (numerator with `where`, denominator without).
 */
export interface ReportQuery {
  readonly form: string;
  readonly filter?: JsonLogic;
  readonly dimensions: readonly ReportQueryDimension[];
  readonly measures: readonly ReportQueryMeasure[];
  /** A funnel instead of measures: the store answers `reached_<i>` and `seconds_<i>` per split. */
  readonly funnel?: ReportFunnel;
  /** Where date buckets are cut. */
  readonly timeZone: string;
}

export interface ReportQueryDimension {
  readonly key: string;
  readonly field: string;
  readonly bucket?: ReportBucket;
  readonly rollup?: ReportRollup;
}

export interface ReportQueryMeasure {
  readonly key: string;
  readonly fn: ReportMeasureFn;
  readonly field?: string;
  /** Only rows meeting this condition are measured (a ratio's numerator). */
  readonly where?: JsonLogic;
}
