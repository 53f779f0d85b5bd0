/**
 * Turns sheet rows into record inputs through the mapping: one converter per mapped column, prepared
 * once per import. Empty cells are left out, so a field's default applies as in a form.
 */
import type { Field, FormDefinition } from '@tangram/schema';
import { cellConverter, type CellConverter } from './cell-input';
import type { ColumnMapping } from './column-mapping';
import type { CellValue } from './sheet-reader';

/** Excel and CSV times are wall-clock times in the form's zone (Asia/Shanghai, no daylight saving). */
export const SHEET_UTC_OFFSET = '+08:00';

export interface MappedColumn {
  readonly index: number;
  readonly field: Field;
  readonly convert: CellConverter;
}

export function mappedColumns(form: FormDefinition, mapping: ColumnMapping): MappedColumn[] {
  const byKey = new Map(form.fields.map((f) => [f.key, f]));
  const columns: MappedColumn[] = [];
  for (const [index, key] of Object.entries(mapping)) {
    const field = key === null ? undefined : byKey.get(key);
    if (field) columns.push({ index: Number(index), field, convert: cellConverter(field, SHEET_UTC_OFFSET) });
  }
  return columns;
}

export function isBlankRow(cells: readonly CellValue[]): boolean {
  return cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));
}

export function rowInput(columns: readonly MappedColumn[], cells: readonly CellValue[]): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const column of columns) {
    const cell = cells[column.index] ?? null;
    if (cell === null || (typeof cell === 'string' && cell.trim() === '')) continue;
    input[column.field.key] = column.convert(cell);
  }
  return input;
}

/** Cells as JSON (dates as ISO text) for the rejected-rows table. */
export function storableCells(cells: readonly CellValue[]): unknown[] {
  return cells.map((c) => (c instanceof Date ? c.toISOString() : c));
}
