/**
 * Which sheet column fills which field. Columns are matched to fields by label (zh-CN or en) or key,
 * compared loosely: case, spaces, full-width forms, a required mark ("*姓名") and a hint in brackets
 * ("手机号（必填）", "Budget (CNY)") do not matter.
 *
 *   suggestMapping([{ index: 0, label: "手机号码" }, { index: 1, label: "Name *" }], fields)
 *     -> { 0: null, 1: "name" }   ("手机号码" is not "手机号": no guess)
 */
import type { Field, FormDefinition } from '@tangram/schema';
import type { FormAccess } from '@tangram/store';
import type { SheetColumn } from './header-detection';

/** column index -> field key (or null: the column is not imported). */
export type ColumnMapping = Readonly<Record<string, string | null>>;

/** Kinds a spreadsheet cell can fill. Computed fields, files and subtables cannot be imported. */
const IMPORTABLE = new Set<Field['kind']>([
  'text', 'textarea', 'number', 'percent', 'money', 'date', 'datetime', 'select', 'multiselect', 'checkbox', 'yesno',
  'phone', 'email', 'url', 'user', 'orgunit', 'relation', 'rating', 'region',
]);

/** The fields this caller may fill from a sheet: importable kinds they may see and write. */
export function importableFields(form: FormDefinition, access: FormAccess): Field[] {
  return form.fields.filter((f) => IMPORTABLE.has(f.kind) && !access.hiddenFields.has(f.key) && !access.readOnlyFields.has(f.key));
}

/** "＊ 手机号（必填）" -> "手机号"; "Budget (CNY)" -> "budget". */
export function comparableLabel(label: string): string {
  return label
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]/g, '')
    .replace(/[*:：\s_\-.]/g, '');
}

export function suggestMapping(columns: readonly SheetColumn[], fields: readonly Field[]): ColumnMapping {
  const byLabel = new Map<string, string>();
  for (const f of fields) {
    for (const name of [f.key, f.label.en, f.label['zh-CN']]) {
      const key = name === undefined ? '' : comparableLabel(name);
      if (key !== '' && !byLabel.has(key)) byLabel.set(key, f.key);
    }
  }
  const taken = new Set<string>();
  const mapping: Record<string, string | null> = {};
  for (const column of columns) {
    const candidates = [column.label, column.group ? `${column.group}${column.label}` : undefined].filter((c): c is string => c !== undefined);
    const match = candidates.map((c) => byLabel.get(comparableLabel(c))).find((key) => key !== undefined && !taken.has(key));
    mapping[String(column.index)] = match ?? null;
    if (match) taken.add(match);
  }
  return mapping;
}
