/** One key of a list's sort, as the `sort` query parameter spells it (`-budget` = budget, descending). */
export interface SortKey {
  readonly field: string;
  readonly descending: boolean;
}

/** The list's order when nothing is chosen: newest first. */
export const DEFAULT_SORT: readonly SortKey[] = Object.freeze([{ field: 'createdAt', descending: true }]);

/** parseSort('-budget,name') -> [{ field: 'budget', descending: true }, { field: 'name', descending: false }] */
export function parseSort(raw: string | null | undefined): readonly SortKey[] {
  if (!raw) return [];
  return raw.split(',').map((part) => part.trim()).filter(Boolean).map((part) => ({ field: part.replace(/^[-+]/, ''), descending: part.startsWith('-') }));
}

/** formatSort([{ field: 'budget', descending: true }]) -> '-budget'; an empty sort -> undefined (the server's default). */
export function formatSort(keys: readonly SortKey[]): string | undefined {
  return keys.length === 0 ? undefined : keys.map((k) => `${k.descending ? '-' : ''}${k.field}`).join(',');
}

/**
 * A click on a column header. Plain: sort by that column alone, ascending, then descending, then not at
 * all. With `add` (shift-click): the column joins the sort as its last key, or flips or leaves it when present.
 */
export function clickSort(keys: readonly SortKey[], field: string, add: boolean): readonly SortKey[] {
  const current = keys.find((k) => k.field === field);
  if (!add) {
    if (!current || keys.length > 1) return [{ field, descending: current ? !current.descending : false }];
    return current.descending ? [] : [{ field, descending: true }];
  }
  if (!current) return [...keys, { field, descending: false }];
  if (!current.descending) return keys.map((k) => (k.field === field ? { field, descending: true } : k));
  return keys.filter((k) => k.field !== field);
}

/** Moves the key at `index` by `by` places (the sort editor's up and down buttons). */
export function moveSortKey(keys: readonly SortKey[], index: number, by: -1 | 1): readonly SortKey[] {
  const target = index + by;
  if (target < 0 || target >= keys.length) return keys;
  const next = [...keys];
  [next[index], next[target]] = [next[target]!, next[index]!];
  return next;
}
