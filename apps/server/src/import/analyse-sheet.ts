/**
 * The first look at an upload: finds the header, counts the data rows (for the progress bar) and keeps
 * the first few for the preview. Streams the file once; only the sample is kept in memory.
 */
import { detectHeader, HEADER_SCAN_ROWS, type DetectedHeader } from './header-detection';
import { isBlankRow } from './import-rows';
import { readSheetRows, type SheetFormat, type SheetRow } from './sheet-reader';

export const SAMPLE_ROWS = 20;

export interface SheetAnalysis {
  readonly header: DetectedHeader | null;
  /** Non-blank rows after the header. */
  readonly totalRows: number;
  readonly sample: readonly SheetRow[];
}

export async function analyseSheet(bytes: Uint8Array, format: SheetFormat): Promise<SheetAnalysis> {
  const first: SheetRow[] = [];
  let header: DetectedHeader | null | undefined;
  let lastHeaderRow = 0;
  let totalRows = 0;
  const sample: SheetRow[] = [];
  const count = (row: SheetRow) => {
    if (row.row <= lastHeaderRow || isBlankRow(row.cells)) return;
    totalRows++;
    if (sample.length < SAMPLE_ROWS) sample.push(row);
  };
  for await (const row of readSheetRows(bytes, format)) {
    if (header === undefined) {
      first.push(row);
      if (first.length < HEADER_SCAN_ROWS) continue;
      header = detectHeader(first);
      if (!header) return { header: null, totalRows: 0, sample: [] };
      lastHeaderRow = Math.max(...header.headerRows);
      first.forEach(count);
      continue;
    }
    count(row);
  }
  if (header === undefined) {
    header = detectHeader(first);
    if (!header) return { header: null, totalRows: 0, sample: [] };
    lastHeaderRow = Math.max(...header.headerRows);
    first.forEach(count);
  }
  return { header, totalRows, sample };
}
