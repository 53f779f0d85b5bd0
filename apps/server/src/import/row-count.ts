/**
 * How many rows hold a value, without parsing the sheet: the progress bar needs a total before the job
 * starts, and a second full parse would double the cost of an import. An .xlsx sheet is inflated as a
 * stream and its `<row>` elements scanned for a value (xlsx-reader.ts); a .csv is scanned for non-blank lines. Quoted line breaks
 * inside a CSV cell make the count a little high; the job's final figures are exact.
 *
 *   await countFilledRows(bytes, 'xlsx')   // 100,003 for a title, a header and 100,001 data rows
 */
import type { SheetFormat } from './sheet-reader';
import { countXlsxFilledRows } from './xlsx-reader';

export async function countFilledRows(bytes: Uint8Array, format: SheetFormat): Promise<number> {
  return format === 'xlsx' ? countXlsxFilledRows(bytes) : countCsvRows(bytes);
}

function countCsvRows(bytes: Uint8Array): number {
  let count = 0;
  let filled = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x0a) {
      if (filled) count++;
      filled = false;
    } else if (b !== 0x0d && b !== 0x2c && b !== 0x3b && b !== 0x09 && b !== 0x20 && b !== 0x22) {
      filled = true;
    }
  }
  return filled ? count + 1 : count;
}
