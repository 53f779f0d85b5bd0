import type { Page, RecordView } from '@tangram/schema';
import type { TypedPage } from './typed-table';

/**
 * A fast wrong answer is worth nothing: before timing, the store's answers are checked against the
 * hand-written SQL's. Rows are compared by phone in page order (both tables were filled with the same rows
 * in the same order), totals exactly, aggregates per group with sums compared as exact decimals.
 */
export function pagesAgree(store: Page<RecordView>, typed: TypedPage): string | null {
  if (store.total !== typed.total) return `total: store ${store.total}, sql ${typed.total}`;
  const storePhones = store.items.map((item) => item.data.phone);
  const typedPhones = typed.rows.map((row) => row.phone);
  if (storePhones.length !== typedPhones.length) return `rows: store ${storePhones.length}, sql ${typedPhones.length}`;
  const firstDiff = storePhones.findIndex((phone, i) => phone !== typedPhones[i]);
  return firstDiff === -1 ? null : `row ${firstDiff}: store ${String(storePhones[firstDiff])}, sql ${String(typedPhones[firstDiff])}`;
}

export function aggregatesAgree(store: readonly Record<string, unknown>[], typed: readonly Record<string, unknown>[]): string | null {
  const key = (row: Record<string, unknown>) => `${String(row.channel)}|${Number(row.count)}|${decimal(row.budget)}`;
  const storeKeys = store.map(key).sort();
  const typedKeys = typed.map(key).sort();
  return storeKeys.join(';') === typedKeys.join(';') ? null : `groups: store [${storeKeys.join(', ')}], sql [${typedKeys.join(', ')}]`;
}

/** "1241592900.00", "1241592900" and 1241592900 are the same amount. */
function decimal(value: unknown): string {
  const text = String(value);
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}
