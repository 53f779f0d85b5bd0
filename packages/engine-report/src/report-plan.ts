import type {
  JsonLogic, ReportBucket, ReportColumn, ReportDefinition, ReportFilterValues, ReportMeasureFn, ReportQuery, ReportRollup,
} from '@tangram/schema';
import type { ValueClass } from './field-classes';

export interface PlannedDimension {
  readonly key: string;
  readonly field: string;
  readonly valueClass: ValueClass;
  readonly bucket?: ReportBucket;
  readonly rollup?: ReportRollup;
}

export interface PlannedMeasure {
  readonly key: string;
  readonly fn: ReportMeasureFn;
  readonly valueClass: ValueClass | undefined;
  /** Answered by the store as `<key>__n` / `<key>__d`. */
  readonly ratio: boolean;
  readonly compare: boolean;
}

/**
 * A report checked against its form and its viewer, ready to run: `query` (and `previous.query` for
 * "compared with the previous period") go to the store; the rest formats the answer and builds drill-downs.
 */
export interface ReportPlan {
  readonly report: ReportDefinition;
  readonly query: ReportQuery;
  readonly previous?: { readonly query: ReportQuery; readonly from: string; readonly to: string };
  readonly dimensions: readonly PlannedDimension[];
  readonly measures: readonly PlannedMeasure[];
  readonly columns: readonly ReportColumn[];
  /** The report's own filter AND the dashboard's: what a drill-down starts from. */
  readonly filter?: JsonLogic;
  readonly ignoredFilters: readonly (keyof ReportFilterValues)[];
}

export const numeratorKey = (key: string): string => `${key}__n`;
export const denominatorKey = (key: string): string => `${key}__d`;
