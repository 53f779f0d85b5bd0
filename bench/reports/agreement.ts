import type { ReportResult } from '@tangram/schema';

/**
 * Whether the store's report and the hand-written SQL gave the same answer (null) or what differed.
 * Counts and sums compare exactly; medians of seconds to the second (the report rounds them to 3 decimals).
 */
export function reportsAgree(result: ReportResult, sqlRows: readonly Record<string, unknown>[], keys: readonly string[]): string | null {
  const norm = (v: unknown, key: string) => (v === null || v === undefined ? null : key.startsWith('seconds') || key === 'medianSeconds' ? Math.round(Number(v)) : /^-?\d+(\.\d+)?$/.test(String(v)) ? Number(v) : String(v));
  const mine = result.rows.map((r) => keys.map((k) => norm(r[k], k)));
  const theirs = sqlRows.map((r) => keys.map((k) => norm(r[k], k)));
  if (mine.length !== theirs.length) return `${mine.length} rows against ${theirs.length}`;
  for (let i = 0; i < mine.length; i++) {
    if (JSON.stringify(mine[i]) !== JSON.stringify(theirs[i])) return `row ${i}: ${JSON.stringify(mine[i])} against ${JSON.stringify(theirs[i])}`;
  }
  return null;
}

/** A funnel answered per stage (store) against one row of reached_i / seconds_i (SQL). */
export function funnelRowsOf(sqlRow: Record<string, unknown> | undefined, stages: readonly string[]): Record<string, unknown>[] {
  if (!sqlRow) return [];
  return stages.map((stage, i) => ({ stage, reached: sqlRow[`reached_${i}`], medianSeconds: i === 0 ? null : sqlRow[`seconds_${i}`] }));
}
