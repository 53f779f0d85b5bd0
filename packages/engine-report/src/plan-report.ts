import type {
  FormDefinition, JsonLogic, OrgUnit, Problem, ReportColumn, ReportColumnKind, ReportDefinition, ReportFilterValues,
  ReportMeasureFn, ReportQuery, ReportQueryMeasure, Validated,
} from '@tangram/schema';
import { forEachLogicVar } from '@tangram/schema';
import { addDays, isDay, previousPeriod, REPORT_TIME_ZONE } from './calendar';
import { allOf, inDays, oneOf } from './conditions';
import { fieldInfo, isNumeric, isTemporal, type FieldInfo, type ValueClass } from './field-classes';
import { createOrgTree } from './org-tree';
import { denominatorKey, numeratorKey, type PlannedDimension, type PlannedMeasure, type ReportPlan } from './report-plan';

/** What planning needs besides the report: the published form, what the viewer may not see, the org tree. */
export interface ReportContext {
  readonly form: FormDefinition;
  readonly hiddenFields: ReadonlySet<string>;
  readonly orgUnits: readonly OrgUnit[];
}

export interface PlanInput {
  /** Already shape-checked by `validateReport`. */
  readonly report: ReportDefinition;
  readonly filters?: ReportFilterValues;
  /** Where the report and the filters sit in the caller's request, for located problems. */
  readonly reportPath?: string;
  readonly filtersPath?: string;
}

const MEASURE_FITS: Readonly<Record<ReportMeasureFn, (c: ValueClass) => boolean>> = {
  count: () => true,
  countDistinct: (c) => c !== 'opaque',
  sum: isNumeric,
  avg: isNumeric,
  median: isNumeric,
  min: (c) => isNumeric(c) || isTemporal(c) || c === 'text' || c === 'choice',
  max: (c) => isNumeric(c) || isTemporal(c) || c === 'text' || c === 'choice',
};

function measureKind(fn: ReportMeasureFn, c: ValueClass | undefined): ReportColumnKind {
  if (fn === 'count' || fn === 'countDistinct' || fn === 'median') return 'number';
  if (c === 'decimal') return 'decimal';
  if (c !== undefined && isTemporal(c)) return 'date';
  return c === 'number' ? 'number' : 'text';
}

/**
 * Checks a report against the published form and the viewer, merges the dashboard's filters and returns
 * the plan, or every problem with its path.
 *   planReport({report: {…dimensions: [{field: "channel"}], measures: [{key: "n", fn: "count"}]}}, ctx)
 *   -> {ok: true, value: {query: {form: "lead", dimensions: [{key: "channel", field: "channel"}], measures: [{key: "n", fn: "count"}], …}, …}}
 */
export function planReport(input: PlanInput, ctx: ReportContext): Validated<ReportPlan> {
  const { report } = input;
  const base = input.reportPath ?? '';
  const filtersBase = input.filtersPath ?? '/filters';
  const problems: Problem[] = [];
  const orgTree = createOrgTree(ctx.orgUnits);

  /** A field the report reads: it exists, and the viewer may see it (else the report would leak it). */
  const readable = (name: string, path: string): FieldInfo | undefined => {
    const info = fieldInfo(ctx.form, name);
    if (!info) problems.push({ path, code: 'unknownField', params: { field: name } });
    else if (ctx.hiddenFields.has(name)) problems.push({ path, code: 'fieldHidden', params: { field: name } });
    else return info;
    return undefined;
  };
  const checkCondition = (expr: JsonLogic | undefined, path: string) =>
    forEachLogicVar(expr, path, (name, at) => {
      if (!name.startsWith('$')) readable(name, at);
    });

  if (report.source.form !== ctx.form.key) problems.push({ path: `${base}/source/form`, code: 'keyMismatch', params: { expected: ctx.form.key } });
  checkCondition(report.filter, `${base}/filter`);

  const dimensions: PlannedDimension[] = [];
  report.dimensions.forEach((d, i) => {
    const path = `${base}/dimensions/${i}`;
    const info = readable(d.field, `${path}/field`);
    if (!info) return;
    if (info.valueClass === 'opaque') problems.push({ path: `${path}/field`, code: 'dimensionFieldKind', params: { field: d.field } });
    if (d.bucket && !isTemporal(info.valueClass)) problems.push({ path: `${path}/bucket`, code: 'bucketFieldKind' });
    if (d.rollup && info.valueClass !== 'orgunit') problems.push({ path: `${path}/rollup`, code: 'rollupFieldKind' });
    dimensions.push({ key: d.key ?? d.field, field: d.field, valueClass: info.valueClass, ...(d.bucket ? { bucket: d.bucket } : {}), ...(d.rollup ? { rollup: d.rollup } : {}) });
  });

  const measures: PlannedMeasure[] = [];
  report.measures.forEach((m, i) => {
    const path = `${base}/measures/${i}`;
    const info = m.field === undefined ? undefined : readable(m.field, `${path}/field`);
    if (m.field !== undefined && !info) return;
    if (info && !MEASURE_FITS[m.fn](info.valueClass)) {
      problems.push({ path: `${path}/fn`, code: 'measureFieldKind', params: { fn: m.fn, kind: info.field?.kind ?? info.valueClass } });
    }
    if (m.ratio) checkCondition(m.ratio.numerator, `${path}/ratio/numerator`);
    if (m.compare && !input.filters?.dateRange) problems.push({ path: `${path}/compare`, code: 'compareWithoutDateRange' });
    measures.push({ key: m.key, fn: m.fn, valueClass: info?.valueClass, ratio: m.ratio !== undefined, compare: m.compare === 'previousPeriod' });
  });

  const funnel = report.source.funnel;
  if (funnel) {
    const info = readable(funnel.field, `${base}/source/funnel/field`);
    const field = info?.field;
    if (info && field?.kind !== 'select') problems.push({ path: `${base}/source/funnel/field`, code: 'funnelFieldKind' });
    else if (field?.kind === 'select') {
      funnel.stages.forEach((stage, i) => {
        if (!field.options.some((o) => o.value === stage)) problems.push({ path: `${base}/source/funnel/stages/${i}`, code: 'notAnOption', params: { value: stage } });
      });
    }
  }

  // Dashboard filters: a field the form lacks is skipped (a dashboard spans forms); a hidden one is refused.
  const ignoredFilters: (keyof ReportFilterValues)[] = [];
  const filterParts: (JsonLogic | undefined)[] = [];
  let range: { field: string; valueClass: ValueClass; from: string; to: string } | undefined;
  const filters = input.filters ?? {};
  const filterField = (name: keyof ReportFilterValues, field: string, fits: (c: ValueClass) => boolean): FieldInfo | undefined => {
    const info = fieldInfo(ctx.form, field);
    if (!info) {
      ignoredFilters.push(name);
      return undefined;
    }
    if (ctx.hiddenFields.has(field)) problems.push({ path: `${filtersBase}/${name}/field`, code: 'fieldHidden', params: { field } });
    else if (!fits(info.valueClass)) problems.push({ path: `${filtersBase}/${name}/field`, code: 'filterFieldKind', params: { field } });
    else return info;
    return undefined;
  };
  if (filters.dateRange) {
    const { field, from, to } = filters.dateRange;
    const info = filterField('dateRange', field, isTemporal);
    const fromOk = isDay(from);
    const toOk = isDay(to);
    if (!fromOk) problems.push({ path: `${filtersBase}/dateRange/from`, code: 'invalidDate' });
    if (!toOk) problems.push({ path: `${filtersBase}/dateRange/to`, code: 'invalidDate' });
    if (fromOk && toOk && from > to) problems.push({ path: `${filtersBase}/dateRange/to`, code: 'minGreaterThanMax', params: { min: from, max: to } });
    if (info && fromOk && toOk && from <= to) range = { field, valueClass: info.valueClass, from, to };
  }
  if (filters.orgUnit) {
    const info = filterField('orgUnit', filters.orgUnit.field, (c) => c === 'orgunit');
    if (!orgTree.has(filters.orgUnit.id)) problems.push({ path: `${filtersBase}/orgUnit/id`, code: 'invalidId' });
    else if (info) filterParts.push(oneOf(filters.orgUnit.field, orgTree.subtree(filters.orgUnit.id)));
  }
  if (filters.channel && filters.channel.values.length > 0) {
    if (filterField('channel', filters.channel.field, (c) => c === 'choice' || c === 'text')) filterParts.push(oneOf(filters.channel.field, filters.channel.values));
  }
  if (filters.owner && filters.owner.users.length > 0) {
    if (filterField('owner', filters.owner.field, (c) => c === 'user')) filterParts.push(oneOf(filters.owner.field, filters.owner.users));
  }
  if (problems.length > 0) return { ok: false, problems };

  const inRange = (from: string, to: string) => (range ? inDays(range.field, range.valueClass, from, addDays(to, 1)) : undefined);
  const filter = allOf([report.filter ?? undefined, ...filterParts, range ? inRange(range.from, range.to) : undefined]);
  const queryDimensions = dimensions.map(({ key, field, bucket, rollup }) => ({ key, field, ...(bucket ? { bucket } : {}), ...(rollup ? { rollup } : {}) }));
  const storeMeasures = (only: (m: ReportDefinition['measures'][number]) => boolean): ReportQueryMeasure[] =>
    report.measures.filter(only).flatMap((m): ReportQueryMeasure[] => {
      const plain = { fn: m.fn, ...(m.field !== undefined ? { field: m.field } : {}) };
      return m.ratio ? [{ key: numeratorKey(m.key), ...plain, where: m.ratio.numerator }, { key: denominatorKey(m.key), ...plain }] : [{ key: m.key, ...plain }];
    });
  const query: ReportQuery = {
    form: report.source.form,
    ...(filter !== undefined ? { filter } : {}),
    dimensions: queryDimensions,
    measures: storeMeasures(() => true),
    ...(funnel ? { funnel } : {}),
    timeZone: REPORT_TIME_ZONE,
  };
  let previous: ReportPlan['previous'];
  if (range && measures.some((m) => m.compare)) {
    const period = previousPeriod(range.from, range.to);
    const previousFilter = allOf([report.filter ?? undefined, ...filterParts, inRange(period.from, period.to)]);
    previous = { ...period, query: { ...query, ...(previousFilter !== undefined ? { filter: previousFilter } : {}), measures: storeMeasures((m) => m.compare === 'previousPeriod') } };
  }
  return {
    ok: true,
    value: Object.freeze({
      report,
      query,
      ...(previous ? { previous } : {}),
      dimensions,
      measures,
      columns: funnel ? funnelColumns(dimensions) : recordColumns(dimensions, measures, report),
      ...(filter !== undefined ? { filter } : {}),
      ignoredFilters,
    }),
  };
}

function dimensionColumns(dimensions: readonly PlannedDimension[]): ReportColumn[] {
  return dimensions.map((d) => ({ key: d.key, role: 'dimension', kind: d.bucket ? 'date' : d.valueClass === 'number' ? 'number' : 'text' }));
}

function recordColumns(dimensions: readonly PlannedDimension[], measures: readonly PlannedMeasure[], report: ReportDefinition): ReportColumn[] {
  return [
    ...dimensionColumns(dimensions),
    ...measures.flatMap((m, i): ReportColumn[] => {
      const label = report.measures[i]!.label;
      const kind: ReportColumnKind = m.ratio ? 'ratio' : measureKind(m.fn, m.valueClass);
      const own: ReportColumn = { key: m.key, role: 'measure', kind, ...(label ? { label } : {}) };
      return m.compare ? [own, { key: `${m.key}_previous`, role: 'measure', kind }, { key: `${m.key}_delta`, role: 'measure', kind: 'ratio' }] : [own];
    }),
  ];
}

function funnelColumns(dimensions: readonly PlannedDimension[]): ReportColumn[] {
  return [
    ...dimensionColumns(dimensions),
    { key: 'stage', role: 'dimension', kind: 'text' },
    { key: 'reached', role: 'measure', kind: 'number' },
    { key: 'conversion', role: 'measure', kind: 'ratio' },
    { key: 'overall', role: 'measure', kind: 'ratio' },
    { key: 'medianSeconds', role: 'measure', kind: 'seconds' },
  ];
}
