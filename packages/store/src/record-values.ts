import type { FormAccess } from './api';
import { StoreError } from './errors';
import { timeFieldKeys, type FormLayout } from './form-layout';

const TIME_VALUE = /^(\d{4})-(\d{2})-(\d{2})([T ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?))?$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * A real calendar date ("2024-02-31" is not), in a value the time slots accept. Checked by arithmetic:
 * a Date and its ISO text for each value cost an import ~1 µs a row.
 */
export function isValidTimeValue(value: string): boolean {
  const date = TIME_VALUE.exec(value);
  if (!date) return false;
  const year = Number(date[1]);
  const month = Number(date[2]);
  const day = Number(date[3]);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month >= 1 && month <= 12 && day >= 1 && day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!);
}

/**
 * Checks what the SQL slot projection can't: a date-like value that would make the cast fail.
 * Everything else about values (required, ranges, patterns) is engine-form's job before the store.
 */
export function assertStorableData(layout: FormLayout, data: unknown, path: string): asserts data is Readonly<Record<string, unknown>> {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new StoreError('ERR_INVALID_VALUE', 'record data must be an object', { path });
  }
  for (const key of timeFieldKeys(layout)) {
    const value = (data as Record<string, unknown>)[key];
    if (typeof value === 'string' && !isValidTimeValue(value)) {
      throw new StoreError('ERR_INVALID_VALUE', `${JSON.stringify(value)} is not a valid date`, { path: `${path}/${key}`, params: { field: key, value } });
    }
  }
}

/** Value rules: a user may not set a field to a value every granting role denies (e.g. stage = won). */
export function assertAllowedValues(access: FormAccess, data: Readonly<Record<string, unknown>>, path: string, before?: Readonly<Record<string, unknown>>): void {
  for (const [key, denied] of access.deniedValues) {
    if (!Object.hasOwn(data, key)) continue;
    const value = data[key];
    if (before && sameValue(before[key], value)) continue;
    if (denied.some((d) => sameValue(d, value))) {
      throw new StoreError('ERR_FORBIDDEN', `you may not set ${key} to ${JSON.stringify(value)}`, { path: `${path}/${key}`, params: { field: key, value } });
    }
  }
}

/** Hidden and read-only fields can't be changed by this user (an unchanged value sent back is fine). */
export function assertWritableFields(access: FormAccess, patch: Readonly<Record<string, unknown>>, before: Readonly<Record<string, unknown>> | undefined, path: string): void {
  for (const [key, value] of Object.entries(patch)) {
    if (!access.hiddenFields.has(key) && !access.readOnlyFields.has(key)) continue;
    if (before && sameValue(before[key], value)) continue;
    throw new StoreError('ERR_FORBIDDEN', `field ${key} is read-only for you`, { path: `${path}/${key}`, params: { field: key } });
  }
}

export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a ?? null) === canonical(b ?? null);
}

/** JSON with object keys sorted: jsonb hands objects back with its own key order (`{id, mime, name, size}`). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) : v);
}
