/**
 * What an import job stores: its payload (file facts, header, mapping, duplicate policy) and its progress.
 * Both live in the job row, so a reload, a second tab or another server process sees the same thing.
 */
import type { SheetColumn } from './header-detection';
import type { ColumnMapping } from './column-mapping';
import type { SheetFormat } from './sheet-reader';

export const IMPORT_JOB_KIND = 'import';
export type OnDuplicate = 'skip' | 'update' | 'create';

export interface ImportPayload {
  readonly fileName: string;
  readonly format: SheetFormat;
  /** Sheet row numbers of the header; data rows come after the last. */
  readonly headerRows: readonly number[];
  readonly columns: readonly SheetColumn[];
  /** Data rows (blank ones not counted). */
  readonly totalRows: number;
  readonly mapping: ColumnMapping;
  readonly onDuplicate: OnDuplicate;
  /** The field that tells an existing record (a unique field such as phone); null: every row is new. */
  readonly matchField: string | null;
  /**
   * Whether each chunk's creates go in two statements, each under its own batch key. Jobs started since
   * chunks overlap write one statement per chunk (false); a job queued before keeps two (absent), so
   * that, resumed by a newer server, it finds the batch keys it stored.
   */
  readonly splitChunks?: boolean;
}

/** A type alias (not an interface) so it is stored as a plain JSON record. */
export type ImportProgress = {
  readonly total: number;
  readonly processed: number;
  readonly created: number;
  readonly updated: number;
  readonly skipped: number;
  readonly rejected: number;
  /** The last sheet row fully handled: a resumed job starts after it. */
  readonly rowsDone: number;
};

export const NO_PROGRESS: Omit<ImportProgress, 'total'> = Object.freeze({ processed: 0, created: 0, updated: 0, skipped: 0, rejected: 0, rowsDone: 0 });

/** Stored progress, with `total` (the count made at upload) until the job has its own. */
export function progressOf(stored: Readonly<Record<string, unknown>>, total: number): ImportProgress {
  const n = (key: keyof ImportProgress) => (typeof stored[key] === 'number' ? (stored[key] as number) : 0);
  return { total: typeof stored.total === 'number' ? stored.total : total, processed: n('processed'), created: n('created'), updated: n('updated'), skipped: n('skipped'), rejected: n('rejected'), rowsDone: n('rowsDone') };
}
