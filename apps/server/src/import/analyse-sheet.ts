/**
 * The first look at an upload: finds the header and keeps the first rows for the preview, reading only
 * as far as those; the data rows are counted without parsing (see row-count.ts) for the progress bar.
 */
import { detectHeader, HEADER_SCAN_ROWS, type DetectedHeader } from './header-detection';
import { isBlankRow } from './import-rows';
import { countFilledRows } from './row-count';
import { readSheetRows, type SheetFormat, type SheetRow } from './sheet-reader';

export const SAMPLE_ROWS = 20;

export interface SheetAnalysis {
  readonly header: DetectedHeader | null;
  /** Rows with a value after the header. */
  readonly totalRows: number;
  readonly sample: readonly SheetRow[];
}

export async function analyseSheet(bytes: Uint8Array, format: SheetFormat): Promise<SheetAnalysis> {
  const first: SheetRow[] = [];
  let header: DetectedHeader | null | undefined;
  const sample: SheetRow[] = [];
  for await (const row of readSheetRows(bytes, format)) {
    if (header === undefined) {
      first.push(row);
      if (first.length < HEADER_SCAN_ROWS) continue;
      header = detectHeader(first);
      if (!header) return { header: null, totalRows: 0, sample: [] };
      sample.push(...dataRows(first, header));
    } else if (!isBlankRow(row.cells)) {
      sample.push(row);
    }
    if (sample.length >= SAMPLE_ROWS) break;
  }
  if (header === undefined) {
    header = detectHeader(first);
    if (!header) return { header: null, totalRows: 0, sample: [] };
    sample.push(...dataRows(first, header));
  }
  // Filled rows at or above the header (a title, the header itself) are not data.
  const above = first.filter((r) => r.row <= Math.max(...header!.headerRows) && !isBlankRow(r.cells)).length;
  const totalRows = Math.max(sample.length, (await countFilledRows(bytes, format)) - above);
  return { header, totalRows, sample: sample.slice(0, SAMPLE_ROWS) };
}

function dataRows(rows: readonly SheetRow[], header: DetectedHeader): SheetRow[] {
  const last = Math.max(...header.headerRows);
  return rows.filter((r) => r.row > last && !isBlankRow(r.cells));
}
