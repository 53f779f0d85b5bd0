import type { ChartKind, Field, FormDefinition, ReportBucket, ReportDefinition, ReportMeasureFn } from '@tangram/schema';

/** A field in the dimension well. */
export interface WellDimension {
  readonly field: string;
  readonly bucket?: ReportBucket | undefined;
}

/** A field (or the record count, `field: null`) in the measure well. */
export interface WellMeasure {
  readonly field: string | null;
  readonly fn: ReportMeasureFn;
}

/** Everything the designer holds while a chart is being built. */
export interface DesignerState {
  readonly form: string;
  readonly title: string;
  readonly kind: ChartKind;
  readonly dimensions: readonly WellDimension[];
  readonly measures: readonly WellMeasure[];
  /** Funnel: the select field whose stages records move through, and the stages shown. */
  readonly funnelField: string | null;
  readonly stages: readonly string[];
  /** Each measure also against the period of equal length before the date range (KPI deltas). */
  readonly compare: boolean;
}

/** The record columns every form has, usable as dimensions. */
export const SYSTEM_DIMENSIONS = ['createdAt', 'ownerId', 'orgUnitId'] as const;

const DATE_KINDS = new Set(['date', 'datetime']);
const NUMBER_KINDS = new Set(['number', 'money', 'percent', 'rating']);
const GROUPABLE_KINDS = new Set(['select', 'yesno', 'checkbox', 'user', 'orgunit', 'text', 'date', 'datetime', 'number', 'rating']);

/** Fields that can be dragged into the dimension well (values to group by). */
export function dimensionFields(form: FormDefinition): readonly Field[] {
  return form.fields.filter((f) => GROUPABLE_KINDS.has(f.kind));
}

/** Fields that can be dragged into the measure well (numbers to add up, or anything to count). */
export function measureFields(form: FormDefinition): readonly Field[] {
  return form.fields.filter((f) => NUMBER_KINDS.has(f.kind));
}

/** Select fields: the ones a funnel can follow. */
export function stageFields(form: FormDefinition): readonly Field[] {
  return form.fields.filter((f) => f.kind === 'select');
}

/** The measure a dropped field starts as: a sum for numbers, distinct values otherwise. */
export function measureFor(field: Field | null): WellMeasure {
  if (!field) return { field: null, fn: 'count' };
  return { field: field.key, fn: NUMBER_KINDS.has(field.kind) ? 'sum' : 'countDistinct' };
}

/** The dimension a dropped field starts as: date fields are cut by month. */
export function dimensionFor(field: Field | { key: string; kind: 'datetime' | 'user' | 'orgunit' }): WellDimension {
  return DATE_KINDS.has(field.kind) ? { field: field.key, bucket: 'month' } : { field: field.key };
}

/** Why the designer cannot preview yet, as message keys; empty when the report is complete. */
export type DesignerGap = 'needsForm' | 'needsMeasure' | 'needsDimension' | 'needsStages';

export function designerGaps(state: DesignerState): readonly DesignerGap[] {
  if (!state.form) return ['needsForm'];
  if (state.kind === 'funnel') return state.funnelField && state.stages.length >= 2 ? [] : ['needsStages'];
  const gaps: DesignerGap[] = [];
  if (state.measures.length === 0) gaps.push('needsMeasure');
  const needsDimension = !['kpi', 'gauge', 'table'].includes(state.kind);
  if (needsDimension && state.dimensions.length === 0) gaps.push('needsDimension');
  return gaps;
}

/**
 * The report the wells describe, or null while something is missing.
 * toReport({form: 'lead', kind: 'pie', dimensions: [{field: 'channel'}], measures: [{field: null, fn: 'count'}], …}, 'r1')
 *   -> { source: {form: 'lead'}, dimensions: [{field: 'channel'}], measures: [{key: 'count', fn: 'count'}], chart: {kind: 'pie'} … }
 */
export function toReport(state: DesignerState, key: string): ReportDefinition | null {
  if (designerGaps(state).length > 0) return null;
  const title = state.title.trim();
  const base = { schemaVersion: 1 as const, key, ...(title ? { title: { 'zh-CN': title, en: title } } : {}) };
  if (state.kind === 'funnel') {
    return {
      ...base,
      source: { form: state.form, funnel: { field: state.funnelField!, stages: state.stages } },
      dimensions: state.dimensions.slice(0, 1).map(dimension),
      measures: [],
      chart: { kind: 'funnel' },
    };
  }
  const measures = state.measures.map((m, i) => ({
    key: m.field === null ? (i === 0 ? 'count' : `count_${i}`) : `${m.fn}_${m.field}`,
    fn: m.fn,
    ...(m.field !== null ? { field: m.field } : {}),
    ...(state.compare ? { compare: 'previousPeriod' as const } : {}),
  }));
  const dims = state.dimensions.slice(0, 3).map(dimension);
  const ranked = ['leaderboard', 'pie', 'donut', 'bar', 'column'].includes(state.kind) && measures[0];
  return {
    ...base,
    source: { form: state.form },
    dimensions: dims,
    measures,
    ...(ranked && dims.length === 1 ? { sort: [{ key: measures[0]!.key, dir: 'desc' as const }] } : {}),
    chart: { kind: state.kind, ...(state.kind === 'gauge' || dims.length < 2 ? {} : { options: { series: dims[1]!.field, stacked: false } }) },
  };
}

function dimension(d: WellDimension) {
  return { field: d.field, ...(d.bucket ? { bucket: d.bucket } : {}) };
}

/** Back from a saved report to the wells, to edit a chart already on a dashboard. */
export function fromReport(report: ReportDefinition): DesignerState {
  const title = report.title?.['zh-CN'] ?? report.title?.en ?? '';
  return {
    form: report.source.form,
    title,
    kind: report.chart.kind,
    dimensions: report.dimensions.map((d) => ({ field: d.field, ...(d.bucket ? { bucket: d.bucket } : {}) })),
    measures: report.measures.map((m) => ({ field: m.field ?? null, fn: m.fn })),
    funnelField: report.source.funnel?.field ?? null,
    stages: report.source.funnel?.stages ?? [],
    compare: report.measures.some((m) => m.compare === 'previousPeriod'),
  };
}
