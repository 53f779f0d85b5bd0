import type { ReportCell, ReportColumn, ReportResult } from '@tangram/schema';
import { chartColumns } from '@tangram/ui';

type Result = Pick<ReportResult, 'columns' | 'rows'>;

export interface ExportTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly (string | number | null)[])[];
}

/**
 * A chart's data as a sheet: readable headers, dimension values as people read them, numbers as numbers
 * (so a spreadsheet can add them up), exact decimals kept as their digits.
 */
export function exportTable(result: Result, columnLabel: (column: ReportColumn) => string, dimensionLabel: (column: string, value: ReportCell) => string, others: string): ExportTable {
  const header = result.columns.map(columnLabel);
  const measures = new Set(chartColumns(result).measures.map((c) => c.key));
  const rows = result.rows.map((row) =>
    result.columns.map((c) => {
      const value = row[c.key] ?? null;
      if (c.role === 'dimension') return value === null ? others : dimensionLabel(c.key, value);
      if (value === null) return null;
      const n = typeof value === 'number' ? value : Number(value);
      return Number.isFinite(n) && (measures.has(c.key) || c.kind !== 'text') ? n : String(value);
    }),
  );
  return { header, rows };
}

const csvField = (value: string | number | null): string => {
  const text = value === null ? '' : String(value);
  // Quote what would break a row; a leading = + - @ is prefixed so a spreadsheet never runs it as a formula.
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/**
 * RFC 4180 CSV with a byte-order mark, so Excel opens Chinese text correctly.
 * toCsv({header: ['渠道', '数量'], rows: [['门店', 3]]}) -> "\uFEFF渠道,数量\r\n门店,3\r\n"
 */
export function toCsv(table: ExportTable): string {
  return `\uFEFF${[table.header, ...table.rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** The same sheet as .xlsx; exceljs is loaded only when someone asks for a workbook. */
export async function toXlsx(table: ExportTable, sheetName: string): Promise<Blob> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  // Excel refuses sheet names over 31 characters or with []:*?/\ in them.
  const sheet = workbook.addWorksheet(sheetName.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1');
  sheet.addRow([...table.header]).font = { bold: true };
  for (const row of table.rows) sheet.addRow([...row]);
  sheet.columns.forEach((column, i) => {
    column.width = Math.min(40, Math.max(10, ...[table.header[i] ?? '', ...table.rows.map((r) => String(r[i] ?? ''))].map((s) => s.length * 1.6)));
  });
  const buffer = await workbook.xlsx.writeBuffer();
  return new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

/** Hands a file to the browser's downloads. */
export function download(name: string, data: Blob | string): void {
  const url = typeof data === 'string' && data.startsWith('data:') ? data : URL.createObjectURL(typeof data === 'string' ? new Blob([data], { type: 'text/csv;charset=utf-8' }) : data);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  if (!url.startsWith('data:')) setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
