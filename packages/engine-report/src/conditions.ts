import type { JsonLogic, ReportBucket, ReportCell, ReportRollup } from '@tangram/schema';
import { bucketEnd, dayStart } from './calendar';
import type { ValueClass } from './field-classes';
import type { OrgTree } from './org-tree';

/** json-logic pieces a report's filters and drill-downs are made of. Each says exactly what SQL counts. */

const v = (name: string): JsonLogic => ({ var: name });

/** AND of the parts that are present; `undefined` when none is. */
export function allOf(parts: readonly (JsonLogic | undefined)[]): JsonLogic | undefined {
  const present = parts.filter((p): p is JsonLogic => p !== undefined);
  if (present.length === 0) return undefined;
  return present.length === 1 ? present[0]! : { and: present };
}

/**
 * Days `from` (inclusive) to `until` (exclusive) in Asia/Shanghai. A date field holds days, so it is
 * compared with days; a datetime with the instants those days start.
 *   inDays("createdAt", "time", "2026-10-01", "2026-11-01")
 *   -> {"and": [{">=": [{"var": "createdAt"}, "2026-09-30T16:00:00.000Z"]}, {"<": [… "2026-10-31T16:00:00.000Z"]}]}
 */
export function inDays(field: string, valueClass: ValueClass, from: string, until: string): JsonLogic {
  const edge = valueClass === 'time' ? dayStart : (day: string) => day;
  return { and: [{ '>=': [v(field), edge(from)] }, { '<': [v(field), edge(until)] }] };
}

export function isNull(field: string): JsonLogic {
  return { '==': [v(field), null] };
}

export function oneOf(field: string, values: readonly string[]): JsonLogic {
  return { in: [v(field), [...values]] };
}

/** The records whose value falls in one group of a dimension: the same grouping the store's SQL made. */
export function dimensionCondition(
  dimension: { readonly field: string; readonly bucket?: ReportBucket; readonly rollup?: ReportRollup },
  valueClass: ValueClass,
  value: ReportCell,
  orgTree: OrgTree,
): JsonLogic {
  const { field } = dimension;
  if (dimension.rollup) {
    const units = orgTree.rolledUpTo(value === null ? null : String(value), dimension.rollup);
    if (value !== null) return oneOf(field, units);
    return units.length === 0 ? isNull(field) : { or: [isNull(field), oneOf(field, units)] };
  }
  if (value === null) return isNull(field);
  if (dimension.bucket) return inDays(field, valueClass, String(value), bucketEnd(String(value), dimension.bucket));
  return { '==': [v(field), value] };
}
