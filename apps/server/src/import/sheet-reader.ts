/**
 * Streams the rows of an uploaded spreadsheet: the first worksheet of an .xlsx (xlsx-reader.ts: rows are
 * parsed as they are reached, never a whole workbook in memory) or a .csv (csv-parse).
 * Cells come out as plain values — text, number, boolean, Date or null — whatever the file stored.
 *
 *   for await (const { row, cells } of readSheetRows(bytes, 'xlsx')) …   // row 1 = the sheet's first row
 */
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { readXlsxRows } from './xlsx-reader';

export type SheetFormat = 'xlsx' | 'csv';
export type CellValue = string | number | boolean | Date | null;

export interface SheetRow {
  /** The row number as the spreadsheet shows it (1-based, blank rows counted). */
  readonly row: number;
  /** Column A is index 0. */
  readonly cells: readonly CellValue[];
}

/** ZIP's local-file signature: every .xlsx starts with it. */
export function looksLikeXlsx(bytes: Uint8Array): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

export async function* readSheetRows(bytes: Uint8Array, format: SheetFormat): AsyncGenerator<SheetRow> {
  if (format === 'xlsx') yield* readXlsxRows(bytes);
  else yield* readCsv(bytes);
}

async function* readCsv(bytes: Uint8Array): AsyncGenerator<SheetRow> {
  const text = decodeText(bytes);
  const parser = Readable.from(chunks(text)).pipe(parse({
    bom: true,
    delimiter: guessDelimiter(text),
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
  }));
  let row = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    row++;
    yield { row, cells: record.map((cell) => (cell === '' ? null : cell)) };
  }
}

/** UTF-8 when it is valid UTF-8; else GB18030, what Excel writes for "CSV" on a Chinese Windows. */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function* chunks(text: string): Generator<string> {
  for (let i = 0; i < text.length; i += 64 * 1024) yield text.slice(i, i + 64 * 1024);
}

/** Comma, semicolon or tab: whichever the first line holds most of (outside quotes is close enough here). */
function guessDelimiter(text: string): string {
  const end = text.indexOf('\n');
  const first = end < 0 ? text : text.slice(0, end);
  const counts = [',', ';', '\t'].map((d) => [d, first.split(d).length] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}
