/**
 * Streams a filtered view of a form as .xlsx (exceljs's streaming writer) or .csv (UTF-8 with a BOM,
 * which Excel needs to read Chinese text), a page of records at a time through the store's permission
 * chokepoint: only rows the caller may read, only fields they may see.
 */
import { PassThrough, type Readable } from 'node:stream';
import type { RecordView } from '@tangram/schema';
import type { FormAccess, ListQuery, RecordsRepository } from '@tangram/store';
import ExcelJS from 'exceljs';
import type { ExportCell, ExportColumn } from './export-columns';

export type ExportFormat = 'xlsx' | 'csv';
const PAGE = 500;

export function exportStream(format: ExportFormat, records: RecordsRepository, access: FormAccess, query: ListQuery, columns: readonly ExportColumn[], sheetName: string): Readable {
  const out = new PassThrough();
  const run = format === 'xlsx' ? writeXlsx(out, pages(records, access, query), columns, sheetName) : writeCsv(out, pages(records, access, query), columns);
  run.catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}

async function* pages(records: RecordsRepository, access: FormAccess, query: ListQuery): AsyncGenerator<readonly RecordView[]> {
  let cursor: string | undefined;
  do {
    const page = await records.list(access, { ...query, limit: PAGE, ...(cursor ? { cursor } : {}) });
    yield page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

async function writeXlsx(out: PassThrough, source: AsyncIterable<readonly RecordView[]>, columns: readonly ExportColumn[], sheetName: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31) || 'Sheet1');
  sheet.columns = columns.map((c) => ({ header: c.label, key: c.key, width: Math.min(40, Math.max(10, c.label.length * 2 + 2)) }));
  sheet.getRow(1).font = { bold: true };
  for await (const items of source) {
    for (const record of items) {
      const row = sheet.addRow(columns.map(() => null));
      columns.forEach((column, i) => {
        const cell = row.getCell(i + 1);
        const value = column.cell(record.data[column.key]);
        if (value.kind === 'empty') return;
        cell.value = value.value;
        if (value.kind === 'number' && value.decimals !== undefined) cell.numFmt = value.decimals === 2 ? '#,##0.00' : `#,##0.${'0'.repeat(value.decimals)}`;
        if (value.kind === 'date') cell.numFmt = value.withTime ? 'yyyy-mm-dd hh:mm:ss' : 'yyyy-mm-dd';
      });
      row.commit();
    }
    // Let the response drain before the next page is read: memory stays flat however long the export.
    if (out.writableNeedDrain) await new Promise((resolve) => out.once('drain', resolve));
  }
  sheet.commit();
  await workbook.commit();
}

async function writeCsv(out: PassThrough, source: AsyncIterable<readonly RecordView[]>, columns: readonly ExportColumn[]): Promise<void> {
  out.write(`\uFEFF${columns.map((c) => csvField(c.label)).join(',')}\r\n`);
  for await (const items of source) {
    let chunk = '';
    for (const record of items) chunk += `${columns.map((c) => csvField(csvText(c.cell(record.data[c.key])))).join(',')}\r\n`;
    if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve));
  }
  out.end();
}

function csvText(cell: ExportCell): string {
  switch (cell.kind) {
    case 'empty': return '';
    case 'text': return cell.value;
    case 'number': return cell.decimals !== undefined ? cell.value.toFixed(cell.decimals) : String(cell.value);
    case 'date': return cell.text;
  }
}

/** RFC 4180 quoting; a leading = + - @ is prefixed with ' so a spreadsheet never runs a cell as a formula. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
