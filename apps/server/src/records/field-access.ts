/**
 * Field rules applied at the HTTP edge: what a caller may write (hidden and read-only fields, denied
 * values) and what they may see (hidden fields removed from every record they read). The store enforces
 * row scopes; these are the per-field halves the client sees as located 403s.
 */
import type { Problem, RecordView } from '@tangram/schema';
import type { FormAccess } from '@tangram/store';

/** Problems for every field the caller sent but may not write, located at `${basePath}/<key>`. */
export function forbiddenWrites(access: FormAccess, data: Readonly<Record<string, unknown>>, basePath: string): Problem[] {
  const found: Problem[] = [];
  // Most callers may write every field: an import asks once per row.
  if (access.hiddenFields.size === 0 && access.readOnlyFields.size === 0 && access.deniedValues.size === 0) return found;
  for (const key of Object.keys(data)) {
    const path = () => `${basePath}/${escapePointer(key)}`;
    if (access.hiddenFields.has(key)) found.push({ path: path(), code: 'hiddenField', params: { field: key } });
    else if (access.readOnlyFields.has(key)) found.push({ path: path(), code: 'readOnlyField', params: { field: key } });
    else {
      const denied = access.deniedValues.get(key);
      if (denied && isDenied(data[key], denied)) found.push({ path: path(), code: 'deniedValue', params: { field: key, value: data[key] } });
    }
  }
  return found;
}

// A multi-value field (multiselect) is refused when any of its values is denied.
function isDenied(value: unknown, denied: readonly unknown[]): boolean {
  const values = Array.isArray(value) ? value : [value];
  return values.some((v) => denied.some((d) => d === v || (typeof d === 'object' && JSON.stringify(d) === JSON.stringify(v))));
}

/** The record without the fields hidden from this caller. */
export function visibleRecord(access: FormAccess, record: RecordView): RecordView {
  if (access.hiddenFields.size === 0) return record;
  const data = Object.fromEntries(Object.entries(record.data).filter(([key]) => !access.hiddenFields.has(key)));
  return { ...record, data };
}

export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
