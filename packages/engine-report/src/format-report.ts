import type { ReportCell, ReportResult, ReportSort } from '@tangram/schema';
import { addDecimals, roundDecimal } from './decimal';
import { denominatorKey, numeratorKey, type PlannedMeasure, type ReportPlan } from './report-plan';

type Row = Readonly<Record<string, unknown>>;
type OutRow = Record<string, ReportCell>;

const RATIO_DIGITS = 4;
const round = (x: number, digits: number): number => Number(x.toFixed(digits));
const toNumber = (x: unknown): number | null => (x === null || x === undefined ? null : Number(x));

function ratio(numerator: number | null, denominator: number | null): number | null {
  if (numerator === null || denominator === null || denominator === 0) return null;
  return round(numerator / denominator, RATIO_DIGITS);
}

/** A stored aggregate as the reader sees it: counts as numbers, money as exact decimal strings. */
function measureValue(m: PlannedMeasure, raw: unknown): ReportCell {
  if (raw === null || raw === undefined) return null;
  if (m.fn === 'count' || m.fn === 'countDistinct' || m.fn === 'median') return Number(raw);
  if (m.valueClass === 'decimal') return m.fn === 'avg' ? roundDecimal(String(raw), 2) : String(raw);
  if (m.valueClass === 'number') return Number(raw);
  return String(raw);
}

function cell(plan: ReportPlan, row: Row, m: PlannedMeasure): ReportCell {
  if (!m.ratio) return measureValue(m, row[m.key]);
  return ratio(toNumber(row[numeratorKey(m.key)]), toNumber(row[denominatorKey(m.key)]));
}

function dimensionValue(raw: unknown, valueClass: string): ReportCell {
  if (raw === null || raw === undefined) return null;
  if (valueClass === 'number') return Number(raw);
  if (typeof raw === 'boolean' || typeof raw === 'number') return raw;
  return String(raw);
}

const groupId = (plan: ReportPlan, row: Row) => JSON.stringify(plan.dimensions.map((d) => dimensionValue(row[d.key], d.valueClass)));

/** Nulls last; numbers (and decimal strings) by value; text by code point, the same in every locale. */
function compareCells(a: ReportCell, b: ReportCell): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const na = Number(a);
  const nb = Number(b);
  if (typeof a !== 'boolean' && typeof b !== 'boolean' && !Number.isNaN(na) && !Number.isNaN(nb) && a !== '' && b !== '') return na - nb;
  return String(a) < String(b) ? -1 : 1;
}

function sortRows(rows: OutRow[], sort: readonly ReportSort[] | undefined): OutRow[] {
  if (!sort || sort.length === 0) return rows;
  return [...rows].sort((a, b) => {
    for (const s of sort) {
      const order = compareCells(a[s.key] ?? null, b[s.key] ?? null);
      if (order !== 0) return s.dir === 'asc' || a[s.key] === null || b[s.key] === null ? order : -order;
    }
    return 0;
  });
}

/** Sum of a column over rows, exact for decimals; null when no row has a value. */
function total(rows: readonly OutRow[], key: string): ReportCell {
  const values = rows.map((r) => r[key]).filter((v): v is string | number => v !== null && v !== undefined && typeof v !== 'boolean');
  if (values.length === 0) return null;
  if (values.every((v) => typeof v === 'string')) return (values as string[]).reduce(addDecimals);
  return values.reduce<number>((s, v) => s + Number(v), 0);
}

/**
 * The rows after the top N, folded into one: what can be added is added (counts, sums, and ratios of
 * counts or sums from their parts), min and max stay exact, and what can't (distinct counts, averages,
 * medians) is null rather than a wrong number.
 */
function othersRow(plan: ReportPlan, rest: readonly OutRow[], parts: ReadonlyMap<OutRow, Row>, previousParts: ReadonlyMap<OutRow, Row | undefined>): OutRow {
  const out: OutRow = Object.fromEntries(plan.dimensions.map((d) => [d.key, null]));
  for (const m of plan.measures) {
    const additive = m.fn === 'count' || m.fn === 'sum';
    const fold = (rows: readonly OutRow[], key: string): ReportCell => {
      if (m.fn === 'min' || m.fn === 'max') {
        const sorted = rows.map((r) => r[key] ?? null).filter((v) => v !== null).sort(compareCells);
        return (m.fn === 'min' ? sorted[0] : sorted[sorted.length - 1]) ?? null;
      }
      return additive ? total(rows, key) : null;
    };
    const foldRatio = (source: (r: OutRow) => Row | undefined): ReportCell => {
      if (!additive) return null;
      const sum = (key: string) => rest.reduce((s, r) => s + (toNumber(source(r)?.[key]) ?? 0), 0);
      return ratio(sum(numeratorKey(m.key)), sum(denominatorKey(m.key)));
    };
    out[m.key] = m.ratio ? foldRatio((r) => parts.get(r)) : fold(rest, m.key);
    if (m.compare) {
      out[`${m.key}_previous`] = m.ratio ? foldRatio((r) => previousParts.get(r)) : fold(rest, `${m.key}_previous`);
      out[`${m.key}_delta`] = delta(out[m.key] ?? null, out[`${m.key}_previous`] ?? null);
    }
  }
  return out;
}

/** Relative change: 120 after 100 -> 0.2; nothing to compare with -> null. */
function delta(current: ReportCell, previous: ReportCell): number | null {
  const c = toNumber(current);
  const p = toNumber(previous);
  if (c === null || p === null || p === 0) return null;
  return round((c - p) / p, RATIO_DIGITS);
}

/**
 * Turns the store's grouped rows into what a chart draws: ratios divided, "compared with the previous
 * period" joined on the dimension values, sorted, cut to the top N with the rest in an "others" row.
 *   formatReport(plan, [{channel: "web", n: 3}, {channel: "expo", n: 5}]) (sort n desc, limit 1, others)
 *   -> rows [{channel: "expo", n: 5}, {channel: null, n: 3}], meta {groups: 2, others: true, …}
 */
export function formatReport(plan: ReportPlan, rows: readonly Row[], previousRows: readonly Row[] = []): ReportResult {
  if (plan.query.funnel) return formatFunnel(plan, rows);
  const previousById = new Map(previousRows.map((r) => [groupId(plan, r), r]));
  const parts = new Map<OutRow, Row>();
  const previousParts = new Map<OutRow, Row | undefined>();
  const out = rows.map((row) => {
    const o: OutRow = Object.fromEntries(plan.dimensions.map((d) => [d.key, dimensionValue(row[d.key], d.valueClass)]));
    const before = previousById.get(groupId(plan, row));
    for (const m of plan.measures) {
      o[m.key] = cell(plan, row, m);
      if (m.compare) {
        const previous = before ? cell(plan, before, m) : m.fn === 'count' && !m.ratio ? 0 : null;
        o[`${m.key}_previous`] = previous;
        o[`${m.key}_delta`] = delta(o[m.key] ?? null, previous);
      }
    }
    parts.set(o, row);
    previousParts.set(o, before);
    return o;
  });
  const sorted = sortRows(out, plan.report.sort);
  const limit = plan.report.limit;
  const cut = limit !== undefined && sorted.length > limit;
  const shown = cut ? sorted.slice(0, limit) : sorted;
  const others = cut && plan.report.others === true;
  return Object.freeze({
    columns: plan.columns,
    rows: Object.freeze(others ? [...shown, othersRow(plan, sorted.slice(limit), parts, previousParts)] : shown),
    meta: Object.freeze({
      form: plan.query.form,
      groups: rows.length,
      others,
      ...(plan.previous ? { previousPeriod: { from: plan.previous.from, to: plan.previous.to } } : {}),
      ignoredFilters: plan.ignoredFilters,
      cached: false,
    }),
  });
}

/**
 * One row per stage (per split value): how many reached it, the share of the previous stage and of the
 * first, and the median seconds from the previous stage. The store answers `reached_<i>`, `seconds_<i>`.
 */
function formatFunnel(plan: ReportPlan, rows: readonly Row[]): ReportResult {
  const stages = plan.query.funnel!.stages;
  const split = plan.dimensions[0];
  const out: OutRow[] = rows.flatMap((row) => {
    const reached = stages.map((_, i) => Number(row[`reached_${i}`] ?? 0));
    return stages.map((stage, i): OutRow => {
      const seconds = i === 0 ? null : toNumber(row[`seconds_${i}`]);
      return {
        ...(split ? { [split.key]: dimensionValue(row[split.key], split.valueClass) } : {}),
        stage,
        reached: reached[i]!,
        conversion: i === 0 ? null : ratio(reached[i]!, reached[i - 1]!),
        overall: ratio(reached[i]!, reached[0]!),
        medianSeconds: seconds === null ? null : round(seconds, 3),
      };
    });
  });
  return Object.freeze({
    columns: plan.columns,
    rows: Object.freeze(out),
    meta: Object.freeze({ form: plan.query.form, groups: rows.length, others: false, ignoredFilters: plan.ignoredFilters, cached: false }),
  });
}
