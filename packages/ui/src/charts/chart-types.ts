import type { ChartKind, ChartOptions, DrillCell, Locale, ReportCell, ReportColumn, ReportResult } from '@tangram/schema';

/** The words a chart shows itself; the app passes them from its dictionaries, so charts follow the language switch. */
export interface ChartLabels {
  readonly loading: string;
  readonly empty: string;
  readonly emptyHint: string;
  readonly errorTitle: string;
  readonly retry: string;
  readonly total: string;
  readonly others: string;
  readonly noValue: string;
  readonly rank: string;
  readonly conversion: string;
  readonly overall: string;
  readonly median: string;
  readonly previous: string;
  readonly goal: string;
}

/** Where a chart stands: still running, refused, or a result to draw. */
export type ChartStatus =
  | { readonly kind: 'loading' }
  | { readonly kind: 'failed'; readonly message: string; readonly onRetry?: () => void }
  | { readonly kind: 'ready'; readonly result: Pick<ReportResult, 'columns' | 'rows'> };

/**
 * How a dimension value reads to people: a select field's option label instead of its stored value,
 * a user's name instead of an id. The app knows the form; the chart only asks.
 */
export type DimensionLabel = (column: string, value: ReportCell) => string;

/** A column's heading (tables, pivots, exports): the app knows the form's field labels. */
export type ColumnLabel = (column: ReportColumn) => string;

export interface ChartProps {
  readonly kind: ChartKind;
  readonly options?: ChartOptions | undefined;
  readonly status: ChartStatus;
  readonly locale: Locale;
  readonly labels: ChartLabels;
  readonly dimensionLabel?: DimensionLabel | undefined;
  readonly columnLabel?: ColumnLabel | undefined;
  /** A bar, slice, funnel stage, pivot cell or table row was clicked: the cell behind it, for drill-down. */
  readonly onCellClick?: ((cell: DrillCell) => void) | undefined;
  /** Accessible name of the chart (its title). */
  readonly title: string;
  readonly height?: number | undefined;
}

/** What a drawn chart can do for its container. */
export interface ChartHandle {
  /** The chart as a PNG data URL, on a white background at twice the screen's density. */
  readonly toPng: () => string | null;
}

export type { ReportColumn, ReportCell };
