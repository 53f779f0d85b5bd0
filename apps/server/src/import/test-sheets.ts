/**
 * Spreadsheets for tests, made the way people make them (exceljs, as Excel would save them), and the
 * multipart body a browser sends when it uploads one.
 */
import ExcelJS from 'exceljs';

export interface SheetSpec {
  readonly rows: readonly (readonly unknown[])[];
  /** Ranges like "A1:D1" merged as in Excel (the value stays in the first cell). */
  readonly merges?: readonly string[];
  /** 1-based column numbers formatted as dates. */
  readonly dateColumns?: readonly number[];
}

export async function makeXlsx(spec: SheetSpec): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  spec.rows.forEach((row, i) => {
    const excelRow = sheet.getRow(i + 1);
    row.forEach((value, c) => {
      if (value !== null && value !== undefined) excelRow.getCell(c + 1).value = value as ExcelJS.CellValue;
    });
    excelRow.commit();
  });
  for (const column of spec.dateColumns ?? []) sheet.getColumn(column).numFmt = 'yyyy-mm-dd';
  for (const range of spec.merges ?? []) sheet.mergeCells(range);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Reads every row of an .xlsx (the first sheet) as arrays of cell values, column A first. */
export async function readXlsx(bytes: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  workbook.worksheets[0]!.eachRow({ includeEmpty: false }, (row) => {
    rows.push((row.values as unknown[]).slice(1).map((v) => (v === undefined ? null : v)));
  });
  return rows;
}

export function multipart(fileName: string, content: Buffer | string, contentType = 'application/octet-stream'): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----tangram-test-boundary';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, Buffer.isBuffer(content) ? content : Buffer.from(content), tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
