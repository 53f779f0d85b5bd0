import type { Field, FormDefinition } from '@tangram/schema';

/** Kinds that make no sense as one table cell. */
const NOT_A_COLUMN = new Set<Field['kind']>(['subtable', 'file', 'textarea']);

/** Fields a list can show as columns, in form order. */
export function columnFields(form: Pick<FormDefinition, 'fields'>): readonly Field[] {
  return form.fields.filter((field) => !NOT_A_COLUMN.has(field.kind));
}

/**
 * The columns a list starts with: the first `count` fields that fit a cell.
 * defaultColumns(form) -> ['name', 'phone', 'channel', 'budget', 'stage', 'visit_date']
 */
export function defaultColumns(form: Pick<FormDefinition, 'fields'>, count = 6): readonly string[] {
  return Object.freeze(columnFields(form).slice(0, count).map((field) => field.key));
}

/** The next sort after clicking a column header: ascending, then descending, then back to the default. */
export function nextSort(current: string | undefined, key: string): string | undefined {
  if (current === key) return `-${key}`;
  if (current === `-${key}`) return undefined;
  return key;
}
