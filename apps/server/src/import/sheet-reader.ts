/**
 * Streams the rows of an uploaded spreadsheet: the first worksheet of an .xlsx (exceljs's streaming
 * reader: rows are parsed as they are reached, never a whole workbook in memory) or a .csv (csv-parse).
 * Cells come out as plain values — text, number, boolean, Date or null — whatever the file stored.
 *
 *   for await (const { row, cells } of readSheetRows(bytes, 'xlsx')) …   // row 1 = the sheet's first row
 */
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';

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
  if (format === 'xlsx') yield* readXlsx(bytes);
  else yield* readCsv(bytes);
}

/** The parts of exceljs's reader that decode the sheet and shared-string XML (not in its typings). */
interface XlsxParts {
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: number): Iterable<unknown>;
  _parseSharedStrings(entry: { setEncoding(encoding: 'utf8'): void }): AsyncIterable<unknown>;
}

/**
 * exceljs decodes every inflated chunk on its own, so a Chinese character cut between two chunks comes
 * out as U+FFFD (exceljs issue 2063, open in 4.4). Its sheet and shared-string parts are therefore given
 * text decoded by one StringDecoder per part, which carries a split character over to the next chunk.
 */
function decodeWhole(reader: ExcelJS.stream.xlsx.WorkbookReader): void {
  const parts = reader as unknown as XlsxParts;
  const parseWorksheet = parts._parseWorksheet.bind(reader);
  const parseSharedStrings = parts._parseSharedStrings.bind(reader);
  parts._parseWorksheet = (iterator, sheetNo) => parseWorksheet(decodeUtf8(iterator), sheetNo);
  parts._parseSharedStrings = (entry) => {
    entry.setEncoding('utf8');
    return parseSharedStrings(entry);
  };
}

async function* decodeUtf8(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text !== '') yield text;
  }
  const rest = decoder.end();
  if (rest !== '') yield rest;
}

async function* readXlsx(bytes: Uint8Array): AsyncGenerator<SheetRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles tell a date cell from a number cell.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'emit',
  });
  decodeWhole(reader);
  for await (const worksheet of reader) {
    for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
      const values = row.values as unknown[];
      const cells: CellValue[] = [];
      // `values` is 1-based and sparse.
      for (let c = 1; c < values.length; c++) cells.push(plainCell(values[c]));
      yield { row: row.number, cells };
    }
    // Only the first worksheet is imported.
    return;
  }
}

/** Rich text, hyperlinks, formulas and errors as the value a person sees in the cell. */
export function plainCell(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };
    if (Array.isArray(v.richText)) return v.richText.map((part) => part.text).join('');
    if ('result' in v) return plainCell(v.result);
    if (v.text !== undefined) return plainCell(v.text);
    if (v.error !== undefined) return null;
  }
  return String(value);
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
