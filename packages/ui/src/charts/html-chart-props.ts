import type { ChartOptions, DrillCell, Locale, ReportResult } from '@tangram/schema';
import type { ChartLabels, ColumnLabel, DimensionLabel } from './chart-types';

/** What the HTML charts (KPI, table, pivot, leaderboard) receive: a result that is ready to draw. */
export interface HtmlChartProps {
  readonly result: Pick<ReportResult, 'columns' | 'rows'>;
  readonly options: ChartOptions | undefined;
  readonly locale: Locale;
  readonly labels: ChartLabels;
  readonly dimensionLabel: DimensionLabel;
  readonly columnLabel: ColumnLabel;
  readonly onCellClick?: ((cell: DrillCell) => void) | undefined;
  readonly title: string;
}
